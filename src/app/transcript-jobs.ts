/**
 * The transcript's durable jobs: fetches after the meeting's end (Graph serves a transcript only some
 * minutes after the meeting; the same offsets as attendance), and its deletion after the retention time.
 */
import type { JobHandler } from './job-runner';
import type { Notifier, Repositories } from './ports';
import { TRANSCRIPT_FETCH_JOB, TRANSCRIPT_RETENTION_JOB, type TranscriptService } from './transcript-service';

function meetingIdOf(job: Parameters<JobHandler>[0]): string {
  const meetingId = job.payload.meetingId;
  if (typeof meetingId !== 'string') throw new Error(`${job.kind} job ${job.id} has no meetingId`);
  return meetingId;
}

/** Fetches; the first time there is something, the meeting chat gets the card. A refusal is reported, never posted. */
export function transcriptFetchHandler(repos: Pick<Repositories, 'meetings'>, transcripts: TranscriptService, notifier: Notifier, report: (message: string) => void): JobHandler {
  return async (job) => {
    const meetingId = meetingIdOf(job);
    const outcome = await transcripts.fetchFor(job.tenantId, meetingId);
    if (outcome.kind === 'denied') report(outcome.message);
    if (outcome.kind !== 'fetched') return;
    const summary = await transcripts.announce(job.tenantId, meetingId);
    const meeting = await repos.meetings.get(job.tenantId, meetingId);
    if (summary && meeting?.conversationReference) {
      await notifier.post(meeting.conversationReference, { kind: 'transcript', title: meeting.title ?? '', items: summary.items, minutes: summary.minutes, ...(summary.link ? { link: summary.link } : {}) });
    }
  };
}

export function transcriptRetentionHandler(transcripts: TranscriptService): JobHandler {
  return async (job) => {
    const approvedAt = typeof job.payload.approvedAt === 'string' ? job.payload.approvedAt : '';
    await transcripts.deleteAfterRetention(job.tenantId, meetingIdOf(job), approvedAt);
  };
}

export { TRANSCRIPT_FETCH_JOB, TRANSCRIPT_RETENTION_JOB };
