/** `/schedule` (`/boka`): the form, a year's series or a quick booking; and the schedule cards' presses. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../src/domain/errors';
import { card, heading, userText } from '../cards/card';
import { BOOK_PREPARATION_VERB, BOOK_SERIES_VERB, heldBackCard, SCHEDULE_VERB, scheduledCard, scheduleFormCard, seriesCard } from '../cards/schedule.card';
import { cardIdSchema, cardMessage, parseCardData } from '../turn';
import { cardAction, CHATS, command, type CommandFamily } from './command';

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
const seriesData = z.object({ cardId: cardIdSchema, year: z.union([z.number(), z.string().max(10)]), slots: z.string().max(20_000) }).catchall(z.unknown());
const slotList = z.array(z.object({ date: z.string().max(20), start: z.string().max(10), end: z.string().max(10) })).max(24);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // parseCardData then names the field
  }
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
          const id = randomUUID();
          await turn.context.sendActivity(cardMessage(outcome.kind === 'heldBack' ? heldBackCard(outcome, id, t) : scheduledCard(outcome, id, t)));
        }
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: SCHEDULE_VERB,
      data: scheduleData,
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        const overriding = data.override === 'true';
        const req = { title: data.title, date: data.date, start: data.start, end: data.end, ...(overriding ? { overrideReason: data.reason ?? '' } : {}) };
        try {
          const outcome = await services.scheduling.schedule(ctx, req, `card:${data.cardId}`);
          return { card: outcome.kind === 'heldBack' ? heldBackCard(outcome, randomUUID(), t) : scheduledCard(outcome, data.cardId, t), shared: true };
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
        const outcome = await turn.services.scheduling.schedulePreparation(turn.ctx, data.meetingId);
        return { card: outcome.kind === 'scheduled' ? scheduledCard(outcome, data.cardId, turn.t) : heldBackCard(outcome, data.cardId, turn.t), shared: false };
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
        const booked = outcomes.filter((o) => o.kind === 'scheduled' && o.group.kind !== 'preparation').length;
        return { card: card([heading(t('schedule.seriesTitle', { year: String(data.year) })), userText(t('schedule.seriesBooked', { count: booked, year: String(data.year) }))]), shared: true };
      },
    }),
  ],
};
