/** Answers to the notice and the check-in (implemented in src/store). */
import type { CheckInAnswer, NoticeAnswer } from '../../domain/attendance-answers';
import type { Group, Member } from '../../domain/group';
import type { Meeting } from '../../domain/meeting';
import type { PersonRef } from '../../domain/person';
import type { StoredAgendaEntry } from './agenda';

export interface AnswerRepository {
  saveNotice(tenantId: string, meetingId: string, answer: NoticeAnswer): Promise<void>;
  notices(tenantId: string, meetingId: string): Promise<NoticeAnswer[]>;
  saveCheckIn(tenantId: string, meetingId: string, answer: CheckInAnswer): Promise<void>;
  checkIns(tenantId: string, meetingId: string): Promise<CheckInAnswer[]>;
}

/**
 * The notice as a live overview: the meeting and its agenda, the answers with names, who has not answered
 * (current members of the group on the meeting's day, co-opted members too) and who sees all that
 * (the group's chair, vice chair and organizer, and the meeting's appointed secretary).
 */
export interface NoticeOverview {
  meeting: Meeting;
  group?: Group;
  agenda: StoredAgendaEntry[];
  answers: NoticeAnswer[];
  /** Members on the roster on the meeting's day, co-opted members not counted: the card's "not answered yet". */
  memberCount: number;
  unanswered: Array<Member>;
  editors: Array<PersonRef>;
}
