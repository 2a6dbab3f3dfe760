import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { NewRisk, NewRiskReview, RiskRepository, Stored } from '../app/ports';
import type { PersonRef } from '../domain/person';
import type { Risk, RiskReview, RiskStatus, Score } from '../domain/risk';
import { appendAudit } from './audit-repository';
import { retryOnConflict } from './numbering';
import { personFrom } from './person-columns';
import type { Database, RiskReviewsTable, RisksTable } from './schema';
import type { StoreKind } from './database';
import type { Transact } from './transactions';

const toRisk = (r: Selectable<RisksTable>): Risk => ({
  id: r.id,
  tenantId: r.tenant_id,
  registerId: r.register_id,
  number: Number(r.number),
  threat: r.threat,
  vulnerability: r.vulnerability ?? undefined,
  consequence: r.consequence ?? undefined,
  probability: Number(r.probability) as Score,
  impact: Number(r.impact) as Score,
  actionNeeded: Number(r.action_needed) === 1,
  action: r.action ?? undefined,
  owner: r.owner ?? undefined,
  status: r.status,
  meetingId: r.meeting_id ?? undefined,
  ...(r.agenda_item === null ? {} : { agendaItem: Number(r.agenda_item) }),
  raisedBy: personFrom(r.raised_by_id, r.raised_by_aad_object_id, r.raised_by_name),
  raisedAt: r.raised_at,
  ...(r.raised_probability !== null && r.raised_impact !== null ? { raised: { probability: Number(r.raised_probability) as Score, impact: Number(r.raised_impact) as Score } } : {}),
});

const toReview = (r: Selectable<RiskReviewsTable>): RiskReview => ({
  id: r.id,
  riskId: r.risk_id,
  ...(r.meeting_id ? { meetingId: r.meeting_id } : {}),
  ...(r.agenda_item === null ? {} : { agendaItem: Number(r.agenda_item) }),
  probability: Number(r.probability) as Score,
  impact: Number(r.impact) as Score,
  status: r.status as RiskStatus,
  ...(r.note ? { note: r.note } : {}),
  reviewedBy: personFrom(r.reviewed_by_id, r.reviewed_by_aad_object_id, r.reviewed_by_name),
  reviewedAt: r.reviewed_at,
});

