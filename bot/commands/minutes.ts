/** `/note`, `/action`, `/actions`, `/adjuster`, `/minutes [send]` (Swedish: `/anteckning`, `/åtgärd`, `/åtgärder`, `/justerare`, `/protokoll [skicka]`) and their cards' presses. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { MeetingView } from '../../src/app/meeting-run-service';
import { parseActionArgs } from '../../src/domain/action';
import { DomainError } from '../../src/domain/errors';
import { minutesSummary } from '../../src/domain/minutes';
import { noteText } from '../../src/domain/note';
import type { PersonRef } from '../../src/domain/person';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import { actionCard, MARK_ACTION_DONE_VERB, openActionsCard } from '../cards/action.card';
import { card, heading, userText, type AdaptiveCard } from '../cards/card';
import { APPOINT_ADJUSTER_VERB, choosePersonCard } from '../cards/choose-person.card';
import { APPROVE_MINUTES_VERB, approvalCard, minutesCard, REQUEST_MINUTES_CHANGES_VERB, sentNote } from '../cards/minutes.card';
import { noteCard } from '../cards/note.card';
import { argumentLines } from '../message-lines';
import { personNamed } from '../mentions';
import { cardIdSchema, cardMessage, type Turn } from '../turn';
import { asTyped, cardAction, CHATS, command, type CommandFamily, type HandlerTurn } from './command';
import { chosenPerson, personChoice } from './groups';

const SEND_WORDS = new Set(['send', 'skicka']);

const today = (turn: HandlerTurn): string => utcToStockholm(turn.services.clock.now()).date;

function adjusterCard(person: PersonRef, t: Turn['t']): AdaptiveCard {
  return card([heading(t('adjuster.title')), userText(t('adjuster.appointed', { name: person.name }))]);
}

/**
 * Open actions "reappear under the next meeting's first item": when a meeting starts, the group's actions
 * still open from earlier meetings are posted right after the agenda card.
 */
export async function postCarriedOverActions(turn: HandlerTurn, view: MeetingView): Promise<void> {
  const carried = await turn.services.records.carriedOver(turn.ctx.tenantId, view.meeting);
  if (carried.length === 0) return;
  await turn.context.sendActivity(cardMessage(openActionsCard(carried, randomUUID(), today(turn), turn.t, turn.locale, turn.t('actions.carriedOver'))));
}

const approvalData = z.object({ cardId: cardIdSchema, versionId: z.string().min(1).max(200), note: z.string().max(20_000).optional() });

