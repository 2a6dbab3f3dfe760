/** Groups and their rosters (implemented in src/store). */
import type { Group, Member } from '../../domain/group';

export type NewGroup = Omit<Group, 'id'>;
export type NewMember = Omit<Member, 'id'>;

/** What changes on a membership; `null` clears an optional field. */
export interface MemberChanges extends Partial<Pick<Member, 'role' | 'from'>> {
  organisation?: Member['organisation'] | null;
  email?: Member['person']['email'] | null;
  to?: Member['to'] | null;
}

export interface GroupRepository {
  /** Throws GROUP.NAME_TAKEN when the tenant has a group of that name, GROUP.ALREADY_LINKED for the conversation. */
  create(group: NewGroup, members: NewMember[]): Promise<Group>;
  get(tenantId: string, id: string): Promise<Group | undefined>;
  findByConversation(tenantId: string, conversationId: string): Promise<Group | undefined>;
  findByName(tenantId: string, name: string): Promise<Group | undefined>;
  /** The tenant's groups, by name. */
  list(tenantId: string): Promise<Group[]>;
  /** Tenants that have a group of this name (for the CSV import, which runs outside any tenant). */
  tenantsWithGroup(name: string): Promise<string[]>;
  setPreparationGroup(tenantId: string, groupId: string, preparationGroupId: string): Promise<void>;
  /** Whether the group's decisions are written with § numbers (see Group.decisionNumbering). */
  setDecisionNumbering(tenantId: string, groupId: string, numbered: boolean): Promise<void>;
  /**
   * A group the history import created has no chat (`import:<name>`): the first chat to /setup its name takes
   * it. Undefined when the group already has a chat.
   */
  claimImported(tenantId: string, groupId: string, conversationId: string, conversationReference?: string): Promise<Group | undefined>;
  /** An imported member (no Teams account) becomes the person of that name in the chat; a member with an account is left alone. */
  linkAccount(tenantId: string, memberId: string, person: Member['person']): Promise<void>;
  members(tenantId: string, groupId: string): Promise<Member[]>;
  addMember(member: NewMember): Promise<Member>;
  updateMember(tenantId: string, memberId: string, changes: MemberChanges): Promise<Member>;
}
