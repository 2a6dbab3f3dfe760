import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Job, JobRepository, NewJob, Stored } from '../app/ports';
import type { Database, JobsTable } from './schema';

const toJob = (r: Selectable<JobsTable>): Job => ({
  id: r.id,
  tenantId: r.tenant_id,
  kind: r.kind,
  uniqueKey: r.unique_key,
  runAt: r.run_at,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  status: r.status,
  attempts: Number(r.attempts),
  ...(r.locked_until ? { lockedUntil: r.locked_until } : {}),
  ...(r.last_error ? { lastError: r.last_error } : {}),
  ...(r.done_at ? { doneAt: r.done_at } : {}),
});

/** Errors are kept for operators, not as a log: the first few kilobytes say enough. */
const MAX_ERROR_LENGTH = 4000;

/**
 * Durable jobs in the `jobs` table. Timestamps are ISO-8601 UTC text of one length (`toISOString`), so text
 * order is time order on both stores.
 *
 * A claim is a conditional UPDATE of one row (`… WHERE id = ? AND status IN ('pending','running') AND
 * (locked_until IS NULL OR locked_until < now)`) whose affected-row count says whether this caller won:
 * on SQLite writers are serialised; on PostgreSQL a second UPDATE of the same row waits for the first to
 * commit and then re-checks the WHERE against the new row, which no longer matches. So the same code is
 * exact on both stores, without `FOR UPDATE SKIP LOCKED` (which SQLite lacks).
 */
export class SqlJobRepository implements JobRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(job: NewJob): Promise<Stored<Job>> {
    const row: Selectable<JobsTable> = {
      id: randomUUID(),
      tenant_id: job.tenantId,
      kind: job.kind,
      unique_key: job.uniqueKey,
      run_at: new Date(job.runAt).toISOString(),
      payload: JSON.stringify(job.payload),
      status: 'pending',
      attempts: 0,
      locked_until: null,
      last_error: null,
      done_at: null,
    };
    const result = await this.db
      .insertInto('jobs')
      .values(row)
      .onConflict((oc) => oc.column('unique_key').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) return { value: toJob(row), created: true };
    const existing = await this.db.selectFrom('jobs').selectAll().where('unique_key', '=', job.uniqueKey).executeTakeFirstOrThrow();
    return { value: toJob(existing), created: false };
  }

  async claimDue(now: Date, limit: number, lockMs: number, kinds?: readonly string[]): Promise<Job[]> {
    if (kinds?.length === 0 || limit <= 0) return [];
    const at = now.toISOString();
    const lockedUntil = new Date(now.getTime() + lockMs).toISOString();
    let query = this.db
      .selectFrom('jobs')
      .select('id')
      .where('status', 'in', ['pending', 'running'])
      .where('run_at', '<=', at)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
      .orderBy('run_at')
      .orderBy('id')
      // A few more than asked: some may be taken by another runner between this read and the claim.
      .limit(limit * 2);
    if (kinds) query = query.where('kind', 'in', [...kinds]);
    const candidates = await query.execute();

    const claimed: Job[] = [];
    for (const { id } of candidates) {
      if (claimed.length >= limit) break;
      const result = await this.db
        .updateTable('jobs')
        .set((eb) => ({ status: 'running', locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('status', 'in', ['pending', 'running'])
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) continue; // another runner was first
      const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      claimed.push(toJob(row));
    }
    return claimed;
  }

  async complete(id: string, at: Date): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'done', done_at: at.toISOString(), locked_until: null }).where('id', '=', id).where('status', '=', 'running').execute();
  }

  async fail(id: string, error: string, retryAt?: Date): Promise<void> {
    const lastError = error.slice(0, MAX_ERROR_LENGTH);
    const changes = retryAt
      ? { status: 'pending' as const, run_at: retryAt.toISOString(), locked_until: null, last_error: lastError }
      : { status: 'failed' as const, locked_until: null, last_error: lastError };
    await this.db.updateTable('jobs').set(changes).where('id', '=', id).where('status', '=', 'running').execute();
  }

  async list(filter: { kind?: string; uniqueKey?: string } = {}): Promise<Job[]> {
    let query = this.db.selectFrom('jobs').selectAll().orderBy('run_at').orderBy('id');
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.uniqueKey) query = query.where('unique_key', '=', filter.uniqueKey);
    return (await query.execute()).map(toJob);
  }
}
