/**
 * The meeting's lifecycle in the chat: scheduling, notice, agenda, running the meeting and check-in.
 * Commands and card presses call the use cases in src/app and answer with cards from bot/cards.
 */
import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { MeetingRunService, MeetingView } from '../src/app/meeting-run-service';
import type { LinkKind, PersonalLinkService } from '../src/app/personal-link-service';
import type { SchedulingService } from '../src/app/scheduling-service';
import type { AttendanceService, ImportOutcome } from '../src/app/attendance-service';
import type { MeetingService } from '../src/app/meeting-service';
import type { Meeting } from '../src/domain/meeting';
import { attendanceCard, attendanceDeniedCard, attendanceFiguresCard } from './cards/attendance.card';
import { DomainError } from '../src/domain/errors';
import { isMemberOn } from '../src/domain/group';
import type { Repositories } from '../src/app/ports';
import type { TabLinks } from '../src/links/tab-links';
import { card, heading, userText } from './cards/card';
import { isCheckInItem } from '../src/domain/agenda';
import type { AdaptiveCard } from './cards/card';
import { agendaCard, NEXT_ITEM_VERB, REMOVE_ITEM_VERB, SAVE_ITEM_VERB } from './cards/agenda.card';
import { CHECKIN_ANSWER_VERB, CHECKIN_REFRESH_VERB, checkInCard } from './cards/checkin.card';
import { NOTICE_ANSWER_VERB, NOTICE_REFRESH_VERB, noticeCard } from './cards/notice.card';
import { BOOK_PREPARATION_VERB, BOOK_SERIES_VERB, heldBackCard, SCHEDULE_VERB, scheduledCard, scheduleFormCard, seriesCard } from './cards/schedule.card';
import { parseScheduleArgs } from './command-parser';
import { teamsDirectMessenger } from './direct-messenger';
import { linkMessageWriter, linkReportText } from './personal-link-messages';
import { cardIdSchema, cardMessage, parseCardData, plainText, replaceSharedCard, type CardActionResult, type Turn } from './turn';

export interface LifecycleServices {
  attendance: AttendanceService;
  meetings: MeetingService;
  /** Sets up the durable attendance imports after a meeting's end. */
  scheduleAttendanceImports: (meeting: Meeting) => Promise<void>;
  scheduling: SchedulingService;
  run: MeetingRunService;
  /** Read-only: roster size for the notice's "not answered yet". */
  repos: Pick<Repositories, 'groups'>;
  log: Logger;
  now: () => Date;
  /** The bot's wording of a domain error (field names translated). */
  explain: (e: DomainError, turn: Turn) => string;
  /** Personal links, sent privately to each member after /notice and /checkin. */
  links?: PersonalLinkService;
  /** For one-to-one chats the bot opens; empty in local mode. */
  botAppId?: string;
  /** Deep links from the cards to the tab's pages. */
  tabLinks?: TabLinks;
  /** Whether the request's meeting had started before this request. */
  wasRunning?: (turn: Turn) => Promise<boolean>;
  /** After the agenda card of a meeting that has just started (e.g. the open actions carried over). */
  afterStart?: (context: TurnContext, turn: Turn, view: MeetingView) => Promise<void>;
}

const meetingRef = z.object({ cardId: cardIdSchema, meetingId: z.string().min(1).max(200) });
const scheduleData = z.object({
  cardId: cardIdSchema,
  title: z.string().max(1000).optional(),
  date: z.string().max(40).optional(),
  start: z.string().max(20).optional(),
  end: z.string().max(20).optional(),
  override: z.string().max(10).optional(),
  reason: z.string().max(5000).optional(),
});
const seriesData = z
  .object({ cardId: cardIdSchema, year: z.union([z.number(), z.string().max(10)]), slots: z.string().max(20_000) })
  .catchall(z.unknown());
