import { DEFAULT_CHARTER_RULES, type GroupKind } from '../domain/charter';
import { DomainError } from '../domain/errors';
import { groupName, isMemberOn, membershipOf, membershipPeriod, organisationName, parseRole, type Group, type Member } from '../domain/group';
import { normaliseName, type PersonRef } from '../domain/person';
import type { AccessPolicy } from './access-policy';
import { BookingLink, type MeetingChatLink } from './booking-link';
import { claimCodeFits, isImportPlaceholder } from './group-claim';
import type { RequestContext } from './context';
import type { MeetingService } from './meeting-service';
import type { Clock, MemberChanges, NewMember, Repositories } from './ports';

/** `claimed`: the group came from imported minutes and this chat took it over (its roster kept, the chat's people joined to it). */
export type SetupResult = { kind: 'created'; group: Group; members: number; risksMoved: number; claimed?: boolean } | MeetingChatLink;

/** One roster line as the CSV import (or a card) gives it: text as typed, validated here. */
export interface MemberRow {
  name?: string;
  email?: string;
  aadObjectId?: string;
  organisation?: string;
  role?: string;
  from?: string;
  to?: string;
}

export interface ImportReport {
  added: number;
  updated: number;
  /** Rows that were not stored, with the domain's reason. */
  problems: Array<{ row: number; error: DomainError }>;
}

/** Groups and their rosters: /setup, the roster card, the CSV import. */
export class GroupService {
  /** A meeting chat's link to the group's booked meeting (booking-link.ts). */
  private readonly booking: BookingLink;

