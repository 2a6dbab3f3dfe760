/**
 * The meeting itself: its agenda (edited before, followed during), the notice and its answers, the
 * check-in round. Decisions and risks recorded while an item is in progress attach to it.
 */
import { itemsOf, MIN_TEMPLATE_MINUTES } from '../domain/agenda';
import { templateAgenda } from '../domain/agenda-edit';
import { checkInAnswer, noticeAnswer, type AnswerChannel, type CheckInAnswer, type NoticeAnswer } from '../domain/attendance-answers';
import { DomainError } from '../domain/errors';
import type { Group } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import type { PersonRef } from '../domain/person';
import { minutesToTime, timeToMinutes, utcToStockholm } from '../domain/stockholm-time';
import type { AccessPolicy, Scope } from './access-policy';
import { AgendaEditing, type AgendaChange, type CardRow } from './agenda-editing';
import type { RequestContext } from './context';
import type { MeetingService } from './meeting-service';
import type { Clock, MeetingChanges, Repositories, StoredAgendaEntry } from './ports';

export interface MeetingView {
  meeting: Meeting;
  group?: Group;
  /** Items, breaks and the closing row, in agenda order. */
  agenda: StoredAgendaEntry[];
}

export class MeetingRunService {
  private readonly agendaEdits: AgendaEditing;

  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'agendas' | 'answers'>,
    private readonly meetings: MeetingService,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {
    this.agendaEdits = new AgendaEditing(repos, policy, (ctx) => this.target(ctx));
  }

  /**
   * The meeting a command is about: in a meeting chat, that meeting; in a group's chat, the group's next
   * meeting (one that has not ended, see `MeetingService.nextMeetingOf`).
   */
  async target(ctx: RequestContext): Promise<{ scope: Scope; meeting: Meeting }> {
    const scope = await this.meetings.scopeWithNext(ctx);
    if (scope.meeting) return { scope, meeting: scope.meeting };
    throw new DomainError('MEETING.NONE');
  }

  async view(ctx: RequestContext, meeting?: Meeting): Promise<MeetingView> {
    const target = meeting ? { meeting, scope: await this.meetings.scopeOf(ctx) } : await this.target(ctx);
    const group = target.meeting.groupId ? await this.repos.groups.get(ctx.tenantId, target.meeting.groupId) : target.scope.group;
    return { meeting: target.meeting, ...(group ? { group } : {}), agenda: await this.repos.agendas.list(ctx.tenantId, target.meeting.id) };
  }

  async viewById(tenantId: string, meetingId: string): Promise<MeetingView> {
    const meeting = await this.repos.meetings.get(tenantId, meetingId);
    if (!meeting) throw new DomainError('CARD.STALE');
    const group = meeting.groupId ? await this.repos.groups.get(tenantId, meeting.groupId) : undefined;
    return { meeting, ...(group ? { group } : {}), agenda: await this.repos.agendas.list(tenantId, meeting.id) };
  }

  /**
   * `/agenda add|remove|move|heading|clear …` (see `parseAgendaCommand`): in a meeting chat its agenda, in a
   * group's chat the next meeting's. A new row goes where its time puts it.
   */
  async editAgenda(ctx: RequestContext, change: AgendaChange): Promise<MeetingView> {
    return this.view(ctx, await this.agendaEdits.fromChat(ctx, change));
  }

  /**
   * The agenda form card: saves a row (or adds one when it is `new`) — type (I, D, A, break, end), time,
   * title, responsible — and puts the rows back in time order. The whole agenda is checked before it is kept.
   */
  async saveAgendaItem(ctx: RequestContext, meetingId: string, row: CardRow, input: { type?: string; plannedStart?: string; title?: string; responsible?: string }): Promise<MeetingView> {
    return this.viewById(ctx.tenantId, (await this.agendaEdits.fromCard(ctx, meetingId, row, 'save', input)).id);
  }

  async removeAgendaItem(ctx: RequestContext, meetingId: string, row: CardRow): Promise<MeetingView> {
    return this.viewById(ctx.tenantId, (await this.agendaEdits.fromCard(ctx, meetingId, row, 'remove', {})).id);
  }

