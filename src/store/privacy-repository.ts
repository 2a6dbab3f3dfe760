/**
 * Personal data in the store: the rows that name a person (export), their pseudonymisation (erasure) and
 * the deletion of raw data after the minutes' approval (retention). Erasure runs its per-table steps and then
 * the catalog-wide sweep (privacy-sweep.ts) in one transaction with its audit event; so does each meeting's
 * deletion. Approved minutes versions and the audit trail are never changed. Export and erasure read and
 * change one tenant's rows only; retention goes over every tenant, one meeting (in its tenant) at a time.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ErasurePlan, ErasureReport, ExportRow, FetchedAttendanceRecord, RecordKey, MinutesRef, PersonQuery, PersonRows, PrivacyRepository, PurgeCounts, PurgeInput, RetentionCandidate } from '../app/ports';
import { PERSON_SECTIONS } from '../app/ports';
import { nameKey } from '../domain/attendance-records';
import type { AuditEvent } from '../domain/audit';
import type { Member } from '../domain/group';
import { pseudonym, type PersonIdentity, type SettledFacts } from '../domain/privacy';
import { toFetchedRecord } from './attendance-repository';
import { appendAudit, toEvent } from './audit-repository';
import type { StoreKind } from './database';
import { toMember } from './group-repository';
import { answerOf, inTenant, naming, SECTION_SOURCES, WHO_COLUMNS } from './privacy-columns';
import { sweep } from './privacy-sweep';
import type { Database } from './schema';
import type { Transact } from './transactions';

/** Thrown to roll a dry run back; carries the report of what would have changed. */
class DryRun extends Error {
  constructor(readonly report: ErasureReport) {
    super('dry run: rolled back');
  }
}

type AnyDb = Kysely<Record<string, Record<string, string | number | null>>>;
const loose = (db: Kysely<Database> | Transaction<Database>) => db as unknown as AnyDb;
const count = (n: bigint | undefined) => Number(n ?? 0);