const slotList = z.array(z.object({ date: z.string().max(20), start: z.string().max(10), end: z.string().max(10) })).max(24);
const noticeData = meetingRef.extend({ attending: z.string().max(10), note: z.string().max(5000).optional() });
const agendaItemData = meetingRef.extend({
  item: z.string().max(10).optional(),
  type: z.string().max(5).optional(),
  time: z.string().max(10).optional(),
  title: z.string().max(5000).optional(),
  responsible: z.string().max(5000).optional(),
});
const checkInData = meetingRef.extend({ mood: z.string().max(40).optional(), text: z.string().max(5000).optional(), inRoom: z.string().max(10).optional() });

export class LifecycleHandlers {
  constructor(private readonly s: LifecycleServices) {}

  /** The tab's attendance page of the meeting's group. */
  private attendanceLink(view: { group?: { id: string } }): string | undefined {
    return view.group && this.s.tabLinks ? this.s.tabLinks.to(view.group.id, 'attendance') : undefined;
  }

  /** Handles a lifecycle command; false when the command is not one of these. */
  async command(context: TurnContext, turn: Turn, name: string, args: string, sourceKey: string): Promise<boolean> {
    const { ctx, t } = turn;
    switch (name) {
      case 'schedule': {
        const parsed = parseScheduleArgs(args);
        if (parsed.kind === 'form') {
          await this.s.scheduling.assertMaySchedule(ctx);
          await context.sendActivity(cardMessage(scheduleFormCard(randomUUID(), t)));
        } else if (parsed.kind === 'series') {
          const year = Number(parsed.year);
          const { proposals } = await this.s.scheduling.proposeYear(ctx, year, { start: parsed.start ?? '09:00', end: parsed.end ?? '12:00' });
          await context.sendActivity(cardMessage(seriesCard(year, proposals, randomUUID(), t)));
        } else {
          const outcome = await this.s.scheduling.schedule(ctx, parsed, sourceKey);
          const id = randomUUID();
          await context.sendActivity(cardMessage(outcome.kind === 'heldBack' ? heldBackCard(outcome, id, t) : scheduledCard(outcome, id, t)));
        }
        return true;
      }
      case 'notice': {
        const view = await this.s.run.noticeView(ctx);
        const sent = await context.sendActivity(cardMessage(noticeCard(view, view.answers, await this.rosterSize(view), randomUUID(), t)));
        if (sent?.id) await this.s.run.rememberCard(ctx.tenantId, view.meeting.id, 'notice', sent.id);
        await this.s.scheduling.publishNotice(ctx, view.meeting);
        await this.sendPersonalLinks(context, turn, view, 'notice');
        return true;
      }
      case 'agenda': {
        const add = /^(?:add|lägg till|ny)\s+([\s\S]*)$/iu.exec(args.trim());
        const view = add ? await this.s.run.addAgendaItem(ctx, add[1]!) : await this.s.run.view(ctx);
        await context.sendActivity(cardMessage(agendaCard(view, this.s.now(), randomUUID(), t, true)));
        return true;
      }
      case 'start': {
        const wasRunning = (await this.s.wasRunning?.(turn)) ?? true;
        const view = await this.s.run.start(ctx, 'command');
        await this.showAgenda(context, turn, view, true);
        if (!wasRunning) await this.s.afterStart?.(context, turn, view);
        return true;
      }
      case 'next':
        await this.showAgenda(context, turn, await this.s.run.moveTo(ctx, 'next'), false);
        return true;
      case 'item': {
        const n = Number(args.trim());
        await this.showAgenda(context, turn, await this.s.run.moveTo(ctx, Number.isInteger(n) && args.trim() !== '' ? n : Number.NaN), false);
        return true;
      }
      case 'attendance': {
        if (/^import\b/iu.test(args.trim())) {
          const { outcome, view } = await this.s.attendance.importHere(ctx);
          await context.sendActivity(cardMessage(attendanceCard(view, t, importNotice(outcome, t), this.attendanceLink(view))));
        } else {
          const scope = await this.s.meetings.scopeOf(ctx);
          if (scope.meeting) {
            const here = await this.s.attendance.viewHere(ctx);
            await context.sendActivity(cardMessage(attendanceCard(here, t, undefined, this.attendanceLink(here))));
          }
          else {
            const { group, figures, period } = await this.s.attendance.figures(ctx);
            await context.sendActivity(cardMessage(attendanceFiguresCard(group.name, period.from, period.to, figures, t)));
          }
        }
        return true;
      }
      case 'present':
      case 'excused':
      case 'absent': {
        const a = context.activity;
        const mentioned = ((a.entities ?? []) as Array<{ type?: string; mentioned?: { id?: string; name?: string; aadObjectId?: string } }>)
          .filter((e) => e.type === 'mention' && e.mentioned?.id && e.mentioned.id !== a.recipient?.id)
          .map((e) => e.mentioned!)[0];
        const who = mentioned?.id
          ? { mention: { id: mentioned.id, name: mentioned.name ?? mentioned.id, ...(mentioned.aadObjectId ? { aadObjectId: mentioned.aadObjectId } : {}) } }
          : { name: args.replace(/<\/?at>/g, '').replace(/^@/, '').trim() };
        const view = await this.s.attendance.correct(ctx, name, who);
        await context.sendActivity(cardMessage(attendanceCard(view, t, undefined, this.attendanceLink(view))));
        return true;
      }
      case 'checkin': {
        const view = await this.s.run.checkInView(ctx);
        const sent = await context.sendActivity(cardMessage(checkInCard(view.meeting.id, view.answers, randomUUID(), t)));
        if (sent?.id) await this.s.run.rememberCard(ctx.tenantId, view.meeting.id, 'checkin', sent.id);
        await this.sendPersonalLinks(context, turn, view, 'checkin');
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * Each member gets their own link privately (src/app decides how); the chat is told how many went out
   * and who could not be reached — never a link.
   */
  private async sendPersonalLinks(context: TurnContext, turn: Turn, view: MeetingView, kind: LinkKind): Promise<void> {
    if (!this.s.links || !view.group) return;
    const report = await this.s.links.deliver({
      meeting: view.meeting,
      group: view.group,
      kind,
      messenger: teamsDirectMessenger(context, this.s.botAppId ?? '', this.s.log),
      write: linkMessageWriter(turn.t),
    });
    const text = linkReportText(report, turn.t);
    if (text) await context.sendActivity(plainText(text));
  }

  /**
   * The meeting's end event: the end is kept, the attendance import is tried at once and set up as jobs
   * (reports are often empty until the scheduled end, and end events go missing).
   */
  async meetingEnded(context: TurnContext, turn: Turn): Promise<void> {
    const meeting = await this.s.run.end(turn.ctx);
    if (!meeting) return;
    await this.s.scheduleAttendanceImports(meeting);
    const outcome = await this.s.attendance.importFor(turn.ctx.tenantId, meeting.id);
    if (outcome.kind === 'imported') {
      const view = await this.s.attendance.attendanceOf(turn.ctx.tenantId, meeting.id);
      await context.sendActivity(cardMessage(attendanceCard(view, turn.t, importNotice(outcome, turn.t), this.attendanceLink(view))));
    } else if (outcome.kind === 'accessDenied' && outcome.firstTime) {
      await context.sendActivity(cardMessage(attendanceDeniedCard(meeting.title ?? '', turn.t)));
    }
  }

  /** The meeting's start event: the agenda card with the first item in progress. */
  async meetingStarted(context: TurnContext, turn: Turn): Promise<void> {
    const wasRunning = (await this.s.wasRunning?.(turn)) ?? true;
    const view = await this.s.run.start(turn.ctx, 'event');
    await this.s.run.rememberConversation(turn.ctx.tenantId, view.meeting.id, JSON.stringify(TurnContext.getConversationReference(context.activity)));
    await this.showAgenda(context, turn, view, true);
    if (!wasRunning) await this.s.afterStart?.(context, turn, view);
  }

  /**
   * Posts the agenda card, or updates the one already in the chat in place (a PUT to that activity), so
   * the chat keeps one agenda that follows the meeting.
   */
  private async showAgenda(context: TurnContext, turn: Turn, view: MeetingView, postIfNone: boolean): Promise<void> {
    const c = agendaCard(view, this.s.now(), randomUUID(), turn.t, true);
    await this.postAgenda(context, turn, view, c, postIfNone);
    await this.checkInWhenDue(context, turn, view);
  }

  private async postAgenda(context: TurnContext, turn: Turn, view: MeetingView, c: AdaptiveCard, postIfNone: boolean): Promise<void> {
    const existing = view.meeting.agendaActivityId;
    if (existing) {
      await context.updateActivity({ id: existing, type: 'message', attachments: [cardMessage(c).attachments![0]!] });
      if (!postIfNone) return;
      if (view.meeting.currentItem) return;
    }
    const sent = await context.sendActivity(cardMessage(c));
    if (sent?.id) await this.s.run.rememberCard(turn.ctx.tenantId, view.meeting.id, 'agenda', sent.id);
  }

  /** When the check-in item is in progress, the check-in card goes out once, without anyone asking. */
  private async checkInWhenDue(context: TurnContext, turn: Turn, view: MeetingView): Promise<void> {
    const item = view.agenda.find((i) => i.number === view.meeting.currentItem);
    if (!item || !isCheckInItem(item) || view.meeting.checkinActivityId) return;
    const answers = await this.s.run.checkIns(turn.ctx.tenantId, view.meeting.id);
    const sent = await context.sendActivity(cardMessage(checkInCard(view.meeting.id, answers, randomUUID(), turn.t)));
    if (sent?.id) await this.s.run.rememberCard(turn.ctx.tenantId, view.meeting.id, 'checkin', sent.id);
  }

  /** Handles a lifecycle card press; undefined when the verb is not one of these. */
  async cardAction(context: TurnContext, turn: Turn, verb: string, raw: unknown): Promise<CardActionResult | undefined> {
    const { ctx, t } = turn;
    switch (verb) {
      case SCHEDULE_VERB: {
        const data = parseCardData(scheduleData, raw);
        const overriding = data.override === 'true';
        const req = { title: data.title, date: data.date, start: data.start, end: data.end, ...(overriding ? { overrideReason: data.reason ?? '' } : {}) };
        try {
          const outcome = await this.s.scheduling.schedule(ctx, req, `card:${data.cardId}`);
          return { card: outcome.kind === 'heldBack' ? heldBackCard(outcome, randomUUID(), t) : scheduledCard(outcome, data.cardId, t), shared: true };
        } catch (e) {
          if (!(e instanceof DomainError) || e.code.startsWith('ACCESS.') || e.code.startsWith('GROUP.')) throw e;
          // A field was wrong: the same form again, with what was typed and what to fix.
          const problem = this.s.explain(e, turn);
          if (overriding) {
            const retry = await this.s.scheduling.schedule(ctx, { title: data.title, date: data.date, start: data.start, end: data.end }, `card:${data.cardId}`);
            if (retry.kind === 'heldBack') return { card: heldBackCard(retry, data.cardId, t, problem), shared: false };
          }
          return { card: scheduleFormCard(data.cardId, t, data, problem), shared: false };
        }
      }
      case BOOK_PREPARATION_VERB: {
        const data = parseCardData(meetingRef, raw);
        const outcome = await this.s.scheduling.schedulePreparation(ctx, data.meetingId);
        return { card: outcome.kind === 'scheduled' ? scheduledCard(outcome, data.cardId, t) : heldBackCard(outcome, data.cardId, t), shared: false };
      }
      case BOOK_SERIES_VERB: {
        const data = parseCardData(seriesData, raw);
        const slots = parseCardData(slotList, safeJson(data.slots));
        const chosen = slots.filter((_, i) => data[`pick${i}`] !== 'false');
        const outcomes = await this.s.scheduling.bookSeries(ctx, chosen, data.cardId);
        const booked = outcomes.filter((o) => o.kind === 'scheduled' && o.group.kind !== 'preparation').length;
        return { card: card([heading(t('schedule.seriesTitle', { year: String(data.year) })), userText(t('schedule.seriesBooked', { count: booked, year: String(data.year) }))]), shared: true };
      }
      case NOTICE_ANSWER_VERB: {
        const data = parseCardData(noticeData, raw);
        const answers = await this.s.run.answerNotice(ctx.tenantId, data.meetingId, ctx.caller, { attending: data.attending, note: data.note }, 'card');
        const view = await this.s.run.viewById(ctx.tenantId, data.meetingId);
        const size = await this.rosterSize(view);
        // Everyone's copy shows the counts; the presser's shows their own answer.
        await replaceSharedCard(context, noticeCard(view, answers, size, data.cardId, t), this.s.log);
        return { card: noticeCard(view, answers, size, data.cardId, t, ctx.caller), shared: false };
      }
      case NOTICE_REFRESH_VERB: {
        const data = parseCardData(meetingRef, raw);
        const view = await this.s.run.viewById(ctx.tenantId, data.meetingId);
        const answers = await this.s.run.noticeAnswers(ctx.tenantId, data.meetingId);
        return { card: noticeCard(view, answers, await this.rosterSize(view), data.cardId, t, ctx.caller), shared: false };
      }
      case CHECKIN_ANSWER_VERB: {
        const data = parseCardData(checkInData, raw);
        const answers = await this.s.run.answerCheckIn(ctx.tenantId, data.meetingId, ctx.caller, { mood: data.mood, text: data.text, inRoom: data.inRoom }, 'card');
        await replaceSharedCard(context, checkInCard(data.meetingId, answers, data.cardId, t), this.s.log);
        return { card: checkInCard(data.meetingId, answers, data.cardId, t, ctx.caller), shared: false };
      }
      case CHECKIN_REFRESH_VERB: {
        const data = parseCardData(meetingRef, raw);
        return { card: checkInCard(data.meetingId, await this.s.run.checkIns(ctx.tenantId, data.meetingId), data.cardId, t, ctx.caller), shared: false };
      }
      case NEXT_ITEM_VERB: {
        const data = parseCardData(meetingRef, raw);
        const view = await this.s.run.moveTo(ctx, 'next');
        await this.checkInWhenDue(context, turn, view);
        return { card: agendaCard(view, this.s.now(), data.cardId, t, true), shared: true };
      }
      case SAVE_ITEM_VERB:
      case REMOVE_ITEM_VERB: {
        const data = parseCardData(agendaItemData, raw);
        const number = data.item && data.item !== 'new' ? Number(data.item) : undefined;
        if (number !== undefined && !Number.isInteger(number)) throw new DomainError('CARD.INVALID_DATA', { detail: 'item' });
        const view =
          verb === REMOVE_ITEM_VERB
            ? await this.s.run.removeAgendaItem(ctx, data.meetingId, number ?? Number.NaN)
            : await this.s.run.saveAgendaItem(ctx, data.meetingId, { ...(number !== undefined ? { number } : {}), type: data.type, plannedStart: data.time, title: data.title, responsible: data.responsible });
        return { card: agendaCard(view, this.s.now(), data.cardId, t, true), shared: true };
      }
      default:
        return undefined;
    }
  }

  private async rosterSize(view: MeetingView): Promise<number> {
    if (!view.group) return 0;
    const day = (view.meeting.startsAt ?? new Date().toISOString()).slice(0, 10);
    const roster = await this.s.repos.groups.members(view.meeting.tenantId, view.group.id);
    return roster.filter((m) => isMemberOn(m, day) && m.role !== 'coopted').length;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // parseCardData then names the field
  }
}

/** What an import found, in one line for the attendance card. */
function importNotice(outcome: ImportOutcome, t: Turn['t']): string {
  switch (outcome.kind) {
    case 'imported':
      return t('attendance.imported', { records: outcome.records, added: outcome.added });
    case 'empty':
      return t('attendance.noReports');
    case 'notConfigured':
      return t('attendance.notConfigured');
    case 'noOnlineMeeting':
      return t('attendance.noOnlineMeeting');
    case 'accessDenied':
      return t('attendance.deniedTitle');
  }
}
