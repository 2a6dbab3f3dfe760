import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditRepository } from '../app/ports';
import type { AuditEvent } from '../domain/audit';
import { personFrom } from './person-columns';
import { everyColumn, prepare } from './prepared';
import type { AuditEventsTable, Database } from './schema';

export type NewAuditEvent = Omit<AuditEvent, 'id'>;

type AuditRow = Selectable<AuditEventsTable>;

function auditRow(e: NewAuditEvent): AuditRow {
  return {
    id: randomUUID(),
    tenant_id: e.tenantId,
    at: e.at,
    actor_id: e.actor.id,
    actor_aad_object_id: e.actor.aadObjectId ?? null,
    actor_name: e.actor.name,
    entity: e.entity,
    entity_id: e.entityId,
    action: e.action,
    meeting_id: e.meetingId ?? null,
    details: JSON.stringify(e.details),
  };
}

/** Appends an event; called by the repositories inside the transaction of the change it records. */
export async function appendAudit(db: Kysely<Database> | Transaction<Database>, e: NewAuditEvent): Promise<void> {
  await db.insertInto('audit_events').values(auditRow(e)).execute();
}

const AUDIT_COLUMNS: Record<keyof AuditRow, null> = {
  id: null,
  tenant_id: null,
  at: null,
  actor_id: null,
  actor_aad_object_id: null,
  actor_name: null,
  entity: null,
  entity_id: null,
  action: null,
  meeting_id: null,
  details: null,
};

/** `appendAudit` for a repository's busiest path: the insert compiled once, for the store `root` (see prepared.ts). */
export function preparedAppendAudit(root: Kysely<Database>): (trx: Kysely<Database>, e: NewAuditEvent) => Promise<void> {
  const insert = prepare<AuditRow, unknown>(root, (q, p) => q.insertInto('audit_events').values(everyColumn<AuditRow>(AUDIT_COLUMNS, p)));
  return async (trx, e) => {
    await insert.run(trx, auditRow(e));
  };
}

export const toEvent = (r: Selectable<AuditEventsTable>): AuditEvent => ({
  id: r.id,
  tenantId: r.tenant_id,
  at: r.at,
  actor: personFrom(r.actor_id, r.actor_aad_object_id, r.actor_name),
  entity: r.entity as AuditEvent['entity'],
  entityId: r.entity_id,
  action: r.action as AuditEvent['action'],
  ...(r.meeting_id ? { meetingId: r.meeting_id } : {}),
  details: JSON.parse(r.details) as Record<string, unknown>,
});

export class SqlAuditRepository implements AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async history(tenantId: string, entity: AuditEvent['entity'], entityIds: readonly string[]): Promise<AuditEvent[]> {
    if (entityIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('entity', '=', entity)
      .where('entity_id', 'in', [...entityIds])
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map(toEvent);
  }
}
