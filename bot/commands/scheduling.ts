/** `/schedule` (`/boka`): the form, a year's series or a quick booking; and the schedule cards' presses. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ScheduleOutcome } from '../../src/app/scheduling-service';
import { DomainError } from '../../src/domain/errors';
import { attendanceSheetCard } from '../cards/attendance-sheet.card';
import { CANCEL_MEETING_VERB, meetingsCard } from '../cards/meetings.card';
import { tellGroup } from './meeting-changes';
import { BOOK_PREPARATION_VERB, BOOK_SERIES_VERB, heldBackCard, recordedCard, SCHEDULE_VERB, scheduledCard, scheduleFormCard, seriesBookedCard, seriesCard } from '../cards/schedule.card';
import { cardIdSchema, cardMessage, parseCardData } from '../turn';
import { asTyped, cardAction, CHATS, command, type CommandFamily, type HandlerTurn } from './command';

export type ScheduleArgs =
  | { kind: 'form' }
  | { kind: 'series'; year: string; start?: string; end?: string }
  | { kind: 'quick'; date?: string; start?: string; end?: string; title: string };

/**
 * `/schedule` (form), `/schedule series 2027 [09:00-12:00]`, or the quick form
 * `/schedule 2027-02-11 09:00-12:00 <title>`; values are returned as typed, for the domain to judge.
 */
export function parseScheduleArgs(args: string): ScheduleArgs {
  const text = args.trim();
  if (text === '') return { kind: 'form' };
  const series = /^(?:series|serie|år|year)\s+(\S+)(?:\s+(\S+?)\s*[-–]\s*(\S+))?\s*$/iu.exec(text);
  if (series) return { kind: 'series', year: series[1]!, ...(series[2] ? { start: series[2], end: series[3] } : {}) };
  const quick = /^(\S+)(?:\s+(\d{1,2}[:.]\d{2})\s*[-–]\s*(\d{1,2}[:.]\d{2}))?\s*(.*)$/u.exec(text);
  const clock = (v: string | undefined) => v?.replace('.', ':').replace(/^(\d):/, '0$1:');
  return { kind: 'quick', date: quick?.[1], start: clock(quick?.[2]), end: clock(quick?.[3]), title: (quick?.[4] ?? '').trim() };
}

const meetingRef = z.object({ cardId: cardIdSchema, meetingId: z.string().min(1).max(200), date: z.string().max(40).optional() });
const scheduleData = z.object({
  cardId: cardIdSchema,
  title: z.string().max(1000).optional(),
  date: z.string().max(40).optional(),
  start: z.string().max(20).optional(),
  end: z.string().max(20).optional(),
  override: z.string().max(10).optional(),
  reason: z.string().max(5000).optional(),
});
const seriesData = z.object({ cardId: cardIdSchema, year: z.union([z.number(), z.string().max(10)]), slots: z.string().max(20_000) }).catchall(z.unknown());
const slotList = z.array(z.object({ date: z.string().max(20), start: z.string().max(10), end: z.string().max(10) })).max(24);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // parseCardData then names the field
  }
}

/** The answer to a booking: held back, booked, or — a meeting that has taken place — recorded as held. */
function outcomeCard(outcome: ScheduleOutcome, cardId: string, turn: Pick<HandlerTurn, 't' | 'services'>) {
  const { t } = turn;
  if (outcome.kind === 'heldBack') return heldBackCard(outcome, randomUUID(), t);
  if (outcome.kind === 'recorded') return recordedCard(outcome, t);
  // Next steps: the notice, and the meeting page in the tab.
  const page = turn.services.tabLinks?.toMeeting(outcome.group.id, outcome.meeting.id);
  return scheduledCard(outcome, cardId, t, page);
}

/** A meeting recorded afterwards: its attendance sheet follows, for the secretary to mark. */
async function sheetAfterRecording(turn: HandlerTurn, outcome: ScheduleOutcome): Promise<void> {
  if (outcome.kind !== 'recorded') return;
  const view = await turn.services.attendance.sheetFor(turn.ctx, outcome.meeting.id);
  await turn.context.sendActivity(cardMessage(attendanceSheetCard(view, randomUUID(), turn.t)));
}

