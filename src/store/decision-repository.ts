import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DecisionRepository, NewDecision, Stored } from '../app/ports';
import type { Decision } from '../domain/decision';
import type { PersonRef } from '../domain/person';
import { appendAudit, preparedAppendAudit } from './audit-repository';
import { retryOnConflict } from './numbering';
import { personFrom } from './person-columns';
import { everyColumn, prepare, type PreparedQuery } from './prepared';
import type { Database, DecisionsTable } from './schema';
import type { StoreKind } from './database';
import type { Transact } from './transactions';

const toDecision = (r: Selectable<DecisionsTable>): Decision => ({
  id: r.id,
  tenantId: r.tenant_id,
  meetingId: r.meeting_id,
  number: Number(r.number),
  ...(r.heading ? { heading: r.heading } : {}),
  text: r.text,
  recordedBy: personFrom(r.recorded_by_id, r.recorded_by_aad_object_id, r.recorded_by_name),
  recordedAt: r.recorded_at,
  ...(r.agenda_item === null ? {} : { agendaItem: Number(r.agenda_item) }),
  status: r.status,
  ...(r.retracted_by_id ? { retractedBy: personFrom(r.retracted_by_id, r.retracted_by_aad_object_id, r.retracted_by_name ?? '') } : {}),
  ...(r.retracted_at ? { retractedAt: r.retracted_at } : {}),
});

type DecisionRow = Selectable<DecisionsTable>;

/** Every column of a decision, for the prepared insert (each gets a parameter). */
const DECISION_COLUMNS: Record<keyof DecisionRow, null> = {
  id: null,
  tenant_id: null,
  meeting_id: null,
  number: null,
  text: null,
  recorded_by_id: null,
  recorded_by_aad_object_id: null,
  recorded_by_name: null,
  recorded_at: null,
  status: null,
  retracted_by_id: null,
  retracted_by_aad_object_id: null,
  retracted_by_name: null,
  retracted_at: null,
  source_key: null,
  agenda_item: null,
  heading: null,
};

