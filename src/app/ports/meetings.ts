/** Meetings (implemented in src/store). */
import type { Group, Member } from '../../domain/group';
import type { Meeting } from '../../domain/meeting';
import type { PersonRef } from '../../domain/person';
import type { Appointment } from './secretaries';
import type { Stored } from './stored';

/** A turn's look-ups read together (see MeetingRepository.lookUpChat). */
export interface ChatLookUp {
  meeting: Meeting;
  /** The meeting's group, else the chat's. */
  group?: Group;
  /** The group's roster (with `group`). */
  roster?: Member[];
  /** The meeting's current secretary. */
  secretary?: Appointment;
}

/** What Teams (or Graph) tells about a meeting, filled in as it becomes known. */
export type MeetingDetails = Partial<Pick<Meeting, 'title' | 'startsAt' | 'endsAt' | 'organizerAadObjectId' | 'graphMeetingId'>>;

/** A meeting booked through the bot: a group's, with its title and times, by someone. */
export interface NewScheduledMeeting
  extends Required<Pick<Meeting, 'tenantId' | 'groupId' | 'title' | 'startsAt' | 'endsAt' | 'scheduledBy'>>,
    Pick<Meeting, 'override'> {
  /** The request that scheduled it: the same request twice schedules once. */
  sourceKey: string;
  at: string;
}

/**
 * What changes on a meeting as it is scheduled, noticed and run. `conversationId` is the meeting chat's
 * thread id, once Graph tells it (it replaces the placeholder only).
 */
export type MeetingChanges = { agendaDoneAt?: string | null } & Partial<
  Pick<
    Meeting,
    | 'graphEventId'
    | 'joinUrl'
    | 'conversationId'
    | 'installStatus'
    | 'conversationReference'
    | 'agendaActivityId'
    | 'currentItem'
    | 'startedAt'
    | 'endedAt'
    | 'noticeActivityId'
    | 'noticeSentAt'
    | 'checkinActivityId'
    | 'graphMeetingId'
    | 'attendanceImportedAt'
    | 'attendanceDeniedAt'
    | 'cancelledAt'
    | 'noticeConversationReference'
  >
>;

export interface MeetingRepository {
  get(tenantId: string, id: string): Promise<Meeting | undefined>;
  schedule(input: NewScheduledMeeting): Promise<Stored<Meeting>>;
  /** The group's meetings starting in [fromIso, toIso), by start. */
  listByGroup(tenantId: string, groupId: string, fromIso: string, toIso: string): Promise<Meeting[]>;
  update(tenantId: string, meetingId: string, changes: MeetingChanges): Promise<Meeting>;
  /** A meeting booked through the bot whose chat (found from its join URL) is this conversation. */
  findScheduledByConversation(tenantId: string, conversationId: string): Promise<Meeting | undefined>;
  /** Finds the meeting of a Teams meeting id, creating it on first contact. */
  ensure(input: { tenantId: string; teamsMeetingId: string; conversationId: string; at: string }): Promise<Stored<Meeting>>;
  updateDetails(tenantId: string, meetingId: string, details: MeetingDetails): Promise<void>;
  findByTeamsId(tenantId: string, teamsMeetingId: string): Promise<Meeting | undefined>;
  linkToGroup(tenantId: string, meetingId: string, groupId: string): Promise<void>;
  /**
   * The booked meeting `bookedId` takes over the meeting chat whose record is `chatMeetingId`: its Teams ids,
   * where the bot posts there, whether it has begun, and what the chat recorded (each public record that
   * moves audited as a change by `by`); the chat's record is retired. Returns the booked meeting as it now is.
   */
  takeOverChat(tenantId: string, bookedId: string, chatMeetingId: string, by: { actor: PersonRef; at: string }): Promise<Meeting>;
  /**
   * The meeting of a Teams meeting id with its group, roster and secretary in one query (PostgreSQL: one
   * round trip instead of four); undefined before first contact. A store without it is asked one by one.
   */
  lookUpChat?(input: { tenantId: string; teamsMeetingId: string; conversationId: string }): Promise<ChatLookUp | undefined>;
}
