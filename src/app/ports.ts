/**
 * What the use cases need from the outside world. Implemented by src/store (persistence) and by bot/
 * (what Teams knows about a conversation); the use cases never see botbuilder, restify or SQL.
 */
import type { Decision } from '../domain/decision';
import type { Meeting, TeamsMeetingRole } from '../domain/meeting';
import type { PersonRef } from '../domain/person';
import type { Risk, ValidRisk } from '../domain/risk';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Result of an idempotent write: `created` is false when the same source key was stored before. */
export interface Stored<T> {
  value: T;
  created: boolean;
}

export interface MeetingDetails {
  title?: string;
  startsAt?: string;
  endsAt?: string;
  organizerAadObjectId?: string;
}

export interface MeetingRepository {
  /** Finds the meeting of a Teams meeting id, creating it on first contact. */
  ensure(input: { tenantId: string; teamsMeetingId: string; conversationId: string; at: string }): Promise<Stored<Meeting>>;
  updateDetails(tenantId: string, meetingId: string, details: MeetingDetails): Promise<void>;
  findByTeamsId(tenantId: string, teamsMeetingId: string): Promise<Meeting | undefined>;
}

export interface DecisionRepository {
  /** Stores with the next § number of the meeting; a repeated `sourceKey` returns the first one stored. */
  record(input: { tenantId: string; meetingId: string; text: string; recordedBy: PersonRef; recordedAt: string; sourceKey: string }): Promise<Stored<Decision>>;
  get(tenantId: string, id: string): Promise<Decision | undefined>;
  listForMeeting(tenantId: string, meetingId: string): Promise<Decision[]>;
  /** Marks retracted (idempotent: a retracted decision keeps who and when it was first retracted). */
  retract(tenantId: string, id: string, by: PersonRef, at: string): Promise<Decision>;
}

export interface RiskRepository {
  /** The register a conversation keeps before it belongs to a group. */
  ensureConversationRegister(tenantId: string, conversationId: string): Promise<string>;
  /** Stores with the next R number of the register; a repeated `sourceKey` returns the first one stored. */
  raise(input: { tenantId: string; registerId: string; risk: ValidRisk; meetingId?: string; raisedBy: PersonRef; raisedAt: string; sourceKey: string }): Promise<Stored<Risk>>;
  list(tenantId: string, registerId: string): Promise<Risk[]>;
}

export interface Appointment {
  person: PersonRef;
  appointedBy: PersonRef;
  appointedAt: string;
}

export interface SecretaryRepository {
  appoint(input: { tenantId: string; meetingId: string; person: PersonRef; appointedBy: PersonRef; at: string }): Promise<void>;
  current(tenantId: string, meetingId: string): Promise<Appointment | undefined>;
}

/** What Teams knows about the people of one conversation; implemented per turn by the bot. */
export interface ConversationDirectory {
  /** The caller's role in the meeting of this conversation, as Teams reports it. */
  meetingRoleOf(person: PersonRef): Promise<TeamsMeetingRole>;
  members(): Promise<PersonRef[]>;
}

export interface Repositories {
  meetings: MeetingRepository;
  decisions: DecisionRepository;
  risks: RiskRepository;
  secretaries: SecretaryRepository;
}

// ---- Microsoft Graph (implemented in src/graph) ---------------------------------------------------

export interface EmailAddress {
  name: string;
  address: string;
}

export interface NewOnlineMeetingEvent {
  /** Entra object id (or UPN) of the organizer whose calendar holds the event. */
  organizerUserId: string;
  subject: string;
  /** Local wall-clock times in `timeZone`, as Graph's dateTimeTimeZone wants them: "2027-02-11T09:00:00". */
  start: string;
  end: string;
  timeZone: string;
  attendees: EmailAddress[];
  bodyHtml: string;
  /** Graph's transactionId: a retried POST with the same id returns the first event instead of a second one. */
  transactionId: string;
}

export interface CreatedEvent {
  eventId: string;
  joinUrl?: string;
  webLink?: string;
}

export interface OnlineMeetingInfo {
  id: string;
  /** The meeting chat's thread id (`chatInfo.threadId`): the conversation id of the meeting chat in Teams. */
  chatThreadId?: string;
  joinUrl?: string;
}

export type InstallResult = { kind: 'installed' } | { kind: 'alreadyInstalled' } | { kind: 'refused'; status: number; message: string };

/** The calendar, online meetings, app installation and mail, as Rådslag uses them. */
export interface MeetingCalendar {
  createOnlineMeetingEvent(input: NewOnlineMeetingEvent): Promise<CreatedEvent>;
  updateEventBody(organizerUserId: string, eventId: string, bodyHtml: string): Promise<void>;
  findOnlineMeetingByJoinUrl(organizerUserId: string, joinUrl: string): Promise<OnlineMeetingInfo | undefined>;
  installAppInChat(chatThreadId: string, teamsAppId: string): Promise<InstallResult>;
  sendMail(fromUserId: string, to: EmailAddress, subject: string, bodyHtml: string): Promise<void>;
}