  /**
   * The meeting begins (its start event, or `/start` when that event went missing): the first item is
   * in progress. Starting twice changes nothing.
   */
  async start(ctx: RequestContext, by: 'event' | 'command'): Promise<MeetingView> {
    const { scope, meeting } = await this.target(ctx);
    if (by === 'command') await this.policy.assert(ctx, scope, 'meeting.record');
    if (meeting.currentItem) return this.view(ctx, meeting);
    const now = this.clock.now();
    const at = now.toISOString();
    let agenda = itemsOf(await this.repos.agendas.list(ctx.tenantId, meeting.id));
    if (agenda.length === 0) {
      // A meeting nobody prepared an agenda for (not booked through Rådslag) starts from the template.
      // It begins now, whatever the invitation said.
      const from = now;
      // Begun just before its booked end, it runs at least as long as the template needs; never booked, two hours.
      const booked = meeting.endsAt && meeting.endsAt > from.toISOString() ? new Date(meeting.endsAt).getTime() : undefined;
      const until = new Date(booked !== undefined ? Math.max(booked, from.getTime() + MIN_TEMPLATE_MINUTES * 60_000) : from.getTime() + 2 * 3600_000);
      let start = utcToStockholm(from).time;
      // A meeting that runs past midnight gets its agenda up to midnight (agenda times are of one day); one
      // begun in the day's last minutes gets it in the day's last twenty, its first item now.
      const pastMidnight = utcToStockholm(until).date !== utcToStockholm(from).date;
      const end = pastMidnight ? '23:59' : utcToStockholm(until).time;
      if (pastMidnight && timeToMinutes(end) - timeToMinutes(start) < MIN_TEMPLATE_MINUTES) start = minutesToTime(timeToMinutes(end) - MIN_TEMPLATE_MINUTES);
      if (timeToMinutes(end) - timeToMinutes(start) >= MIN_TEMPLATE_MINUTES) {
        await this.repos.agendas.replace(ctx.tenantId, meeting.id, templateAgenda(ctx.locale ?? 'sv', { start, end }));
        agenda = itemsOf(await this.repos.agendas.list(ctx.tenantId, meeting.id));
      }
    }
    const changes: MeetingChanges = { startedAt: meeting.startedAt ?? at, ...(agenda.length > 0 ? { currentItem: 1 } : {}) };
    // A meeting Teams told no times for starts now: its date places it in the year's figures.
    if (!meeting.startsAt) await this.repos.meetings.updateDetails(ctx.tenantId, meeting.id, { startsAt: at });
    const updated = await this.repos.meetings.update(ctx.tenantId, meeting.id, changes);
    if (agenda.length > 0) await this.repos.agendas.markStarted(ctx.tenantId, meeting.id, 1, at);
    return this.view(ctx, updated);
  }

  /**
   * `/next` or `/item <n>`: moves the item in progress; the time it began is kept for the minutes. `/next`
   * on the last item ends it: the agenda is done (`agendaDoneAt`), and no item is in progress.
   */
  async moveTo(ctx: RequestContext, to: 'next' | number): Promise<MeetingView> {
    const { scope, meeting } = await this.target(ctx);
    await this.policy.assert(ctx, scope, 'meeting.record');
    const entries = await this.repos.agendas.list(ctx.tenantId, meeting.id);
    const agenda = itemsOf(entries);
    if (agenda.length === 0) throw new DomainError('AGENDA.EMPTY');
    if (to === 'next' && meeting.currentItem !== undefined && meeting.currentItem >= agenda.length) {
      if (meeting.agendaDoneAt) return this.view(ctx, meeting);
      return this.view(ctx, await this.repos.meetings.update(ctx.tenantId, meeting.id, { currentItem: agenda.length, agendaDoneAt: this.clock.now().toISOString() }));
    }
    const target = to === 'next' ? (meeting.currentItem ?? 0) + 1 : to;
    if (!Number.isInteger(target) || target < 1 || target > agenda.length) throw new DomainError('AGENDA.NO_SUCH_ITEM', { number: String(to), count: agenda.length });
    const at = this.clock.now().toISOString();
    const updated = await this.repos.meetings.update(ctx.tenantId, meeting.id, { currentItem: target, startedAt: meeting.startedAt ?? at, ...(meeting.agendaDoneAt ? { agendaDoneAt: null } : {}) });
    await this.repos.agendas.markStarted(ctx.tenantId, meeting.id, target, at);
    return this.view(ctx, updated);
  }