export const schedulingCommands: CommandFamily = {
  commands: [
    command({
      name: 'schedule',
      sv: 'boka',
      help: 'help.schedule',
      usage: 'usage.schedule',
      scopes: CHATS,
      menu: true,
      waitsOnGraph: true,
      parse: parseScheduleArgs,
      run: async (turn, parsed) => {
        const { ctx, t, services } = turn;
        if (parsed.kind === 'form') {
          await services.scheduling.assertMaySchedule(ctx);
          await turn.context.sendActivity(cardMessage(scheduleFormCard(randomUUID(), t)));
        } else if (parsed.kind === 'series') {
          const year = Number(parsed.year);
          const { proposals } = await services.scheduling.proposeYear(ctx, year, { start: parsed.start ?? '09:00', end: parsed.end ?? '12:00' });
          await turn.context.sendActivity(cardMessage(seriesCard(year, proposals, randomUUID(), t)));
        } else {
          const outcome = await services.scheduling.schedule(ctx, parsed, turn.sourceKey);
          await turn.context.sendActivity(cardMessage(outcomeCard(outcome, randomUUID(), turn)));
          await sheetAfterRecording(turn, outcome);
        }
      },
    }),
    command({
      name: 'meetings',
      sv: 'möten',
      aliases: ['moten'],
      help: 'help.meetings',
      scopes: CHATS,
      parse: asTyped,
      run: async (turn) => {
        await turn.context.sendActivity(cardMessage(meetingsCard(await turn.services.scheduling.upcoming(turn.ctx), randomUUID(), turn.t)));
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: CANCEL_MEETING_VERB,
      data: meetingRef.extend({ when: z.string().max(200).optional() }),
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        const { meeting, calendar, already } = await services.scheduling.cancel(ctx, data.meetingId, t('meetings.cancelComment'));
        if (!already) await tellGroup(turn, meeting);
        const what = t('meetings.cancelled', { title: meeting.title ?? '', when: data.when ?? '' });
        const notice = calendar === 'cancelled' ? `${what} ${t('meetings.calendarCancelled')}` : calendar === 'failed' ? `${what} ${t('meetings.calendarFailed')}` : what;
        return { card: meetingsCard(await services.scheduling.upcoming(ctx), data.cardId, t, notice), shared: true };
      },
    }),
    cardAction({
      verb: SCHEDULE_VERB,
      data: scheduleData,
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        const overriding = data.override === 'true';
        const req = { title: data.title, date: data.date, start: data.start, end: data.end, ...(overriding ? { overrideReason: data.reason ?? '' } : {}) };
        try {
          const outcome = await services.scheduling.schedule(ctx, req, `card:${data.cardId}`);
          await sheetAfterRecording(turn, outcome);
          return { card: outcomeCard(outcome, data.cardId, turn), shared: true };
        } catch (e) {
          if (!(e instanceof DomainError) || e.code.startsWith('ACCESS.') || e.code.startsWith('GROUP.')) throw e;
          // A field was wrong: the same form again, with what was typed and what to fix.
          const problem = turn.explain(e);
          if (overriding) {
            const retry = await services.scheduling.schedule(ctx, { title: data.title, date: data.date, start: data.start, end: data.end }, `card:${data.cardId}`);
            if (retry.kind === 'heldBack') return { card: heldBackCard(retry, data.cardId, t, problem), shared: false };
          }
          return { card: scheduleFormCard(data.cardId, t, data, problem), shared: false };
        }
      },
    }),
    cardAction({
      verb: BOOK_PREPARATION_VERB,
      data: meetingRef,
      run: async (turn, data) => {
        const outcome = await turn.services.scheduling.schedulePreparation(turn.ctx, data.meetingId, data.date);
        return { card: outcomeCard(outcome, data.cardId, turn), shared: false };
      },
    }),
    cardAction({
      verb: BOOK_SERIES_VERB,
      data: seriesData,
      run: async (turn, data) => {
        const { t } = turn;
        const slots = parseCardData(slotList, safeJson(data.slots));
        const chosen = slots.filter((_, i) => data[`pick${i}`] !== 'false');
        const outcomes = await turn.services.scheduling.bookSeries(turn.ctx, chosen, data.cardId);
        return { card: seriesBookedCard(String(data.year), outcomes, t), shared: true };
      },
    }),
  ],
};
