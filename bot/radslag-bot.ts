/**
 * The Teams bot: turns activities into use-case calls and results into Adaptive Cards. No domain rule lives
 * here; who may record, numbering and validation are in src/app and src/domain.
 */
import { randomUUID } from 'node:crypto';
import {
  type Activity,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Mention,
} from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CapabilityService } from '../src/app/capability-service';
import type { DecisionService } from '../src/app/decision-service';
import type { GroupService } from '../src/app/group-service';
import type { MeetingRunService } from '../src/app/meeting-run-service';
import type { PersonalLinkService } from '../src/app/personal-link-service';
import type { Clock, Repositories } from '../src/app/ports';
import type { SchedulingService } from '../src/app/scheduling-service';
import type { AttendanceService } from '../src/app/attendance-service';
import type { MeetingService, PersonQuery } from '../src/app/meeting-service';
import type { MinutesRecordsService } from '../src/app/minutes-records-service';
import type { MinutesService } from '../src/app/minutes-service';
import type { RiskService } from '../src/app/risk-service';
import type { TabLinks, TabPage } from '../src/links/tab-links';
import { DomainError, isDomainError } from '../src/domain/errors';
import type { Meeting } from '../src/domain/meeting';
import type { PersonRef } from '../src/domain/person';
import { errorKey, localeOf, translator, type MessageKey, type Translate } from '../src/i18n';
import type { AdaptiveCard } from './cards/card';
import { card, heading, userText } from './cards/card';
import { APPOINT_SECRETARY_VERB, choosePersonCard } from './cards/choose-person.card';
import { decisionListCard } from './cards/decision-list.card';
import { decisionCard, RETRACT_DECISION_VERB } from './cards/decision.card';
import { helpCard } from './cards/help.card';
import { CREATE_RISK_VERB, riskFormCard, type RiskFormValues } from './cards/risk-form.card';
import { riskRegisterCard } from './cards/risk-register.card';
import { byteSize, MAX_MESSAGE_BYTES, SHOW_MORE_VERB } from './cards/paging';
import { riskCard, riskReviewCard } from './cards/risk.card';
import { parseCommand, parseRiskArgs, parseRiskReviewArgs, parseSetupArgs, type CommandName } from './command-parser';
import { ADD_CHAT_MEMBERS_VERB, groupCreatedCard, meetingLinkedCard, rosterCard, UPDATE_MEMBER_VERB } from './cards/group.card';
import { MeetingRoleCache, teamsDirectory } from './teams-directory';
import { LifecycleHandlers } from './lifecycle-handlers';
import { MinutesHandlers } from './minutes-handlers';
import { AssessmentHandlers } from './assessment-handlers';
import { cardIdSchema, cardMessage, parseCardData, plainText, replaceSharedCard, type CardActionResult, type Turn } from './turn';

export interface BotServices {
  decisions: DecisionService;
  risks: RiskService;
  meetings: MeetingService;
  groups: GroupService;
  scheduling: SchedulingService;
  run: MeetingRunService;
  attendance: AttendanceService;
  minutes: MinutesRecordsService;
  minutesDocuments: MinutesService;
  capabilities: CapabilityService;
  repos: Pick<Repositories, 'groups'>;
  clock: Clock;
  log: Logger;
  meetingRoleCacheSeconds: number;
  /** Personal links to the notice and check-in pages, sent privately after /notice and /checkin. */
  personalLinks?: PersonalLinkService;
  /** The bot's Microsoft App ID, for one-to-one chats it opens; empty in local mode. */
  botAppId?: string;
  /** Microsoft Graph is configured: some commands wait on it, and show a typing indicator meanwhile. */
  waitsOnGraph?: boolean;
  /** Deep links from the cards to the tab's pages. */
  tabLinks?: TabLinks;
}

/** Commands that call Graph before they answer (when Graph is configured). */
const WAITS_ON_GRAPH: ReadonlySet<CommandName> = new Set(['schedule', 'notice', 'attendance', 'checkin']);

