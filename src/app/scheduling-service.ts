/**
 * Scheduling under the charter's rules: the organizer books a meeting, the rules hold it back or warn, an
 * override needs a reason (kept for the minutes), and — when Graph is configured — the Outlook event with
 * its Teams meeting is created, its chat found and the app installed there.
 */
import { templateAgenda } from '../domain/agenda-edit';
import { assertOverrideReason, checkSchedule, offeredPreparationDate, type RuleFinding } from '../domain/charter';
import { DomainError } from '../domain/errors';
import { isMemberOn, type Group } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import { proposeSeries, type ProposedMeeting } from '../domain/meeting-series';
import { parseDate, parseTime, stockholmToUtc, utcToStockholm } from '../domain/stockholm-time';
import { requiredText } from '../domain/text';
import { permits, type AccessPolicy } from './access-policy';
import type { RequestContext } from './context';
import type { MeetingService } from './meeting-service';
import { attendanceImportJobs, DEFAULT_ATTENDANCE_RETRY_MINUTES } from './attendance-import';
import { noticeReminderJob } from './notice-reminder';
import { appInstallJobs } from './app-install';
import { noticeHtml } from './notice-html';
import { cancelBooked, movableMeeting, moveBooked, upcomingMeetings, type CancelOutcome, type MoveOutcome, type UpcomingMeetings } from './upcoming-meetings';
import type { Clock, InstallResult, MeetingCalendar, Repositories } from './ports';

export interface ScheduleRequest {
  date?: string;
  start?: string;
  end?: string;
  title?: string;
  /** Given when the organizer overrides a held-back rule. */
  overrideReason?: string;
}

/** What happened with the Teams meeting in Graph. */
export type TeamsMeetingOutcome =
  | { kind: 'created'; joinUrl?: string; install: InstallResult | { kind: 'noChat' } }
  | { kind: 'notConfigured' }
  | { kind: 'failed'; message: string };

export type ScheduleOutcome =
  | { kind: 'heldBack'; findings: RuleFinding[]; request: Required<Pick<ScheduleRequest, 'date' | 'start' | 'end' | 'title'>> }
  /** A meeting that has taken place, recorded afterwards as held: no Teams meeting, notice or reminders. */
  | { kind: 'recorded'; meeting: Meeting; group: Group; alreadyScheduled: boolean }
  /**
   * `preparationProposal`: the day offered for the preparation meeting (never today or earlier);
   * `noPreparationDate`: the group has a preparation group, but no working day is left before the meeting.
   */
  | { kind: 'scheduled'; meeting: Meeting; group: Group; warnings: RuleFinding[]; teams: TeamsMeetingOutcome; preparationProposal?: string; noPreparationDate?: boolean; alreadyScheduled: boolean };

