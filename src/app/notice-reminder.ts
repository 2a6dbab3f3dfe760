/**
 * The notice reminder: when a meeting is booked, a durable job is set for 09:00 (Stockholm) on the last
 * day the charter lets the notice go out; if the notice has not gone out by then, the group's chat is
 * told. The job survives restarts and, being claimed, runs once across server instances.
 */
import { latestNoticeDate } from '../domain/charter';
import type { Group } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import { stockholmToUtc, utcToStockholm } from '../domain/stockholm-time';
import type { JobHandler } from './job-runner';
import type { Clock, NewJob, Notifier, Repositories } from './ports';

export const NOTICE_REMINDER_JOB = 'notice-reminder';

/** When on the deadline day the reminder comes: the start of an office day. */
export const NOTICE_REMINDER_TIME = '09:00';

export const noticeReminderKey = (meetingId: string): string => `${NOTICE_REMINDER_JOB}:${meetingId}`;
/** The reminder of a meeting moved to a new start (`/meetings` → Move): one per start, the older ones stale. */
export const movedReminderKey = (meetingId: string, startsAt: string): string => `${noticeReminderKey(meetingId)}@${startsAt}`;

/** An approved exception to the notice rule: the late notice was decided on, so no reminder says it is late. */
export const noticeRuleOverridden = (meeting: Meeting): boolean => (meeting.override?.rule ?? '').split(',').includes('NOTICE_PERIOD');

/**
 * The reminder job of a booked meeting: at 09:00 on its notice deadline, or now when that has passed. None
 * for a meeting without a start, or booked with an approved exception to the notice rule.
 */
export function noticeReminderJob(meeting: Meeting, group: Group, now: Date, moved = false): NewJob | undefined {
  if (!meeting.startsAt || noticeRuleOverridden(meeting)) return undefined;
  const due = stockholmToUtc(latestNoticeDate(new Date(meeting.startsAt), group.rules), NOTICE_REMINDER_TIME);
  return {
    tenantId: meeting.tenantId,
    kind: NOTICE_REMINDER_JOB,
    uniqueKey: moved ? movedReminderKey(meeting.id, meeting.startsAt) : noticeReminderKey(meeting.id),
    runAt: (due.getTime() > now.getTime() ? due : now).toISOString(),
    payload: { meetingId: meeting.id, ...(moved ? { startsAt: meeting.startsAt } : {}) },
  };
}

/**
 * Runs a reminder job: nothing when the notice went out, the meeting is gone or has begun, it no longer
 * belongs to a group, or the notice rule was overridden with a reason (a job set before the override); else a reminder in the group's chat. A failed post throws, so the job is retried.
 */
export function noticeReminderHandler(repos: Pick<Repositories, 'meetings' | 'groups' | 'jobs'>, notifier: Notifier, clock: Clock): JobHandler {
  return async (job) => {
    const meetingId = job.payload.meetingId;
    if (typeof meetingId !== 'string') throw new Error(`${NOTICE_REMINDER_JOB} job ${job.id} has no meetingId`);
    const meeting = await repos.meetings.get(job.tenantId, meetingId);
    if (!meeting?.startsAt || meeting.noticeSentAt || meeting.cancelledAt || !meeting.groupId || noticeRuleOverridden(meeting)) return;
    // A moved meeting has a reminder for its new start: the booking's, or an earlier move's, is stale.
    const forStart = typeof job.payload.startsAt === 'string' ? job.payload.startsAt : undefined;
    if (forStart !== undefined && forStart !== meeting.startsAt) return;
    if (forStart === undefined && (await repos.jobs.list({ uniqueKey: movedReminderKey(meeting.id, meeting.startsAt) })).length > 0) return;
    const start = new Date(meeting.startsAt);
    if (start.getTime() <= clock.now().getTime()) return;
    const group = await repos.groups.get(job.tenantId, meeting.groupId);
    if (!group) return;
    await notifier.postToGroup(group, {
      kind: 'noticeReminder',
      meetingId: meeting.id,
      title: meeting.title ?? group.name,
      meetingDate: utcToStockholm(start).date,
      noticeDeadline: latestNoticeDate(start, group.rules),
    });
  };
}
