/**
 * `/agenda` (`/dagordning`) with `add`, `remove`, `move`, `heading`, `clear` (`lägg till`, `ta bort`,
 * `flytta`, `rubrik`, `töm`), `/start`, `/next` (`/nästa`), `/item <n>` (`/punkt`) and the agenda card's presses.
 */
import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardRow } from '../../src/app/agenda-editing';
import { itemsOf } from '../../src/domain/agenda';
import { parseAgendaCommand } from '../../src/domain/agenda-edit';
import { DomainError } from '../../src/domain/errors';
import { agendaCard, NEXT_ITEM_VERB, REMOVE_ITEM_VERB, SAVE_ITEM_VERB } from '../cards/agenda.card';
import { cardMessage, plainText } from '../turn';
import { checkInWhenDue, showAgenda } from './agenda-view';
import { asTyped, cardAction, CHATS, command, type CommandFamily, type HandlerTurn } from './command';
import { postCarriedOverActions } from './minutes';
import { meetingRef } from './notice';

const agendaItemData = meetingRef.extend({
  item: z.string().max(20).optional(),
  type: z.string().max(5).optional(),
  time: z.string().max(10).optional(),
  title: z.string().max(5000).optional(),
  responsible: z.string().max(5000).optional(),
});

/** The form's row: `new` (or none), an item's number, or `break@HH:MM` / `end@HH:MM`. */
function cardRow(value: string | undefined): CardRow {
  if (value === undefined || value === '' || value === 'new') return 'new';
  if (/^\d{1,3}$/.test(value)) return { item: Number(value) };
  const m = /^(break|end)@(\d\d:\d\d)$/.exec(value);
  if (!m) throw new DomainError('CARD.INVALID_DATA', { detail: `item: “${value}”` });
  return { kind: m[1] as 'break' | 'end', time: m[2]! };
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
      parse: parseAgendaCommand,
      run: async (turn, command) => {
        const { ctx, services } = turn;
        const view = command.kind === 'show' ? await services.meetingRun.view(ctx) : await services.meetingRun.editAgenda(ctx, command);
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
      run: async (turn) => {
        const view = await turn.services.meetingRun.moveTo(turn.ctx, 'next');
        await showAgenda(turn, view, false);
        // Past the last item: said in the chat, not only on the card.
        if (view.meeting.agendaDoneAt) await turn.context.sendActivity(plainText(turn.t('agenda.finished', { count: itemsOf(view.agenda).length })));
      },
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
          const row = cardRow(data.item);
          const view =
            verb === REMOVE_ITEM_VERB
              ? await services.meetingRun.removeAgendaItem(ctx, data.meetingId, row)
              : await services.meetingRun.saveAgendaItem(ctx, data.meetingId, row, { type: data.type, plannedStart: data.time, title: data.title, responsible: data.responsible });
          return { card: agendaCard(view, services.clock.now(), data.cardId, turn.t, true), shared: true };
        },
      }),
    ),
  ],
};
