/** What Teams knows about a conversation, and posting there (implemented in bot/). */
import type { Group, Member } from '../../domain/group';
import type { TeamsMeetingRole } from '../../domain/meeting';
import type { PersonRef } from '../../domain/person';
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
  | { kind: 'assessmentReminder'; groupId: string; groupName: string; organisation: string; answered: number; total: number; vision?: string };

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
}

/** One-to-one messages from the bot, to people Teams knows in the conversation at hand. */
export interface DirectMessenger {
  /** The person's Teams account here and their home tenant, as Teams reports them; undefined when Teams does not know them. */
  find(person: PersonRef): Promise<{ accountId: string; tenantId?: string } | undefined>;
  /** Opens (or reuses) the one-to-one chat with the account and posts plain text there. */
  send(accountId: string, tenantId: string, text: string): Promise<void>;
}
