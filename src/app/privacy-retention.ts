/**
 * Retention (GDPR art. 5(1)(e)): raw data is kept only as long as it is needed. Once a meeting's minutes are
 * approved — the minutes are the public record — and the configured days have passed, its raw attendance
 * records, check-in answers and excuse notes are deleted; each listed member's attendance facts are frozen
 * first, so statuses and rates stay. Personal and download links are signed tokens that expire by
 * themselves: the store holds no link records to delete.
 *
 * A durable job runs the pass daily: one job per day (its unique key names the day), so several instances
 * enqueue it once and `claimDue` gives it to one of them; each run enqueues the next day's.
 */
import type { PersonRef } from '../domain/person';
import { retentionCutoff, type RetentionPolicy } from '../domain/privacy';
import type { JobHandler } from './job-runner';
import type { JobRepository, NewJob, PurgeCounts } from './ports';
import type { PrivacyDeps } from './privacy-person';

export const RETENTION_JOB = 'privacy-retention';
/** The job belongs to no tenant: the pass covers them all. */
export const RETENTION_JOB_TENANT = '*';
/** Who the audit trail names for the scheduled pass. */
export const RETENTION_ACTOR: PersonRef = { id: 'radslag:retention', name: 'Rådslag (retention)' };

/** Night in Stockholm: the pass runs at 02:00 UTC on the days after the first. */
const RUN_HOUR_UTC = 2;

/** The day's job: `at` is when it may run; its day (UTC) is its key. */
export function retentionJob(at: Date): NewJob {
  return { tenantId: RETENTION_JOB_TENANT, kind: RETENTION_JOB, uniqueKey: `${RETENTION_JOB}:${at.toISOString().slice(0, 10)}`, runAt: at.toISOString(), payload: {} };
}

/** The next day's run, after `now`. */
export function nextRetentionJob(now: Date): NewJob {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, RUN_HOUR_UTC));
  return retentionJob(next);
}

export const retentionEnabled = (policy: RetentionPolicy): boolean => policy.attendanceRawDays !== 'never' || policy.answersDays !== 'never';

export interface RetentionReport extends PurgeCounts {
  meetings: Array<{ tenantId: string; meetingId: string } & PurgeCounts>;
}

/** One pass over every tenant; each meeting in its own transaction with its audit event, then a run total per tenant. */
export async function runRetention(deps: PrivacyDeps, policy: RetentionPolicy, actor: PersonRef = RETENTION_ACTOR): Promise<RetentionReport> {
  const now = deps.clock.now();
  const raw = retentionCutoff(policy.attendanceRawDays, now);
  const answers = retentionCutoff(policy.answersDays, now);
  const due = await deps.repos.privacy.dueForRetention({ ...(raw ? { raw } : {}), ...(answers ? { answers } : {}) });
  const report: RetentionReport = { attendanceRecords: 0, checkInAnswers: 0, excuseNotes: 0, meetings: [] };
  for (const c of due) {
    // The facts as they stand now, from the data about to go.
    const view = await deps.attendance.attendanceOf(c.tenantId, c.meetingId);
    const settled = view.members.map((m) => ({ memberId: m.member.id, seconds: m.seconds, checkedIn: m.checkedIn, gaveNotice: m.gaveNotice }));
    const counts = await deps.repos.privacy.purge({ tenantId: c.tenantId, meetingId: c.meetingId, settled, raw: c.raw, answers: c.answers, at: deps.clock.now().toISOString(), actor });
    report.meetings.push({ tenantId: c.tenantId, meetingId: c.meetingId, ...counts });
    report.attendanceRecords += counts.attendanceRecords;
    report.checkInAnswers += counts.checkInAnswers;
    report.excuseNotes += counts.excuseNotes;
  }
  for (const tenantId of new Set(report.meetings.map((m) => m.tenantId))) {
    const mine = report.meetings.filter((m) => m.tenantId === tenantId);
    await deps.repos.privacy.audit({
      tenantId,
      at: deps.clock.now().toISOString(),
      actor,
      entity: 'retention',
      entityId: `run:${now.toISOString()}`,
      action: 'delete',
      details: {
        policy,
        meetings: mine.length,
        attendanceRecords: mine.reduce((n, m) => n + m.attendanceRecords, 0),
        checkInAnswers: mine.reduce((n, m) => n + m.checkInAnswers, 0),
        excuseNotes: mine.reduce((n, m) => n + m.excuseNotes, 0),
      },
    });
  }
  return report;
}

/** The daily job: the pass, then tomorrow's job (kept once by its key, whoever enqueues it). */
export function retentionHandler(deps: PrivacyDeps, jobs: Pick<JobRepository, 'enqueue'>, policy: RetentionPolicy): JobHandler {
  return async () => {
    await runRetention(deps, policy);
    await jobs.enqueue(nextRetentionJob(deps.clock.now()));
  };
}