/** The longest value an error reply quotes whole. */
const MAX_QUOTED = 500;

/** Where each command's example comes from, for error replies. */
const usageOf: Partial<Record<CommandName, MessageKey>> = {
  decision: 'usage.decision',
  risk: 'usage.risk',
  secretary: 'usage.secretary',
  setup: 'usage.setup',
  schedule: 'usage.schedule',
  agenda: 'usage.agendaAdd',
  preparation: 'usage.preparation',
  present: 'usage.attendance',
  excused: 'usage.attendance',
  absent: 'usage.attendance',
  note: 'usage.note',
  action: 'usage.action',
  adjuster: 'usage.adjuster',
  minutes: 'usage.minutes',
  assess: 'usage.assess',
};

export class RadslagBot extends TeamsActivityHandler {
  private readonly roles: MeetingRoleCache;
  private readonly background = new Set<Promise<void>>();
  private readonly lifecycle: LifecycleHandlers;
  private readonly minutes: MinutesHandlers;
  private readonly assessments: AssessmentHandlers;

  constructor(private readonly services: BotServices) {
    super();
    this.roles = new MeetingRoleCache(services.meetingRoleCacheSeconds * 1000);
    this.minutes = new MinutesHandlers(services.minutes, services.minutesDocuments, services.meetings, () => services.clock.now());
    this.assessments = new AssessmentHandlers(services.capabilities);
    this.lifecycle = new LifecycleHandlers({
      scheduling: services.scheduling,
      run: services.run,
      attendance: services.attendance,
      meetings: services.meetings,
      scheduleAttendanceImports: (meeting) => services.scheduling.scheduleAttendanceImports(meeting),
      repos: services.repos,
      log: services.log,
      now: () => services.clock.now(),
      explain: (e, turn) => this.explain(e, turn),
      ...(services.personalLinks ? { links: services.personalLinks } : {}),
      botAppId: services.botAppId ?? '',
      ...(services.tabLinks ? { tabLinks: services.tabLinks } : {}),
      wasRunning: (turn) => this.minutes.wasRunning(turn),
      afterStart: (context, turn, view) => this.minutes.afterStart(context, turn, view),
    });
    this.onMessage(async (context, next) => {
      await this.withMeeting(context, (turn) => this.handleMessage(context, turn));
      await next();
    });
    this.onTeamsMeetingStartEvent(async (_meeting, context, next) => {
      await this.withMeeting(context, (turn) => this.lifecycle.meetingStarted(context, turn));
      await next();
    });
    this.onTeamsMeetingEndEvent(async (_meeting, context, next) => {
      await this.withMeeting(context, (turn) => this.lifecycle.meetingEnded(context, turn));
      await next();
    });
    // Added to a chat by hand (or by Teams): the booked meeting of that chat is linked and counts as installed.
    this.onInstallationUpdateAdd(async (context, next) => {
      const turn = this.turnOf(context);
      if (turn.ctx.teamsMeetingId) await this.withMeeting(context, () => Promise.resolve());
      await this.services.scheduling.appAddedToChat(turn.ctx);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await context.sendActivity(cardMessage(helpCard(this.turnOf(context).t)));
      await next();
    });
  }

  // ---- turn set-up ---------------------------------------------------------------------------------