export class SqlRiskRepository implements RiskRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
    private readonly transact: Transact,
  ) {}

  ensureConversationRegister(tenantId: string, conversationId: string): Promise<string> {
    return retryOnConflict(async () => {
      const found = await this.db
        .selectFrom('risk_registers')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      if (found) return found.id;
      const id = randomUUID();
      await this.db
        .insertInto('risk_registers')
        .values({ id, tenant_id: tenantId, conversation_id: conversationId, group_id: null, created_at: new Date().toISOString() })
        .execute();
      return id;
    });
  }

  raise(input: NewRisk): Promise<Stored<Risk>> {
    return retryOnConflict(() =>
      this.transact(async (trx) => {
        const existing = await trx
          .selectFrom('risks')
          .selectAll()
          .where('tenant_id', '=', input.tenantId)
          .where('source_key', '=', input.sourceKey)
          .executeTakeFirst();
        if (existing) return { value: toRisk(existing), created: false };
        // PostgreSQL: writers of one register queue on its row instead of racing for the next R number.
        if (this.kind === 'postgres') {
          await trx.selectFrom('risk_registers').select('id').where('id', '=', input.registerId).forUpdate().execute();
        }
        const { last } = await trx
          .selectFrom('risks')
          .select((eb) => eb.fn.max('number').as('last'))
          .where('tenant_id', '=', input.tenantId)
          .where('register_id', '=', input.registerId)
          .executeTakeFirstOrThrow();
        const { risk } = input;
        const row: Selectable<RisksTable> = {
          id: randomUUID(),
          tenant_id: input.tenantId,
          register_id: input.registerId,
          number: Number(last ?? 0) + 1,
          threat: risk.threat,
          vulnerability: risk.vulnerability ?? null,
          consequence: risk.consequence ?? null,
          probability: risk.probability,
          impact: risk.impact,
          action_needed: risk.actionNeeded ? 1 : 0,
          action: risk.action ?? null,
          owner: risk.owner ?? null,
          status: 'open',
          meeting_id: input.meetingId ?? null,
          raised_by_id: input.raisedBy.id,
          raised_by_aad_object_id: input.raisedBy.aadObjectId ?? null,
          raised_by_name: input.raisedBy.name,
          raised_at: input.raisedAt,
          source_key: input.sourceKey,
          agenda_item: input.agendaItem ?? null,
          raised_probability: risk.probability,
          raised_impact: risk.impact,
        };
        await trx.insertInto('risks').values(row).execute();
        await appendAudit(trx, {
          tenantId: input.tenantId,
          at: input.raisedAt,
          actor: input.raisedBy,
          entity: 'risk',
          entityId: row.id,
          action: 'create',
          ...(input.meetingId ? { meetingId: input.meetingId } : {}),
          details: { number: row.number, threat: risk.threat, vulnerability: risk.vulnerability, consequence: risk.consequence, probability: risk.probability, impact: risk.impact, actionNeeded: risk.actionNeeded, action: risk.action, owner: risk.owner },
        });
        return { value: toRisk(row), created: true };
      }),
    );
  }

  ensureGroupRegister(tenantId: string, groupId: string): Promise<string> {
    return retryOnConflict(async () => {
      const found = await this.db
        .selectFrom('risk_registers')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('group_id', '=', groupId)
        .orderBy('created_at')
        .executeTakeFirst();
      if (found) return found.id;
      const id = randomUUID();
      await this.db.insertInto('risk_registers').values({ id, tenant_id: tenantId, conversation_id: null, group_id: groupId, created_at: new Date().toISOString() }).execute();
      return id;
    });
  }

  async moveConversationRisksToGroup(tenantId: string, conversationId: string, groupId: string, by: { actor: PersonRef; at: string }): Promise<number> {
    return this.transact(async (trx) => {
      const own = await trx
        .selectFrom('risk_registers')
        .select(['id', 'group_id'])
        .where('tenant_id', '=', tenantId)
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      if (!own || own.group_id === groupId) return 0;
      const groupRegister = await trx
        .selectFrom('risk_registers')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('group_id', '=', groupId)
        .executeTakeFirst();
      const risks = await trx.selectFrom('risks').select(['id', 'number']).where('tenant_id', '=', tenantId).where('register_id', '=', own.id).orderBy('number').execute();
      if (!groupRegister) {
        // The conversation's register becomes the group's, numbers unchanged.
        await trx.updateTable('risk_registers').set({ group_id: groupId, conversation_id: null }).where('tenant_id', '=', tenantId).where('id', '=', own.id).execute();
        return risks.length;
      }
      const { last } = await trx
        .selectFrom('risks')
        .select((eb) => eb.fn.max('number').as('last'))
        .where('tenant_id', '=', tenantId)
        .where('register_id', '=', groupRegister.id)
        .executeTakeFirstOrThrow();
      let next = Number(last ?? 0);
      for (const r of risks) {
        next += 1;
        await trx.updateTable('risks').set({ register_id: groupRegister.id, number: next }).where('tenant_id', '=', tenantId).where('id', '=', r.id).execute();
        // A new number is a new code (R3 → R17): the risk's history says when, why and by whom.
        await appendAudit(trx, { tenantId, at: by.at, actor: by.actor, entity: 'risk', entityId: r.id, action: 'change', details: { from: { number: Number(r.number) }, to: { number: next }, movedToGroup: groupId } });
      }
      await trx.deleteFrom('risk_registers').where('tenant_id', '=', tenantId).where('id', '=', own.id).execute();
      return risks.length;
    });
  }

  async findByNumber(tenantId: string, registerId: string, number: number): Promise<Risk | undefined> {
    const row = await this.db
      .selectFrom('risks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('register_id', '=', registerId)
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? toRisk(row) : undefined;
  }

  review(input: NewRiskReview): Promise<Stored<RiskReview>> {
    return retryOnConflict(() =>
      this.transact(async (trx) => {
        const existing = await trx
          .selectFrom('risk_reviews')
          .selectAll()
          .where('tenant_id', '=', input.tenantId)
          .where('source_key', '=', input.sourceKey)
          .executeTakeFirst();
        if (existing) return { value: toReview(existing), created: false };
        const r = input.review;
        const row: Selectable<RiskReviewsTable> = {
          id: randomUUID(),
          tenant_id: input.tenantId,
          risk_id: input.risk.id,
          meeting_id: r.meetingId ?? null,
          agenda_item: r.agendaItem ?? null,
          probability: r.probability,
          impact: r.impact,
          status: r.status,
          note: r.note ?? null,
          reviewed_by_id: r.reviewedBy.id,
          reviewed_by_aad_object_id: r.reviewedBy.aadObjectId ?? null,
          reviewed_by_name: r.reviewedBy.name,
          reviewed_at: r.reviewedAt,
          source_key: input.sourceKey,
        };
        const before = await trx.selectFrom('risks').select(['probability', 'impact', 'status']).where('tenant_id', '=', input.tenantId).where('id', '=', input.risk.id).executeTakeFirstOrThrow();
        await trx.insertInto('risk_reviews').values(row).execute();
        const audit = { tenantId: input.tenantId, at: r.reviewedAt, actor: r.reviewedBy, ...(r.meetingId ? { meetingId: r.meetingId } : {}) };
        await appendAudit(trx, { ...audit, entity: 'riskReview', entityId: row.id, action: 'create', details: { riskId: input.risk.id, probability: r.probability, impact: r.impact, status: r.status, note: r.note } });
        await appendAudit(trx, {
          ...audit,
          entity: 'risk',
          entityId: input.risk.id,
          action: 'change',
          details: { from: { probability: Number(before.probability), impact: Number(before.impact), status: before.status }, to: { probability: r.probability, impact: r.impact, status: r.status }, reviewId: row.id },
        });
        await trx
          .updateTable('risks')
          .set({ probability: r.probability, impact: r.impact, status: r.status })
          .where('tenant_id', '=', input.tenantId)
          .where('id', '=', input.risk.id)
          .execute();
        return { value: toReview(row), created: true };
      }),
    );
  }

  async reviews(tenantId: string, riskId: string): Promise<RiskReview[]> {
    const rows = await this.db.selectFrom('risk_reviews').selectAll().where('tenant_id', '=', tenantId).where('risk_id', '=', riskId).orderBy('reviewed_at').orderBy('id').execute();
    return rows.map(toReview);
  }

  async lastReviewed(tenantId: string, registerId: string): Promise<Array<{ riskId: string; at: string }>> {
    const rows = await this.db
      .selectFrom('risk_reviews')
      .innerJoin('risks', 'risks.id', 'risk_reviews.risk_id')
      .select(['risk_reviews.risk_id as riskId', (eb) => eb.fn.max('risk_reviews.reviewed_at').as('at')])
      .where('risk_reviews.tenant_id', '=', tenantId)
      .where('risks.tenant_id', '=', tenantId)
      .where('risks.register_id', '=', registerId)
      .groupBy('risk_reviews.risk_id')
      .execute();
    return rows.map((r) => ({ riskId: r.riskId, at: String(r.at) }));
  }

  async list(tenantId: string, registerId: string): Promise<Risk[]> {
    const rows = await this.db
      .selectFrom('risks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('register_id', '=', registerId)
      .orderBy('number')
      .execute();
    return rows.map(toRisk);
  }

  async raisedInMeeting(tenantId: string, meetingId: string): Promise<Risk[]> {
    const rows = await this.db.selectFrom('risks').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('number').execute();
    return rows.map(toRisk);
  }

  async reviewsInMeeting(tenantId: string, meetingId: string): Promise<Array<{ review: RiskReview; risk: Risk }>> {
    const reviews = await this.db.selectFrom('risk_reviews').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('reviewed_at').orderBy('id').execute();
    if (reviews.length === 0) return [];
    const risks = await this.db.selectFrom('risks').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', [...new Set(reviews.map((r) => r.risk_id))]).execute();
    const byId = new Map(risks.map((r) => [r.id, toRisk(r)]));
    return reviews.flatMap((r) => {
      const risk = byId.get(r.risk_id);
      return risk ? [{ review: toReview(r), risk }] : [];
    });
  }
}
