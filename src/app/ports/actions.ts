/** Actions (implemented in src/store). */
import type { Action } from '../../domain/action';
import type { PersonRef } from '../../domain/person';
import type { Stored } from './stored';

export interface NewAction extends Pick<Action, 'tenantId' | 'groupId' | 'meetingId' | 'agendaItem' | 'text' | 'owner' | 'due' | 'createdBy' | 'createdAt'> {
  sourceKey: string;
}

export interface ActionRepository {
  /** A repeated `sourceKey` returns the action stored first. */
  record(input: NewAction): Promise<Stored<Action>>;
  get(tenantId: string, id: string): Promise<Action | undefined>;
  /** Open actions of a group (across its meetings), or of one meeting, oldest first. */
  listOpen(tenantId: string, where: { groupId: string } | { meetingId: string }): Promise<Action[]>;
  /** Every action recorded in a meeting, open or done, oldest first. */
  listForMeeting(tenantId: string, meetingId: string): Promise<Action[]>;
  /** Marks done; an action already done keeps who and when it was first marked. */
  markDone(tenantId: string, id: string, by: PersonRef, at: string): Promise<Action>;
}
