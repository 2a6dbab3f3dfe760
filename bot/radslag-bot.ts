/**
 * The Teams bot: turns activities into use-case calls and results into Adaptive Cards. No domain rule lives
 * here; who may record, numbering and validation are in src/app and src/domain.
 */
import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Mention,
} from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { RequestContext } from '../src/app/context';
import type { DecisionService } from '../src/app/decision-service';
import type { MeetingService, PersonQuery } from '../src/app/meeting-service';
import type { RiskService } from '../src/app/risk-service';
import { DomainError, isDomainError } from '../src/domain/errors';
import type { Meeting } from '../src/domain/meeting';
import type { PersonRef } from '../src/domain/person';
import { errorKey, localeOf, translator, type Locale, type MessageKey, type Translate } from '../src/i18n';
import type { AdaptiveCard } from './cards/card';
import { card, heading, userText } from './cards/card';
import { APPOINT_SECRETARY_VERB, choosePersonCard } from './cards/choose-person.card';
import { decisionListCard } from './cards/decision-list.card';
import { decisionCard, RETRACT_DECISION_VERB } from './cards/decision.card';
import { helpCard } from './cards/help.card';
import { CREATE_RISK_VERB, riskFormCard, type RiskFormValues } from './cards/risk-form.card';
import { riskRegisterCard } from './cards/risk-register.card';
import { riskCard } from './cards/risk.card';
import { parseCommand, parseRiskArgs, type CommandName } from './command-parser';
import { MeetingRoleCache, teamsDirectory } from './teams-directory';

export interface BotServices {
  decisions: DecisionService;
  risks: RiskService;
  meetings: MeetingService;
  log: Logger;
  meetingRoleCacheSeconds: number;
}

/** Where each command's example comes from, for error replies. */
const usageOf: Partial<Record<CommandName, MessageKey>> = {
  decision: 'usage.decision',
  risk: 'usage.risk',
  secretary: 'usage.secretary',
};

interface Turn {
  ctx: RequestContext;
  t: Translate;
  locale: Locale;
}

export class RadslagBot extends TeamsActivityHandler {
  private readonly roles: MeetingRoleCache;
  private readonly background = new Set<Promise<void>>();

  constructor(private readonly services: BotServices) {
    super();
    this.roles = new MeetingRoleCache(services.meetingRoleCacheSeconds * 1000);
    this.onMessage(async (context, next) => {
      await this.withMeeting(context, (turn) => this.handleMessage(context, turn));
      await next();
    });
    this.onTeamsMeetingStartEvent(async (_meeting, context, next) => {
      await this.withMeeting(context, () => Promise.resolve());
      await next();
    });
    this.onTeamsMeetingEndEvent(async (_meeting, context, next) => {
      await this.withMeeting(context, () => Promise.resolve());
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await context.sendActivity(this.cardMessage(helpCard(this.turnOf(context).t)));
      await next();
    });
  }

  // ---- turn set-up ---------------------------------------------------------------------------------

