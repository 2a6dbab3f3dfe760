/** `/setup`, `/members` (`/ledamöter`), `/preparation` (`/beredning`), `/secretary` (`/sekreterare`) and the roster card's presses. */
import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { GroupKind } from '../../src/domain/charter';
import type { PersonRef } from '../../src/domain/person';
import type { Translate } from '../../src/i18n';
import type { MeetingChatLink } from '../../src/app/booking-link';
import { bookingTakenCard, CHOOSE_BOOKING_VERB, linkedWithBookingsCard } from '../cards/booking-link.card';
import { card, heading, userText, type AdaptiveCard } from '../cards/card';
import { APPOINT_SECRETARY_VERB, choosePersonCard } from '../cards/choose-person.card';
import { ADD_CHAT_MEMBERS_VERB, groupCreatedCard, rosterCard, UPDATE_MEMBER_VERB } from '../cards/group.card';
import { personNamed } from '../mentions';
import { cardIdSchema, cardMessage } from '../turn';
import { showAgenda } from './agenda-view';
import { asTyped, cardAction, CHATS, command, type CommandFamily, type HandlerTurn } from './command';

const KIND_WORDS: Record<string, GroupKind> = {
  council: 'council',
  råd: 'council',
  steering: 'steering',
  styrgrupp: 'steering',
  network: 'network',
  nätverk: 'network',
  preparation: 'preparation',
  beredning: 'preparation',
  beredningsgrupp: 'preparation',
};

/**
 * `/setup [council|steering|network|preparation] <name> [code XXXX-XXXX]` (Swedish kind words and `kod`
 * too); the kind defaults later; the code takes over a group imported from minutes (src/app/group-claim.ts).
 */
export function parseSetupArgs(args: string): { name: string; kind?: GroupKind; claimCode?: string } {
  const coded = /^(.*\S)\s+(?:code|kod)\s+([A-Za-z0-9]{4}-?[A-Za-z0-9]{4})\s*$/i.exec(args.trim());
  const text = coded ? coded[1]! : args.trim();
  const claim = coded ? { claimCode: coded[2]! } : {};
  const [first, ...rest] = text.split(/\s+/);
  const kind = first && Object.hasOwn(KIND_WORDS, first.toLowerCase()) ? KIND_WORDS[first.toLowerCase()] : undefined;
  return kind && rest.length > 0 ? { name: rest.join(' '), kind, ...claim } : { name: text, ...claim };
}

/** The group's roster card; `offset` pages a long roster. */
export async function rosterView(turn: HandlerTurn, cardId: string, notice?: string, offset = 0): Promise<AdaptiveCard> {
  const { group, members, mayEdit } = await turn.services.groups.roster(turn.ctx);
  return rosterCard(group, members, turn.services.clock.now().toISOString().slice(0, 10), mayEdit, cardId, turn.t, notice, offset);
}

export function appointedCard(person: PersonRef, t: Translate): AdaptiveCard {
  return card([heading(t('secretary.title')), userText(t('secretary.appointed', { name: person.name }))]);
}

/** A meeting chat's link to its group, in words; when the booking that took the chat over has begun, its agenda card follows it. */
async function linkedCard(turn: HandlerTurn, link: MeetingChatLink, cardId: string): Promise<AdaptiveCard> {
  if (link.kind === 'meetingLinked') return linkedWithBookingsCard(link.group, link.risksMoved, link.day, link.bookings, cardId, turn.t);
  if (link.meeting.startedAt) await showAgenda(turn, await turn.services.meetingRun.view(turn.ctx, link.meeting), false);
  return bookingTakenCard(link.group, link.meeting, link.prepared, link.risksMoved, turn.t);
}

export const personChoice = z.object({ cardId: cardIdSchema, personId: z.string().min(1).max(400), name: z.string().min(1).max(400), aadObjectId: z.string().max(200).optional() });
export const chosenPerson = (d: z.infer<typeof personChoice>): PersonRef => ({ id: d.personId, name: d.name, ...(d.aadObjectId ? { aadObjectId: d.aadObjectId } : {}) });

