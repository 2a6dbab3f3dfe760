/**
 * Who may do what (DESIGN.md §3), in one place.
 * - A chat linked to a group: group roles decide. Chair, vice chair and organizer manage and record; the
 *   secretary appointed for a meeting records in it; members read.
 * - A meeting chat not linked to a group: the Teams meeting role decides: the organizer and presenters
 *   record, and so does the secretary the organizer appointed; attendees are refused.
 * - Any other chat keeps its own risk register, open to everyone in it (local trials).
 */
import { DomainError } from '../domain/errors';
import { managesGroup, membershipOf, type Group, type Member } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import { samePerson } from '../domain/person';
import type { RequestContext } from './context';
import type { Clock, Repositories } from './ports';

export type RecordKind = 'decision' | 'risk' | 'note' | 'action' | 'minutes';

/** Where a request happens: the meeting of the chat and the group it belongs to, when there are. */
export interface Scope {
  meeting?: Meeting;
  group?: Group;
  /** A request about the group as a whole (the tab): its current and upcoming meetings, whose appointed secretaries record too. */
  groupMeetings?: readonly Meeting[];
}

export class AccessPolicy {
  constructor(
    private readonly repos: Pick<Repositories, 'secretaries' | 'groups'>,
    private readonly clock: Clock,
  ) {}

  /** The caller's membership of the group today, if any. */
  async membership(ctx: Pick<RequestContext, 'tenantId' | 'caller'>, group: Group): Promise<Member | undefined> {
    const roster = await this.repos.groups.members(ctx.tenantId, group.id);
    return membershipOf(roster, ctx.caller, this.clock.now().toISOString().slice(0, 10));
  }

  /** Throws a refusal naming who can record, or returns quietly. */
  async assertMayRecord(ctx: RequestContext, scope: Scope, kind: RecordKind): Promise<void> {
    const { meeting, group } = scope;
    if (!meeting && !group) return;
    const secretary = meeting ? await this.repos.secretaries.current(ctx.tenantId, meeting.id) : undefined;
    if (secretary && samePerson(secretary.person, ctx.caller)) return;
    if (await this.isSecretaryOfAny(ctx, scope.groupMeetings ?? [])) return;
    if (group) {
      if (managesGroup((await this.membership(ctx, group))?.role)) return;
      throw new DomainError('ACCESS.GROUP_RECORD_DENIED', { kind, group: group.name, secretary: secretary?.person.name ?? '' });
    }
    const role = await ctx.directory.meetingRoleOf(ctx.caller);
    if (role === 'Organizer' || role === 'Presenter') return;
    throw new DomainError('ACCESS.RECORD_DENIED', { kind, secretary: secretary?.person.name ?? '' });
  }

  async assertMayAppointSecretary(ctx: RequestContext, scope: Scope): Promise<void> {
    if (scope.group) return this.assertManages(ctx, scope.group);
    const role = await ctx.directory.meetingRoleOf(ctx.caller);
    if (role !== 'Organizer') throw new DomainError('ACCESS.APPOINT_DENIED');
  }

  /** Is the caller the secretary appointed for one of these meetings? */
  async isSecretaryOfAny(ctx: Pick<RequestContext, 'tenantId' | 'caller'>, meetings: readonly Meeting[]): Promise<boolean> {
    const appointed = await Promise.all(meetings.map((m) => this.repos.secretaries.current(ctx.tenantId, m.id)));
    return appointed.some((a) => a !== undefined && samePerson(a.person, ctx.caller));
  }

  /** Chair, vice chair and organizer manage the group and its meetings. */
  async assertManages(ctx: RequestContext, group: Group): Promise<void> {
    if (!managesGroup((await this.membership(ctx, group))?.role)) throw new DomainError('ACCESS.MANAGE_DENIED');
  }
}
