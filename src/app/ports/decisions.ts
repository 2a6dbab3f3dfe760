/** Decisions (implemented in src/store). */
import type { Decision } from '../../domain/decision';
import type { PersonRef } from '../../domain/person';
import type { Stored } from './stored';

export interface NewDecision extends Pick<Decision, 'tenantId' | 'meetingId' | 'heading' | 'text' | 'recordedBy' | 'recordedAt' | 'agendaItem'> {
  sourceKey: string;
}

export interface DecisionRepository {
  /** Stores with the next § number of the meeting; a repeated `sourceKey` returns the first one stored. */
  record(input: NewDecision): Promise<Stored<Decision>>;
  get(tenantId: string, id: string): Promise<Decision | undefined>;
  listForMeeting(tenantId: string, meetingId: string): Promise<Decision[]>;
  /** Every decision of the group's meetings, newest meeting first, then by § number. */
  listForGroup(tenantId: string, groupId: string): Promise<Decision[]>;
  /** Marks retracted (idempotent: a retracted decision keeps who and when it was first retracted). */
  retract(tenantId: string, id: string, by: PersonRef, at: string): Promise<Decision>;
}
