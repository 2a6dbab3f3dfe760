/**
 * Who may do what, for the bot and the tab alike (docs/architecture.md, "Access"). The caller's standing
 * in the request's scope is resolved from the store (and, in a meeting without a group, from Teams);
 * the table below says what each standing may do.
 * - A chat linked to a group: group roles decide. Chair, vice chair and organizer manage and record; the
 *   secretary appointed for a meeting records in it; members read.
 * - A meeting chat not linked to a group: the Teams meeting role decides: the organizer and presenters
 *   record, and so does the secretary the organizer appointed; attendees are refused.
 * - Any other chat keeps its own risk register, open to everyone in it (local trials).
 */
import { DomainError } from '../domain/errors';
import { managesGroup, membershipOf, type Group, type GroupRole, type Member } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import { samePerson, type PersonRef } from '../domain/person';
import type { RequestContext } from './context';
import type { Appointment, Clock, GroupRepository, SecretaryRepository } from './ports';

/** What is recorded or changed; the refusal names it ("can record decisions"). */
export type RecordKind = 'decision' | 'risk' | 'note' | 'action' | 'minutes' | 'agenda' | 'attendance' | 'meeting' | 'capability';
export const RECORD_KINDS: readonly RecordKind[] = ['decision', 'risk', 'note', 'action', 'minutes', 'agenda', 'attendance', 'meeting', 'capability'];

/**
 * `transcript.read`: the meeting's transcript, always; `transcript.readShared`: only where the group lets its
 * members read transcripts (off unless switched on: transcripts are personal data).
 */
export type Action = `${RecordKind}.record` | 'officers.appoint' | 'group.manage' | 'group.read' | 'capability.assessAny' | 'transcript.read' | 'transcript.readShared';
export const ACTIONS: readonly Action[] = [...RECORD_KINDS.map((k): Action => `${k}.record`), 'officers.appoint', 'group.manage', 'group.read', 'capability.assessAny', 'transcript.read', 'transcript.readShared'];

/** Where the caller stands: a group role, the appointed secretary, a Teams meeting role, or no scope at all. */
export type Standing = GroupRole | 'secretary' | 'outsider' | 'meetingOrganizer' | 'meetingPresenter' | 'meetingAttendee' | 'openChat' | 'localReader';
export const STANDINGS: readonly Standing[] = ['chair', 'viceChair', 'organizer', 'member', 'coopted', 'secretary', 'outsider', 'meetingOrganizer', 'meetingPresenter', 'meetingAttendee', 'openChat', 'localReader'];

const RECORDS: readonly Action[] = RECORD_KINDS.map((k): Action => `${k}.record`);
const MANAGES: readonly Action[] = ACTIONS;

const PERMITS: Record<Standing, ReadonlySet<Action>> = {
  chair: new Set(MANAGES),
  viceChair: new Set(MANAGES),
  organizer: new Set(MANAGES),
  secretary: new Set([...RECORDS, 'group.read', 'capability.assessAny', 'transcript.read']),
  member: new Set(['group.read', 'transcript.readShared']),
  coopted: new Set(['group.read']),
  outsider: new Set(),
  meetingOrganizer: new Set([...RECORDS, 'officers.appoint', 'transcript.read']),
  meetingPresenter: new Set(RECORDS),
  meetingAttendee: new Set(),
  openChat: new Set(RECORDS),
  // Local mode without a token: the demo workspace, read only.
  localReader: new Set(['group.read']),
};

export const permits = (standing: Standing, action: Action): boolean => PERMITS[standing].has(action);

/** Where a request happens: the meeting of the chat and the group it belongs to, when there are. */
export interface Scope {
  meeting?: Meeting;
  group?: Group;
  /** A request about the group as a whole (the tab): its current and upcoming meetings, whose appointed secretaries record too. */
  groupMeetings?: readonly Meeting[];
  /** Read in the same query as the meeting (MeetingService.scopeOf), so the policy does not ask the store again. */
  known?: KnownInScope;
}

/** The secretary of meeting `meetingId` and the roster of group `groupId`, as read at the start of this request. */
export interface KnownInScope {
  meetingId: string;
  secretary: Appointment | undefined;
  groupId?: string;
  roster?: readonly Member[];
}

type Caller = Pick<RequestContext, 'tenantId' | 'caller'> & Partial<Pick<RequestContext, 'directory'>>;