export const minutesCommands: CommandFamily = {
  commands: [
    command({
      name: 'note',
      sv: 'anteckning',
      help: 'help.note',
      usage: 'usage.note',
      scopes: CHATS,
      // Its lines (sub-headings, bullets) as written, when Teams flattened them in the text.
      parse: (args, incoming) => noteText(argumentLines(args, incoming)),
      run: async (turn, text) => {
        const { value } = await turn.services.records.addNote(turn.ctx, text, turn.sourceKey);
        await turn.context.sendActivity(cardMessage(noteCard(value, turn.t, turn.locale)));
      },
    }),
    command({
      name: 'action',
      sv: 'åtgärd',
      aliases: ['atgard'],
      help: 'help.action',
      usage: 'usage.action',
      scopes: CHATS,
      // Its fields are checked before anything is looked up; the use case, shared with the tab, reads the same text.
      parse: (args) => {
        parseActionArgs(args);
        return args;
      },
      run: async (turn, args) => {
        const { value } = await turn.services.records.recordAction(turn.ctx, args, turn.sourceKey);
        await turn.context.sendActivity(cardMessage(actionCard(value, randomUUID(), turn.t, turn.locale)));
      },
    }),
    command({
      name: 'actions',
      sv: 'åtgärder',
      aliases: ['atgarder'],
      help: 'help.actions',
      scopes: CHATS,
      parse: asTyped,
      run: async (turn) => {
        const open = await turn.services.records.listOpenActions(turn.ctx);
        await turn.context.sendActivity(cardMessage(openActionsCard(open, randomUUID(), today(turn), turn.t, turn.locale)));
      },
    }),
    command({
      name: 'adjuster',
      sv: 'justerare',
      help: 'help.adjuster',
      usage: 'usage.adjuster',
      scopes: CHATS,
      parse: (args, incoming) => personNamed(incoming, args),
      run: async (turn, query) => {
        const result = await turn.services.records.appointAdjuster(turn.ctx, query);
        const reply = result.kind === 'choose' ? choosePersonCard('name' in query ? query.name : '', result.candidates, randomUUID(), turn.t, 'adjuster') : adjusterCard(result.appointment.person, turn.t);
        await turn.context.sendActivity(cardMessage(reply));
      },
    }),
    command({
      name: 'minutes',
      sv: 'protokoll',
      help: 'help.minutes',
      usage: 'usage.minutes',
      scopes: CHATS,
      menu: true,
      parse: (args) => {
        const word = args.trim().toLowerCase();
        if (word === '') return 'overview';
        if (!SEND_WORDS.has(word)) throw new DomainError('MINUTES.BAD_ARGS', { value: args.trim().slice(0, 40) });
        return 'send';
      },
      run: async (turn, what) => {
        const { ctx, t, locale, services } = turn;
        if (what === 'overview') {
          const overview = await services.minutes.overview(ctx, locale);
          await turn.context.sendActivity(cardMessage(minutesCard(overview, t, locale, services.tabLinks?.toTranscript(overview.meeting.id))));
          return;
        }
        const sent = await services.minutes.send(ctx, locale);
        await turn.context.sendActivity(cardMessage(card([sentNote(sent.adjuster.name, sent.version.version, t)])));
        // The adjuster's answer updates this card in place (the press carries its activity).
        await turn.context.sendActivity(cardMessage(approvalCard(sent.version, sent.adjuster.name, sent.links, sent.summary, randomUUID(), t, locale)));
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: MARK_ACTION_DONE_VERB,
      data: z.object({ cardId: cardIdSchema, actionId: z.string().min(1).max(200), view: z.enum(['single', 'list']).optional() }),
      run: async (turn, data) => {
        const action = await turn.services.records.markActionDone(turn.ctx, data.actionId);
        if (data.view === 'list') {
          // The list shows what is still open; carried-over lists and /actions alike.
          const open = await turn.services.records.listOpenActions(turn.ctx);
          return { card: openActionsCard(open, data.cardId, today(turn), turn.t, turn.locale), shared: true };
        }
        return { card: actionCard(action, data.cardId, turn.t, turn.locale), shared: true };
      },
    }),
    ...[APPROVE_MINUTES_VERB, REQUEST_MINUTES_CHANGES_VERB].map((verb) =>
      cardAction({
        verb,
        data: approvalData,
        run: async (turn, data) => {
          const { ctx, t, locale, services } = turn;
          const version = verb === APPROVE_MINUTES_VERB ? await services.minutes.approve(ctx, data.versionId) : await services.minutes.requestChanges(ctx, data.versionId, data.note);
          const adjuster = version.approvedBy?.name ?? version.changesRequestedBy?.name ?? ctx.caller.name;
          const c = approvalCard(version, adjuster, services.minutes.linksFor(version, locale), minutesSummary(version.content), data.cardId, t, locale);
          if (version.status === 'approved') c.body.push(userText(t('minutesCard.approved', { version: version.version }), { color: 'Good' }));
          return { card: c, shared: true };
        },
      }),
    ),
    cardAction({
      verb: APPOINT_ADJUSTER_VERB,
      data: personChoice,
      run: async (turn, data) => {
        const person = chosenPerson(data);
        await turn.services.records.appointAdjuster(turn.ctx, { mention: person });
        return { card: adjusterCard(person, turn.t), shared: true };
      },
    }),
  ],
};
