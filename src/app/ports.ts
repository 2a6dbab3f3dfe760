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
