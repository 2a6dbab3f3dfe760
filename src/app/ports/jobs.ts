/** Durable jobs (implemented in src/store; run by src/app/job-runner.ts). */
import type { Stored } from './stored';

/** Something to do later, once, even across restarts and with several server instances. */
export interface NewJob {
  tenantId: string;
  /** Which handler runs it, e.g. `notice-reminder`. */
  kind: string;
  /** One job per purpose (e.g. `notice-reminder:<meetingId>`): enqueueing the same key again keeps the first. */
  uniqueKey: string;
  /** ISO instant from which it may run. */
  runAt: string;
  /** JSON-serialisable; the handler checks what it reads. */
  payload: Record<string, unknown>;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface Job extends NewJob {
  id: string;
  status: JobStatus;
  /** Runs started so far (a claim counts as one, so a crash mid-run counts too). */
  attempts: number;
  /** While `running`: until when the runner that claimed it owns it; after that another may claim it. */
  lockedUntil?: string;
  lastError?: string;
  doneAt?: string;
}

export interface JobRepository {
  /** Stores the job unless one with its `uniqueKey` exists (whatever its status); `created` tells which. */
  enqueue(job: NewJob): Promise<Stored<Job>>;
  /**
   * Claims up to `limit` jobs due at `now` (pending, or running with an expired lock) for `lockMs`: each
   * job goes to exactly one caller, across connections and server instances. `kinds` limits the claim to
   * the kinds the caller can run (a job of a kind it does not know stays for a server that does).
   */
  claimDue(now: Date, limit: number, lockMs: number, kinds?: readonly string[]): Promise<Job[]>;
  complete(id: string, at: Date): Promise<void>;
  /** With `retryAt` the job is pending again from then; without, it has failed for good. */
  fail(id: string, error: string, retryAt?: Date): Promise<void>;
  /** For tests and operators: jobs, of one kind or with one key when asked, by run time. */
  list(filter?: { kind?: string; uniqueKey?: string }): Promise<Job[]>;
}