  constructor(
    private readonly repos: Pick<Repositories, 'groups' | 'meetings' | 'risks' | 'agendas' | 'answers' | 'secretaries' | 'adjusters'>,
    private readonly meetings: MeetingService,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {
    this.booking = new BookingLink(repos, meetings, policy, clock);
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /**
   * In a group's own chat: creates the group with this chat's people as its roster and the caller as its
   * organizer. In a meeting chat: the group's booked meeting of that day takes the chat over, or the
   * organizer chooses among its bookings, or — none booked — the meeting is linked to the group.
   * (`BookingLink`).
   * Either way, risks this chat kept before move into the group's register. `conversationReference` (the
   * chat's, serialized) is kept with a new group, so reminders can be posted there later.
   */
  async setup(ctx: RequestContext, input: { name: string | undefined; kind?: GroupKind; conversationReference?: string; claimCode?: string }): Promise<SetupResult> {
    const name = groupName(input.name);
    const scope = await this.meetings.scopeOf(ctx);
    if (scope.group) throw new DomainError('GROUP.ALREADY_LINKED', { name: scope.group.name });
    if (scope.meeting) {
      const group = await this.repos.groups.findByName(ctx.tenantId, name);
      if (!group) throw new DomainError('GROUP.NOT_FOUND', { name });
      return this.booking.link(ctx, scope.meeting, group);
    }
    const from = this.today();
    const people = await ctx.directory.members();
    // The caller as Teams lists them (with e-mail) when the chat's roster has them.
    const me = people.find((p) => sameAccount(p, ctx.caller)) ?? ctx.caller;
    const chatPeople = [me, ...people.filter((p) => !sameAccount(p, ctx.caller))];
    const imported = await this.repos.groups.findByName(ctx.tenantId, name);
    if (imported && isImportPlaceholder(imported.conversationId)) {
      // Anyone in the tenant can make a chat: only the code the import gave out hands the group's history to one.
      if (!(await claimCodeFits(imported.conversationId, input.claimCode))) throw new DomainError('GROUP.CLAIM_CODE', { name: imported.name });
      return this.claimImported(ctx, imported, chatPeople, input.conversationReference);
    }
    const roster: NewMember[] = chatPeople.map((person, i) => ({
      tenantId: ctx.tenantId,
      groupId: '',
      person,
      role: i === 0 ? 'organizer' : 'member',
      from,
    }));
    const group = await this.repos.groups.create(
      {
        tenantId: ctx.tenantId,
        name,
        kind: input.kind ?? 'council',
        conversationId: ctx.conversationId,
        ...(input.conversationReference ? { conversationReference: input.conversationReference } : {}),
        rules: DEFAULT_CHARTER_RULES,
        createdBy: ctx.caller,
        createdAt: this.clock.now().toISOString(),
      },
      roster,
    );
    const risksMoved = await this.repos.risks.moveConversationRisksToGroup(ctx.tenantId, ctx.conversationId, group.id, { actor: ctx.caller, at: this.clock.now().toISOString() });
    return { kind: 'created', group, members: roster.length, risksMoved };
  }

  /**
   * The chat where its set-up code is given takes a group the history import created: the imported roster
   * stays, a member of a chat member's e-mail (or, without e-mail, name) gets their Teams account, the others
   * join as members, and the caller is the organizer when the group has none.
   */
  private async claimImported(ctx: RequestContext, imported: Group, chatPeople: PersonRef[], conversationReference: string | undefined): Promise<SetupResult> {
    const group = await this.repos.groups.claimImported(ctx.tenantId, imported.id, ctx.conversationId, conversationReference);
    if (!group) throw new DomainError('GROUP.NAME_TAKEN', { name: imported.name });
    const from = this.today();
    const current = (await this.repos.groups.members(ctx.tenantId, group.id)).filter((m) => isMemberOn(m, from));
    let organizer = current.some((m) => m.role === 'organizer');
    for (const person of chatPeople) {
      if (current.some((m) => sameAccount(m.person, person))) continue;
      const byName = current.find((m) => m.person.id.startsWith('import:') && sameImportedPerson(m.person, person));
      const makeOrganizer = !organizer && sameAccount(person, ctx.caller);
      if (byName) {
        await this.repos.groups.linkAccount(ctx.tenantId, byName.id, person);
        if (makeOrganizer) await this.repos.groups.updateMember(ctx.tenantId, byName.id, { role: 'organizer' });
      } else {
        await this.repos.groups.addMember({ tenantId: ctx.tenantId, groupId: group.id, person, role: makeOrganizer ? 'organizer' : 'member', from });
      }
      organizer ||= makeOrganizer;
    }
    const members = (await this.repos.groups.members(ctx.tenantId, group.id)).filter((m) => isMemberOn(m, from)).length;
    const risksMoved = await this.repos.risks.moveConversationRisksToGroup(ctx.tenantId, ctx.conversationId, group.id, { actor: ctx.caller, at: this.clock.now().toISOString() });
    return { kind: 'created', group, members, risksMoved, claimed: true };
  }

  /** The organizer's choice on the card `/setup` answered with: one of the group's bookings. */
  chooseBooking(ctx: RequestContext, groupId: string, meetingId: string): Promise<MeetingChatLink> {
    return this.booking.choose(ctx, groupId, meetingId);
  }

  /** The group of this chat and its roster; anyone in the chat may read it. */
  async roster(ctx: RequestContext): Promise<{ group: Group; members: Member[]; mayEdit: boolean }> {
    const group = await this.requireGroup(ctx);
    const members = await this.repos.groups.members(ctx.tenantId, group.id);
    const mine = membershipOf(members, ctx.caller, this.today());
    return { group, members, mayEdit: mine !== undefined && ['chair', 'viceChair', 'organizer'].includes(mine.role) };
  }

  /** A change from the roster card: role, organisation, e-mail and membership period; empty fields keep their value. */
  async updateMember(ctx: RequestContext, memberId: string, row: MemberRow): Promise<Member> {
    const group = await this.requireGroup(ctx);
    await this.policy.assert(ctx, { group }, 'group.manage');
    const current = (await this.repos.groups.members(ctx.tenantId, group.id)).find((m) => m.id === memberId);
    if (!current) throw new DomainError('MEMBER.NOT_FOUND');
    // A field left empty on the card keeps its value.
    const given = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
    const period = membershipPeriod(given(row.from) ?? current.from, given(row.to) ?? current.to);
    const role = given(row.role);
    const organisation = given(row.organisation);
    const email = given(row.email);
    const changes: MemberChanges = {
      ...(role ? { role: parseRole(role) } : {}),
      ...(organisation ? { organisation: organisationName(organisation) ?? null } : {}),
      ...(email ? { email } : {}),
      from: period.from,
      to: period.to ?? null,
    };
    return this.repos.groups.updateMember(ctx.tenantId, memberId, changes);
  }

  /** Adds the chat's people who are not yet in the roster, as members from today. */
  async addNewChatMembers(ctx: RequestContext): Promise<number> {
    const group = await this.requireGroup(ctx);
    await this.policy.assert(ctx, { group }, 'group.manage');
    const roster = await this.repos.groups.members(ctx.tenantId, group.id);
    const today = this.today();
    let added = 0;
    for (const person of await ctx.directory.members()) {
      if (membershipOf(roster, person, today)) continue;
      await this.repos.groups.addMember({ tenantId: ctx.tenantId, groupId: group.id, person, role: 'member', from: today });
      added += 1;
    }
    return added;
  }

  /** The council names its preparation group (which must exist): its meetings are proposed two weeks before. */
  async setPreparationGroup(ctx: RequestContext, name: string | undefined): Promise<{ group: Group; preparation: Group }> {
    const group = await this.requireGroup(ctx);
    await this.policy.assert(ctx, { group }, 'group.manage');
    const wanted = groupName(name);
    const preparation = await this.repos.groups.findByName(ctx.tenantId, wanted);
    if (!preparation || preparation.id === group.id) throw new DomainError('GROUP.PREPARATION_NOT_FOUND', { name: wanted });
    await this.repos.groups.setPreparationGroup(ctx.tenantId, group.id, preparation.id);
    return { group: { ...group, preparationGroupId: preparation.id }, preparation };
  }

  /**
   * `/numbering on|off`: whether the group writes its decisions with § numbers ("Beslut: §3") or without
   * ("Beslut:"), in cards, lists, the tab and the minutes. Numbers are still kept, so it can be switched back.
   * `numbered` undefined only reads the setting, which anyone in the chat may.
   */
  async decisionNumbering(ctx: RequestContext, numbered?: boolean): Promise<{ group: Group; numbered: boolean }> {
    const group = await this.requireGroup(ctx);
    if (numbered === undefined) return { group, numbered: group.decisionNumbering !== false };
    await this.policy.assert(ctx, { group }, 'group.manage');
    await this.repos.groups.setDecisionNumbering(ctx.tenantId, group.id, numbered);
    return { group: { ...group, decisionNumbering: numbered }, numbered };
  }

  /**
   * Imports roster lines (CSV) into a group: a line that matches a member (Entra id, e-mail, then folded
   * name) updates that membership; any other line adds one. Lines with problems are reported, not stored.
   */
  async importMembers(tenantId: string, groupNameText: string, rows: MemberRow[]): Promise<ImportReport> {
    const group = await this.repos.groups.findByName(tenantId, groupNameText);
    if (!group) throw new DomainError('GROUP.NOT_FOUND', { name: groupNameText });
    const report: ImportReport = { added: 0, updated: 0, problems: [] };
    const roster = await this.repos.groups.members(tenantId, group.id);
    for (const [i, row] of rows.entries()) {
      try {
        const name = personName(row.name);
        const period = membershipPeriod(row.from || this.today(), row.to);
        const role = parseRole(row.role || 'member');
        const organisation = organisationName(row.organisation);
        const email = row.email?.trim() || undefined;
        const aad = row.aadObjectId?.trim() || undefined;
        const existing = roster.find(
          (m) =>
            (aad && m.person.aadObjectId?.toLowerCase() === aad.toLowerCase()) ||
            (email && m.person.email?.toLowerCase() === email.toLowerCase()) ||
            normaliseName(m.person.name) === normaliseName(name),
        );
        if (existing) {
          await this.repos.groups.updateMember(tenantId, existing.id, { role, organisation: organisation ?? null, email: email ?? existing.person.email ?? null, from: period.from, to: period.to ?? null });
          report.updated += 1;
        } else {
          const person: PersonRef & { email?: string } = { id: '', name, ...(aad ? { aadObjectId: aad } : {}), ...(email ? { email } : {}) };
          roster.push(await this.repos.groups.addMember({ tenantId, groupId: group.id, person, role, ...(organisation ? { organisation } : {}), ...period }));
          report.added += 1;
        }
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        report.problems.push({ row: i + 1, error: e });
      }
    }
    return report;
  }

  private async requireGroup(ctx: RequestContext): Promise<Group> {
    const { group } = await this.meetings.scopeOf(ctx);
    if (!group) throw new DomainError('GROUP.NOT_SET_UP');
    return group;
  }
}

/** An imported row is the chat member with its e-mail; only a row without an e-mail is matched by name. */
const sameImportedPerson = (row: Member['person'], person: Member['person']): boolean =>
  row.email ? row.email.toLowerCase() === person.email?.toLowerCase() : normaliseName(row.name) === normaliseName(person.name);
const sameAccount = (a: PersonRef, b: PersonRef) => (a.aadObjectId && b.aadObjectId ? a.aadObjectId === b.aadObjectId : a.id === b.id);

function personName(raw: string | undefined): string {
  const name = (raw ?? '').trim();
  if (name === '') throw new DomainError('TEXT.EMPTY', { field: 'name' });
  return name.slice(0, 200);
}
