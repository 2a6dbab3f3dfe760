/**
 * Group commit (src/store/transactions.ts) against a real store (SQLite, or PostgreSQL with DATABASE_URL):
 * writes asked for together share one transaction, each caller hears its own outcome only once its write is
 * committed, a failing write costs the others nothing, a repeated request still stores once, and closing
 * the store commits what was asked for first.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Repositories } from '../../../src/app/ports';
import { loadConfig } from '../../../src/config';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { GroupCommit } from '../../../src/store/transactions';
import { createTestDatabase, testStoreKind, type TestDatabase } from '../../helpers/test-database';

let db: TestDatabase;
let store: OpenStore;
let group: GroupCommit;
let repos: Repositories;
const T = 'tenant-group-commit';
const sara = { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman' };

beforeAll(async () => {
  db = await createTestDatabase();
  store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  group = new GroupCommit(store.db);
  repos = createRepositories({ ...store, transact: group.run });
});
afterAll(async () => {
  await store.close();
  await db.drop();
});

let n = 0;
const aMeeting = async () => (await repos.meetings.ensure({ tenantId: T, teamsMeetingId: `gc-${++n}`, conversationId: `19:gc-${n}@thread.v2`, at: '2027-02-11T08:00:00.000Z' })).value;
const decision = (meetingId: string, i: number, sourceKey = `gc-${meetingId}-${i}`) => ({ tenantId: T, meetingId, text: `Beslut ${i}`, recordedBy: sara, recordedAt: '2027-02-11T09:00:00.000Z', sourceKey });

// PostgreSQL records a decision in one statement, outside group commit (decision-repository.ts); its numbering
// under contention across instances is checked in scale-out.test.ts. These three batch decisions: SQLite's.
const batchesDecisions = testStoreKind() === 'sqlite' ? it : it.skip;

batchesDecisions('commits decisions asked for together in fewer transactions, each meeting numbered 1, 2, 3 … without gaps', async () => {
  const meetings = [await aMeeting(), await aMeeting(), await aMeeting()];
  const before = group.stats();
  const stored = await Promise.all(Array.from({ length: 30 }, (_, i) => repos.decisions.record(decision(meetings[i % 3]!.id, i))));
  const after = group.stats();
  expect(after.writes - before.writes).toBe(30);
  expect(after.transactions - before.transactions).toBeLessThan(30);
  expect(stored.every((s) => s.created)).toBe(true);
  for (const m of meetings) {
    const listed = await repos.decisions.listForMeeting(T, m.id);
    expect(listed.map((d) => d.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }
  // What each caller was told is what was stored.
  for (const s of stored) expect((await repos.decisions.get(T, s.value.id))?.number).toBe(s.value.number);
});

batchesDecisions('stores a request delivered twice in the same batch once, and tells the second caller so', async () => {
  const meeting = await aMeeting();
  const before = group.stats();
  const [first, second] = await Promise.all([repos.decisions.record(decision(meeting.id, 1, 'twice')), repos.decisions.record(decision(meeting.id, 1, 'twice'))]);
  // Both went in one transaction: the same batch.
  expect(group.stats().writes - before.writes).toBe(2);
  expect(group.stats().transactions - before.transactions).toBe(1);
  expect(first.created).toBe(true);
  expect(second.created).toBe(false);
  expect(second.value.id).toBe(first.value.id);
  expect(await repos.decisions.listForMeeting(T, meeting.id)).toHaveLength(1);
});

batchesDecisions('rolls back only the write that failed: the others in its batch are committed, it is reported to its own caller', async () => {
  const meeting = await aMeeting();
  const failingId = randomUUID();
  const before = group.stats();
  const results = await Promise.allSettled([
    repos.decisions.record(decision(meeting.id, 1)),
    group.run(async (trx) => {
      await trx.insertInto('notes').values({ id: failingId, tenant_id: T, meeting_id: meeting.id, text: 'halvfärdig', recorded_by_id: sara.id, recorded_by_aad_object_id: null, recorded_by_name: sara.name, recorded_at: '2027-02-11T09:00:00.000Z', source_key: failingId, agenda_item: null }).execute();
      throw new Error('refused after its first insert');
    }),
    repos.decisions.record(decision(meeting.id, 2)),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused after its first insert'));
  expect((await repos.decisions.listForMeeting(T, meeting.id)).map((d) => [d.number, d.text])).toEqual([
    [1, 'Beslut 1'],
    [2, 'Beslut 2'],
  ]);
  expect(await store.db.selectFrom('notes').select('id').where('id', '=', failingId).execute()).toEqual([]);
  // One batch, rolled back, then each of the three alone.
  expect(group.stats().transactions - before.transactions).toBe(4);
});

it('counts what a re-run write stored once, not once per run', async () => {
  const meeting = await aMeeting();
  const records = Array.from({ length: 5 }, (_, i) => ({ reportId: 'r1', recordId: `p${i}`, displayName: `Deltagare ${i}`, role: 'Attendee' as const, seconds: 600 }));
  const before = group.stats();
  const [added] = await Promise.all([
    repos.attendance.saveRecords(T, meeting.id, records, '2027-02-11T10:00:00.000Z'),
    // Fails in the same batch, so the import above runs twice: once rolled back, once alone.
    group.run(() => Promise.reject(new Error('fails the batch'))).catch(() => undefined),
  ]);
  // It did run twice: one batch rolled back, then each of the two writes alone.
  expect(group.stats().transactions - before.transactions).toBe(3);
  expect(added).toBe(5);
  expect(await repos.attendance.records(T, meeting.id)).toHaveLength(5);
});

// The store's own group commit is SQLite's; PostgreSQL's writes each hold a pooled connection of their own.
(testStoreKind() === 'sqlite' ? it : it.skip)('commits the writes already asked for before the SQLite store closes', async () => {
  const other = await createTestDatabase();
  const own = await openStore(loadConfig({ env: { DATABASE_URL: other.url } }).store);
  try {
    const ownRepos = createRepositories(own);
    const meeting = (await ownRepos.meetings.ensure({ tenantId: T, teamsMeetingId: 'closing', conversationId: '19:closing@thread.v2', at: '2027-02-11T08:00:00.000Z' })).value;
    const pending = Array.from({ length: 5 }, (_, i) => ownRepos.decisions.record(decision(meeting.id, i)));
    await own.close();
    expect((await Promise.all(pending)).every((s) => s.created)).toBe(true);
    const reopened = await openStore(loadConfig({ env: { DATABASE_URL: other.url } }).store);
    try {
      expect(await createRepositories(reopened).decisions.listForMeeting(T, meeting.id)).toHaveLength(5);
    } finally {
      await reopened.close();
    }
  } finally {
    await other.drop();
  }
});

// A 2xx means stored through an OS crash too: the server's connection flushes the log at every commit.
(testStoreKind() === 'sqlite' ? it : it.skip)('opens SQLite with synchronous=FULL, as the server does', async () => {
  const opened = await openStore({ kind: 'sqlite', file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-sync-')), 'db.sqlite') }, { checkpointInBackground: true });
  try {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(opened.db);
    // 2 is FULL (0 OFF, 1 NORMAL, 3 EXTRA).
    expect(rows).toEqual([{ synchronous: 2 }]);
  } finally {
    await opened.close();
  }
});
