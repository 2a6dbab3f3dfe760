/**
 * Notes, actions, the adjuster and the minutes in the chat: commands and card presses call
 * MinutesRecordsService and MinutesService and answer with cards from bot/cards.
 */
import { randomUUID } from 'node:crypto';
import type { Mention, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { MeetingService, PersonQuery } from '../src/app/meeting-service';
import type { MeetingView } from '../src/app/meeting-run-service';
import type { MinutesRecordsService } from '../src/app/minutes-records-service';
import type { MinutesService } from '../src/app/minutes-service';
import { DomainError } from '../src/domain/errors';
import { minutesSummary } from '../src/domain/minutes';
import type { PersonRef } from '../src/domain/person';
import { utcToStockholm } from '../src/domain/stockholm-time';
import { actionCard, MARK_ACTION_DONE_VERB, openActionsCard } from './cards/action.card';
import { card, heading, userText, type AdaptiveCard } from './cards/card';
import { APPOINT_ADJUSTER_VERB, choosePersonCard } from './cards/choose-person.card';
import { APPROVE_MINUTES_VERB, approvalCard, minutesCard, REQUEST_MINUTES_CHANGES_VERB, sentNote } from './cards/minutes.card';
import { noteCard } from './cards/note.card';
import { cardIdSchema, cardMessage, parseCardData, type CardActionResult, type Turn } from './turn';

export type MinutesCommand = 'note' | 'action' | 'actions' | 'adjuster' | 'minutes';

const SEND_WORDS = new Set(['send', 'skicka']);

const doneData = z.object({ cardId: cardIdSchema, actionId: z.string().min(1).max(200), view: z.enum(['single', 'list']).optional() });
const approvalData = z.object({ cardId: cardIdSchema, versionId: z.string().min(1).max(200), note: z.string().max(20_000).optional() });
const appointData = z.object({ cardId: cardIdSchema, personId: z.string().min(1).max(400), name: z.string().min(1).max(400), aadObjectId: z.string().max(200).optional() });

export class MinutesHandlers {
  constructor(
    private readonly minutes: MinutesRecordsService,
    private readonly documents: MinutesService,
    private readonly meetings: MeetingService,
    private readonly now: () => Date,
  ) {}

  async command(context: TurnContext, turn: Turn, name: MinutesCommand, args: string, sourceKey: string, mentions: Mention[]): Promise<void> {
    const { ctx, t, locale } = turn;
    switch (name) {
      case 'note': {
        const { value } = await this.minutes.addNote(ctx, args, sourceKey);
        await context.sendActivity(cardMessage(noteCard(value, t, locale)));
        return;
      }
      case 'action': {
        const { value } = await this.minutes.recordAction(ctx, args, sourceKey);
        await context.sendActivity(cardMessage(actionCard(value, randomUUID(), t, locale)));
        return;
      }
      case 'actions': {
        const open = await this.minutes.listOpenActions(ctx);
        await context.sendActivity(cardMessage(openActionsCard(open, randomUUID(), this.today(), t, locale)));
        return;
      }
      case 'minutes': {
        const word = args.trim().toLowerCase();
        if (word === '') {
          await context.sendActivity(cardMessage(minutesCard(await this.documents.overview(ctx, locale), t, locale)));
          return;
        }
        if (!SEND_WORDS.has(word)) throw new DomainError('MINUTES.BAD_ARGS', { value: args.trim().slice(0, 40) });
        const sent = await this.documents.send(ctx, locale);
        await context.sendActivity(cardMessage(card([sentNote(sent.adjuster.name, sent.version.version, t)])));
        // The adjuster's answer updates this card in place (the press carries its activity).
        await context.sendActivity(cardMessage(approvalCard(sent.version, sent.adjuster.name, sent.links, sent.summary, randomUUID(), t, locale)));
        return;
      }
      case 'adjuster': {
        const recipientId = context.activity.recipient?.id;
        const person = mentions.find((m) => m.mentioned?.id && m.mentioned.id !== recipientId)?.mentioned;
        const query: PersonQuery = person
          ? { mention: { id: person.id, name: person.name ?? person.id, ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}) } }
          : { name: args.replace(/^@/, '').replace(/<\/?at>/g, '').trim() };
        const result = await this.minutes.appointAdjuster(ctx, query);
        await context.sendActivity(
          cardMessage(result.kind === 'choose' ? choosePersonCard('name' in query ? query.name : '', result.candidates, randomUUID(), t, 'adjuster') : adjusterCard(result.appointment.person, turn)),
        );
        return;
      }
    }
  }

  /** Handles a Done or adjuster-choice press; undefined when the verb is not one of these. */
  async cardAction(turn: Turn, verb: string, raw: unknown): Promise<CardActionResult | undefined> {
    const { ctx, t, locale } = turn;
    switch (verb) {
      case MARK_ACTION_DONE_VERB: {
        const data = parseCardData(doneData, raw);
        const action = await this.minutes.markActionDone(ctx, data.actionId);
        if (data.view === 'list') {
          // The list shows what is still open; carried-over lists and /actions alike.
          const open = await this.minutes.listOpenActions(ctx);
          return { card: openActionsCard(open, data.cardId, this.today(), t, locale), shared: true };
        }
        return { card: actionCard(action, data.cardId, t, locale), shared: true };
      }
      case APPROVE_MINUTES_VERB:
      case REQUEST_MINUTES_CHANGES_VERB: {
        const data = parseCardData(approvalData, raw);
        const version =
          verb === APPROVE_MINUTES_VERB ? await this.documents.approve(ctx, data.versionId) : await this.documents.requestChanges(ctx, data.versionId, data.note);
        const adjuster = version.approvedBy?.name ?? version.changesRequestedBy?.name ?? ctx.caller.name;
        const c = approvalCard(version, adjuster, this.documents.linksFor(version, locale), minutesSummary(version.content), data.cardId, t, locale);
        if (version.status === 'approved') c.body.push(userText(t('minutesCard.approved', { version: version.version }), { color: 'Good' }));
        return { card: c, shared: true };
      }
      case APPOINT_ADJUSTER_VERB: {
        const data = parseCardData(appointData, raw);
        const person: PersonRef = { id: data.personId, name: data.name, ...(data.aadObjectId ? { aadObjectId: data.aadObjectId } : {}) };
        await this.minutes.appointAdjuster(ctx, { mention: person });
        return { card: adjusterCard(person, turn), shared: true };
      }
      default:
        return undefined;
    }
  }

  /**
   * Open actions "reappear under the next meeting's first item": when a meeting starts, the group's actions
   * still open from earlier meetings are posted right after the agenda card.
   */
  async afterStart(context: TurnContext, turn: Turn, view: MeetingView): Promise<void> {
    const carried = await this.minutes.carriedOver(turn.ctx.tenantId, view.meeting);
    if (carried.length === 0) return;
    await context.sendActivity(cardMessage(openActionsCard(carried, randomUUID(), this.today(), turn.t, turn.locale, turn.t('actions.carriedOver'))));
  }

  /**
   * Whether this request's meeting had already started before it (the meeting is read once per request,
   * before any change). Outside a meeting chat it cannot tell, and says yes: nothing is carried over twice.
   */
  async wasRunning(turn: Turn): Promise<boolean> {
    const meeting = (await this.meetings.meetingOf(turn.ctx))?.value;
    return !meeting || meeting.currentItem !== undefined;
  }

  private today(): string {
    return utcToStockholm(this.now()).date;
  }
}

function adjusterCard(person: PersonRef, turn: Turn): AdaptiveCard {
  return card([heading(turn.t('adjuster.title')), userText(turn.t('adjuster.appointed', { name: person.name }))]);
}