export class SqlPrivacyRepository implements PrivacyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
    private readonly transact: Transact,
  ) {}

  async tenants(): Promise<string[]> {
    const { rows } = await sql<{ t: string }>`select tenant_id as t from groups union select tenant_id as t from members union select tenant_id as t from meetings`.execute(this.db);
    return [...new Set(rows.map((r) => r.t))].filter((t) => t !== '').sort();
  }

  async findMembers(query: PersonQuery): Promise<Member[]> {
    const email = query.email?.trim().toLowerCase();
    const name = query.name ? nameKey(query.name) : undefined;
    // Names are folded as the roster folds them (case, accents, spacing), which SQL cannot do on both stores.
    const rows = await this.db.selectFrom('members').selectAll().where('tenant_id', '=', query.tenantId).orderBy('valid_from').orderBy('id').execute();
    return rows
      .filter((r) => (query.memberId !== undefined && r.id === query.memberId) || (email !== undefined && email !== '' && r.email?.toLowerCase() === email) || (name !== undefined && name !== '' && nameKey(r.name) === name))
      .map(toMember);
  }

  async rowsOf(tenantId: string, person: PersonIdentity): Promise<PersonRows> {
    const result = {} as PersonRows;
    for (const section of PERSON_SECTIONS) {
      result[section] = [];
      for (const source of SECTION_SOURCES[section]) {
        const conditions = [...source.who.map((w) => naming(tenantId, person, w)), source.about?.(tenantId, person)].filter((c) => c !== undefined);
        const where = conditions.length === 0 ? sql`1 = 0` : inTenant(tenantId, sql`(${sql.join(conditions, sql` or `)})`);
        const { rows } = await sql<ExportRow>`select ${sql.join(source.columns.map((c) => sql.ref(c)))} from ${sql.table(source.table)} where ${where}`.execute(this.db);
        result[section].push(...rows.map((r) => (SECTION_SOURCES[section].length > 1 ? { source: source.table, ...r } : r)));
      }
    }
    return result;
  }

  async recordsByIdentifiers(tenantId: string, person: PersonIdentity): Promise<Array<RecordKey & { record: FetchedAttendanceRecord }>> {
    const emails = person.emails.map((e) => e.toLowerCase());
    const aads = person.aadObjectIds.map((a) => a.toLowerCase());
    if (emails.length === 0 && aads.length === 0) return [];
    const rows = await this.db
      .selectFrom('attendance_records')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([...(emails.length > 0 ? [eb(eb.fn('lower', ['email']), 'in', emails)] : []), ...(aads.length > 0 ? [eb(eb.fn('lower', ['aad_object_id']), 'in', aads)] : [])]))
      .orderBy('meeting_id')
      .orderBy('report_id')
      .orderBy('record_id')
      .execute();
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      meetingId: r.meeting_id,
      reportId: r.report_id,
      recordId: r.record_id,
      record: toFetchedRecord(r),
    }));
  }

  async auditEventsOf(tenantId: string, person: PersonIdentity): Promise<AuditEvent[]> {
    const memberIds = person.members.map((m) => m.id);
    const about = memberIds.map((id) => sql`details like ${`%${id}%`}`);
    const { rows } = await sql<Parameters<typeof toEvent>[0]>`select * from audit_events where ${inTenant(tenantId, sql`(${sql.join([naming(tenantId, person, { id: 'actor_id', aad: 'actor_aad_object_id', name: 'actor_name' }), ...about], sql` or `)})`)} order by at, id`.execute(this.db);
    return rows.map(toEvent);
  }

  async approvedMinutesNaming(tenantId: string, person: PersonIdentity): Promise<MinutesRef[]> {
    const needles = [...person.names, ...person.emails];
    if (needles.length === 0) return [];
    const like = this.kind === 'postgres' ? sql`ilike` : sql`like`;
    const rows = await this.db
      .selectFrom('minutes_versions')
      .select(['tenant_id', 'meeting_id', 'id', 'version', 'approved_at'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'approved')
      .where(sql<boolean>`(${sql.join(needles.map((n) => sql`content ${like} ${`%${n}%`}`), sql` or `)})`)
      .orderBy('approved_at')
      .execute();
    return rows.map((r) => ({ tenantId: r.tenant_id, meetingId: r.meeting_id, versionId: r.id, version: Number(r.version), approvedAt: r.approved_at }));
  }

  async settled(tenantId: string, meetingId: string): Promise<Map<string, SettledFacts>> {
    const rows = await this.db.selectFrom('attendance_settled').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).execute();
    return new Map(rows.map((r) => [r.member_id, { memberId: r.member_id, seconds: Number(r.seconds), checkedIn: Number(r.checked_in) === 1, gaveNotice: Number(r.gave_notice) === 1 }]));
  }

  async erase(plan: ErasurePlan): Promise<ErasureReport> {
    const foreign = [...plan.who.members, ...plan.settled, ...plan.records].find((x) => x.tenantId !== plan.tenantId);
    if (foreign) throw new Error(`erasure in tenant ${plan.tenantId} was given a row of tenant ${foreign.tenantId}`);
    const approvedMinutesKept = await this.approvedMinutesNaming(plan.tenantId, plan.who);
    try {
      return await this.transact(async (trx) => {
        const report = await this.eraseIn(trx, plan, approvedMinutesKept);
        if (plan.dryRun) throw new DryRun(report);
        return report;
      });
    } catch (e) {
      if (e instanceof DryRun) return e.report;
      throw e;
    }
  }

  /** The steps of one erasure, in the caller's transaction. */
  private async eraseIn(trx: Transaction<Database>, plan: ErasurePlan, approvedMinutesKept: MinutesRef[]): Promise<ErasureReport> {
    const db = loose(trx);
    const changed: Record<string, number> = {};
    const add = (key: string, n: number) => {
      if (n > 0) changed[key] = (changed[key] ?? 0) + n;
    };
    // 1. The number: unique by the primary key, so two erasures never share a pseudonym.
    const last = await trx.selectFrom('erasures').select(sql<number>`max(number)`.as('n')).executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    await trx.insertInto('erasures').values({ number, erased_at: plan.at }).execute();
    const name = pseudonym(number);
    const erasedId = `erased:${number}`;
    const { who, tenantId } = plan;

    // 2. The attendance facts, frozen before anything they were derived from changes (existing ones stand).
    for (const s of plan.settled) {
      const r = await trx
        .insertInto('attendance_settled')
        .values({ tenant_id: s.tenantId, meeting_id: s.meetingId, member_id: s.facts.memberId, seconds: s.facts.seconds, checked_in: s.facts.checkedIn ? 1 : 0, gave_notice: s.facts.gaveNotice ? 1 : 0, settled_at: plan.at })
        .onConflict((oc) => oc.columns(['tenant_id', 'meeting_id', 'member_id']).doNothing())
        .executeTakeFirst();
      add('attendance_settled', count(r.numInsertedOrUpdatedRows));
    }

    // 3. Roster rows: the pseudonym, no address, no Entra or Teams id; role, organisation and period stay.
    if (who.members.length > 0) {
      const r = await trx.updateTable('members').set({ name, email: null, aad_object_id: null, person_id: '' }).where('tenant_id', '=', tenantId).where('id', 'in', who.members.map((m) => m.id)).executeTakeFirst();
      add('members', count(r.numUpdatedRows));
    }

    // 4. Raw attendance records matched to the person: pseudonym, no address, no Entra id; seconds and role stay.
    for (const k of plan.records) {
      const r = await trx
        .updateTable('attendance_records')
        .set({ display_name: name, email: null, aad_object_id: null })
        .where('tenant_id', '=', k.tenantId)
        .where('meeting_id', '=', k.meetingId)
        .where('report_id', '=', k.reportId)
        .where('record_id', '=', k.recordId)
        .executeTakeFirst();
      add('attendance_records', count(r.numUpdatedRows));
    }

    // 5. Answers: the free text goes; whether they attend, their mood and the time stay. Keys stay unique per meeting.
    for (const table of ['notice_responses', 'checkin_answers'] as const) {
      const rows = await sql<{ tenant_id: string; meeting_id: string; person_key: string }>`select tenant_id, meeting_id, person_key from ${sql.table(table)} where ${answerOf(tenantId, who)}`.execute(trx);
      let i = 0;
      for (const row of rows.rows) {
        const text = table === 'notice_responses' ? { note: null, substitute: null } : { text: null };
        const r = await db
          .updateTable(table)
          .set({ person_key: `${erasedId}:${++i}`, person_id: erasedId, person_aad_object_id: null, person_name: name, ...text })
          .where('tenant_id', '=', row.tenant_id)
          .where('meeting_id', '=', row.meeting_id)
          .where('person_key', '=', row.person_key)
          .executeTakeFirst();
        add(table, count(r.numUpdatedRows));
      }
    }

    // 6. Everywhere the person recorded, owned or was appointed: the pseudonym (not in approved minutes).
    for (const w of WHO_COLUMNS) {
      const set: Record<string, string | null> = {};
      if (w.id) set[w.id] = erasedId;
      if (w.aad) set[w.aad] = null;
      if (w.name) set[w.name] = name;
      const where = w.keep ? sql<boolean>`${naming(tenantId, who, w)} and not (${w.keep})` : sql<boolean>`${naming(tenantId, who, w)}`;
      const r = await db.updateTable(w.table).set(set).where('tenant_id', '=', tenantId).where(where).executeTakeFirst();
      add(`${w.table}.${w.name ?? w.aad ?? w.id}`, count(r.numUpdatedRows));
    }

    // 7. The sweep: names, addresses and ids left in free text, JSON and tables this list does not know.
    await sweep(trx, this.kind, tenantId, [...who.names.map((find) => ({ find, replace: name })), ...who.emails.map((find) => ({ find, replace: name })), ...[...who.aadObjectIds, ...who.personIds].map((find) => ({ find, replace: erasedId }))], changed);

    const report: ErasureReport = { pseudonym: name, changed, approvedMinutesKept, dryRun: plan.dryRun };
    // 8. The erasure itself, in its tenant: who ran it and under which case, never whom it was about.
    await appendAudit(trx, {
      tenantId,
      at: plan.at,
      actor: plan.actor,
      entity: 'person',
      entityId: erasedId,
      action: 'change',
      details: { kind: 'erasure', pseudonym: name, memberIds: who.members.map((m) => m.id), ...(plan.caseReference ? { case: plan.caseReference } : {}), changed, approvedMinutesKept: approvedMinutesKept.map((v) => v.versionId) },
    });
    return report;
  }

  async dueForRetention(cutoffs: { raw?: string; answers?: string }): Promise<RetentionCandidate[]> {
    if (!cutoffs.raw && !cutoffs.answers) return [];
    const latest = cutoffs.raw && cutoffs.answers ? (cutoffs.raw > cutoffs.answers ? cutoffs.raw : cutoffs.answers) : (cutoffs.raw ?? cutoffs.answers)!;
    // The first approval of each meeting's minutes: a later version does not restart the clock.
    const rows = await this.db
      .selectFrom('minutes_versions as v')
      .leftJoin('retention_purges as p', (j) => j.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.meeting_id', '=', 'v.meeting_id'))
      .select(['v.tenant_id', 'v.meeting_id', sql<string>`min(v.approved_at)`.as('approved_at'), sql<string | null>`max(p.raw_deleted_at)`.as('raw_deleted_at'), sql<string | null>`max(p.answers_deleted_at)`.as('answers_deleted_at')])
      .where('v.status', '=', 'approved')
      .where('v.approved_at', 'is not', null)
      .groupBy(['v.tenant_id', 'v.meeting_id'])
      .having(sql<string>`min(v.approved_at)`, '<=', latest)
      .orderBy('approved_at')
      .execute();
    return rows
      .map((r) => ({
        tenantId: r.tenant_id,
        meetingId: r.meeting_id,
        approvedAt: r.approved_at,
        raw: cutoffs.raw !== undefined && r.approved_at <= cutoffs.raw && !r.raw_deleted_at,
        answers: cutoffs.answers !== undefined && r.approved_at <= cutoffs.answers && !r.answers_deleted_at,
      }))
      .filter((c) => c.raw || c.answers);
  }

  async purge(input: PurgeInput): Promise<PurgeCounts> {
    const { tenantId, meetingId, at } = input;
    return this.transact(async (trx) => {
      // Facts first (existing ones stand: an erasure froze them before pseudonymising).
      for (const f of input.settled) {
        await trx
          .insertInto('attendance_settled')
          .values({ tenant_id: tenantId, meeting_id: meetingId, member_id: f.memberId, seconds: f.seconds, checked_in: f.checkedIn ? 1 : 0, gave_notice: f.gaveNotice ? 1 : 0, settled_at: at })
          .onConflict((oc) => oc.columns(['tenant_id', 'meeting_id', 'member_id']).doNothing())
          .execute();
      }
      const counts: PurgeCounts = { attendanceRecords: 0, checkInAnswers: 0, excuseNotes: 0 };
      if (input.raw) {
        counts.attendanceRecords = count((await trx.deleteFrom('attendance_records').where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).executeTakeFirst()).numDeletedRows);
      }
      if (input.answers) {
        counts.checkInAnswers = count((await trx.deleteFrom('checkin_answers').where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).executeTakeFirst()).numDeletedRows);
        // The excuse stays (it made the member excused); only its note goes.
        // The substitute a member named is free text about another person: it goes with the note.
        counts.excuseNotes = count(
          (
            await trx
              .updateTable('notice_responses')
              .set({ note: null, substitute: null })
              .where('tenant_id', '=', tenantId)
              .where('meeting_id', '=', meetingId)
              .where((eb) => eb.or([eb('note', 'is not', null), eb('substitute', 'is not', null)]))
              .executeTakeFirst()
          ).numUpdatedRows,
        );
      }
      const marks = { ...(input.raw ? { raw_deleted_at: at } : {}), ...(input.answers ? { answers_deleted_at: at } : {}) };
      await trx
        .insertInto('retention_purges')
        .values({ tenant_id: tenantId, meeting_id: meetingId, raw_deleted_at: marks.raw_deleted_at ?? null, answers_deleted_at: marks.answers_deleted_at ?? null })
        .onConflict((oc) => oc.columns(['tenant_id', 'meeting_id']).doUpdateSet(marks))
        .execute();
      await appendAudit(trx, { tenantId, at, actor: input.actor, entity: 'retention', entityId: meetingId, action: 'delete', meetingId, details: { ...counts, raw: input.raw, answers: input.answers, settledMembers: input.settled.length } });
      return counts;
    });
  }

  async audit(event: Omit<AuditEvent, 'id'>): Promise<void> {
    await this.transact((trx) => appendAudit(trx, event));
  }
}
