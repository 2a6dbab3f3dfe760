/** What Teams knows about a conversation, and posting there (implemented in bot/). */
import type { Group, Member } from '../../domain/group';
import type { TeamsMeetingRole } from '../../domain/meeting';
import type { PersonRef } from '../../domain/person';
import type { NoticeOverview } from './answers';
import type { AttendanceView } from './attendance';

/** What Teams knows about the people of one conversation; implemented per turn by the bot. */
export interface ConversationDirectory {
  /** The caller's role in the meeting of this conversation, as Teams reports it. */
  meetingRoleOf(person: PersonRef): Promise<TeamsMeetingRole>;
  /** The people of the conversation, with their e-mail when Teams tells it. */
  members(): Promise<Array<PersonRef & { email?: string }>>;
}

/**
 * What the app tells a chat without being asked (reminders, attendance summaries): a view model the bot
 * renders as a card in the language of the chat's stored conversation reference.
 */
export type Notification =
  | {
      kind: 'noticeReminder';
      meetingId: string;
      title: string;
      /** The meeting's day and the last day the notice may go out, `YYYY-MM-DD`, Stockholm calendar. */
      meetingDate: string;
      noticeDeadline: string;
    }
  /** The meeting's attendance after an import added records. */
  | { kind: 'attendance'; view: AttendanceView }
  /** Graph refused the attendance reports: the admin step that is missing. */
  | { kind: 'attendanceAccessDenied'; title: string }
  /** A representative is asked to assess their organisation on the group's capability map. */
  | { kind: 'assessmentReminder'; groupId: string; groupName: string; organisation: string; answered: number; total: number; vision?: string }
  /** Teams' transcript of the meeting was fetched: how much it covers, and the tab page that shows it. */
  | { kind: 'transcript'; title: string; items: number; minutes: number; link?: string }
  /** The notice card with its current counts (everyone's copy; editors' detail comes by refresh). */
  | { kind: 'notice'; overview: NoticeOverview }
  /** The group's members are told a booked meeting was cancelled, or moved (`to` set). */
  | { kind: 'meetingChanged'; title: string; from: { date: string; start: string; end?: string }; to?: { date: string; start: string; end?: string } };

/** Posting on the app's own initiative. */
export interface Notifier {
  /** Posts to the conversation of a serialized conversation reference (as stored on a meeting or group). */
  post(conversationReference: string, notification: Notification): Promise<void>;
  /** Posts to the group's own chat or channel; throws when the group has no stored reference. */
  postToGroup(group: Group, notification: Notification): Promise<void>;
  /**
   * Posts to one member privately: a one-to-one chat opened through the group chat's stored reference
   * (its service URL and bot), in that chat's language. Throws when there is no reference or Teams refuses.
   */
  postToMember(group: Group, member: Member, notification: Notification): Promise<void>;
  /** Replaces a message the bot posted earlier (its activity id) in the conversation of a stored reference. */
  replace(conversationReference: string, activityId: string, notification: Notification): Promise<void>;
}

/** The words of the private message that carries a personal link, in the sender's language (written by the bot). */
export interface LinkMessage {
  subject: string;
  paragraphs: string[];
  /** The link's caption ("Answer here"). */
  action: string;
}

/** One-to-one messages from the bot, to people Teams knows in the conversation at hand. */
export interface DirectMessenger {
  /** The person's Teams account here and their home tenant, as Teams reports them; undefined when Teams does not know them. */
  find(person: PersonRef): Promise<{ accountId: string; tenantId?: string } | undefined>;
  /** Opens (or reuses) the one-to-one chat with the account and posts the message there, the link as a button. */
  send(accountId: string, tenantId: string, message: LinkMessage, url: string): Promise<void>;
}
