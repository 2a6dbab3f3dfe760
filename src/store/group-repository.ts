import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { GroupRepository, MemberChanges, NewGroup, NewMember } from '../app/ports';
import type { GroupKind } from '../domain/charter';
import { DomainError } from '../domain/errors';
import { groupNameKey, type Group, type GroupRole, type Member } from '../domain/group';
import { isUniqueViolation } from './database';
import { personFrom } from './person-columns';
import { prepare, type PreparedQuery } from './prepared';
import type { Database, GroupsTable, MembersTable } from './schema';
import type { Transact } from './transactions';

export const toGroup = (r: Selectable<GroupsTable>): Group => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  kind: r.kind as GroupKind,
  conversationId: r.conversation_id,
  ...(r.conversation_reference ? { conversationReference: r.conversation_reference } : {}),
  ...(r.preparation_group_id ? { preparationGroupId: r.preparation_group_id } : {}),
  rules: { noticeDays: Number(r.notice_days), preparationDaysBefore: Number(r.preparation_days_before), meetingsPerYear: Number(r.meetings_per_year) },
  ...(Number(r.decision_numbering) === 0 ? { decisionNumbering: false } : {}),
  createdBy: personFrom(r.created_by_id, r.created_by_aad_object_id, r.created_by_name),
  createdAt: r.created_at,
});

export const toMember = (r: Selectable<MembersTable>): Member => ({
  id: r.id,
  tenantId: r.tenant_id,
  groupId: r.group_id,
  person: { ...personFrom(r.person_id, r.aad_object_id, r.name), ...(r.email ? { email: r.email } : {}) },
  ...(r.organisation ? { organisation: r.organisation } : {}),
  role: r.role as GroupRole,
  from: r.valid_from,
  ...(r.valid_to ? { to: r.valid_to } : {}),
});

const memberRow = (m: NewMember, id: string, at: string): Selectable<MembersTable> => ({
  id,
  tenant_id: m.tenantId,
  group_id: m.groupId,
  person_id: m.person.id,
  aad_object_id: m.person.aadObjectId ?? null,
  name: m.person.name,
  email: m.person.email ?? null,
  organisation: m.organisation ?? null,
  role: m.role,
  valid_from: m.from,
  valid_to: m.to ?? null,
  created_at: at,
});

