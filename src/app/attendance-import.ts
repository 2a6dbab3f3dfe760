/**
 * The attendance import as durable jobs: Graph's reports stay empty until the scheduled end and end
 * events go missing, so each meeting gets imports at its end + 15 min, + 2 h and + 24 h (configurable).
 * An import adds only what is new; when it added something, the meeting's chat gets the attendance card.
 */
import type { Meeting } from '../domain/meeting';
import type { AttendanceService } from './attendance-service';
import type { JobHandler } from './job-runner';
import type { NewJob, Notifier, Repositories } from './ports';

export const ATTENDANCE_IMPORT_JOB = 'attendance-import';
export const DEFAULT_ATTENDANCE_RETRY_MINUTES: readonly number[] = [15, 120, 1440];

/** One job per offset: scheduling the same meeting again, or its end event, keeps the ones there are. */
export function attendanceImportJobs(meeting: Meeting, retryMinutes: readonly number[], endedAt?: string): NewJob[] {
  const end = endedAt ?? meeting.endsAt;
  if (!end) return [];
  return retryMinutes.map((minutes) => ({
    tenantId: meeting.tenantId,
    kind: ATTENDANCE_IMPORT_JOB,
    uniqueKey: `${ATTENDANCE_IMPORT_JOB}:${meeting.id}:${minutes}`,
    runAt: new Date(new Date(end).getTime() + minutes * 60_000).toISOString(),
    payload: { meetingId: meeting.id },
  }));
}

export function attendanceImportHandler(repos: Pick<Repositories, 'meetings' | 'groups'>, attendance: AttendanceService, notifier: Notifier): JobHandler {
  return async (job) => {
    const meetingId = job.payload.meetingId;
    if (typeof meetingId !== 'string') throw new Error(`${ATTENDANCE_IMPORT_JOB} job ${job.id} has no meetingId`);
    // A cancelled booking was never held: nothing to import.
    if ((await repos.meetings.get(job.tenantId, meetingId))?.cancelledAt) return;
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
