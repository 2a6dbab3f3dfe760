/**
 * The capability map (issue 5): the map a group reads (heat map, response tracker, summary figures), the
 * import of its capabilities, the assessments each organisation's representative gives (card, personal
 * link, tab) and the reminder that sends a representative a card. One use case per action, whatever the
 * entry point. The import itself (CSV or JSON, checked in full) is in capability-import.ts.
 */
import {
  inMapOrder,
  organisationKey,
  responseCounts,
  summarise,
  validateAssessments,
  type Assessment,
  type AssessmentInput,
  type Capability,
  type Importance,
  type Maturity,
} from '../domain/capability';
import { DomainError } from '../domain/errors';
import { isMemberOn, membershipOf, type Group, type GroupRole, type Member } from '../domain/group';
import type { PersonRef } from '../domain/person';
import { permits } from './access-policy';
import { importCapabilities, type CapabilityImportContent } from './capability-import';
import type { RequestContext } from './context';
import type { MeetingService } from './meeting-service';
import type { Clock, CsvReader, Notifier, Repositories, Stored } from './ports';

export type { CapabilityImportContent } from './capability-import';

/** Roles that speak for their organisation on the map; the organizer (process leader) and co-opted members do not. */
const REPRESENTING: ReadonlySet<GroupRole> = new Set(['chair', 'viceChair', 'member']);

/** The map as the tab reads it (the contract's CapabilityMapView). */
export interface CapabilityMapData {
  group: { id: string; name: string };
  canEdit: boolean;
  vision?: string;
  capabilities: Array<{ id: string; code: string; name: string; area: string; description?: string }>;
  organisations: string[];
  assessments: Array<{ capabilityId: string; organisation: string; maturity: Maturity; importance: number; assessedBy: string; assessedAt: string }>;
  responses: Array<{ organisation: string; representative?: string; answered: number; total: number; lastAnsweredAt?: string; remindedAt?: string }>;
  summary: ReturnType<typeof summarise>;
}

/** What an assessment form (card or page) shows: one organisation's answers so far. */
export interface AssessmentForm {
  group: Group;
  vision?: string;
  organisation: string;
  /** In the map's reading order. */
  capabilities: Capability[];
  answers: Map<string, { maturity: Maturity; importance: Importance }>;
  answered: number;
  total: number;
}

/** Answers for an organisation (by default the caller's own). */
export interface AssessInput {
  organisation?: string;
  answers: readonly AssessmentInput[];
  via: Assessment['via'];
  /** The tab's editors (an appointed secretary too) may answer for any organisation of the map. */
  mayAssessAny?: boolean;
}

export interface ReminderResult {
  organisation: string;
  /** Representatives who were sent the card, or (outside Teams' reach) their personal link by e-mail. */
  sentTo: string[];
  /** Representatives Teams gave no way to reach (no Teams account known, or the post was refused). */
  unreachable: string[];
  remindedAt: string;
}

export interface CapabilityServiceOptions {
  /** Posts the reminder card to a representative; without it (no bot) every representative is unreachable. */
  notifier?: Pick<Notifier, 'postToMember'>;
  onError?: (e: unknown, what: string) => void;
  /** Reads CSV imports; without it a CSV import is refused as unreadable. */
  readCsv?: CsvReader;
  /**
   * Mails a representative Teams cannot reach (another tenant, or no Teams account) their personal
   * assessment link; resolves false when it cannot be mailed (no Graph, no address).
   */
  mailLink?: (group: Group, member: Member, about: { organisation: string; answered: number; total: number; vision?: string }) => Promise<boolean>;
}

