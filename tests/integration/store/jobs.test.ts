/**
 * Durable jobs against a real store (SQLite by default, PostgreSQL when DATABASE_URL names one): one job
 * per key, a due job claimed by exactly one of two runners on separate connections, retries with a bound,
 * and a job that outlives the store it was enqueued in.
 */
import { loadConfig } from '../../../src/config';
import { JobRunner, type JobHandler, type JobLogEntry } from '../../../src/app/job-runner';
import type { Clock, Job, JobRepository, NewJob } from '../../../src/app/ports';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

let db: TestDatabase;
/** Two stores on one database: two connections (pools on PostgreSQL), as two server instances have. */
let storeA: OpenStore;
let storeB: OpenStore;
let jobsA: JobRepository;
let jobsB: JobRepository;

const T0 = new Date('2027-01-27T08:00:00.000Z');
let seq = 0;

const open = async () => openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);

beforeAll(async () => {
  db = await createTestDatabase();
  storeA = await open();
  storeB = await open();
  jobsA = createRepositories(storeA).jobs;
  jobsB = createRepositories(storeB).jobs;
});

afterAll(async () => {
  await storeA.close();
  await storeB.close();
  await db.drop();
});

/** A job of a kind of its own, so tests do not claim each other's jobs. */
const aJob = (overrides: Partial<NewJob> = {}): NewJob => {
  const n = ++seq;
  return { tenantId: 'tenant-a', kind: `test-${n}`, uniqueKey: `test:${n}`, runAt: T0.toISOString(), payload: { n }, ...overrides };
};

const movableClock = (start: Date) => {
  let now = start;
  const clock: Clock = { now: () => now };
  return { clock, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
};

const quiet = (entries: JobLogEntry[] = []) => ({ log: (e: JobLogEntry) => void entries.push(e) });
const only = async (jobs: JobRepository, uniqueKey: string): Promise<Job> => {
  const found = await jobs.list({ uniqueKey });
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('enqueue', () => {
  it('keeps one job per key: the second enqueue returns the first, unchanged', async () => {
    const job = aJob({ payload: { meetingId: 'm-1' } });
    const first = await jobsA.enqueue(job);
    const second = await jobsB.enqueue({ ...job, runAt: '2030-01-01T00:00:00.000Z', payload: { meetingId: 'other' } });
    expect(first.created).toBe(true);
    expect(second).toEqual({ created: false, value: first.value });
    expect(await jobsA.list({ uniqueKey: job.uniqueKey })).toEqual([
      expect.objectContaining({ id: first.value.id, runAt: T0.toISOString(), payload: { meetingId: 'm-1' }, status: 'pending', attempts: 0 }),
    ]);
  });

  it('keeps one job when the same key is enqueued many times at once, from two connections', async () => {
    const job = aJob();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? jobsA : jobsB).enqueue(job)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.value.id)).size).toBe(1);
    expect(await jobsA.list({ kind: job.kind })).toHaveLength(1);
  });
});

describe('claimDue', () => {
  it('hands a due job to exactly one of many racing claims on two connections', async () => {
    const job = aJob();
    await jobsA.enqueue(job);
    const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? jobsA : jobsB).claimDue(T0, 5, 60_000, [job.kind])));
    const claimed = claims.flat();
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ uniqueKey: job.uniqueKey, status: 'running', attempts: 1, lockedUntil: new Date(T0.getTime() + 60_000).toISOString() });
  });

  it('gives each of 15 due jobs to one claimer only, and all of them in the end', async () => {
    const kind = `batch-${++seq}`;
    for (let i = 0; i < 15; i++) await jobsA.enqueue(aJob({ kind, uniqueKey: `${kind}:${i}` }));
    const seen: string[] = [];
    for (let round = 0; round < 5 && seen.length < 15; round++) {
      const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? jobsA : jobsB).claimDue(T0, 2, 60_000, [kind])));
      seen.push(...claims.flat().map((j) => j.uniqueKey));
    }
    expect(seen).toHaveLength(15);
    expect(new Set(seen).size).toBe(15);
  });

  it('leaves jobs that are not due yet, and kinds the caller does not run', async () => {
    const later = aJob({ runAt: new Date(T0.getTime() + 1000).toISOString() });
    const unknown = aJob();
    await jobsA.enqueue(later);
    await jobsA.enqueue(unknown);
    expect(await jobsA.claimDue(T0, 10, 60_000, [later.kind])).toEqual([]);
    expect(await jobsA.claimDue(T0, 10, 60_000, [later.kind, 'another-kind'])).toEqual([]);
    expect(await jobsA.claimDue(T0, 10, 60_000, [])).toEqual([]);
    expect((await jobsA.claimDue(new Date(T0.getTime() + 1000), 10, 60_000, [later.kind])).map((j) => j.uniqueKey)).toEqual([later.uniqueKey]);
  });

  it('gives a claimed job to another runner only once the claim’s lock has expired (its runner died)', async () => {
    const job = aJob();
    await jobsA.enqueue(job);
    expect(await jobsA.claimDue(T0, 1, 60_000, [job.kind])).toHaveLength(1);
    expect(await jobsB.claimDue(new Date(T0.getTime() + 59_999), 1, 60_000, [job.kind])).toEqual([]);
    const again = await jobsB.claimDue(new Date(T0.getTime() + 60_001), 1, 60_000, [job.kind]);
    expect(again).toEqual([expect.objectContaining({ uniqueKey: job.uniqueKey, attempts: 2 })]);
  });

  it('does not claim a job that is done or has failed for good', async () => {
    const done = aJob();
    const failed = aJob();
    await jobsA.enqueue(done);
    await jobsA.enqueue(failed);
    const [d] = await jobsA.claimDue(T0, 1, 1000, [done.kind]);
    const [f] = await jobsA.claimDue(T0, 1, 1000, [failed.kind]);
    await jobsA.complete(d!.id, T0);
    await jobsA.fail(f!.id, 'broken');
    const much = new Date(T0.getTime() + 86_400_000);
    expect(await jobsB.claimDue(much, 10, 1000, [done.kind, failed.kind])).toEqual([]);
    expect(await only(jobsA, done.uniqueKey)).toMatchObject({ status: 'done', doneAt: T0.toISOString() });
    expect(await only(jobsA, failed.uniqueKey)).toMatchObject({ status: 'failed', lastError: 'broken' });
  });
});

