/**
 * Write transactions: on PostgreSQL each in its own, on its own pooled connection; on SQLite by group commit.
 * SQLite has one writer, so writes queue anyway and each paid its own BEGIN and COMMIT: the writes that arrive
 * in one round of I/O share one transaction, and each caller is answered only after that commit
 * (docs/decisions/0001-group-commit.md).
 *
 * A failing write rolls its batch back and each of the batch's writes runs again alone, so each caller hears
 * its own outcome and the others lose only time. That is why `work` may run more than once.
 */
import { setImmediate } from 'node:timers';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * Runs `work` in a write transaction and resolves with its result once that is committed. `work` may be run
 * again after a rollback, so it must change nothing but the database and what it returns.
 */
export type Transact = <T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;

/** Every write in its own transaction (PostgreSQL). */
export function ownTransactions(db: Kysely<Database>): Transact {
  return (work) => db.transaction().execute(work);
}

interface Job {
  work: (trx: Transaction<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export interface GroupCommitStats {
  /** Transactions committed or rolled back, batches and lone re-runs alike. */
  transactions: number;
  /** Writes asked for (each `run`). */
  writes: number;
}

/** SQLite's group commit (see above). `maxBatch` bounds how many writes share one transaction. */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private running = false;
  private readonly counts: GroupCommitStats = { transactions: 0, writes: 0 };
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBatch = 64,
  ) {}

  readonly run: Transact = <T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      this.counts.writes++;
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });

  stats(): GroupCommitStats {
    return { ...this.counts };
  }

  /** Resolves once every write asked for so far has settled (closing the store waits for this). */
  idle(): Promise<void> {
    if (!this.scheduled && !this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * The batch starts after the current round of I/O callbacks (setImmediate runs after the poll phase), so
   * the requests that arrived together are written together.
   */
  private schedule(): void {
    if (this.scheduled || this.running || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.commitNextBatch();
    });
  }

  private async commitNextBatch(): Promise<void> {
    this.running = true;
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      if (batch.length === 1) await this.alone(batch[0]!);
      else await this.together(batch);
    } finally {
      this.running = false;
      this.schedule();
      if (!this.scheduled) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async together(batch: Job[]): Promise<void> {
    const results: unknown[] = [];
    try {
      this.counts.transactions++;
      await this.db.transaction().execute(async (trx) => {
        for (const job of batch) results.push(await job.work(trx));
      });
    } catch {
      // Rolled back as a whole: each write again in its own transaction, so each caller hears its own outcome.
      for (const job of batch) await this.alone(job);
      return;
    }
    batch.forEach((job, i) => job.resolve(results[i]));
  }

  private async alone(job: Job): Promise<void> {
    try {
      this.counts.transactions++;
      job.resolve(await this.db.transaction().execute(job.work));
    } catch (e) {
      job.reject(e);
    }
  }
}