const memberData = z.object({
  cardId: cardIdSchema,
  memberId: z.string().min(1).max(200),
  role: z.string().max(40).optional(),
  organisation: z.string().max(400).optional(),
  email: z.string().max(400).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});

export const groupCommands: CommandFamily = {
  commands: [
    command({
      name: 'secretary',
      sv: 'sekreterare',
      help: 'help.secretary',
      usage: 'usage.secretary',
      scopes: CHATS,
      menu: true,
      parse: (args, incoming) => personNamed(incoming, args),
      run: async (turn, query) => {
        const result = await turn.services.meetings.appointSecretary(turn.ctx, query);
        const reply = result.kind === 'choose' ? choosePersonCard('name' in query ? query.name : '', result.candidates, randomUUID(), turn.t) : appointedCard(result.appointment.person, turn.t);
        await turn.context.sendActivity(cardMessage(reply));
      },
    }),
    command({
      name: 'setup',
      help: 'help.setup',
      usage: 'usage.setup',
      scopes: CHATS,
      menu: true,
      parse: parseSetupArgs,
      run: async (turn, args) => {
        // Kept with the group, to post reminders there later; in a channel, to the channel (a new post), not this thread.
        const reference = TurnContext.getConversationReference(turn.context.activity);
        const conversationReference = JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: turn.ctx.conversationId } });
        const result = await turn.services.groups.setup(turn.ctx, { ...args, conversationReference });
        const reply = result.kind === 'created' ? groupCreatedCard(result.group, result.members, result.risksMoved, turn.t, result.claimed === true) : await linkedCard(turn, result, randomUUID());
        await turn.context.sendActivity(cardMessage(reply));
      },
    }),
    command({
      name: 'members',
      sv: 'ledamöter',
      aliases: ['ledamoter'],
      help: 'help.members',
      scopes: CHATS,
      menu: true,
      parse: asTyped,
      run: async (turn) => {
        await turn.context.sendActivity(cardMessage(await rosterView(turn, randomUUID())));
      },
    }),
    command({
      name: 'preparation',
      sv: 'beredning',
      help: 'help.preparation',
      usage: 'usage.preparation',
      scopes: CHATS,
      parse: asTyped,
      run: async (turn, args) => {
        const { group, preparation } = await turn.services.groups.setPreparationGroup(turn.ctx, args);
        await turn.context.sendActivity(cardMessage(card([userText(turn.t('preparation.set', { name: group.name, preparation: preparation.name }))])));
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: APPOINT_SECRETARY_VERB,
      data: personChoice,
      run: async (turn, data) => {
        const person = chosenPerson(data);
        await turn.services.meetings.appointSecretary(turn.ctx, { mention: person });
        return { card: appointedCard(person, turn.t), shared: true };
      },
    }),
    cardAction({
      verb: CHOOSE_BOOKING_VERB,
      data: z.object({ cardId: cardIdSchema, groupId: z.string().min(1).max(200), meetingId: z.string().min(1).max(200) }),
      run: async (turn, data) => {
        const link = await turn.services.groups.chooseBooking(turn.ctx, data.groupId, data.meetingId);
        return { card: await linkedCard(turn, link, data.cardId), shared: true };
      },
    }),
    cardAction({
      verb: UPDATE_MEMBER_VERB,
      data: memberData,
      run: async (turn, data) => {
        const member = await turn.services.groups.updateMember(turn.ctx, data.memberId, data);
        return { card: await rosterView(turn, data.cardId, turn.t('members.saved', { name: member.person.name })), shared: true };
      },
    }),
    cardAction({
      verb: ADD_CHAT_MEMBERS_VERB,
      data: z.object({ cardId: cardIdSchema }),
      run: async (turn, data) => {
        const added = await turn.services.groups.addNewChatMembers(turn.ctx);
        return { card: await rosterView(turn, data.cardId, turn.t('members.added', { count: added })), shared: true };
      },
    }),
  ],
};