describe('JobRunner', () => {
  it('runs a due job exactly once when two runners on two connections tick at the same moment', async () => {
    const kind = `race-${++seq}`;
    for (let i = 0; i < 6; i++) await jobsA.enqueue(aJob({ kind, uniqueKey: `${kind}:${i}` }));
    const runs: string[] = [];
    const handler: JobHandler = async (job) => {
      runs.push(job.uniqueKey);
      await new Promise((r) => setTimeout(r, 5));
    };
    const clock: Clock = { now: () => T0 };
    const one = new JobRunner(jobsA, clock, { [kind]: handler }, quiet());
    const two = new JobRunner(jobsB, clock, { [kind]: handler }, quiet());
    const counts = await Promise.all([one.tick(), two.tick(), one.tick(), two.tick()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(runs.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `${kind}:${i}`).sort());
    expect((await jobsA.list({ kind })).map((j) => j.status)).toEqual(Array(6).fill('done'));
  });

  it('retries a failing job later, and gives up after maxAttempts with the last error kept', async () => {
    const job = aJob();
    await jobsA.enqueue(job);
    const { clock, advance } = movableClock(T0);
    let calls = 0;
    const log: JobLogEntry[] = [];
    const runner = new JobRunner(jobsA, clock, { [job.kind]: () => Promise.reject(new Error(`Graph answered 503 (call ${++calls})`)) }, { ...quiet(log), maxAttempts: 3, retryDelayMs: () => 60_000 });

    expect(await runner.tick()).toBe(1);
    expect(await only(jobsA, job.uniqueKey)).toMatchObject({ status: 'pending', attempts: 1, runAt: new Date(T0.getTime() + 60_000).toISOString(), lastError: 'Error: Graph answered 503 (call 1)' });
    expect(await runner.tick()).toBe(0); // not due again yet
    advance(60_000);
    expect(await runner.tick()).toBe(1);
    advance(60_000);
    expect(await runner.tick()).toBe(1);
    expect(await only(jobsA, job.uniqueKey)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'Error: Graph answered 503 (call 3)' });
    advance(86_400_000);
    expect(await runner.tick()).toBe(0);
    expect(calls).toBe(3);
    expect(log.map((e) => e.level)).toEqual(['warn', 'warn', 'error']);
    expect(log.at(-1)!.message).toMatch(/failed 3 times; giving up/);
  });

  it('runs a job enqueued before a restart: the store closed and opened again', async () => {
    const job = aJob({ payload: { meetingId: 'm-restart' } });
    const before = await open();
    await createRepositories(before).jobs.enqueue(job);
    await before.close();

    const after = await open();
    try {
      const seen: Job[] = [];
      const runner = new JobRunner(createRepositories(after).jobs, { now: () => T0 }, { [job.kind]: (j) => Promise.resolve(void seen.push(j)) }, quiet());
      expect(await runner.tick()).toBe(1);
      expect(seen).toEqual([expect.objectContaining({ uniqueKey: job.uniqueKey, payload: { meetingId: 'm-restart' } })]);
      expect(await only(createRepositories(after).jobs, job.uniqueKey)).toMatchObject({ status: 'done' });
    } finally {
      await after.close();
    }
  });

  it('never throws out of a tick: a store that is gone is logged', async () => {
    const gone = await open();
    await gone.close();
    const log: JobLogEntry[] = [];
    const runner = new JobRunner(createRepositories(gone).jobs, { now: () => T0 }, { anything: () => Promise.resolve() }, quiet(log));
    await expect(runner.tick()).resolves.toBe(0);
    expect(log).toEqual([expect.objectContaining({ level: 'error', message: 'could not claim due jobs' })]);
  });

  it('stop() waits for the job that is running, and no tick runs after it', async () => {
    const job = aJob();
    await jobsA.enqueue(job);
    let release!: () => void;
    let markStarted!: () => void;
    const started = new Promise<void>((r) => (markStarted = r));
    const handler: JobHandler = () => {
      markStarted();
      return new Promise<void>((r) => (release = r));
    };
    const runner = new JobRunner(jobsA, { now: () => T0 }, { [job.kind]: handler }, quiet());
    const ticking = runner.tick();
    await started;
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    // Let every callback already queued run (no clock involved): stop still waits for the job in hand.
    for (let turn = 0; turn < 20; turn++) await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    await expect(ticking).resolves.toBe(1);
    expect(await only(jobsA, job.uniqueKey)).toMatchObject({ status: 'done' });
    await jobsA.enqueue(aJob({ kind: job.kind }));
    await expect(runner.tick()).resolves.toBe(0);
  });
});