export class CapabilityService {
  constructor(
    private readonly repos: Pick<Repositories, 'capabilities' | 'groups'>,
    private readonly meetings: MeetingService,
    private readonly clock: Clock,
    private readonly options: CapabilityServiceOptions = {},
  ) {}

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /** The map with every organisation's answers, the response tracker and the summary figures. */
  async mapView(group: Group, canEdit: boolean): Promise<CapabilityMapData> {
    const [{ vision, organisations: participants, capabilities: stored }, assessments, members, reminded] = await Promise.all([
      this.repos.capabilities.map(group.tenantId, group.id),
      this.repos.capabilities.assessments(group.tenantId, group.id),
      this.repos.groups.members(group.tenantId, group.id),
      this.repos.capabilities.remindedAt(group.tenantId, group.id),
    ]);
    const capabilities = inMapOrder(stored);
    const organisations = this.organisations({ members, assessments, participants });
    const representatives = (org: string) => this.representatives(members, org).map((m) => m.person.name);
    const responses = responseCounts(capabilities, organisations, assessments).map((r) => {
      const names = representatives(r.organisation);
      const at = reminded.get(organisationKey(r.organisation));
      return { ...r, ...(names.length > 0 ? { representative: names.join(', ') } : {}), ...(at ? { remindedAt: at } : {}) };
    });
    const known = new Set(capabilities.map((c) => c.id));
    return {
      group: { id: group.id, name: group.name },
      canEdit,
      ...(vision ? { vision } : {}),
      capabilities: capabilities.map((c) => ({ id: c.id, code: c.code, name: c.name, area: c.area, ...(c.description ? { description: c.description } : {}) })),
      organisations,
      assessments: assessments
        .filter((a) => known.has(a.capabilityId))
        .map((a) => ({ capabilityId: a.capabilityId, organisation: a.organisation, maturity: a.maturity, importance: a.importance, assessedBy: a.assessedBy.name, assessedAt: a.assessedAt })),
      responses,
      summary: summarise(capabilities, organisations, assessments),
    };
  }

  /**
   * Imports capabilities (editors only: the caller checks): new codes are added, known codes updated, the
   * rest kept. A refused file stores nothing; the same request id twice stores once.
   */
  async importCapabilities(group: Group, requestId: string, content: CapabilityImportContent, vision?: string): Promise<Stored<{ imported: number; updated: number }>> {
    return importCapabilities({ repos: this.repos, clock: this.clock, readCsv: this.options.readCsv }, group, requestId, content, vision);
  }

  /**
   * The group an assessment is about: the one named (a card in a one-to-one chat carries it), which the
   * caller must belong to, else the group of this chat.
   */
  async groupFor(ctx: RequestContext, groupId?: string): Promise<Group> {
    if (groupId) {
      const group = await this.repos.groups.get(ctx.tenantId, groupId);
      if (!group) throw new DomainError('GROUP.NOT_FOUND', { name: groupId.slice(0, 40) });
      return group;
    }
    const { group } = await this.meetings.scopeOf(ctx);
    if (!group) throw new DomainError('GROUP.NOT_SET_UP');
    return group;
  }

  /** The caller's form: their own organisation, or (chair, vice chair, organizer) the one they name. */
  async formFor(tenantId: string, group: Group, caller: PersonRef, organisation?: string): Promise<AssessmentForm> {
    const members = await this.repos.groups.members(tenantId, group.id);
    const { vision, organisations: participants, capabilities } = await this.repos.capabilities.map(tenantId, group.id);
    if (capabilities.length === 0) throw new DomainError('CAPABILITY.NONE');
    const assessments = await this.repos.capabilities.assessments(tenantId, group.id);
    const org = this.organisationFor({ members, assessments, participants }, caller, organisation);
    return this.form(group, vision, capabilities, assessments, org);
  }

  /**
   * Stores answers for an organisation: a representative answers for their own, the chair, vice chair and
   * organizer for any organisation of the map. Validated in full before anything is stored; a newer answer
   * replaces the organisation's earlier one for that capability, an identical one changes nothing.
   */
  async assess(tenantId: string, group: Group, caller: PersonRef, input: AssessInput): Promise<{ changed: number; form: AssessmentForm }> {
    const members = await this.repos.groups.members(tenantId, group.id);
    const { vision, organisations: participants, capabilities } = await this.repos.capabilities.map(tenantId, group.id);
    if (capabilities.length === 0) throw new DomainError('CAPABILITY.NONE');
    const before = await this.repos.capabilities.assessments(tenantId, group.id);
    const organisation = this.organisationFor({ members, assessments: before, participants }, caller, input.organisation, input.mayAssessAny === true);
    return this.store(group, vision, capabilities, organisation, caller, input.answers, input.via);
  }