export class SchedulingService {
  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'agendas' | 'jobs'>,
    private readonly meetings: MeetingService,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
    private readonly calendar: MeetingCalendar | undefined,
    private readonly teamsAppId: string,
    private readonly onGraphError: (e: unknown, what: string) => void,
    private readonly attendanceRetryMinutes: readonly number[] = DEFAULT_ATTENDANCE_RETRY_MINUTES,
  ) {}

  /** The group of this chat, which the caller must manage. */
  private async managedGroup(ctx: RequestContext): Promise<Group> {
    const { group } = await this.meetings.scopeOf(ctx);
    if (!group) throw new DomainError('GROUP.NOT_SET_UP');
    await this.policy.assert(ctx, { group }, 'group.manage');
    return group;
  }

  /** May the caller schedule here? Asked before posting the form, so a member is told at once. */
  async assertMaySchedule(ctx: RequestContext): Promise<Group> {
    return this.managedGroup(ctx);
  }

  async schedule(ctx: RequestContext, req: ScheduleRequest, sourceKey: string): Promise<ScheduleOutcome> {
    const group = await this.managedGroup(ctx);
    const date = parseDate(req.date);
    const startTime = parseTime(req.start, 'start');
    const endTime = parseTime(req.end, 'end');
    const title = requiredText('title', req.title?.trim() || group.name, 200);
    const start = stockholmToUtc(date, startTime);
    const end = stockholmToUtc(date, endTime);
    const now = this.clock.now();

    const year = date.slice(0, 4);
    const sameYear = await this.repos.meetings.listByGroup(ctx.tenantId, group.id, `${year}-01-01`, `${Number(year) + 1}-01-01`);
    const preparation = group.preparationGroupId
      ? await this.repos.meetings.listByGroup(ctx.tenantId, group.preparationGroupId, new Date(start.getTime() - 40 * 86_400_000).toISOString(), start.toISOString())
      : [];
    const check = checkSchedule({
      now,
      start,
      end,
      kind: group.kind,
      rules: group.rules,
      meetingsThatYear: sameYear.filter((m) => m.startsAt !== start.toISOString()).length,
      preparationMeetingDates: preparation.flatMap((m) => (m.startsAt ? [new Date(m.startsAt)] : [])),
      hasPreparationGroup: Boolean(group.preparationGroupId),
    });
    const wrongWay = check.blocking.find((f) => f.rule === 'END_BEFORE_START');
    if (wrongWay) throw new DomainError('SCHEDULE.END_BEFORE_START', wrongWay.params);
    const past = check.blocking.find((f) => f.rule === 'IN_THE_PAST');
    // A meeting that has taken place is recorded afterwards; one under way now cannot be booked.
    if (past && end.getTime() <= now.getTime()) return this.recordHeld(ctx, group, { title, start, end }, sourceKey);
    if (past) throw new DomainError('SCHEDULE.UNDER_WAY', { ...past.params, end: endTime });
    let override: { rule: string; reason: string; byName: string } | undefined;
    if (check.blocking.length > 0) {
      if (req.overrideReason === undefined) return { kind: 'heldBack', findings: check.blocking, request: { date, start: startTime, end: endTime, title } };
      override = { rule: check.blocking.map((f) => f.rule).join(','), reason: assertOverrideReason(req.overrideReason), byName: ctx.caller.name };
    }

    const stored = await this.repos.meetings.schedule({
      tenantId: ctx.tenantId,
      groupId: group.id,
      title,
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      scheduledBy: ctx.caller,
      sourceKey,
      ...(override ? { override } : {}),
      at: now.toISOString(),
    });
    if (stored.created) {
      await this.repos.agendas.replace(ctx.tenantId, stored.value.id, templateAgenda(ctx.locale ?? 'sv', { start: startTime, end: endTime }));
    }
    await this.setNoticeReminder(stored.value, group);
    const { meeting, teams } = await this.createTeamsMeeting(ctx, group, stored.value);
    return {
      kind: 'scheduled',
      meeting,
      group,
      // A preparation meeting expected on a day that has passed is not asked for: the card offers the next day left, or says none is.
      warnings: check.warnings.filter((w) => w.rule !== 'NO_PREPARATION_MEETING' || String(w.params.expectedDate) > utcToStockholm(now).date),
      teams,
      alreadyScheduled: !stored.created,
      ...(group.preparationGroupId ? preparationOffer(offeredPreparationDate(start, group.rules, now)) : {}),
    };
  }

  /**
   * A meeting that has taken place (it has ended by now), recorded afterwards: held from its start to its
   * end, so it counts in the group's attendance rates; no Graph event, no notice rule, no reminders and no
   * attendance import. Its attendance comes from the secretary's sheet (`/attendance <date>`).
   */
  private async recordHeld(ctx: RequestContext, group: Group, req: { title: string; start: Date; end: Date }, sourceKey: string): Promise<ScheduleOutcome> {
    const stored = await this.repos.meetings.schedule({
      tenantId: ctx.tenantId,
      groupId: group.id,
      title: req.title,
      startsAt: req.start.toISOString(),
      endsAt: req.end.toISOString(),
      scheduledBy: ctx.caller,
      sourceKey,
      at: this.clock.now().toISOString(),
    });
    const meeting = stored.value.endedAt ? stored.value : await this.repos.meetings.update(ctx.tenantId, stored.value.id, { startedAt: req.start.toISOString(), endedAt: req.end.toISOString() });
    return { kind: 'recorded', meeting, group, alreadyScheduled: !stored.created };
  }

  /**
   * The reminder to send the notice, as a durable job. Set on every booking, not only the first: the job's
   * unique key keeps it to one, and a booking retried after a crash between storing the meeting and this
   * line still gets its reminder.
   */
  private async setNoticeReminder(meeting: Meeting, group: Group, unlessDue = false): Promise<void> {
    const now = this.clock.now();
    const job = noticeReminderJob(meeting, group, now);
    // `unlessDue`: a booking that knowingly comes late (a preparation meeting the council booked at short notice) is not told at once that it is late.
    if (job && !(unlessDue && new Date(job.runAt).getTime() <= now.getTime())) await this.repos.jobs.enqueue(job);
    await this.scheduleAttendanceImports(meeting);
  }

  /** The attendance imports after the meeting's (scheduled, or actual) end, as durable jobs; once each. */
  async scheduleAttendanceImports(meeting: Meeting): Promise<void> {
    for (const job of attendanceImportJobs(meeting, this.attendanceRetryMinutes, meeting.endedAt)) await this.repos.jobs.enqueue(job);
  }

  /**
   * The Outlook event with a Teams meeting, once per meeting: the meeting's own id is Graph's
   * transactionId, so a retry after a crash cannot create a second event.
   */
  private async createTeamsMeeting(ctx: RequestContext, group: Group, meeting: Meeting): Promise<{ meeting: Meeting; teams: TeamsMeetingOutcome }> {
    if (!this.calendar) {
      if (meeting.installStatus !== 'notConfigured') meeting = await this.repos.meetings.update(ctx.tenantId, meeting.id, { installStatus: 'notConfigured' });
      return { meeting, teams: { kind: 'notConfigured' } };
    }
    const organizer = ctx.caller.aadObjectId;
    if (!organizer) return { meeting, teams: { kind: 'failed', message: 'the organizer has no Entra object id' } };
    try {
      if (!meeting.graphEventId) {
        const day = meeting.startsAt ? utcToStockholm(new Date(meeting.startsAt)).date : '';
        const roster = await this.repos.groups.members(ctx.tenantId, group.id);
        // The organizer holds the event; everyone else who is a member on the day is invited.
        const attendees = roster
          .filter((m) => isMemberOn(m, day) && m.person.email && m.person.aadObjectId !== organizer)
          .map((m) => ({ name: m.person.name, address: m.person.email! }));
        const agenda = await this.repos.agendas.list(ctx.tenantId, meeting.id);
        const event = await this.calendar.createOnlineMeetingEvent({
          organizerUserId: organizer,
          subject: meeting.title ?? group.name,
          start: (meeting.startsAt ?? '').slice(0, 19),
          end: (meeting.endsAt ?? '').slice(0, 19),
          timeZone: 'UTC',
          attendees,
          bodyHtml: noticeHtml(group, meeting, agenda),
          transactionId: meeting.id,
        });
        meeting = await this.repos.meetings.update(ctx.tenantId, meeting.id, { graphEventId: event.eventId, ...(event.joinUrl ? { joinUrl: event.joinUrl } : {}) });
      }
      let install: InstallResult | { kind: 'noChat' } = { kind: 'noChat' };
      if (meeting.joinUrl) {
        const online = await this.calendar.findOnlineMeetingByJoinUrl(organizer, meeting.joinUrl);
        if (online?.chatThreadId) {
          meeting = await this.repos.meetings.update(ctx.tenantId, meeting.id, { conversationId: online.chatThreadId });
          install = await this.calendar.installAppInChat(online.chatThreadId, this.teamsAppId);
          meeting = await this.repos.meetings.update(ctx.tenantId, meeting.id, { installStatus: install.kind === 'refused' ? 'refused' : 'installed' });
          // Refused now (policy, consent, catalog): tried again later; added by hand meanwhile, the jobs stop.
          if (install.kind === 'refused') for (const job of appInstallJobs(meeting, this.clock.now())) await this.repos.jobs.enqueue(job);
        }
      }
      return { meeting, teams: { kind: 'created', ...(meeting.joinUrl ? { joinUrl: meeting.joinUrl } : {}), install } };
    } catch (e) {
      this.onGraphError(e, 'creating the Teams meeting');
      return { meeting, teams: { kind: 'failed', message: e instanceof Error ? e.message : String(e) } };
    }
  }

  /**
   * Rådslag was added to a chat (by hand, or by Teams): a meeting booked through the bot whose chat this is
   * counts as installed, so the retries stop. Returns the meeting, if the chat is one.
   */
  async appAddedToChat(ctx: RequestContext): Promise<Meeting | undefined> {
    const meeting = await this.repos.meetings.findScheduledByConversation(ctx.tenantId, ctx.conversationId);
    if (!meeting || meeting.installStatus === 'installed') return meeting;
    return this.repos.meetings.update(ctx.tenantId, meeting.id, { installStatus: 'installed' });
  }

  /** The notice went out: the Outlook event's body gets the notice text with the current agenda. */
  async publishNotice(ctx: RequestContext, meeting: Meeting): Promise<void> {
    if (!this.calendar || !meeting.graphEventId || !meeting.scheduledBy?.aadObjectId || !meeting.groupId) return;
    const group = await this.repos.groups.get(ctx.tenantId, meeting.groupId);
    if (!group) return;
    try {
      const agenda = await this.repos.agendas.list(ctx.tenantId, meeting.id);
      await this.calendar.updateEventBody(meeting.scheduledBy.aadObjectId, meeting.graphEventId, noticeHtml(group, meeting, agenda));
    } catch (e) {
      this.onGraphError(e, 'updating the event body with the notice');
    }
  }

  /**
   * Books the preparation group's meeting for a council meeting (once per council meeting), on the day the
   * card offered (`date`), or else the day offered now. A day that is today or has passed is refused, and
   * so is a meeting with no working day left before it: nothing is booked in the past.
   */
  async schedulePreparation(ctx: RequestContext, meetingId: string, requested?: string): Promise<ScheduleOutcome> {
    const group = await this.managedGroup(ctx);
    const meeting = await this.repos.meetings.get(ctx.tenantId, meetingId);
    if (!meeting?.startsAt || meeting.groupId !== group.id || !group.preparationGroupId) throw new DomainError('CARD.STALE');
    const prep = await this.repos.groups.get(ctx.tenantId, group.preparationGroupId);
    if (!prep) throw new DomainError('GROUP.NOT_FOUND', { name: group.preparationGroupId });
    const start = new Date(meeting.startsAt);
    const now = this.clock.now();
    const today = utcToStockholm(now).date;
    const meetingDate = utcToStockholm(start).date;
    const offered = offeredPreparationDate(start, group.rules, now);
    if (requested !== undefined) {
      const wanted = parseDate(requested);
      if (wanted <= today || wanted >= meetingDate) {
        throw new DomainError(offered ? 'SCHEDULE.PREPARATION_PASSED' : 'SCHEDULE.NO_PREPARATION_DATE', { date: wanted, today, meetingDate, earliestDate: offered ?? '' });
      }
    }
    if (!offered && requested === undefined) throw new DomainError('SCHEDULE.NO_PREPARATION_DATE', { today, meetingDate });
    const date = requested !== undefined ? parseDate(requested) : offered!;
    const time = utcToStockholm(start).time;
    const endTime = utcToStockholm(new Date(start.getTime() + 60 * 60_000)).time;
    // The preparation meeting is scheduled in the preparation group's calendar, under its own rules, by
    // the council's organizer; its notice rule does not hold it back (it is the council's own step).
    return this.scheduleFor(ctx, prep, { date, start: time, end: endTime, title: `${prep.name}: ${meeting.title ?? group.name}` }, `preparation:${meeting.id}`);
  }

  private async scheduleFor(ctx: RequestContext, group: Group, req: Required<Pick<ScheduleRequest, 'date' | 'start' | 'end' | 'title'>>, sourceKey: string): Promise<ScheduleOutcome> {
    const start = stockholmToUtc(req.date, req.start);
    const end = stockholmToUtc(req.date, req.end);
    const stored = await this.repos.meetings.schedule({
      tenantId: ctx.tenantId,
      groupId: group.id,
      title: req.title,
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      scheduledBy: ctx.caller,
      sourceKey,
      at: this.clock.now().toISOString(),
    });
    if (stored.created) await this.repos.agendas.replace(ctx.tenantId, stored.value.id, templateAgenda(ctx.locale ?? 'sv', { start: req.start, end: req.end }));
    await this.setNoticeReminder(stored.value, group, true);
    const { meeting, teams } = await this.createTeamsMeeting(ctx, group, stored.value);
    return { kind: 'scheduled', meeting, group, warnings: [], teams, alreadyScheduled: !stored.created };
  }

  /** `/meetings`: the group's booked meetings from now on, its preparation group's too, the earliest first. */
  async upcoming(ctx: RequestContext): Promise<UpcomingMeetings> {
    const { group } = await this.meetings.scopeOf(ctx);
    if (!group) throw new DomainError('GROUP.NOT_SET_UP');
    const standing = await this.policy.assert(ctx, { group }, 'group.read');
    return upcomingMeetings(this.repos, group, this.clock.now(), permits(standing, 'group.manage'));
  }

  /** Cancels a booked meeting of the group or of its preparation group; `comment` goes to the invited with Outlook's cancellation. */
  async cancel(ctx: RequestContext, meetingId: string, comment: string): Promise<CancelOutcome> {
    const group = await this.managedGroup(ctx);
    return cancelBooked({ repos: this.repos, calendar: this.calendar, onGraphError: this.onGraphError, now: this.clock.now() }, group, meetingId, comment);
  }

  /** `/meetings` → Move: the meeting the form is for (refused when it has begun or was cancelled). */
  async movable(ctx: RequestContext, meetingId: string): Promise<{ meeting: Meeting }> {
    const group = await this.managedGroup(ctx);
    return { meeting: await movableMeeting({ repos: this.repos, now: this.clock.now() }, group, meetingId) };
  }

  /** `/meetings` → Move: a new day and time for a booked meeting (its Outlook event follows). */
  async move(ctx: RequestContext, meetingId: string, to: { date: string; start: string; end: string }): Promise<MoveOutcome> {
    const group = await this.managedGroup(ctx);
    return moveBooked({ repos: this.repos, calendar: this.calendar, onGraphError: this.onGraphError, now: this.clock.now() }, group, meetingId, to);
  }

  /** The year's meetings about two months apart, on working days, each with its preparation meeting. */
  async proposeYear(ctx: RequestContext, year: number, time: { start: string; end: string }): Promise<{ group: Group; proposals: ProposedMeeting[] }> {
    const group = await this.managedGroup(ctx);
    const proposals = proposeSeries({ year, rules: group.rules, time: { start: parseTime(time.start, 'start'), end: parseTime(time.end, 'end') }, now: this.clock.now() });
    return { group, proposals };
  }

  /** Books the chosen proposals (and their preparation meetings, when the group names a preparation group). */
  async bookSeries(ctx: RequestContext, chosen: Array<{ date: string; start: string; end: string }>, cardId: string): Promise<ScheduleOutcome[]> {
    const group = await this.managedGroup(ctx);
    const outcomes: ScheduleOutcome[] = [];
    for (const slot of chosen) {
      const outcome = await this.scheduleFor(ctx, group, { date: parseDate(slot.date), start: parseTime(slot.start), end: parseTime(slot.end), title: group.name }, `series:${cardId}:${slot.date}`);
      outcomes.push(outcome);
      // A preparation meeting only where a working day is left before the meeting (never one in the past).
      if (outcome.kind === 'scheduled' && group.preparationGroupId && outcome.meeting.startsAt && offeredPreparationDate(new Date(outcome.meeting.startsAt), group.rules, this.clock.now())) {
        outcomes.push(await this.schedulePreparation(ctx, outcome.meeting.id));
      }
    }
    return outcomes;
  }
}

const preparationOffer = (date: string | undefined) => (date ? { preparationProposal: date } : { noPreparationDate: true });
