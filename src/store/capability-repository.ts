import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CapabilityImport, CapabilityRepository, NewAssessments, Stored } from '../app/ports';
import { organisationKey, type Assessment, type Capability, type Importance, type Maturity } from '../domain/capability';
import { isUniqueViolation } from './database';
import { retryOnConflict } from './numbering';
import { personFrom } from './person-columns';
import type { CapabilitiesTable, CapabilityAssessmentsTable, Database } from './schema';
import type { Transact } from './transactions';

const toCapability = (r: Selectable<CapabilitiesTable>): Capability => ({
  id: r.id,
  tenantId: r.tenant_id,
  groupId: r.group_id,
  code: r.code,
  area: r.area,
  name: r.name,
  ...(r.description ? { description: r.description } : {}),
  position: Number(r.position),
});

const toAssessment = (r: Selectable<CapabilityAssessmentsTable>): Assessment => ({
  capabilityId: r.capability_id,
  organisation: r.organisation,
  maturity: Number(r.maturity) as Maturity,
  importance: Number(r.importance) as Importance,
  assessedBy: personFrom(r.assessed_by_id, r.assessed_by_aad_object_id, r.assessed_by_name),
  assessedAt: r.assessed_at,
  via: r.via as Assessment['via'],
});

/** Capability codes are one whatever their case ("1.3a" and "1.3A"). */
const codeKey = (code: string): string => code.trim().toLowerCase();

