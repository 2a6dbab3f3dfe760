/** `/agenda` (`/dagordning`), `/start`, `/next` (`/nästa`), `/item <n>` (`/punkt`) and the agenda card's presses. */
import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { MeetingView } from '../../src/app/meeting-run-service';
import { isCheckInItem } from '../../src/domain/agenda';
import { DomainError } from '../../src/domain/errors';
import { agendaCard, NEXT_ITEM_VERB, REMOVE_ITEM_VERB, SAVE_ITEM_VERB } from '../cards/agenda.card';
import { cardMessage } from '../turn';
import { asTyped, cardAction, CHATS, command, type CommandFamily, type HandlerTurn } from './command';
import { postCarriedOverActions } from './minutes';
import { meetingRef, postCheckIn } from './notice';

const agendaItemData = meetingRef.extend({
  item: z.string().max(10).optional(),
  type: z.string().max(5).optional(),
  time: z.string().max(10).optional(),
  title: z.string().max(5000).optional(),
  responsible: z.string().max(5000).optional(),
});

/** When the check-in item is in progress, the check-in card goes out once, without anyone asking. */
async function checkInWhenDue(turn: HandlerTurn, view: MeetingView): Promise<void> {
  const item = view.agenda.find((i) => i.number === view.meeting.currentItem);
  if (!item || !isCheckInItem(item) || view.meeting.checkinActivityId) return;
  await postCheckIn(turn, view.meeting.id);
}

/**
 * Posts the agenda card, or updates the one already in the chat in place (a PUT to that activity), so
 * the chat keeps one agenda that follows the meeting.
 */
async function showAgenda(turn: HandlerTurn, view: MeetingView, postIfNone: boolean): Promise<void> {
  const c = agendaCard(view, turn.services.clock.now(), randomUUID(), turn.t, true);
  const existing = view.meeting.agendaActivityId;
  let post = true;
  if (existing) {
    await turn.context.updateActivity({ id: existing, type: 'message', attachments: [cardMessage(c).attachments![0]!] });
    post = postIfNone && !view.meeting.currentItem;
  }
  if (post) {
    const sent = await turn.context.sendActivity(cardMessage(c));
    if (sent?.id) await turn.services.meetingRun.rememberCard(turn.ctx.tenantId, view.meeting.id, 'agenda', sent.id);
  }
  await checkInWhenDue(turn, view);
}

/**
 * `/start` or Teams' meeting start event: the agenda with the first item in progress; the first time,
 * the open actions of earlier meetings follow it.
 */
export async function startMeeting(turn: HandlerTurn, by: 'command' | 'event'): Promise<void> {
  const before = (await turn.services.meetings.meetingOf(turn.ctx))?.value;
  // Outside a meeting chat it cannot tell, and says it was running: nothing is carried over twice.
  const wasRunning = !before || before.currentItem !== undefined;
  const view = await turn.services.meetingRun.start(turn.ctx, by);
  if (by === 'event') {
    await turn.services.meetingRun.rememberConversation(turn.ctx.tenantId, view.meeting.id, JSON.stringify(TurnContext.getConversationReference(turn.context.activity)));
  }
  await showAgenda(turn, view, true);
  if (!wasRunning) await postCarriedOverActions(turn, view);
}

export const agendaCommands: CommandFamily = {
  commands: [
    command({
      name: 'agenda',
      sv: 'dagordning',
      help: 'help.agenda',
      usage: 'usage.agendaAdd',
      scopes: CHATS,
      menu: true,
      parse: (args) => /^(?:add|lägg till|ny)\s+([\s\S]*)$/iu.exec(args.trim())?.[1],
      run: async (turn, added) => {
        const { ctx, services } = turn;
        const view = added !== undefined ? await services.meetingRun.addAgendaItem(ctx, added) : await services.meetingRun.view(ctx);
        await turn.context.sendActivity(cardMessage(agendaCard(view, services.clock.now(), randomUUID(), turn.t, true)));
      },
    }),
    command({ name: 'start', help: 'help.run', scopes: CHATS, parse: asTyped, run: (turn) => startMeeting(turn, 'command') }),
    command({
      name: 'next',
      sv: 'nästa',
      aliases: ['nasta'],
      help: 'help.run',
      scopes: CHATS,
      parse: asTyped,
      run: async (turn) => showAgenda(turn, await turn.services.meetingRun.moveTo(turn.ctx, 'next'), false),
    }),
    command({
      name: 'item',
      sv: 'punkt',
      hint: '<n>',
      help: 'help.run',
      scopes: CHATS,
      parse: (args) => {
        const n = Number(args.trim());
        return Number.isInteger(n) && args.trim() !== '' ? n : Number.NaN;
      },
      run: async (turn, n) => showAgenda(turn, await turn.services.meetingRun.moveTo(turn.ctx, n), false),
    }),
  ],
  cardActions: [
    cardAction({
      verb: NEXT_ITEM_VERB,
      data: meetingRef,
      run: async (turn, data) => {
        const view = await turn.services.meetingRun.moveTo(turn.ctx, 'next');
        await checkInWhenDue(turn, view);
        return { card: agendaCard(view, turn.services.clock.now(), data.cardId, turn.t, true), shared: true };
      },
    }),
    ...[SAVE_ITEM_VERB, REMOVE_ITEM_VERB].map((verb) =>
      cardAction({
        verb,
        data: agendaItemData,
        run: async (turn, data) => {
          const { ctx, services } = turn;
          const number = data.item && data.item !== 'new' ? Number(data.item) : undefined;
          if (number !== undefined && !Number.isInteger(number)) throw new DomainError('CARD.INVALID_DATA', { detail: 'item' });
          const view =
            verb === REMOVE_ITEM_VERB
              ? await services.meetingRun.removeAgendaItem(ctx, data.meetingId, number ?? Number.NaN)
              : await services.meetingRun.saveAgendaItem(ctx, data.meetingId, { ...(number !== undefined ? { number } : {}), type: data.type, plannedStart: data.time, title: data.title, responsible: data.responsible });
          return { card: agendaCard(view, services.clock.now(), data.cardId, turn.t, true), shared: true };
        },
      }),
    ),
  ],
};
