import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { MinutesRepository, NewMinutesVersion, Stored } from '../app/ports';
import type { MinutesContent, MinutesStatus, MinutesVersion } from '../domain/minutes';
import type { PersonRef } from '../domain/person';
import { appendAudit } from './audit-repository';
import { retryOnConflict } from './numbering';
import { personFrom } from './person-columns';
import type { Database, MinutesVersionsTable } from './schema';
import type { Transact } from './transactions';

const by = (id: string | null, aad: string | null, name: string | null): PersonRef | undefined => (id ? personFrom(id, aad, name ?? '') : undefined);

const toVersion = (r: Selectable<MinutesVersionsTable>): MinutesVersion => {
  const sentBy = by(r.sent_by_id, r.sent_by_aad_object_id, r.sent_by_name);
  const approvedBy = by(r.approved_by_id, r.approved_by_aad_object_id, r.approved_by_name);
  const changesBy = by(r.changes_by_id, r.changes_by_aad_object_id, r.changes_by_name);
  return {
    id: r.id,
    tenantId: r.tenant_id,
    meetingId: r.meeting_id,
    version: Number(r.version),
    content: JSON.parse(r.content) as MinutesContent,
    contentHash: r.content_hash,
    status: r.status as MinutesStatus,
    createdBy: personFrom(r.created_by_id, r.created_by_aad_object_id, r.created_by_name),
    createdAt: r.created_at,
    ...(sentBy ? { sentBy } : {}),
    ...(r.sent_at ? { sentAt: r.sent_at } : {}),
    ...(approvedBy ? { approvedBy } : {}),
    ...(r.approved_at ? { approvedAt: r.approved_at } : {}),
    ...(changesBy ? { changesRequestedBy: changesBy } : {}),
    ...(r.changes_at ? { changesRequestedAt: r.changes_at } : {}),
    ...(r.changes_note ? { changesNote: r.changes_note } : {}),
  };
};

/**
 * Minutes versions. Every update names the status it changes from, so an approved version is never
 * changed again, whoever presses what and however often.
 */
export class SqlMinutesRepository implements MinutesRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly transact: Transact,
  ) {}

  private async row(tenantId: string, id: string): Promise<MinutesVersion> {
    const r = await this.db.selectFrom('minutes_versions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();
    return toVersion(r);
  }

  async get(tenantId: string, id: string): Promise<MinutesVersion | undefined> {
    const r = await this.db.selectFrom('minutes_versions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return r ? toVersion(r) : undefined;
  }

  async latest(tenantId: string, meetingId: string): Promise<MinutesVersion | undefined> {
    const r = await this.db
      .selectFrom('minutes_versions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? toVersion(r) : undefined;
  }

  async latestApproved(tenantId: string, meetingId: string): Promise<MinutesVersion | undefined> {
    const r = await this.db
      .selectFrom('minutes_versions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'approved')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? toVersion(r) : undefined;
  }

  snapshot(input: NewMinutesVersion): Promise<Stored<MinutesVersion>> {
    // Two requests at once both see version n and insert n+1: the unique key refuses one, which looks again.
    return retryOnConflict(async () => {
      const latest = await this.latest(input.tenantId, input.meetingId);
      if (latest && latest.contentHash === input.contentHash) return { value: latest, created: false };
      const row: Selectable<MinutesVersionsTable> = {
        id: randomUUID(),
        tenant_id: input.tenantId,
        meeting_id: input.meetingId,
        version: (latest?.version ?? 0) + 1,
        content: JSON.stringify(input.content),
        content_hash: input.contentHash,
        status: 'draft',
        created_by_id: input.createdBy.id,
        created_by_aad_object_id: input.createdBy.aadObjectId ?? null,
        created_by_name: input.createdBy.name,
        created_at: input.createdAt,
        sent_by_id: null,
        sent_by_aad_object_id: null,
        sent_by_name: null,
        sent_at: null,
        approved_by_id: null,
        approved_by_aad_object_id: null,
        approved_by_name: null,
        approved_at: null,
        changes_by_id: null,
        changes_by_aad_object_id: null,
        changes_by_name: null,
        changes_at: null,
        changes_note: null,
      };
      await this.transact(async (trx) => {
        await trx.insertInto('minutes_versions').values(row).execute();
        await appendAudit(trx, {
          tenantId: input.tenantId,
          at: input.createdAt,
          actor: input.createdBy,
          entity: 'minutes',
          entityId: row.id,
          action: 'create',
          meetingId: input.meetingId,
          details: { version: row.version, contentHash: row.content_hash },
        });
      });
      return { value: toVersion(row), created: true };
    });
  }

  /** Moves a version from one of `from` to a new status, auditing the move only when it happened. */
  private async transition(
    tenantId: string,
    id: string,
    from: readonly MinutesStatus[],
    changes: Partial<Selectable<MinutesVersionsTable>>,
    audit: { actor: PersonRef; at: string; action: 'send' | 'approve' | 'requestChanges'; details?: Record<string, unknown> },
  ): Promise<MinutesVersion> {
    await this.transact(async (trx) => {
      const [result] = await trx.updateTable('minutes_versions').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', 'in', [...from]).execute();
      if (Number(result?.numUpdatedRows ?? 0) === 0) return;
      const v = await trx.selectFrom('minutes_versions').select(['meeting_id', 'version', 'content_hash']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();
      await appendAudit(trx, {
        tenantId,
        at: audit.at,
        actor: audit.actor,
        entity: 'minutes',
        entityId: id,
        action: audit.action,
        meetingId: v.meeting_id,
        details: { version: Number(v.version), contentHash: v.content_hash, ...audit.details },
      });
    });
    return this.row(tenantId, id);
  }

  markSent(tenantId: string, id: string, who: PersonRef, at: string): Promise<MinutesVersion> {
    return this.transition(
      tenantId,
      id,
      ['draft', 'changesRequested'],
      { status: 'sent', sent_by_id: who.id, sent_by_aad_object_id: who.aadObjectId ?? null, sent_by_name: who.name, sent_at: at },
      { actor: who, at, action: 'send' },
    );
  }

  approve(tenantId: string, id: string, who: PersonRef, at: string): Promise<MinutesVersion> {
    return this.transition(
      tenantId,
      id,
      ['sent'],
      { status: 'approved', approved_by_id: who.id, approved_by_aad_object_id: who.aadObjectId ?? null, approved_by_name: who.name, approved_at: at },
      { actor: who, at, action: 'approve' },
    );
  }

  requestChanges(tenantId: string, id: string, who: PersonRef, at: string, note: string | undefined): Promise<MinutesVersion> {
    return this.transition(
      tenantId,
      id,
      ['sent'],
      { status: 'changesRequested', changes_by_id: who.id, changes_by_aad_object_id: who.aadObjectId ?? null, changes_by_name: who.name, changes_at: at, changes_note: note ?? null },
      { actor: who, at, action: 'requestChanges', details: { note } },
    );
  }
}
