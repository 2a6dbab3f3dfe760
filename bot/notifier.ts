/**
 * The app's `Notifier` port in Teams: a proactive message (botbuilder's continueConversationAsync) to the
 * conversation of a stored conversation reference, rendered in that conversation's language.
 */
import { randomUUID } from 'node:crypto';
import type { CloudAdapter, ConversationParameters, ConversationReference } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { Notification, Notifier } from '../src/app/ports';
import type { Group, Member } from '../src/domain/group';
import { localeOf, translator, type Translate } from '../src/i18n';
import type { AdaptiveCard } from './cards/card';
import { assessmentReminderCard } from './cards/assessment.card';
import { attendanceCard, attendanceDeniedCard } from './cards/attendance.card';
import { meetingChangedCard } from './cards/meetings.card';
import { noticeCard } from './cards/notice.card';
import { noticeReminderCard } from './cards/notice-reminder.card';
import { transcriptCard } from './cards/transcript.card';
import { cardMessage } from './turn';

function render(n: Notification, t: Translate): AdaptiveCard {
  switch (n.kind) {
    case 'noticeReminder':
      return noticeReminderCard(n, t);
    case 'attendance':
      return attendanceCard(n.view, t);
    case 'attendanceAccessDenied':
      return attendanceDeniedCard(n.title, t);
    case 'assessmentReminder':
      return assessmentReminderCard(n, randomUUID(), t);
    case 'transcript':
      return transcriptCard(n, t);
    case 'notice':
      return noticeCard(n.overview, randomUUID(), t);
    case 'meetingChanged':
      return meetingChangedCard(n, t);
  }
}

export class TeamsNotifier implements Notifier {
  /** `botAppId` is empty in local mode (no token is sent). */
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
  ) {}

  async post(conversationReference: string, notification: Notification): Promise<void> {
    const reference = JSON.parse(conversationReference) as Partial<ConversationReference>;
    const c = render(notification, translator(localeOf(reference.locale)));
    let failure: Error | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      // The adapter hands an error thrown here to onTurnError, which logs it and carries on: caught here
      // instead, so the caller (a job) sees the post failed and tries again.
      try {
        await context.sendActivity(cardMessage(c));
      } catch (e) {
        failure = e instanceof Error ? e : new Error(String(e));
      }
    });
    if (failure) throw failure;
  }

  /**
   * A one-to-one chat with the member (botbuilder's createConversationAsync: POST /v3/conversations with
   * one member) through the service URL and bot of the group chat's reference, in the group's tenant.
   */
  async postToMember(group: Group, member: Member, notification: Notification): Promise<void> {
    if (!group.conversationReference) throw new Error(`group ${group.id} has no stored conversation reference; it is stored by /setup`);
    const reference = JSON.parse(group.conversationReference) as Partial<ConversationReference>;
    if (!reference.serviceUrl) throw new Error(`group ${group.id}'s conversation reference has no service URL`);
    const c = render(notification, translator(localeOf(reference.locale)));
    const parameters = {
      isGroup: false,
      bot: reference.bot,
      // Teams takes the channel account id (29:…) or, for a user it has not seen here, the Entra object id.
      members: [{ id: member.person.id.startsWith('29:') || !member.person.aadObjectId ? member.person.id : member.person.aadObjectId, name: '' }],
      tenantId: group.tenantId,
      channelData: { tenant: { id: group.tenantId } },
    } as ConversationParameters;
    let failure: Error | undefined;
    await this.adapter.createConversationAsync(this.botAppId, reference.channelId ?? 'msteams', reference.serviceUrl, AuthenticationConstants.ToChannelFromBotOAuthScope, parameters, async (context) => {
      try {
        await context.sendActivity(cardMessage(c));
      } catch (e) {
        failure = e instanceof Error ? e : new Error(String(e));
      }
    });
    if (failure) throw failure;
  }

  /** Replaces the bot's earlier message (PUT to the activity) in the reference's conversation: Teams keeps its place in the chat. */
  async replace(conversationReference: string, activityId: string, notification: Notification): Promise<void> {
    const reference = JSON.parse(conversationReference) as Partial<ConversationReference>;
    const c = render(notification, translator(localeOf(reference.locale)));
    let failure: Error | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      try {
        await context.updateActivity({ ...cardMessage(c), id: activityId, type: 'message' });
      } catch (e) {
        failure = e instanceof Error ? e : new Error(String(e));
      }
    });
    if (failure) throw failure;
  }

  async postToGroup(group: Group, notification: Notification): Promise<void> {
    if (!group.conversationReference) throw new Error(`group ${group.id} has no stored conversation reference (set up before references were kept); it is stored by /setup`);
    await this.post(group.conversationReference, notification);
  }
}
