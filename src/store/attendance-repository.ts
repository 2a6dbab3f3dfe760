import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AttendanceRepository, FetchedAttendanceRecord } from '../app/ports';
import type { AttendanceStatus, Correction } from '../domain/attendance';
import { appendAudit } from './audit-repository';
import type { AttendanceRecordsTable, Database } from './schema';
import type { Transact } from './transactions';

/**
 * The attendance reports' records, one row each (keyed by report and record id, so importing the same
 * report again adds nothing), and the secretary's corrections, appended.
 */
export class SqlAttendanceRepository implements AttendanceRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly transact: Transact,
  ) {}

  async saveRecords(tenantId: string, meetingId: string, records: readonly FetchedAttendanceRecord[], at: string): Promise<number> {
    // Counted inside the transaction: it may run again after a rollback (transactions.ts).
    return this.transact(async (trx) => {
      let added = 0;
      // Deleted by retention (privacy-repository.ts): a later import must not bring the raw records back.
      const purged = await trx.selectFrom('retention_purges').select('raw_deleted_at').where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).where('raw_deleted_at', 'is not', null).executeTakeFirst();
      if (purged) return 0;
      for (const r of records) {
        const result = await trx
          .insertInto('attendance_records')
          .values({
            tenant_id: tenantId,
            meeting_id: meetingId,
            report_id: r.reportId,
            record_id: r.recordId,
            aad_object_id: r.aadObjectId ?? null,
            record_tenant_id: r.tenantId ?? null,
            email: r.email ?? null,
            display_name: r.displayName,
            role: r.role,
            seconds: r.seconds,
            imported_at: at,
          })
          .onConflict((oc) => oc.columns(['tenant_id', 'meeting_id', 'report_id', 'record_id']).doNothing())
          .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      return added;
    });
  }

  async records(tenantId: string, meetingId: string): Promise<FetchedAttendanceRecord[]> {
    const rows = await this.db
      .selectFrom('attendance_records')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .orderBy('report_id')
      .orderBy('record_id')
      .execute();
    return rows.map(toFetchedRecord);
  }

  async addCorrection(tenantId: string, meetingId: string, c: Correction & { byId: string }): Promise<void> {
    await this.transact(async (trx) => {
      const id = randomUUID();
      await trx
        .insertInto('attendance_corrections')
        .values({ id, tenant_id: tenantId, meeting_id: meetingId, member_id: c.memberId, status: c.status, by_id: c.byId, by_name: c.byName, at: c.at })
        .execute();
      await appendAudit(trx, { tenantId, at: c.at, actor: { id: c.byId, name: c.byName }, entity: 'attendanceCorrection', entityId: id, action: 'create', meetingId, details: { memberId: c.memberId, status: c.status } });
    });
  }

  async corrections(tenantId: string, meetingId: string): Promise<Correction[]> {
    const rows = await this.db.selectFrom('attendance_corrections').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('at').orderBy('id').execute();
    return rows.map((r) => ({ memberId: r.member_id, status: r.status as AttendanceStatus, byName: r.by_name, at: r.at }));
  }
}

/** A stored attendance record as Graph gave it (also read by the personal-data export). */
export const toFetchedRecord = (r: Selectable<AttendanceRecordsTable>): FetchedAttendanceRecord => ({
  reportId: r.report_id,
  recordId: r.record_id,
  ...(r.aad_object_id ? { aadObjectId: r.aad_object_id } : {}),
  ...(r.record_tenant_id ? { tenantId: r.record_tenant_id } : {}),
  ...(r.email ? { email: r.email } : {}),
  displayName: r.display_name,
  role: r.role as FetchedAttendanceRecord['role'],
  seconds: Number(r.seconds),
});