  /** The meeting's end event: kept for the minutes (and, later, for the attendance import). */
  async end(ctx: RequestContext): Promise<Meeting | undefined> {
    const { meeting } = await this.meetings.scopeOf(ctx);
    if (!meeting || meeting.endedAt) return meeting;
    return this.repos.meetings.update(ctx.tenantId, meeting.id, { endedAt: this.clock.now().toISOString() });
  }

  /** `reference`: the notice card's chat, so an answer through a personal link can update the card there. */
  async rememberCard(tenantId: string, meetingId: string, card: 'agenda' | 'notice' | 'checkin', activityId: string, reference?: string): Promise<void> {
    const changes: MeetingChanges =
      card === 'agenda'
        ? { agendaActivityId: activityId }
        : card === 'notice'
          ? { noticeActivityId: activityId, noticeSentAt: this.clock.now().toISOString(), ...(reference ? { noticeConversationReference: reference } : {}) }
          : { checkinActivityId: activityId };
    await this.repos.meetings.update(tenantId, meetingId, changes);
  }

  async rememberConversation(tenantId: string, meetingId: string, reference: string): Promise<void> {
    await this.repos.meetings.update(tenantId, meetingId, { conversationReference: reference });
  }

  /** `/notice`: the managers send it; it is about the group's next meeting. */
  async noticeView(ctx: RequestContext): Promise<MeetingView & { answers: NoticeAnswer[] }> {
    const { scope, meeting } = await this.target(ctx);
    if (scope.group) await this.policy.assert(ctx, { group: scope.group }, 'group.manage');
    const view = await this.view(ctx, meeting);
    return { ...view, answers: await this.repos.answers.notices(ctx.tenantId, meeting.id) };
  }

  /** A member answers the notice: "I will attend" or "I can't attend", with an optional note. */
  async answerNotice(tenantId: string, meetingId: string, person: PersonRef, input: { attending: unknown; note?: string; substitute?: string }, via: AnswerChannel): Promise<NoticeAnswer[]> {
    const meeting = await this.repos.meetings.get(tenantId, meetingId);
    if (!meeting) throw new DomainError('CARD.STALE');
    await this.repos.answers.saveNotice(tenantId, meetingId, { person, ...noticeAnswer(input), answeredAt: this.clock.now().toISOString(), via });
    return this.repos.answers.notices(tenantId, meetingId);
  }

  async noticeAnswers(tenantId: string, meetingId: string): Promise<NoticeAnswer[]> {
    return this.repos.answers.notices(tenantId, meetingId);
  }

  /** `/checkin`: the round is for the meeting of this chat. */
  async checkInView(ctx: RequestContext): Promise<MeetingView & { answers: CheckInAnswer[] }> {
    const view = await this.view(ctx);
    return { ...view, answers: await this.repos.answers.checkIns(ctx.tenantId, view.meeting.id) };
  }

  /** Each participant answers for themselves and may change the answer; the latest counts. */
  async answerCheckIn(tenantId: string, meetingId: string, person: PersonRef, input: { mood: unknown; text?: string; inRoom?: unknown }, via: AnswerChannel): Promise<CheckInAnswer[]> {
    const meeting = await this.repos.meetings.get(tenantId, meetingId);
    if (!meeting) throw new DomainError('CARD.STALE');
    await this.repos.answers.saveCheckIn(tenantId, meetingId, { person, ...checkInAnswer(input), answeredAt: this.clock.now().toISOString(), via });
    return this.repos.answers.checkIns(tenantId, meetingId);
  }

  async checkIns(tenantId: string, meetingId: string): Promise<CheckInAnswer[]> {
    return this.repos.answers.checkIns(tenantId, meetingId);
  }
}