  /** The answers of a personal link: for the member the link names and their organisation, nobody else's. */
  async assessAsMember(group: Group, member: Member, answers: readonly AssessmentInput[]): Promise<{ changed: number; form: AssessmentForm }> {
    if (!member.organisation) throw new DomainError('ASSESSMENT.NO_ORGANISATION');
    const { vision, capabilities } = await this.repos.capabilities.map(group.tenantId, group.id);
    if (capabilities.length === 0) throw new DomainError('CAPABILITY.NONE');
    return this.store(group, vision, capabilities, member.organisation, answeringPerson(member), answers, 'link');
  }

  /** The form of the member a personal link names. */
  async formForMember(group: Group, member: Member): Promise<AssessmentForm> {
    if (!member.organisation) throw new DomainError('ASSESSMENT.NO_ORGANISATION');
    const { vision, capabilities } = await this.repos.capabilities.map(group.tenantId, group.id);
    const assessments = await this.repos.capabilities.assessments(group.tenantId, group.id);
    return this.form(group, vision, capabilities, assessments, member.organisation);
  }

  /** The current representatives of organisations on the map, with the organisation they speak for. */
  async representativesOf(group: Group): Promise<Member[]> {
    const members = await this.repos.groups.members(group.tenantId, group.id);
    const today = this.today();
    return members.filter((m) => isMemberOn(m, today) && REPRESENTING.has(m.role) && m.organisation);
  }

  /**
   * Sends each current representative of the organisation a card asking for the assessment (editors only:
   * the caller checks). The same request id twice sends once and answers as the first time.
   */
  async remind(group: Group, requestId: string, organisationName: string): Promise<ReminderResult> {
    const seen = await this.repos.capabilities.findRequest(group.tenantId, requestId);
    if (seen && seen.kind === 'reminder' && seen.groupId === group.id) return seen.result as ReminderResult;
    const members = await this.repos.groups.members(group.tenantId, group.id);
    const assessments = await this.repos.capabilities.assessments(group.tenantId, group.id);
    const { vision, organisations: participants, capabilities } = await this.repos.capabilities.map(group.tenantId, group.id);
    const organisation = this.knownOrganisation({ members, assessments, participants }, organisationName);
    const representatives = this.representatives(members, organisation);
    if (representatives.length === 0) throw new DomainError('REMINDER.NO_REPRESENTATIVE', { organisation });
    if (capabilities.length === 0) throw new DomainError('CAPABILITY.NONE');
    const answered = responseCounts(capabilities, [organisation], assessments)[0]!.answered;
    const result: ReminderResult = { organisation, sentTo: [], unreachable: [], remindedAt: this.clock.now().toISOString() };
    const about = { organisation, answered, total: capabilities.length, ...(vision ? { vision } : {}) };
    for (const member of representatives) {
      if (await this.sendCard(group, member, about)) result.sentTo.push(member.person.name);
      else if (await this.mailLink(group, member, about)) result.sentTo.push(member.person.name);
      else result.unreachable.push(member.person.name);
    }
    await this.repos.capabilities.recordReminder({ tenantId: group.tenantId, groupId: group.id, requestId, organisation, result, at: result.remindedAt });
    return result;
  }

  // ---- helpers -------------------------------------------------------------------------------------

  /** The reminder card in a one-to-one chat, for a member Teams knows; false when it cannot go (it is logged). */
  private async sendCard(group: Group, member: Member, about: { organisation: string; answered: number; total: number; vision?: string }): Promise<boolean> {
    const notifier = this.options.notifier;
    if (!notifier || !group.conversationReference || !hasTeamsAccount(member)) return false;
    try {
      await notifier.postToMember(group, member, { kind: 'assessmentReminder', groupId: group.id, groupName: group.name, ...about });
      return true;
    } catch (e) {
      // A member in another tenant: Teams refuses the one-to-one chat. The link by e-mail is next.
      this.options.onError?.(e, `sending the assessment reminder card to member ${member.id}`);
      return false;
    }
  }

  private async mailLink(group: Group, member: Member, about: { organisation: string; answered: number; total: number; vision?: string }): Promise<boolean> {
    if (!this.options.mailLink) return false;
    try {
      return await this.options.mailLink(group, member, about);
    } catch (e) {
      this.options.onError?.(e, `mailing the assessment link to member ${member.id}`);
      return false;
    }
  }