export class SqlCapabilityRepository implements CapabilityRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly transact: Transact,
  ) {}

  async map(tenantId: string, groupId: string): Promise<{ vision?: string; organisations?: string[]; capabilities: Capability[] }> {
    const [head, rows] = await Promise.all([
      this.db.selectFrom('capability_maps').select(['vision', 'organisations']).where('tenant_id', '=', tenantId).where('group_id', '=', groupId).executeTakeFirst(),
      this.db.selectFrom('capabilities').selectAll().where('tenant_id', '=', tenantId).where('group_id', '=', groupId).orderBy('position').execute(),
    ]);
    return {
      ...(head?.vision ? { vision: head.vision } : {}),
      ...(head?.organisations ? { organisations: JSON.parse(head.organisations) as string[] } : {}),
      capabilities: rows.map(toCapability),
    };
  }

  importCapabilities(input: CapabilityImport): Promise<Stored<{ imported: number; updated: number }>> {
    return retryOnConflict(() =>
      this.transact(async (trx) => {
        const seen = await trx.selectFrom('capability_requests').select('result').where('tenant_id', '=', input.tenantId).where('request_id', '=', input.requestId).executeTakeFirst();
        if (seen) return { value: JSON.parse(seen.result) as { imported: number; updated: number }, created: false };
        const existing = await trx.selectFrom('capabilities').selectAll().where('tenant_id', '=', input.tenantId).where('group_id', '=', input.groupId).execute();
        const byCode = new Map(existing.map((r) => [r.code_key, r]));
        let next = existing.reduce((m, r) => Math.max(m, Number(r.position)), 0);
        let imported = 0;
        let updated = 0;
        for (const c of input.capabilities) {
          const found = byCode.get(codeKey(c.code));
          if (!found) {
            next += 1;
            await trx
              .insertInto('capabilities')
              .values({ id: randomUUID(), tenant_id: input.tenantId, group_id: input.groupId, code: c.code, code_key: codeKey(c.code), area: c.area, name: c.name, description: c.description ?? null, position: next, created_at: input.at, updated_at: input.at })
              .execute();
            imported += 1;
          } else if (found.code !== c.code || found.area !== c.area || found.name !== c.name || (found.description ?? undefined) !== c.description) {
            await trx.updateTable('capabilities').set({ code: c.code, area: c.area, name: c.name, description: c.description ?? null, updated_at: input.at }).where('id', '=', found.id).execute();
            updated += 1;
          }
        }
        if (input.vision !== undefined || input.organisations !== undefined) {
          const head = {
            ...(input.vision !== undefined ? { vision: input.vision } : {}),
            ...(input.organisations !== undefined ? { organisations: JSON.stringify(input.organisations) } : {}),
            updated_at: input.at,
          };
          await trx
            .insertInto('capability_maps')
            .values({ tenant_id: input.tenantId, group_id: input.groupId, vision: null, organisations: null, ...head })
            .onConflict((oc) => oc.columns(['tenant_id', 'group_id']).doUpdateSet(head))
            .execute();
        }
        const result = { imported, updated };
        await trx
          .insertInto('capability_requests')
          .values({ tenant_id: input.tenantId, group_id: input.groupId, request_id: input.requestId, kind: 'import', organisation_key: null, result: JSON.stringify(result), at: input.at })
          .execute();
        return { value: result, created: true };
      }),
    );
  }

  async assessments(tenantId: string, groupId: string): Promise<Assessment[]> {
    const rows = await this.db.selectFrom('capability_assessments').selectAll().where('tenant_id', '=', tenantId).where('group_id', '=', groupId).orderBy('assessed_at').execute();
    return rows.map(toAssessment);
  }

  saveAssessments(input: NewAssessments): Promise<number> {
    const key = organisationKey(input.organisation);
    return retryOnConflict(() =>
      this.transact(async (trx) => {
        const ids = input.answers.map((a) => a.capabilityId);
        if (ids.length === 0) return 0;
        const stored = await trx
          .selectFrom('capability_assessments')
          .select(['capability_id', 'maturity', 'importance'])
          .where('tenant_id', '=', input.tenantId)
          .where('organisation_key', '=', key)
          .where('capability_id', 'in', ids)
          .execute();
        const before = new Map(stored.map((r) => [r.capability_id, r]));
        let changed = 0;
        for (const a of input.answers) {
          const old = before.get(a.capabilityId);
          if (old && Number(old.maturity) === a.maturity && Number(old.importance) === a.importance) continue;
          const values = {
            maturity: a.maturity,
            importance: a.importance,
            organisation: input.organisation,
            assessed_by_id: input.by.id,
            assessed_by_aad_object_id: input.by.aadObjectId ?? null,
            assessed_by_name: input.by.name,
            assessed_at: input.at,
            via: input.via,
          };
          await trx
            .insertInto('capability_assessments')
            .values({ tenant_id: input.tenantId, group_id: input.groupId, capability_id: a.capabilityId, organisation_key: key, ...values })
            .onConflict((oc) => oc.columns(['tenant_id', 'capability_id', 'organisation_key']).doUpdateSet(values))
            .execute();
          changed += 1;
        }
        return changed;
      }),
    );
  }

  async findRequest(tenantId: string, requestId: string): Promise<{ kind: string; groupId: string; result: unknown } | undefined> {
    const row = await this.db.selectFrom('capability_requests').select(['kind', 'group_id', 'result']).where('tenant_id', '=', tenantId).where('request_id', '=', requestId).executeTakeFirst();
    return row ? { kind: row.kind, groupId: row.group_id, result: JSON.parse(row.result) as unknown } : undefined;
  }

  async recordReminder(input: { tenantId: string; groupId: string; requestId: string; organisation: string; result: unknown; at: string }): Promise<void> {
    try {
      await this.db
        .insertInto('capability_requests')
        .values({ tenant_id: input.tenantId, group_id: input.groupId, request_id: input.requestId, kind: 'reminder', organisation_key: organisationKey(input.organisation), result: JSON.stringify(input.result), at: input.at })
        .execute();
    } catch (e) {
      // The same request kept by a concurrent call: the first one stands.
      if (!isUniqueViolation(e)) throw e;
    }
  }

  async remindedAt(tenantId: string, groupId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('capability_requests')
      .select(['organisation_key', (eb) => eb.fn.max('at').as('at')])
      .where('tenant_id', '=', tenantId)
      .where('group_id', '=', groupId)
      .where('kind', '=', 'reminder')
      .groupBy('organisation_key')
      .execute();
    return new Map(rows.flatMap((r) => (r.organisation_key && r.at ? [[r.organisation_key, String(r.at)] as [string, string]] : [])));
  }
}
