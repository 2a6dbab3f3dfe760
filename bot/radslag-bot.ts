/**
 * The Teams bot routes: a message to its command (bot/commands), a card press to its action, a meeting
 * event to its handler. No domain rule lives here; who may record, numbering and validation are in
 * src/app and src/domain.
 */
import { randomUUID } from 'node:crypto';
import { type Activity, TeamsActivityHandler, TeamsInfo, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import { isStoreUnavailable } from '../src/app/ports';
import { DomainError, isDomainError } from '../src/domain/errors';
import type { Meeting } from '../src/domain/meeting';
import type { PersonRef } from '../src/domain/person';
import { localeOf, translator, type MessageKey } from '../src/i18n';
import { explain } from '../src/i18n/domain-errors';
import type { AdaptiveCard } from './cards/card';
import { helpCard, helpHereCard } from './cards/help.card';
import { byteSize, MAX_MESSAGE_BYTES } from './cards/paging';
import { parseCommand } from './command-parser';
import { cardActionByVerb, commandByWord } from './commands';
import type { HandlerTurn } from './commands/command';
import { startMeeting } from './commands/agenda';
import { offerSharedFiles } from './commands/attachments';
import { meetingEnded } from './commands/attendance';
import { readIncoming } from './mentions';
import { sharedFiles } from './shared-files';
import type { BotServices } from './services';
import { MeetingRoleCache, teamsDirectory } from './teams-directory';
import { cardMessage, parseCardData, plainText, replaceSharedCard, type Turn } from './turn';

export type { BotServices } from './services';

export class RadslagBot extends TeamsActivityHandler {
  private readonly roles: MeetingRoleCache;
  private readonly background = new Set<Promise<void>>();

  constructor(private readonly services: BotServices) {
    super();
    this.roles = new MeetingRoleCache(services.meetingRoleCacheSeconds * 1000);
    this.onMessage(async (context, next) => {
      await this.onText(context);
      await next();
    });
    this.onTeamsMeetingStartEvent(async (_meeting, context, next) => {
      await this.withMeeting(context, (turn) => startMeeting(turn, 'event'));
      await next();
    });
    this.onTeamsMeetingEndEvent(async (_meeting, context, next) => {
      await this.withMeeting(context, meetingEnded);
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

  /** Waits for background work (meeting details) to finish, for a graceful shutdown. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.background]);
  }

  // ---- messages: parsed first, chatter never reaches the store -------------------------------------

  private async onText(context: TurnContext): Promise<void> {
    const incoming = readIncoming(context.activity);
    const parsed = parseCommand(incoming.text, incoming.addressed);
    const turn = this.turnOf(context);
    if (parsed.kind === 'chatter') {
      // The one kind of chatter looked at: files shared in a meeting chat, offered as attachments of the minutes.
      const files = turn.ctx.teamsMeetingId ? sharedFiles(context.activity) : [];
      if (files.length > 0) await this.withMeeting(context, (t) => offerSharedFiles(t, files));
      return;
    }
    if (parsed.kind === 'unknown') {
      await context.sendActivity(cardMessage(helpCard(turn.t, parsed.word)));
      return;
    }
    const command = commandByWord.get(parsed.name)!;
    try {
      const args: unknown = command.parse(parsed.args, incoming);
      // These may wait on Microsoft Graph (events, mail, attendance reports): Teams shows that the bot is at work.
      if (this.services.waitsOnGraph && command.waitsOnGraph) await context.sendActivity({ type: 'typing' });
      // Teams redelivers an activity it got no answer for in time: the activity id makes the write idempotent.
      const sourceKey = `activity:${turn.ctx.conversationId}:${context.activity.id ?? randomUUID()}`;
      await this.withMeeting(context, (t) => command.run({ ...t, sourceKey, incoming }, args));
    } catch (e) {
      if (!isDomainError(e)) throw e;
      // A value it could not read is quoted with the command, named in the caller's language.
      await context.sendActivity(plainText(explain(e, turn.t, command.usage, `/${turn.locale === 'sv' ? (command.sv ?? command.name) : command.name}`)));
    }
  }

  // ---- card presses (Action.Execute): the data is checked before anything is looked up --------------

  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { t } = this.turnOf(context);
    const action = cardActionByVerb.get(invoke.action.verb);
    let data: unknown;
    try {
      if (!action) throw new DomainError('CARD.INVALID_DATA', { detail: `unknown action "${invoke.action.verb.slice(0, 40)}"` });
      data = parseCardData(action.data, invoke.action.data);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      return messageResponse(explain(e, t));
    }
    return this.withMeeting(context, async (turn) => {
      try {
        const updated = await action.run(turn, data, invoke.action.data);
        if (updated.shared) await replaceSharedCard(context, updated.card, this.services.log);
        return cardResponse(updated.card);
      } catch (e) {
        // The database did not answer: the press is answered 503 (bot/adapter.ts), and Teams lets them press again.
        if (isStoreUnavailable(e)) throw e;
        if (!isDomainError(e)) {
          this.services.log.error({ err: e, verb: invoke.action.verb }, 'card action failed');
          return messageResponse(t('error.unexpected'));
        }
        const problem = explain(e, t);
        // A field was wrong: the form again, with what was typed and what to fix.
        const form = e.code === 'CARD.INVALID_DATA' || e.code.startsWith('ACCESS.') ? undefined : action.onFieldError?.(turn, data, problem);
        return form ? cardResponse(form.card) : messageResponse(problem);
      }
    });
  }

  // ---- the turn ------------------------------------------------------------------------------------

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
   * The first command or event from a meeting chat creates the meeting. Teams' meeting details are fetched
   * in the background, off the request path: a slow or failing Teams call never delays or blocks the command.
   */
  private async withMeeting<T>(context: TurnContext, work: (turn: HandlerTurn) => Promise<T>): Promise<T> {
    const turn = this.turnOf(context);
    const { services } = this;
    const stored = await services.meetings.meetingOf(turn.ctx);
    if (stored?.created) this.track(this.fillMeetingDetails(context, stored.value));
    // Kept once, so the bot can post to the meeting chat later (reminders, attendance).
    if (stored && !stored.value.conversationReference) {
      await services.meetingRun.rememberConversation(turn.ctx.tenantId, stored.value.id, JSON.stringify(TurnContext.getConversationReference(context.activity)));
    }
    return work({
      ...turn,
      context,
      services,
      tabLink: async (page) => {
        if (!services.tabLinks) return undefined;
        const { group } = await services.meetings.scopeOf(turn.ctx);
        return group ? services.tabLinks.to(group.id, page) : undefined;
      },
      explain: (e: DomainError, usage?: MessageKey) => explain(e, turn.t, usage),
      helpCard: (which) => {
        if (which === 'all') return helpCard(turn.t);
        const place = turn.ctx.teamsMeetingId ? 'meeting' : context.activity.conversation?.conversationType === 'personal' ? 'personal' : 'group';
        return helpHereCard(turn.t, place, randomUUID());
      },
    });
  }

  private track(task: Promise<void>): void {
    this.background.add(task);
    void task.finally(() => this.background.delete(task));
  }

  private async fillMeetingDetails(context: TurnContext, meeting: Meeting): Promise<void> {
    try {
      // TeamsInfo reads the turn context synchronously when called, so this may outlive the turn.
      const info = await TeamsInfo.getMeetingInfo(context, meeting.teamsMeetingId);
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
}

const cardResponse = (c: AdaptiveCard): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: c as unknown as Record<string, unknown> });
const messageResponse = (text: string): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> });