  private turnOf(context: TurnContext): Turn {
    const a = context.activity;
    const channelData = (a.channelData ?? {}) as { tenant?: { id?: string }; meeting?: { id?: string } };
    const tenantId = a.conversation?.tenantId ?? channelData.tenant?.id ?? 'no-tenant';
    const teamsMeetingId = channelData.meeting?.id || undefined;
    const caller: PersonRef = { id: a.from.id, name: a.from.name ?? a.from.id, ...(a.from.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}) };
    const locale = localeOf(a.locale);
    return {
      ctx: {
        tenantId,
        // A channel thread's id carries ";messageid=…": the channel, not the thread, keeps the register.
        conversationId: a.conversation.id.split(';messageid=')[0]!,
        ...(teamsMeetingId ? { teamsMeetingId } : {}),
        caller,
        directory: teamsDirectory(context, teamsMeetingId, tenantId, this.roles, this.services.log),
      },
      t: translator(locale),
      locale,
    };
  }

  /**
   * The first activity from a meeting chat creates the meeting. Teams' meeting details are fetched in the
   * background, off the request path: a slow or failing Teams call never delays or blocks the command.
   */
  private async withMeeting<T>(context: TurnContext, work: (turn: Turn) => Promise<T>): Promise<T> {
    const turn = this.turnOf(context);
    const stored = await this.services.meetings.meetingOf(turn.ctx);
    if (stored?.created) this.track(this.fillMeetingDetails(context, stored.value));
    return work(turn);
  }

  private track(task: Promise<void>): void {
    this.background.add(task);
    void task.finally(() => this.background.delete(task));
  }

  /** Waits for background work (meeting details) to finish, for a graceful shutdown. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.background]);
  }

  private async fillMeetingDetails(context: TurnContext, meeting: Meeting): Promise<void> {
    try {
      // TeamsInfo reads the turn context synchronously when called, so this may outlive the turn.
      const pending = TeamsInfo.getMeetingInfo(context, meeting.teamsMeetingId);
      const info = await pending;
      await this.services.meetings.fillDetails(meeting, {
        title: info.details?.title || undefined,
        startsAt: info.details?.scheduledStartTime ? new Date(info.details.scheduledStartTime).toISOString() : undefined,
        endsAt: info.details?.scheduledEndTime ? new Date(info.details.scheduledEndTime).toISOString() : undefined,
        organizerAadObjectId: info.organizer?.aadObjectId || undefined,
      });
    } catch (e) {
      this.services.log.warn({ err: e, meetingId: meeting.id }, 'meeting info not available; the meeting stays without title and times');
    }
  }

  // ---- messages ------------------------------------------------------------------------------------

  private async handleMessage(context: TurnContext, turn: Turn): Promise<void> {
    const a = context.activity;
    const mentions = (a.entities ?? []).filter((e) => e.type === 'mention') as unknown as Mention[];
    const mentioned = mentions.some((m) => m.mentioned?.id === a.recipient?.id);
    const text = mentioned ? TurnContext.removeRecipientMention(a) : a.text;
    // In a personal chat everything is said to the bot, so "help" works as well as "/help".
    const addressed = mentioned || a.conversation.conversationType === 'personal';
    const parsed = parseCommand(text, addressed);
    if (parsed.kind === 'chatter') return; // meeting chatter: ignored silently
    if (parsed.kind === 'unknown') {
      await context.sendActivity(this.cardMessage(helpCard(turn.t, parsed.word)));
      return;
    }
    try {
      await this.runCommand(context, turn, parsed.name, parsed.args, mentions);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await context.sendActivity(plainText(this.explain(e, turn, usageOf[parsed.name])));
    }
  }

  private async runCommand(context: TurnContext, turn: Turn, name: CommandName, args: string, mentions: Mention[]): Promise<void> {
    const { ctx, t, locale } = turn;
    // Teams redelivers an activity it got no answer for in time: the activity id makes the write idempotent.
    const sourceKey = `activity:${ctx.conversationId}:${context.activity.id ?? randomUUID()}`;
    switch (name) {
      case 'decision': {
        const { value } = await this.services.decisions.recordDecision(ctx, args, sourceKey);
        await context.sendActivity(this.cardMessage(decisionCard(value, randomUUID(), t, locale)));
        return;
      }
      case 'decisions': {
        const decisions = await this.services.decisions.listDecisions(ctx);
        await context.sendActivity(this.cardMessage(decisionListCard(decisions, t)));
        return;
      }
      case 'risk': {
        if (args === '') {
          await this.services.risks.assertMayRaise(ctx);
          await context.sendActivity(this.cardMessage(riskFormCard(randomUUID(), t)));
          return;
        }
        const parsed = parseRiskArgs(args);
        const { value } = await this.services.risks.raiseRisk(ctx, { threat: parsed.threat, probability: parsed.probability, impact: parsed.impact }, sourceKey);
        await context.sendActivity(this.cardMessage(riskCard(value, t, locale)));
        return;
      }
      case 'risks': {
        const risks = await this.services.risks.listRisks(ctx);
        await context.sendActivity(this.cardMessage(riskRegisterCard(risks, t)));
        return;
      }
      case 'secretary': {
        const recipientId = context.activity.recipient?.id;
        const person = mentions.find((m) => m.mentioned?.id && m.mentioned.id !== recipientId)?.mentioned;
        const query: PersonQuery = person
          ? { mention: { id: person.id, name: person.name ?? person.id, ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}) } }
          : { name: args.replace(/^@/, '').replace(/<\/?at>/g, '').trim() };
        const result = await this.services.meetings.appointSecretary(ctx, query);
        if (result.kind === 'choose') {
          await context.sendActivity(this.cardMessage(choosePersonCard('name' in query ? query.name : '', result.candidates, randomUUID(), t)));
        } else {
          await context.sendActivity(this.cardMessage(appointedCard(result.appointment.person, t)));
        }
        return;
      }
      case 'help':
        await context.sendActivity(this.cardMessage(helpCard(t)));
        return;
    }
  }

  // ---- card presses (Action.Execute) ---------------------------------------------------------------

  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    return this.withMeeting(context, async (turn) => {
      try {
        const updated = await this.runCardAction(turn, invoke.action.verb, invoke.action.data);
        if (updated.shared) await this.replaceSharedCard(context, updated.card);
        return cardResponse(updated.card);
      } catch (e) {
        if (!isDomainError(e)) {
          this.services.log.error({ err: e, verb: invoke.action.verb }, 'card action failed');
          return messageResponse(turn.t('error.unexpected'));
        }
        if (e.code === 'CARD.INVALID_DATA' || e.code === 'ACCESS.RECORD_DENIED' || e.code === 'ACCESS.APPOINT_DENIED') {
          return messageResponse(this.explain(e, turn));
        }
        // A field was wrong: give the form back with what was typed and what to fix.
        if (invoke.action.verb === CREATE_RISK_VERB) {
          const data = riskFormData.safeParse(invoke.action.data);
          if (data.success) return cardResponse(riskFormCard(data.data.cardId, turn.t, formValues(data.data), this.explain(e, turn)));
        }
        return messageResponse(this.explain(e, turn));
      }
    });
  }

  /** Returns the card to show the person who pressed, and whether everyone's copy should change too. */
  private async runCardAction(turn: Turn, verb: string, rawData: unknown): Promise<{ card: AdaptiveCard; shared: boolean }> {
    const { ctx, t, locale } = turn;
    switch (verb) {
      case RETRACT_DECISION_VERB: {
        const data = parseCardData(retractData, rawData);
        const decision = await this.services.decisions.retractDecision(ctx, data.decisionId);
        return { card: decisionCard(decision, data.cardId, t, locale), shared: true };
      }
      case CREATE_RISK_VERB: {
        const data = parseCardData(riskFormData, rawData);
        const sourceKey = `card:${data.cardId}:${ctx.caller.aadObjectId ?? ctx.caller.id}`;
        const { value } = await this.services.risks.raiseRisk(
          ctx,
          {
            threat: data.threat,
            vulnerability: data.vulnerability,
            consequence: data.consequence,
            probability: data.S,
            impact: data.K,
            actionNeeded: data.actionNeeded === true || data.actionNeeded === 'true',
            action: data.action,
            owner: data.owner,
          },
          sourceKey,
        );
        return { card: riskCard(value, t, locale), shared: true };
      }
      case APPOINT_SECRETARY_VERB: {
        const data = parseCardData(appointData, rawData);
        const person: PersonRef = { id: data.personId, name: data.name, ...(data.aadObjectId ? { aadObjectId: data.aadObjectId } : {}) };
        await this.services.meetings.appointSecretary(ctx, { mention: person });
        return { card: appointedCard(person, t), shared: true };
      }
      default:
        throw new DomainError('CARD.INVALID_DATA', { detail: `unknown action "${verb.slice(0, 40)}"` });
    }
  }

  /** Everyone else sees the change when the shared message is replaced (PUT to the activity). */
  private async replaceSharedCard(context: TurnContext, newCard: AdaptiveCard): Promise<void> {
    const id = context.activity.replyToId;
    if (!id) return;
    try {
      await context.updateActivity({ id, type: 'message', attachments: [CardFactory.adaptiveCard(newCard)] });
    } catch (e) {
      // The presser already sees the new card through the invoke response; others see it on their next refresh.
      this.services.log.warn({ err: e, activityId: id }, 'could not update the shared card');
    }
  }

  // ---- replies -------------------------------------------------------------------------------------

  private cardMessage(c: AdaptiveCard) {
    return MessageFactory.attachment(CardFactory.adaptiveCard(c));
  }

  /** A domain error as one clear sentence, with a correct example where the command has one. */
  private explain(e: DomainError, turn: Turn, usage?: MessageKey): string {
    const { t } = turn;
    const params: Record<string, string | number> = { ...e.params };
    if (typeof params.field === 'string') params.field = fieldName(params.field, t);
    if (typeof params.kind === 'string') params.kind = t(params.kind === 'risk' ? 'kind.risk' : 'kind.decision');
    const parts = [t(errorKey(e.code), params)];
    if (e.code === 'ACCESS.RECORD_DENIED') {
      parts.push(e.params.secretary ? t('access.secretaryIs', { name: e.params.secretary }) : t('access.noSecretary'));
    }
    const showsExample = usage && (e.code.startsWith('TEXT.') || e.code.startsWith('RISK.SCORE') || e.code.startsWith('PERSON.'));
    if (showsExample) parts.push(t('common.example', { example: t(usage) }));
    return parts.join(' ');
  }
}

