/**
 * Who may do what (DESIGN.md §3), in one place. Before a chat is linked to a group, a meeting chat falls
 * back to the Teams meeting role: the organizer and presenters record, and so does the secretary the
 * organizer appointed; attendees are refused. A chat that is not a meeting lets anyone keep its risk register.
 */
import { DomainError } from '../domain/errors';
import type { Meeting } from '../domain/meeting';
import { samePerson } from '../domain/person';
import type { RequestContext } from './context';
import type { Repositories } from './ports';

export type RecordKind = 'decision' | 'risk';

export class AccessPolicy {
  constructor(private readonly repos: Pick<Repositories, 'secretaries'>) {}

  /** Throws ACCESS.RECORD_DENIED naming who can record, or returns quietly. */
  async assertMayRecord(ctx: RequestContext, meeting: Meeting | undefined, kind: RecordKind): Promise<void> {
    if (!meeting) return; // not a meeting chat: the conversation keeps its own register
    const secretary = await this.repos.secretaries.current(ctx.tenantId, meeting.id);
    if (secretary && samePerson(secretary.person, ctx.caller)) return;
    const role = await ctx.directory.meetingRoleOf(ctx.caller);
    if (role === 'Organizer' || role === 'Presenter') return;
    throw new DomainError('ACCESS.RECORD_DENIED', { kind, secretary: secretary?.person.name ?? '' });
  }

  async assertMayAppointSecretary(ctx: RequestContext): Promise<void> {
    const role = await ctx.directory.meetingRoleOf(ctx.caller);
    if (role !== 'Organizer') throw new DomainError('ACCESS.APPOINT_DENIED');
  }
}