  private async store(group: Group, vision: string | undefined, capabilities: Capability[], organisation: string, by: PersonRef, answers: readonly AssessmentInput[], via: Assessment['via']): Promise<{ changed: number; form: AssessmentForm }> {
    const valid = validateAssessments(capabilities, answers);
    const changed = await this.repos.capabilities.saveAssessments({
      tenantId: group.tenantId,
      groupId: group.id,
      organisation,
      answers: valid.map((v) => ({ capabilityId: v.capability.id, maturity: v.maturity, importance: v.importance })),
      by,
      at: this.clock.now().toISOString(),
      via,
    });
    const after = await this.repos.capabilities.assessments(group.tenantId, group.id);
    return { changed, form: this.form(group, vision, capabilities, after, organisation) };
  }

  private form(group: Group, vision: string | undefined, capabilities: Capability[], assessments: readonly Assessment[], organisation: string): AssessmentForm {
    const key = organisationKey(organisation);
    const known = new Set(capabilities.map((c) => c.id));
    const answers = new Map(
      assessments.filter((a) => known.has(a.capabilityId) && organisationKey(a.organisation) === key).map((a) => [a.capabilityId, { maturity: a.maturity, importance: a.importance }] as const),
    );
    return { group, ...(vision ? { vision } : {}), organisation, capabilities: inMapOrder(capabilities), answers, answered: answers.size, total: capabilities.length };
  }

  /**
   * Organisations of the map: those listed as taking part (an import may list them), else those the
   * group's current representatives speak for; and any that has answered. By name.
   */
  private organisations({ members, assessments, participants }: Roll): string[] {
    const today = this.today();
    const byKey = new Map<string, string>();
    for (const name of participants ?? []) if (!byKey.has(organisationKey(name))) byKey.set(organisationKey(name), name);
    for (const m of participants ? [] : members) {
      if (m.organisation && REPRESENTING.has(m.role) && isMemberOn(m, today) && !byKey.has(organisationKey(m.organisation))) byKey.set(organisationKey(m.organisation), m.organisation);
    }
    for (const a of assessments) if (!byKey.has(organisationKey(a.organisation))) byKey.set(organisationKey(a.organisation), a.organisation);
    return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'sv'));
  }

  private representatives(members: readonly Member[], organisation: string): Member[] {
    const key = organisationKey(organisation);
    const today = this.today();
    return members.filter((m) => m.organisation && organisationKey(m.organisation) === key && REPRESENTING.has(m.role) && isMemberOn(m, today));
  }

  private knownOrganisation(roll: Roll, name: string): string {
    const key = organisationKey(name);
    const found = this.organisations(roll).find((o) => organisationKey(o) === key);
    if (!found) throw new DomainError('ASSESSMENT.UNKNOWN_ORGANISATION', { organisation: name.slice(0, 80) });
    return found;
  }

  private organisationFor(roll: Roll, caller: PersonRef, requested?: string, mayAssessAny = false): string {
    const mine = membershipOf(roll.members, caller, this.today());
    const own = mine?.organisation;
    if (requested !== undefined && requested.trim() !== '') {
      const organisation = this.knownOrganisation(roll, requested);
      if (mayAssessAny || permits(mine?.role ?? 'outsider', 'capability.assessAny')) return organisation;
      if (own && organisationKey(own) === organisationKey(organisation) && REPRESENTING.has(mine.role)) return organisation;
      if (!own || !mine || !REPRESENTING.has(mine.role)) throw new DomainError('ASSESSMENT.NO_ORGANISATION');
      throw new DomainError('ASSESSMENT.OTHER_ORGANISATION', { mine: own, organisation });
    }
    if (!mine || !own || !REPRESENTING.has(mine.role)) throw new DomainError('ASSESSMENT.NO_ORGANISATION');
    return own;
  }
}

/** Who could be on the map: the roster, the answers given, and the organisations listed as taking part. */
interface Roll {
  members: readonly Member[];
  assessments: readonly Assessment[];
  participants?: readonly string[] | undefined;
}

/** A member Teams can be asked to message: one with a channel account id (not an imported or demo row). */
const hasTeamsAccount = (m: Member): boolean => /^(29:|8:orgid:)/.test(m.person.id) || Boolean(m.person.aadObjectId);

/** As in the personal links: a member known only by name answers as their roster row. */
function answeringPerson(member: Member): PersonRef {
  const p = member.person;
  return { id: p.id || `member:${member.id}`, name: p.name, ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}) };
}