// ---- card data -------------------------------------------------------------------------------------

const cardId = z.string().min(1).max(200);
const optionalString = z.string().max(20_000).optional();
const retractData = z.object({ cardId, decisionId: z.string().min(1).max(200) });
const appointData = z.object({ cardId, personId: z.string().min(1).max(400), name: z.string().min(1).max(400), aadObjectId: z.string().max(200).optional() });
const riskFormData = z.object({
  cardId,
  threat: optionalString,
  vulnerability: optionalString,
  consequence: optionalString,
  S: z.union([z.string().max(20), z.number()]).optional(),
  K: z.union([z.string().max(20), z.number()]).optional(),
  actionNeeded: z.union([z.string().max(10), z.boolean()]).optional(),
  action: optionalString,
  owner: optionalString,
});

function parseCardData<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new DomainError('CARD.INVALID_DATA', { detail: `${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'invalid'}` });
}

function formValues(d: z.infer<typeof riskFormData>): RiskFormValues {
  return {
    threat: d.threat,
    vulnerability: d.vulnerability,
    consequence: d.consequence,
    S: d.S === undefined ? undefined : String(d.S),
    K: d.K === undefined ? undefined : String(d.K),
    actionNeeded: String(d.actionNeeded ?? 'false'),
    action: d.action,
    owner: d.owner,
  };
}

function fieldName(field: string, t: Translate): string {
  const known: Record<string, MessageKey> = {
    decision: 'field.decision',
    threat: 'field.threat',
    vulnerability: 'field.vulnerability',
    consequence: 'field.consequence',
    action: 'field.action',
    owner: 'field.owner',
    S: 'field.S',
    K: 'field.K',
  };
  const key = known[field];
  return key ? t(key) : field;
}

function appointedCard(person: PersonRef, t: Translate): AdaptiveCard {
  return card([heading(t('secretary.title')), userText(t('secretary.appointed', { name: person.name }))]);
}

/** Replies quote what people typed: plain text, so Teams does not render it as markdown. */
function plainText(text: string): Partial<Activity> {
  return { ...MessageFactory.text(text), textFormat: 'plain' };
}

const cardResponse = (c: AdaptiveCard): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: c as unknown as Record<string, unknown> });
const messageResponse = (text: string): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> });