export class SqlGroupRepository implements GroupRepository {
  /** Asked by every command from a chat (see prepared.ts). */
  private readonly byConversation: PreparedQuery<{ tenantId: string; conversationId: string }, Selectable<GroupsTable>>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly transact: Transact,
  ) {
    this.byConversation = prepare(db, (q, p) => q.selectFrom('groups').selectAll().where('tenant_id', '=', p('tenantId')).where('conversation_id', '=', p('conversationId')));
  }

  async create(g: NewGroup, members: NewMember[]): Promise<Group> {
    const id = randomUUID();
    const row: Selectable<GroupsTable> = {
      id,
      tenant_id: g.tenantId,
      name: g.name,
      name_key: groupNameKey(g.name),
      kind: g.kind,
      conversation_id: g.conversationId,
      conversation_reference: g.conversationReference ?? null,
      preparation_group_id: g.preparationGroupId ?? null,
      notice_days: g.rules.noticeDays,
      preparation_days_before: g.rules.preparationDaysBefore,
      meetings_per_year: g.rules.meetingsPerYear,
      decision_numbering: g.decisionNumbering === false ? 0 : 1,
      created_by_id: g.createdBy.id,
      created_by_aad_object_id: g.createdBy.aadObjectId ?? null,
      created_by_name: g.createdBy.name,
      created_at: g.createdAt,
    };
    try {
      await this.transact(async (trx) => {
        await trx.insertInto('groups').values(row).execute();
        for (const m of members) await trx.insertInto('members').values(memberRow({ ...m, groupId: id }, randomUUID(), g.createdAt)).execute();
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const linked = await this.findByConversation(g.tenantId, g.conversationId);
      if (linked) throw new DomainError('GROUP.ALREADY_LINKED', { name: linked.name });
      throw new DomainError('GROUP.NAME_TAKEN', { name: g.name });
    }
    return toGroup(row);
  }

  async get(tenantId: string, id: string): Promise<Group | undefined> {
    const r = await this.db.selectFrom('groups').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return r ? toGroup(r) : undefined;
  }

  async findByConversation(tenantId: string, conversationId: string): Promise<Group | undefined> {
    const [r] = await this.byConversation.run(this.db, { tenantId, conversationId });
    return r ? toGroup(r) : undefined;
  }

  async findByName(tenantId: string, name: string): Promise<Group | undefined> {
    const r = await this.db.selectFrom('groups').selectAll().where('tenant_id', '=', tenantId).where('name_key', '=', groupNameKey(name)).executeTakeFirst();
    return r ? toGroup(r) : undefined;
  }

  async list(tenantId: string): Promise<Group[]> {
    const rows = await this.db.selectFrom('groups').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
    return rows.map(toGroup);
  }

  async tenantsWithGroup(name: string): Promise<string[]> {
    const rows = await this.db.selectFrom('groups').select('tenant_id').where('name_key', '=', groupNameKey(name)).execute();
    return rows.map((r) => r.tenant_id);
  }

  async setPreparationGroup(tenantId: string, groupId: string, preparationGroupId: string): Promise<void> {
    await this.db.updateTable('groups').set({ preparation_group_id: preparationGroupId }).where('tenant_id', '=', tenantId).where('id', '=', groupId).execute();
  }

  async setDecisionNumbering(tenantId: string, groupId: string, numbered: boolean): Promise<void> {
    await this.db.updateTable('groups').set({ decision_numbering: numbered ? 1 : 0 }).where('tenant_id', '=', tenantId).where('id', '=', groupId).execute();
  }

  async claimImported(tenantId: string, groupId: string, conversationId: string, conversationReference?: string): Promise<Group | undefined> {
    const r = await this.db
      .updateTable('groups')
      .set({ conversation_id: conversationId, conversation_reference: conversationReference ?? null })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', groupId)
      .where('conversation_id', 'like', 'import:%')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0 ? this.get(tenantId, groupId) : undefined;
  }

  async linkAccount(tenantId: string, memberId: string, person: Member['person']): Promise<void> {
    await this.db
      .updateTable('members')
      .set((eb) => ({ person_id: person.id, aad_object_id: person.aadObjectId ?? null, email: person.email ?? eb.ref('email') }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', memberId)
      .where('person_id', 'like', 'import:%')
      .execute();
  }

  async members(tenantId: string, groupId: string): Promise<Member[]> {
    const rows = await this.db
      .selectFrom('members')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('group_id', '=', groupId)
      .orderBy('name')
      .orderBy('valid_from')
      .execute();
    return rows.map(toMember);
  }

  async addMember(m: NewMember): Promise<Member> {
    const row = memberRow(m, randomUUID(), new Date().toISOString());
    await this.db.insertInto('members').values(row).execute();
    return toMember(row);
  }

  async updateMember(tenantId: string, memberId: string, c: MemberChanges): Promise<Member> {
    const set = {
      ...(c.role !== undefined ? { role: c.role } : {}),
      ...(c.organisation !== undefined ? { organisation: c.organisation } : {}),
      ...(c.email !== undefined ? { email: c.email } : {}),
      ...(c.from !== undefined ? { valid_from: c.from } : {}),
      ...(c.to !== undefined ? { valid_to: c.to } : {}),
    };
    if (Object.keys(set).length > 0) await this.db.updateTable('members').set(set).where('tenant_id', '=', tenantId).where('id', '=', memberId).execute();
    const r = await this.db.selectFrom('members').selectAll().where('tenant_id', '=', tenantId).where('id', '=', memberId).executeTakeFirst();
    if (!r) throw new DomainError('MEMBER.NOT_FOUND');
    return toMember(r);
  }
}
