/**
 * The attendance import as durable jobs: Graph's reports stay empty until the scheduled end and end
 * events go missing, so each meeting gets imports at its end + 15 min, + 2 h and + 24 h (configurable).
 * An import adds only what is new; when it added something, the meeting's chat gets the attendance card.
 */
import type { Meeting } from '../domain/meeting';
import type { AttendanceService } from './attendance-service';
import type { JobHandler } from './job-runner';
import type { Job, NewJob, Notifier, Repositories } from './ports';

export const ATTENDANCE_IMPORT_JOB = 'attendance-import';
export const DEFAULT_ATTENDANCE_RETRY_MINUTES: readonly number[] = [15, 120, 1440];

/**
 * One job per offset: scheduling the same meeting again, or its end event, keeps the ones there are. A
 * meeting moved to a later time gets jobs of its own (`after`: the new end, in the key), see the handler.
 */
export function attendanceImportJobs(meeting: Meeting, retryMinutes: readonly number[], endedAt?: string, after?: string): NewJob[] {
  const end = endedAt ?? meeting.endsAt;
  if (!end) return [];
  return retryMinutes.map((minutes) => ({
    tenantId: meeting.tenantId,
    kind: ATTENDANCE_IMPORT_JOB,
    uniqueKey: `${ATTENDANCE_IMPORT_JOB}:${meeting.id}:${minutes}${after ? `@${after}` : ''}`,
    runAt: new Date(new Date(end).getTime() + minutes * 60_000).toISOString(),
    payload: { meetingId: meeting.id, minutes },
  }));
}

/** The offset a job was made for (older jobs carry it in their key only). */
const offsetOf = (job: Job): number | undefined => {
  const minutes = typeof job.payload.minutes === 'number' ? job.payload.minutes : Number(/:(\d+)(@|$)/.exec(job.uniqueKey)?.[1]);
  return Number.isInteger(minutes) ? minutes : undefined;
};

export function attendanceImportHandler(repos: Pick<Repositories, 'meetings' | 'groups' | 'jobs'>, attendance: AttendanceService, notifier: Notifier): JobHandler {
  return async (job) => {
    const meetingId = job.payload.meetingId;
    if (typeof meetingId !== 'string') throw new Error(`${ATTENDANCE_IMPORT_JOB} job ${job.id} has no meetingId`);
    const booked = await repos.meetings.get(job.tenantId, meetingId);
    // A cancelled booking was never held: nothing to import.
    if (!booked || booked.cancelledAt) return;
    // Moved to a later time (/meetings, Move) and not held yet: this import would come before the new end, when
    // Graph has no report. It makes way for one at the same offset after the new end.
    const minutes = offsetOf(job);
    if (!booked.endedAt && booked.endsAt && minutes !== undefined && job.runAt < booked.endsAt) {
      for (const later of attendanceImportJobs(booked, [minutes], undefined, booked.endsAt)) await repos.jobs.enqueue(later);
      return;
    }
    const outcome = await attendance.importFor(job.tenantId, meetingId);
    const meeting = await repos.meetings.get(job.tenantId, meetingId);
    if (!meeting) return;
    if (outcome.kind === 'imported' && outcome.added > 0 && meeting.conversationReference) {
      await notifier.post(meeting.conversationReference, { kind: 'attendance', view: await attendance.attendanceOf(job.tenantId, meetingId) });
    }
    if (outcome.kind === 'accessDenied' && outcome.firstTime) {
      const group = meeting.groupId ? await repos.groups.get(job.tenantId, meeting.groupId) : undefined;
      const notification = { kind: 'attendanceAccessDenied' as const, title: meeting.title ?? group?.name ?? '' };
      if (group?.conversationReference) await notifier.postToGroup(group, notification);
      else if (meeting.conversationReference) await notifier.post(meeting.conversationReference, notification);
    }
  };
}