export class SqlDecisionRepository implements DecisionRepository {
  // Every /decision runs these (see prepared.ts).
  private readonly bySourceKey: PreparedQuery<{ tenantId: string; sourceKey: string }, DecisionRow>;
  private readonly lastNumber: PreparedQuery<{ tenantId: string; meetingId: string }, { last: number | null }>;
  private readonly insert: PreparedQuery<DecisionRow, unknown>;
  private readonly audit: ReturnType<typeof preparedAppendAudit>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
    private readonly transact: Transact,
  ) {
    this.bySourceKey = prepare(db, (q, p) => q.selectFrom('decisions').selectAll().where('tenant_id', '=', p('tenantId')).where('source_key', '=', p('sourceKey')));
    this.lastNumber = prepare(db, (q, p) =>
      q
        .selectFrom('decisions')
        .select((eb) => eb.fn.max('number').as('last'))
        .where('tenant_id', '=', p('tenantId'))
        .where('meeting_id', '=', p('meetingId')),
    );
    this.insert = prepare<DecisionRow, unknown>(db, (q, p) => q.insertInto('decisions').values(everyColumn<DecisionRow>(DECISION_COLUMNS, p)));
    this.audit = preparedAppendAudit(db);
  }

  record(input: NewDecision): Promise<Stored<Decision>> {
    if (this.kind === 'postgres') return retryOnConflict(() => this.recordInOneStatement(input));
    return retryOnConflict(() =>
      this.transact(async (trx) => {
        const [existing] = await this.bySourceKey.run(trx, { tenantId: input.tenantId, sourceKey: input.sourceKey });
        if (existing) return { value: toDecision(existing), created: false };
        const [{ last } = { last: null }] = await this.lastNumber.run(trx, { tenantId: input.tenantId, meetingId: input.meetingId });
        const row: Selectable<DecisionsTable> = {
          id: randomUUID(),
          tenant_id: input.tenantId,
          meeting_id: input.meetingId,
          number: Number(last ?? 0) + 1,
          text: input.text,
          recorded_by_id: input.recordedBy.id,
          recorded_by_aad_object_id: input.recordedBy.aadObjectId ?? null,
          recorded_by_name: input.recordedBy.name,
          recorded_at: input.recordedAt,
          status: 'active',
          retracted_by_id: null,
          retracted_by_aad_object_id: null,
          retracted_by_name: null,
          retracted_at: null,
          source_key: input.sourceKey,
          agenda_item: input.agendaItem ?? null,
          heading: input.heading ?? null,
        };
        await this.insert.run(trx, row);
        await this.audit(trx, {
          tenantId: input.tenantId,
          at: input.recordedAt,
          actor: input.recordedBy,
          entity: 'decision',
          entityId: row.id,
          action: 'create',
          meetingId: input.meetingId,
          details: { number: row.number, ...(input.heading ? { heading: input.heading } : {}), text: row.text, ...(input.agendaItem ? { agendaItem: input.agendaItem } : {}) },
        });
        return { value: toDecision(row), created: true };
      }),
    );
  }

  /**
   * PostgreSQL: the source-key check, the next §, the decision and its audit event in one statement, one round
   * trip instead of seven. The § comes from an upsert on the meeting's `decision_numbers` row: writers of one
   * meeting queue on that row, and an upsert that waited sees the newest number (a plain `max(number)` would
   * see the statement's snapshot, taken before the wait). `greatest` with the decisions' own highest § covers
   * meetings numbered before the counter existed, or changed without it (a chat taken over).
   * The same activity stored meanwhile by another instance: the source key's unique constraint refuses, and
   * retryOnConflict runs the statement again, which then returns the stored decision.
   */
  private async recordInOneStatement(input: NewDecision): Promise<Stored<Decision>> {
    const id = randomUUID();
    const details = { ...(input.heading ? { heading: input.heading } : {}), text: input.text, ...(input.agendaItem ? { agendaItem: input.agendaItem } : {}) };
    // The audit event's details as appendAudit writes them ({"number":…,…}), the number filled in by the statement.
    const detailsTail = JSON.stringify(details).slice(1);
    const by = input.recordedBy;
    const result = await sql<DecisionRow & { created: number }>`/* prepared:decision-record */
      with existing as (
        select * from decisions where tenant_id = ${input.tenantId} and source_key = ${input.sourceKey}
      ), numbered as (
        insert into decision_numbers (tenant_id, meeting_id, last)
        select ${input.tenantId}, ${input.meetingId}, coalesce(max(number), 0) + 1 from decisions
        where tenant_id = ${input.tenantId} and meeting_id = ${input.meetingId}
        having not exists (select 1 from existing)
        on conflict (tenant_id, meeting_id) do update set last = greatest(decision_numbers.last + 1, excluded.last)
        returning last
      ), inserted as (
        insert into decisions (id, tenant_id, meeting_id, number, text, recorded_by_id, recorded_by_aad_object_id, recorded_by_name,
                               recorded_at, status, retracted_by_id, retracted_by_aad_object_id, retracted_by_name, retracted_at,
                               source_key, agenda_item, heading)
        select ${id}, ${input.tenantId}, ${input.meetingId}, numbered.last, ${input.text}, ${by.id}, cast(${by.aadObjectId ?? null} as text), ${by.name},
               ${input.recordedAt}, 'active', null, null, null, null,
               ${input.sourceKey}, cast(${input.agendaItem ?? null} as integer), cast(${input.heading ?? null} as text)
        from numbered
        returning *
      ), audited as (
        insert into audit_events (id, tenant_id, at, actor_id, actor_aad_object_id, actor_name, entity, entity_id, action, meeting_id, details)
        select ${randomUUID()}, ${input.tenantId}, ${input.recordedAt}, ${by.id}, cast(${by.aadObjectId ?? null} as text), ${by.name},
               'decision', inserted.id, 'create', ${input.meetingId}, '{"number":' || cast(inserted.number as text) || ',' || cast(${detailsTail} as text)
        from inserted
      )
      select inserted.*, 1 as created from inserted
      union all
      select existing.*, 0 as created from existing
    `.execute(this.db);
    const [row] = result.rows;
    if (!row) throw new Error(`decision for ${input.sourceKey} was neither stored nor found`);
    const { created, ...decision } = row;
    return { value: toDecision(decision), created: Number(created) === 1 };
  }

  async get(tenantId: string, id: string): Promise<Decision | undefined> {
    const row = await this.db.selectFrom('decisions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return row ? toDecision(row) : undefined;
  }

  async listForMeeting(tenantId: string, meetingId: string): Promise<Decision[]> {
    const rows = await this.db
      .selectFrom('decisions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .orderBy('number')
      .execute();
    return rows.map(toDecision);
  }

  async listForGroup(tenantId: string, groupId: string): Promise<Decision[]> {
    const rows = await this.db
      .selectFrom('decisions')
      .innerJoin('meetings', 'meetings.id', 'decisions.meeting_id')
      .selectAll('decisions')
      .where('decisions.tenant_id', '=', tenantId)
      .where('meetings.tenant_id', '=', tenantId)
      .where('meetings.group_id', '=', groupId)
      .orderBy('meetings.starts_at', 'desc')
      .orderBy('decisions.meeting_id')
      .orderBy('decisions.number')
      .execute();
    return rows.map(toDecision);
  }

  async retract(tenantId: string, id: string, by: PersonRef, at: string): Promise<Decision> {
    // Only an active decision changes, so the first retraction's who and when are kept (and audited once).
    await this.transact(async (trx) => {
      const [result] = await trx
        .updateTable('decisions')
        .set({ status: 'retracted', retracted_by_id: by.id, retracted_by_aad_object_id: by.aadObjectId ?? null, retracted_by_name: by.name, retracted_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('status', '=', 'active')
        .execute();
      if (Number(result?.numUpdatedRows ?? 0) === 0) return;
      const d = await trx.selectFrom('decisions').select(['number', 'meeting_id']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();
      await appendAudit(trx, { tenantId, at, actor: by, entity: 'decision', entityId: id, action: 'retract', meetingId: d.meeting_id, details: { number: Number(d.number) } });
    });
    const after = await this.get(tenantId, id);
    if (!after) throw new Error(`decision ${id} vanished while being retracted`);
    return after;
  }
}