  /**
   * Every message this turn sends or updates is measured: one over Teams' 28 KB would be refused (413),
   * fail the turn and be delivered again, so it is replaced by a short one that says where to read it all.
   */
  override async run(context: TurnContext): Promise<void> {
    // Changed in place: the activity already carries the conversation it goes to.
    const fit = (activity: Partial<Activity>): void => {
      const size = byteSize(activity);
      if (size <= MAX_MESSAGE_BYTES) return;
      this.services.log.error({ size, activityType: activity.type }, 'a reply was larger than a Teams message and was replaced by a short one');
      delete activity.attachments;
      Object.assign(activity, plainText(translator(localeOf(context.activity.locale))('error.tooLong')));
    };
    context.onSendActivities(async (_ctx, activities, next) => {
      activities.forEach(fit);
      return next();
    });
    context.onUpdateActivity(async (_ctx, activity, next) => {
      fit(activity);
      return next();
    });
    return super.run(context);
  }

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
        locale,
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
    // Kept once, so the bot can post to the meeting chat later (reminders, attendance).
    if (stored && !stored.value.conversationReference) {
      await this.services.run.rememberConversation(turn.ctx.tenantId, stored.value.id, JSON.stringify(TurnContext.getConversationReference(context.activity)));
    }
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
        graphMeetingId: info.details?.msGraphResourceId || undefined,
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
      await context.sendActivity(cardMessage(helpCard(turn.t, parsed.word)));
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
    // These may wait on Microsoft Graph (events, mail, attendance reports): Teams shows that the bot is at work.
    if (this.services.waitsOnGraph && WAITS_ON_GRAPH.has(name)) await context.sendActivity({ type: 'typing' });
    // Teams redelivers an activity it got no answer for in time: the activity id makes the write idempotent.
    const sourceKey = `activity:${ctx.conversationId}:${context.activity.id ?? randomUUID()}`;
    switch (name) {
      case 'decision': {
        const { value } = await this.services.decisions.recordDecision(ctx, args, sourceKey);
        await context.sendActivity(cardMessage(decisionCard(value, randomUUID(), t, locale)));
        return;
      }
      case 'decisions': {
        const decisions = await this.services.decisions.listDecisions(ctx);
        await context.sendActivity(cardMessage(decisionListCard(decisions, t, { cardId: randomUUID(), ...(await this.tabLink(turn, 'decisions')) })));
        return;
      }
      case 'risk': {
        if (args === '') {
          await this.services.risks.assertMayRaise(ctx);
          await context.sendActivity(cardMessage(riskFormCard(randomUUID(), t)));
          return;
        }
        const review = parseRiskReviewArgs(args);
        if (review) {
          const done = await this.services.risks.reviewRisk(ctx, review.code ?? '', { probability: review.probability, impact: review.impact, status: review.status, note: review.note }, sourceKey);
          await context.sendActivity(cardMessage(riskReviewCard(done.before, done.after, done.history, t, locale, (await this.tabLink(turn, `risks/${done.after.id}`)).tabLink)));
          return;
        }
        const parsed = parseRiskArgs(args);
        const { value } = await this.services.risks.raiseRisk(ctx, { threat: parsed.threat, probability: parsed.probability, impact: parsed.impact }, sourceKey);
        await context.sendActivity(cardMessage(riskCard(value, t, locale, (await this.tabLink(turn, `risks/${value.id}`)).tabLink)));
        return;
      }
      case 'risks': {
        const risks = await this.services.risks.listRisks(ctx);
        await context.sendActivity(cardMessage(riskRegisterCard(risks, t, { cardId: randomUUID(), ...(await this.tabLink(turn, 'risks')) })));
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
          await context.sendActivity(cardMessage(choosePersonCard('name' in query ? query.name : '', result.candidates, randomUUID(), t)));
        } else {
          await context.sendActivity(cardMessage(appointedCard(result.appointment.person, t)));
        }
        return;
      }
      case 'help':
        await context.sendActivity(cardMessage(helpCard(t)));
        return;
      case 'setup': {
        // Kept with the group, to post reminders there later; in a channel, to the channel (a new post), not this thread.
        const reference = TurnContext.getConversationReference(context.activity);
        const conversationReference = JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: ctx.conversationId } });
        const result = await this.services.groups.setup(ctx, { ...parseSetupArgs(args), conversationReference });
        const c = result.kind === 'created' ? groupCreatedCard(result.group, result.members, result.risksMoved, t) : meetingLinkedCard(result.group, result.risksMoved, t);
        await context.sendActivity(cardMessage(c));
        return;
      }
      case 'members': {
        await context.sendActivity(cardMessage(await this.rosterView(turn, randomUUID())));
        return;
      }
      case 'schedule':
      case 'notice':
      case 'agenda':
      case 'start':
      case 'next':
      case 'item':
      case 'checkin':
      case 'attendance':
      case 'present':
      case 'excused':
      case 'absent':
        await this.lifecycle.command(context, turn, name, args, sourceKey);
        return;
      case 'note':
      case 'action':
      case 'actions':
      case 'adjuster':
      case 'minutes':
        await this.minutes.command(context, turn, name, args, sourceKey, mentions);
        return;
      case 'assess':
        await this.assessments.command(context, turn, args);
        return;
      case 'preparation': {
        const { group, preparation } = await this.services.groups.setPreparationGroup(ctx, args);
        await context.sendActivity(cardMessage(card([userText(t('preparation.set', { name: group.name, preparation: preparation.name }))])));
        return;
      }
    }
  }

  // ---- card presses (Action.Execute) ---------------------------------------------------------------

  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    return this.withMeeting(context, async (turn) => {
      try {
        const updated = await this.runCardAction(context, turn, invoke.action.verb, invoke.action.data);
        if (updated.shared) await replaceSharedCard(context, updated.card, this.services.log);
        return cardResponse(updated.card);
      } catch (e) {
        if (!isDomainError(e)) {
          this.services.log.error({ err: e, verb: invoke.action.verb }, 'card action failed');
          return messageResponse(turn.t('error.unexpected'));
        }
        if (e.code === 'CARD.INVALID_DATA' || e.code.startsWith('ACCESS.')) {
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
  private async runCardAction(context: TurnContext, turn: Turn, verb: string, rawData: unknown): Promise<CardActionResult> {
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
        return { card: riskCard(value, t, locale, (await this.tabLink(turn, `risks/${value.id}`)).tabLink), shared: true };
      }
      case APPOINT_SECRETARY_VERB: {
        const data = parseCardData(appointData, rawData);
        const person: PersonRef = { id: data.personId, name: data.name, ...(data.aadObjectId ? { aadObjectId: data.aadObjectId } : {}) };
        await this.services.meetings.appointSecretary(ctx, { mention: person });
        return { card: appointedCard(person, t), shared: true };
      }
      case UPDATE_MEMBER_VERB: {
        const data = parseCardData(memberData, rawData);
        const member = await this.services.groups.updateMember(ctx, data.memberId, data);
        return { card: await this.rosterView(turn, data.cardId, t('members.saved', { name: member.person.name })), shared: true };
      }
      case SHOW_MORE_VERB: {
        // The next rows of a long list, read anew: only the presser's card changes.
        const data = parseCardData(showMoreData, rawData);
        if (data.list === 'decisions') return { card: decisionListCard(await this.services.decisions.listDecisions(ctx), t, { ...data, ...(await this.tabLink(turn, 'decisions')) }), shared: false };
        if (data.list === 'roster') return { card: await this.rosterView(turn, data.cardId, undefined, data.offset), shared: false };
        return { card: riskRegisterCard(await this.services.risks.listRisks(ctx), t, { ...data, ...(await this.tabLink(turn, 'risks')) }), shared: false };
      }
      case ADD_CHAT_MEMBERS_VERB: {
        const data = parseCardData(cardOnly, rawData);
        const added = await this.services.groups.addNewChatMembers(ctx);
        return { card: await this.rosterView(turn, data.cardId, t('members.added', { count: added })), shared: true };
      }
      default: {
        const handled =
          (await this.minutes.cardAction(turn, verb, rawData)) ?? (await this.assessments.cardAction(turn, verb, rawData)) ?? (await this.lifecycle.cardAction(context, turn, verb, rawData));
        if (handled) return handled;
        throw new DomainError('CARD.INVALID_DATA', { detail: `unknown action "${verb.slice(0, 40)}"` });
      }
    }
  }

  /** The tab's page for this chat's group, when the chat belongs to one. */
  private async tabLink(turn: Turn, page: TabPage): Promise<{ tabLink?: string }> {
    if (!this.services.tabLinks) return {};
    const { group } = await this.services.meetings.scopeOf(turn.ctx);
    return group ? { tabLink: this.services.tabLinks.to(group.id, page) } : {};
  }

  private async rosterView(turn: Turn, cardId: string, notice?: string, offset = 0): Promise<AdaptiveCard> {
    const { group, members, mayEdit } = await this.services.groups.roster(turn.ctx);
    return rosterCard(group, members, this.services.clock.now().toISOString().slice(0, 10), mayEdit, cardId, turn.t, notice, offset);
  }

  // ---- replies -------------------------------------------------------------------------------------

  /** A domain error as one clear sentence, with a correct example where the command has one. */
  explain(e: DomainError, turn: Turn, usage?: MessageKey): string {
    const { t } = turn;
    // A quoted value is shown in full up to a point: a reply must stay within Teams' 28 KB message limit.
    const params: Record<string, string | number> = Object.fromEntries(
      Object.entries(e.params).map(([k, v]) => [k, typeof v === 'string' && v.length > MAX_QUOTED ? `${v.slice(0, MAX_QUOTED)}… (${v.length} characters)` : v]),
    );
    if (typeof params.field === 'string') params.field = fieldName(params.field, t);
    const kinds: Record<string, MessageKey> = { risk: 'kind.risk', decision: 'kind.decision', note: 'kind.note', action: 'kind.action', minutes: 'kind.minutes' };
    if (typeof params.kind === 'string' && Object.hasOwn(kinds, params.kind)) params.kind = t(kinds[params.kind]!);
    const parts = [t(errorKey(e.code), params)];
    if (e.code === 'ACCESS.RECORD_DENIED' || e.code === 'ACCESS.GROUP_RECORD_DENIED') {
      parts.push(e.params.secretary ? t('access.secretaryIs', { name: e.params.secretary }) : t('access.noSecretary'));
    }
    const showsExample = usage && /^(TEXT\.|RISK\.SCORE|PERSON\.|SCHEDULE\.BAD_|AGENDA\.QUICK_FORM|GROUP\.NOT_FOUND|ACTION\.REPEATED_FIELD)/.test(e.code);
    if (showsExample) parts.push(t('common.example', { example: t(usage) }));
    else if (/^RISK\.(BAD_CODE|BAD_STATUS|NOT_FOUND)$/.test(e.code)) parts.push(t('common.example', { example: t('usage.riskReview') }));
    return parts.join(' ');
  }
}

// ---- card data -------------------------------------------------------------------------------------

const cardId = cardIdSchema;
const optionalString = z.string().max(20_000).optional();
const retractData = z.object({ cardId, decisionId: z.string().min(1).max(200) });
const appointData = z.object({ cardId, personId: z.string().min(1).max(400), name: z.string().min(1).max(400), aadObjectId: z.string().max(200).optional() });
const cardOnly = z.object({ cardId });
const showMoreData = z.object({ cardId, list: z.enum(['decisions', 'risks', 'roster']), offset: z.number().int().min(0).max(100_000) });
const memberData = z.object({
  cardId,
  memberId: z.string().min(1).max(200),
  role: z.string().max(40).optional(),
  organisation: z.string().max(400).optional(),
  email: z.string().max(400).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});
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
    due: 'field.due',
    title: 'field.title',
    responsible: 'field.responsible',
    description: 'field.description',
    date: 'field.date',
    start: 'field.start',
    end: 'field.end',
    note: 'field.note',
    checkin: 'field.checkin',
    group: 'field.group',
    name: 'field.name',
    organisation: 'field.organisation',
    S: 'field.S',
    K: 'field.K',
  };
  const key = known[field];
  return key ? t(key) : field;
}

function appointedCard(person: PersonRef, t: Translate): AdaptiveCard {
  return card([heading(t('secretary.title')), userText(t('secretary.appointed', { name: person.name }))]);
}

const cardResponse = (c: AdaptiveCard): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: c as unknown as Record<string, unknown> });
const messageResponse = (text: string): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> });