export class AccessPolicy {
  constructor(
    private readonly repos: { groups: Pick<GroupRepository, 'members'>; secretaries: Pick<SecretaryRepository, 'current'> },
    private readonly clock: Clock,
  ) {}

  /** The caller's membership of the group today, if any. */
  async membership(ctx: Pick<RequestContext, 'tenantId' | 'caller'>, group: Group, known?: readonly Member[]): Promise<Member | undefined> {
    const roster = known ?? (await this.repos.groups.members(ctx.tenantId, group.id));
    return membershipOf(roster, ctx.caller, this.clock.now().toISOString().slice(0, 10));
  }

  /**
   * Where the caller stands in the scope; asks Teams for the meeting role only when nothing else decides.
   * `laterMeetings` are the group's meetings whose secretaries count too, read only when the role does not decide.
   */
  async standing(ctx: Caller, scope: Scope, laterMeetings?: () => Promise<readonly Meeting[]>): Promise<Standing> {
    const { meeting, group } = scope;
    if (!meeting && !group) return 'openChat';
    if (group) {
      const role = (await this.membership(ctx, group, scope.known?.groupId === group.id ? scope.known.roster : undefined))?.role;
      if (managesGroup(role)) return role!;
      if (await this.isSecretary(ctx, scope, laterMeetings)) return 'secretary';
      return role ?? 'outsider';
    }
    if (await this.isSecretary(ctx, scope)) return 'secretary';
    const role = ctx.directory ? await ctx.directory.meetingRoleOf(ctx.caller) : 'Unknown';
    return role === 'Organizer' ? 'meetingOrganizer' : role === 'Presenter' ? 'meetingPresenter' : 'meetingAttendee';
  }

  /** Returns quietly, or throws the refusal that says who may (and, for records, who the secretary is). */
  async assert(ctx: Caller, scope: Scope, action: Action): Promise<Standing> {
    const standing = await this.standing(ctx, scope);
    if (permits(standing, action)) return standing;
    throw await this.refusal(ctx, scope, action);
  }

  /** The refusal of an action the standing does not permit. */
  async refusal(ctx: Pick<RequestContext, 'tenantId'>, scope: Pick<Scope, 'meeting' | 'group'>, action: Action): Promise<DomainError> {
    const { meeting, group } = scope;
    if (action === 'group.read') return new DomainError('ACCESS.TAB_DENIED', { group: group?.name ?? '' });
    if (action === 'transcript.read' || action === 'transcript.readShared') return new DomainError('ACCESS.TRANSCRIPT_DENIED');
    if (action === 'group.manage' || action === 'capability.assessAny') return new DomainError('ACCESS.MANAGE_DENIED');
    if (action === 'officers.appoint') return group ? new DomainError('ACCESS.MANAGE_DENIED') : new DomainError('ACCESS.APPOINT_DENIED');
    const kind = action.slice(0, -'.record'.length);
    const secretary = meeting ? ((await this.repos.secretaries.current(ctx.tenantId, meeting.id))?.person.name ?? '') : '';
    return group ? new DomainError('ACCESS.GROUP_RECORD_DENIED', { kind, group: group.name, secretary }) : new DomainError('ACCESS.RECORD_DENIED', { kind, secretary });
  }

  /** Is the caller the secretary appointed for the scope's meeting, or for one of the group's meetings? */
  private async isSecretary(ctx: Pick<RequestContext, 'tenantId' | 'caller'>, scope: Scope, laterMeetings?: () => Promise<readonly Meeting[]>): Promise<boolean> {
    const { meeting, known } = scope;
    if (meeting && this.isCaller(ctx.caller, known?.meetingId === meeting.id ? known.secretary : await this.repos.secretaries.current(ctx.tenantId, meeting.id))) return true;
    const more = [...(scope.groupMeetings ?? []), ...(laterMeetings ? await laterMeetings() : [])];
    const appointed = await Promise.all(more.map((m) => this.repos.secretaries.current(ctx.tenantId, m.id)));
    return appointed.some((a) => this.isCaller(ctx.caller, a));
  }

  private isCaller(caller: PersonRef, appointment: { person: PersonRef } | undefined): boolean {
    return appointment !== undefined && samePerson(appointment.person, caller);
  }
}
