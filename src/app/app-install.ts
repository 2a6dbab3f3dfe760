/**
 * When Graph refuses to add Rådslag to a booked meeting's chat (an app permission policy, consent not yet
 * given, the app not yet published), the installation is tried again later by durable jobs, and stops as
 * soon as it has succeeded, by a job or by someone adding the app to the meeting by hand.
 */
import type { Meeting } from '../domain/meeting';
import type { JobHandler } from './job-runner';
import type { MeetingCalendar, NewJob, Repositories } from './ports';

export const APP_INSTALL_JOB = 'app-install';
/** Minutes after the refusal when the installation is tried again. */
export const APP_INSTALL_RETRY_MINUTES = [15, 120, 1440] as const;

export function appInstallJobs(meeting: Meeting, now: Date): NewJob[] {
  return APP_INSTALL_RETRY_MINUTES.map((minutes) => ({
    tenantId: meeting.tenantId,
    kind: APP_INSTALL_JOB,
    uniqueKey: `${APP_INSTALL_JOB}:${meeting.id}:${minutes}`,
    runAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
    payload: { meetingId: meeting.id },
  }));
}

export function appInstallHandler(repos: Pick<Repositories, 'meetings'>, calendar: MeetingCalendar | undefined, teamsAppId: string): JobHandler {
  return async (job) => {
    const meetingId = job.payload.meetingId;
    if (typeof meetingId !== 'string') throw new Error(`${APP_INSTALL_JOB} job ${job.id} has no meetingId`);
    const meeting = await repos.meetings.get(job.tenantId, meetingId);
    // Done already (a job before this one, or the app added by hand), or nothing to install into.
    if (!calendar || !meeting || meeting.cancelledAt || meeting.installStatus !== 'refused' || !meeting.conversationId.startsWith('19:')) return;
    const install = await calendar.installAppInChat(meeting.conversationId, teamsAppId);
    await repos.meetings.update(job.tenantId, meeting.id, { installStatus: install.kind === 'refused' ? 'refused' : 'installed' });
  };
}
