/** Answers to the notice and the check-in (implemented in src/store). */
import type { CheckInAnswer, NoticeAnswer } from '../../domain/attendance-answers';

export interface AnswerRepository {
  saveNotice(tenantId: string, meetingId: string, answer: NoticeAnswer): Promise<void>;
  notices(tenantId: string, meetingId: string): Promise<NoticeAnswer[]>;
  saveCheckIn(tenantId: string, meetingId: string, answer: CheckInAnswer): Promise<void>;
  checkIns(tenantId: string, meetingId: string): Promise<CheckInAnswer[]>;
}
