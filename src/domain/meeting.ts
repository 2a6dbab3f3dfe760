import type { PersonRef } from './person';

/**
 * A Teams meeting as Rådslag knows it. It appears on first contact from its chat, or earlier, when the
 * organizer schedules it through the bot; Teams' details fill in as they become known.
 */
export interface Meeting {
  id: string;
  tenantId: string;
  /** `channelData.meeting.id` of the Teams meeting; `scheduled:<id>` until its chat first talks to the bot. */
  teamsMeetingId: string;
  /** The meeting chat's conversation id; `scheduled:<id>` until Graph tells the chat thread. */
  conversationId: string;
  title?: string;
  startsAt?: string;
  endsAt?: string;
  organizerAadObjectId?: string;
  /** The group whose meeting this is, once linked (by scheduling, or by /setup in the meeting chat). */
  groupId?: string;
  createdAt: string;
  scheduledBy?: PersonRef;
  graphEventId?: string;
  joinUrl?: string;
  /** A charter rule broken on purpose, with the reason, for the minutes. */
  override?: { rule: string; reason: string; byName: string };
  installStatus?: 'installed' | 'refused' | 'notConfigured';
  /** Serialized conversation reference of the meeting chat, for posting there later. */
  conversationReference?: string;
  agendaActivityId?: string;
  /** Number of the agenda item in progress (the last one dealt with, once the agenda is done). */
  currentItem?: number;
  /** When `/next` went past the last item: no item is in progress any more. */
  agendaDoneAt?: string;
  startedAt?: string;
  endedAt?: string;
  noticeActivityId?: string;
  noticeSentAt?: string;
  /** Serialized conversation reference of the chat the notice card is in, to update it in place. */
  noticeConversationReference?: string;
  checkinActivityId?: string;
  /** Graph's online-meeting id (Teams' `msGraphResourceId`), for the attendance reports. */
  graphMeetingId?: string;
  attendanceImportedAt?: string;
  /** When Graph refused the attendance reports for want of an access policy (the organizer is told once). */
  attendanceDeniedAt?: string;
  /** When the booking was cancelled (`/meetings`); a cancelled meeting is kept but listed nowhere. */
  cancelledAt?: string;
}

/** Placeholders a scheduled meeting carries until Teams tells its real ids. */
export const scheduledPlaceholder = (meetingId: string): string => `scheduled:${meetingId}`;
export const isPlaceholder = (id: string): boolean => id.startsWith('scheduled:');

/** Role Teams gives a participant in a meeting. */
export type TeamsMeetingRole = 'Organizer' | 'Presenter' | 'Attendee' | 'Unknown';
