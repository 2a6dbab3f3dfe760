/**
 * Runs durable jobs (src/app/ports/jobs.ts `JobRepository`): every tick claims the jobs that are due, runs each
 * with the handler of its kind, and marks it done, or failed to be retried later, or failed for good after
 * `maxAttempts`. A claim holds a job for `lockMs`; a runner that dies mid-job lets the lock expire and
 * another tick (here or on another instance) runs it again, so handlers must tolerate a second run
 * (at-least-once; the claim makes it exactly-once while nothing crashes or overruns its lock).
 */
import type { Clock, Job, JobRepository } from './ports';

/** Does the job's work; a throw means "try again later". */
export type JobHandler = (job: Job) => Promise<void>;

export interface JobLogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  job?: Pick<Job, 'id' | 'kind' | 'uniqueKey' | 'attempts'>;
  err?: unknown;
}

export interface JobRunnerOptions {
  /** Where the runner reports (it never throws out of a tick). */
  log: (entry: JobLogEntry) => void;
  /** Jobs claimed per tick. */
  batchSize?: number;
  /** How long a claim holds a job before another runner may take it. */
  lockMs?: number;
  /** Runs before a failing job is given up (status `failed`). */
  maxAttempts?: number;
  /** Delay before the next attempt, given the attempts made so far. */
  retryDelayMs?: (attempts: number) => number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** 1 min, 2 min, 4 min, … capped at an hour. */
const defaultRetryDelay = (attempts: number): number => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

export class JobRunner {
  private readonly batchSize: number;
  private readonly lockMs: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: (attempts: number) => number;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly options: JobRunnerOptions,
  ) {
    this.batchSize = options.batchSize ?? 20;
    this.lockMs = options.lockMs ?? 5 * 60_000;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.retryDelayMs = options.retryDelayMs ?? defaultRetryDelay;
  }

  /**
   * Claims and runs the due jobs once; resolves to how many ran (successfully or not). Ticks never
   * overlap: a tick asked for while one runs starts after it. Never rejects.
   */
  tick(): Promise<number> {
    const previous = this.inFlight ?? Promise.resolve(0);
    const next = previous.then(() => (this.stopped ? 0 : this.runDue()));
    this.inFlight = next;
    void next.finally(() => {
      if (this.inFlight === next) this.inFlight = undefined;
    });
    return next;
  }

  /** Ticks every `intervalMs` (skipping a beat while a tick still runs). The timer does not keep Node alive. */
  start(intervalMs: number): void {
    this.stopped = false;
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.inFlight) void this.tick();
    }, intervalMs);
    this.timer.unref();
  }

  /** No new ticks; resolves once the running one (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private async runDue(): Promise<number> {
    let claimed: Job[];
    try {
      claimed = await this.jobs.claimDue(this.clock.now(), this.batchSize, this.lockMs, Object.keys(this.handlers));
    } catch (e) {
      this.options.log({ level: 'error', message: 'could not claim due jobs', err: e });
      return 0;
    }
    for (const job of claimed) await this.run(job);
    return claimed.length;
  }

  private async run(job: Job): Promise<void> {
    const about = { id: job.id, kind: job.kind, uniqueKey: job.uniqueKey, attempts: job.attempts };
    // claimDue only hands out kinds this runner has a handler for.
    const handler = this.handlers[job.kind]!;
    try {
      await handler(job);
    } catch (e) {
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      const givingUp = job.attempts >= this.maxAttempts;
      const retryAt = givingUp ? undefined : new Date(this.clock.now().getTime() + this.retryDelayMs(job.attempts));
      this.options.log({
        level: givingUp ? 'error' : 'warn',
        message: givingUp ? `job failed ${job.attempts} times; giving up` : `job failed; retrying at ${retryAt!.toISOString()}`,
        job: about,
        err: e,
      });
      await this.record(() => this.jobs.fail(job.id, message, retryAt), about);
      return;
    }
    await this.record(() => this.jobs.complete(job.id, this.clock.now()), about);
    this.options.log({ level: 'info', message: 'job done', job: about });
  }

  /** A failed write leaves the job running until its lock expires; then it is claimed and run again. */
  private async record(write: () => Promise<void>, about: JobLogEntry['job']): Promise<void> {
    try {
      await write();
    } catch (e) {
      this.options.log({ level: 'error', message: 'could not record the outcome of a job; it runs again once its lock expires', job: about, err: e });
    }
  }
}
