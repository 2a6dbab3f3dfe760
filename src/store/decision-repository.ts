import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DecisionRepository, NewDecision, Stored } from '../app/ports';
import type { Decision } from '../domain/decision';
import type { PersonRef } from '../domain/person';
import { appendAudit, preparedAppendAudit } from './audit-repository';
import { retryOnConflict } from './numbering';
import { StatementBatch } from './statement-batch';
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

interface DecisionAsk {
  key: string;
  input: NewDecision;
}

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
  /** PostgreSQL: the /decisions that arrive together, written in one statement (recordMany). */
  private readonly together = new StatementBatch<DecisionAsk, Stored<Decision>>(
    (ask) => ask.key,
    (asks) => retryOnConflict(() => this.recordMany(asks)),
  );

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
    if (this.kind === 'postgres') {
      return this.together.load({ key: randomUUID(), input }).then((stored) => {
        if (!stored) throw new Error(`decision for ${input.sourceKey} was not answered`);
        return stored;
      });
    }
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
   * PostgreSQL: the source-key checks, the next §s, the decisions and their audit events of every /decision
   * that arrived together in one statement (StatementBatch), one round trip and one commit for all of them.
   * The §s come from an upsert on each meeting's `decision_numbers` row, raised by the number of new decisions:
   * writers of one meeting queue on that row (taken in the meetings' order; a deadlock elsewhere is retried),
   * and an upsert that waited sees the newest number (a plain `max(number)` would see the statement's
   * snapshot, taken before the wait). `greatest` with the decisions' own highest § covers meetings numbered
   * before the counter existed, or changed without it (a chat taken over). The same activity twice in one
   * batch is stored once, for the first; one stored meanwhile by another instance makes the source key's
   * unique constraint refuse, and retryOnConflict runs the statement again, which then finds it.
   */
  private async recordMany(asks: DecisionAsk[]): Promise<Map<string, Stored<Decision>>> {
    const inputs = asks.map((a) => a.input);
    const column = <T>(f: (input: NewDecision, i: number) => T): T[] => inputs.map(f);
    // The audit event's details as appendAudit writes them ({"number":…,…}), the number filled in by the statement.
    const tail = (d: NewDecision) => JSON.stringify({ ...(d.heading ? { heading: d.heading } : {}), text: d.text, ...(d.agendaItem ? { agendaItem: d.agendaItem } : {}) }).slice(1);
    const ids = column(() => randomUUID());
    const result = await sql<DecisionRow & { created: number; asked: string | number }>`/* prepared:decision-record-many */
      with input as (
        select * from unnest(cast(${ids} as text[]), cast(${column((d) => d.tenantId)} as text[]), cast(${column((d) => d.meetingId)} as text[]),
                             cast(${column((d) => d.text)} as text[]), cast(${column((d) => d.recordedBy.id)} as text[]),
                             cast(${column((d) => d.recordedBy.aadObjectId ?? null)} as text[]), cast(${column((d) => d.recordedBy.name)} as text[]),
                             cast(${column((d) => d.recordedAt)} as text[]), cast(${column((d) => d.sourceKey)} as text[]),
                             cast(${column((d) => d.agendaItem ?? null)} as integer[]), cast(${column((d) => d.heading ?? null)} as text[]),
                             cast(${column(() => randomUUID())} as text[]), cast(${column(tail)} as text[]))
          with ordinality as i(id, tenant_id, meeting_id, text, by_id, by_aad, by_name, at, source_key, agenda_item, heading, audit_id, details_tail, ord)
      ), existing as (
        select d.* from decisions d where (d.tenant_id, d.source_key) in (select tenant_id, source_key from input)
      ), fresh as (
        select distinct on (i.tenant_id, i.source_key) i.* from input i
        where not exists (select 1 from existing e where e.tenant_id = i.tenant_id and e.source_key = i.source_key)
        order by i.tenant_id, i.source_key, i.ord
      ), counts as (
        select tenant_id, meeting_id, count(*)::integer as n from fresh group by tenant_id, meeting_id
      ), numbered as (
        insert into decision_numbers (tenant_id, meeting_id, last)
        select c.tenant_id, c.meeting_id, coalesce((select max(d.number) from decisions d where d.tenant_id = c.tenant_id and d.meeting_id = c.meeting_id), 0) + c.n
        from counts c order by c.tenant_id, c.meeting_id
        on conflict (tenant_id, meeting_id) do update set last = greatest(decision_numbers.last + (
          select c.n from counts c where c.tenant_id = excluded.tenant_id and c.meeting_id = excluded.meeting_id), excluded.last)
        returning tenant_id, meeting_id, last
      ), placed as (
        select f.*, n.last - c.n + row_number() over (partition by f.tenant_id, f.meeting_id order by f.ord) as number
        from fresh f join counts c using (tenant_id, meeting_id) join numbered n using (tenant_id, meeting_id)
      ), inserted as (
        insert into decisions (id, tenant_id, meeting_id, number, text, recorded_by_id, recorded_by_aad_object_id, recorded_by_name,
                               recorded_at, status, retracted_by_id, retracted_by_aad_object_id, retracted_by_name, retracted_at,
                               source_key, agenda_item, heading)
        select id, tenant_id, meeting_id, number, text, by_id, by_aad, by_name, at, 'active', null, null, null, null, source_key, agenda_item, heading
        from placed
        returning *
      ), audited as (
        insert into audit_events (id, tenant_id, at, actor_id, actor_aad_object_id, actor_name, entity, entity_id, action, meeting_id, details)
        select p.audit_id, p.tenant_id, p.at, p.by_id, p.by_aad, p.by_name, 'decision', inserted.id, 'create', p.meeting_id,
               '{"number":' || cast(inserted.number as text) || ',' || p.details_tail
        from placed p join inserted on inserted.id = p.id
      ), answered as (
        select inserted.*, 1 as created from inserted
        union all
        select existing.*, 0 as created from existing
      )
      -- Each ask's row by its place in the batch, matched by source key in the database (not in JavaScript,
      -- which would see text the driver had to re-encode).
      select i.ord as asked, a.* from input i join answered a on a.tenant_id = i.tenant_id and a.source_key = i.source_key
    `.execute(this.db);
    const answers = new Map<string, Stored<Decision>>();
    for (const { asked, created, ...decision } of result.rows) {
      const i = Number(asked) - 1;
      // Of one activity delivered twice in the batch, the first stored it; the other hears it was stored before.
      answers.set(asks[i]!.key, { value: toDecision(decision), created: Number(created) === 1 && decision.id === ids[i] });
    }
    // An ask without a row (there should be none) is answered "not answered" alone, by record().
    return answers;
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
