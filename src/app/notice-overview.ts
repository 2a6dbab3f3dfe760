/**
 * The notice as a live overview for those who run the meeting: who answered what, with notes and
 * substitutes, and who has not answered yet — on the notice card (a per-user view) and the meeting page.
 * The card in the chat is kept current whichever way an answer came: on the card, or through a personal link.
 */
import { personKey, type NoticeAnswer } from '../domain/attendance-answers';
import { DomainError } from '../domain/errors';
import { isMemberOn, managesGroup, type Member } from '../domain/group';
import type { PersonRef } from '../domain/person';
import { permits, type AccessPolicy } from './access-policy';
import type { RequestContext } from './context';
import type { Clock, NoticeOverview, Notifier, Repositories } from './ports';

export type { NoticeOverview };

/** The person a member answers as: the Teams account when known, else the roster row (see the personal links). */
export const answeringKey = (m: Member): string => personKey({ id: m.person.id || `member:${m.id}`, name: m.person.name, ...(m.person.aadObjectId ? { aadObjectId: m.person.aadObjectId } : {}) });

export function unansweredMembers(members: readonly Member[], answers: readonly NoticeAnswer[]): Member[] {
  const answered = new Set(answers.map((a) => personKey(a.person)));
  return members.filter((m) => !answered.has(answeringKey(m)) && !answered.has(personKey({ id: m.person.id, name: '' })));
}

export class NoticeOverviewService {
  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'agendas' | 'answers' | 'secretaries'>,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
    /** Posts the updated card in place; unset where nothing posts (the tab's tests). */
    private readonly notifier?: Pick<Notifier, 'replace'>,
  ) {}

  async overview(tenantId: string, meetingId: string): Promise<NoticeOverview> {
    const meeting = await this.repos.meetings.get(tenantId, meetingId);
    if (!meeting) throw new DomainError('CARD.STALE');
    const group = meeting.groupId ? await this.repos.groups.get(tenantId, meeting.groupId) : undefined;
    const [agenda, answers, roster, secretary] = await Promise.all([
      this.repos.agendas.list(tenantId, meeting.id),
      this.repos.answers.notices(tenantId, meeting.id),
      group ? this.repos.groups.members(tenantId, group.id) : Promise.resolve([]),
      this.repos.secretaries.current(tenantId, meeting.id),
    ]);
    const day = (meeting.startsAt ?? this.clock.now().toISOString()).slice(0, 10);
    const members = roster.filter((m) => isMemberOn(m, day));
    const editors: PersonRef[] = members.filter((m) => managesGroup(m.role)).map((m) => m.person);
    if (secretary && !editors.some((e) => personKey(e) === personKey(secretary.person))) editors.push(secretary.person);
    return {
      meeting,
      ...(group ? { group } : {}),
      agenda,
      answers,
      memberCount: members.filter((m) => m.role !== 'coopted').length,
      unanswered: unansweredMembers(members, answers),
      editors,
    };
  }

  /**
   * Whether the caller follows the answers by name: whoever may record the meeting's attendance (chair,
   * vice chair, organizer, the appointed secretary; in a meeting without a group, its organizer and presenters).
   */
  async mayFollow(ctx: Pick<RequestContext, 'tenantId' | 'caller' | 'directory'>, o: NoticeOverview): Promise<boolean> {
    const standing = await this.policy.standing(ctx, { meeting: o.meeting, ...(o.group ? { group: o.group } : {}) });
    return permits(standing, 'attendance.record');
  }

  /** Refuses a caller who may not follow the answers (the remind button, a second notice). */
  async assertMayFollow(ctx: Pick<RequestContext, 'tenantId' | 'caller' | 'directory'>, o: NoticeOverview): Promise<void> {
    await this.policy.assert(ctx, { meeting: o.meeting, ...(o.group ? { group: o.group } : {}) }, 'attendance.record');
  }

  /** Refuses a caller who may not send the notice: those who manage the group (as `/notice`). */
  async assertMaySend(ctx: Pick<RequestContext, 'tenantId' | 'caller' | 'directory'>, o: NoticeOverview): Promise<void> {
    await this.policy.assert(ctx, { meeting: o.meeting, ...(o.group ? { group: o.group } : {}) }, o.group ? 'group.manage' : 'attendance.record');
  }

  /**
   * Replaces the notice card in its chat with the current counts (an answer came through a personal link).
   * False when the card was never posted or its chat is unknown.
   */
  async refreshCard(tenantId: string, meetingId: string): Promise<boolean> {
    const meeting = await this.repos.meetings.get(tenantId, meetingId);
    if (!this.notifier || !meeting?.noticeActivityId || !meeting.noticeConversationReference) return false;
    await this.notifier.replace(meeting.noticeConversationReference, meeting.noticeActivityId, { kind: 'notice', overview: await this.overview(tenantId, meetingId) });
    return true;
  }
}
