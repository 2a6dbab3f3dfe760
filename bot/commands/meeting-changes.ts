/**
 * `/meetings` (`/möten`) → Move: a form with the new date and times, the booking moved (and its Outlook
 * event); on a move and on a cancel, the group's members are told in the group's chat, one card.
 */
import { z } from 'zod';
import type { Meeting } from '../../src/domain/meeting';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import { meetingChangedCard, MEETINGS_BACK_VERB, meetingsCard, MOVE_FORM_VERB, MOVE_MEETING_VERB, moveMeetingCard } from '../cards/meetings.card';
import { cardIdSchema, cardMessage } from '../turn';
import { cardAction, type CommandFamily, type HandlerTurn } from './command';
import { meetingRef } from './notice';

const moveData = meetingRef.extend({ date: z.string().max(40).optional(), start: z.string().max(20).optional(), end: z.string().max(20).optional() });

const span = (m: Meeting) => {
  const s = m.startsAt ? utcToStockholm(new Date(m.startsAt)) : undefined;
  return { date: s?.date ?? '', start: s?.time ?? '', ...(m.endsAt ? { end: utcToStockholm(new Date(m.endsAt)).time } : {}) };
};

/**
 * Tells the meeting's group in its own chat: here, when this is that chat; else through its stored
 * conversation reference. A group set up before references were kept is not told (logged).
 */
export async function tellGroup(turn: HandlerTurn, before: Meeting, after?: Meeting): Promise<void> {
  const { services } = turn;
  const group = before.groupId ? await services.repos.groups.get(before.tenantId, before.groupId) : undefined;
  if (!group) return;
  const n = { kind: 'meetingChanged' as const, title: before.title ?? group.name, from: span(before), ...(after ? { to: span(after) } : {}) };
  if (group.conversationId === turn.ctx.conversationId) {
    await turn.context.sendActivity(cardMessage(meetingChangedCard(n, turn.t)));
  } else if (services.notifier && group.conversationReference) {
    await services.notifier.postToGroup(group, n);
  } else {
    services.log.warn({ groupId: group.id }, 'the group’s chat is unknown: its members were not told of the change');
  }
}

export const meetingChangeActions: CommandFamily = {
  commands: [],
  cardActions: [
    cardAction({
      verb: MOVE_FORM_VERB,
      data: meetingRef,
      run: async (turn, data) => {
        const { meeting } = await turn.services.scheduling.movable(turn.ctx, data.meetingId);
        return { card: moveMeetingCard(meeting, utcToStockholm(turn.services.clock.now()).date, data.cardId, turn.t), shared: false };
      },
    }),
    cardAction({
      verb: MOVE_MEETING_VERB,
      data: moveData,
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        const { meeting, before, calendar } = await services.scheduling.move(ctx, data.meetingId, { date: data.date ?? '', start: data.start ?? '', end: data.end ?? '' });
        await tellGroup(turn, before, meeting);
        const what = t('meetings.moved', { title: meeting.title ?? '', ...span(meeting) });
        const notice = calendar === 'moved' ? `${what} ${t('meetings.calendarMoved')}` : calendar === 'failed' ? `${what} ${t('meetings.calendarMoveFailed')}` : what;
        return { card: meetingsCard(await services.scheduling.upcoming(ctx), data.cardId, t, notice), shared: true };
      },
      // A wrong or past date gives the form back with what was typed and what to fix.
      onFieldError: (turn, data, problem) => ({
        card: moveMeetingCard({ id: data.meetingId }, utcToStockholm(turn.services.clock.now()).date, data.cardId, turn.t, { values: { date: data.date, start: data.start, end: data.end }, problem }),
        shared: false,
      }),
    }),
    cardAction({
      verb: MEETINGS_BACK_VERB,
      data: z.object({ cardId: cardIdSchema }),
      run: async (turn, data) => ({ card: meetingsCard(await turn.services.scheduling.upcoming(turn.ctx), data.cardId, turn.t), shared: false }),
    }),
  ],
};
