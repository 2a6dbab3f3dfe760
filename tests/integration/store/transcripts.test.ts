/**
 * The stored transcripts (SQLite, or PostgreSQL with DATABASE_URL): a fetch stores each Graph transcript
 * once, and after the retention job deleted a meeting's transcripts a fetch that was still under way stores
 * nothing, while other meetings' fetches go on.
 */
import { loadConfig } from '../../../src/config';
import type { FetchedTranscript, Repositories } from '../../../src/app/ports';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

let db: TestDatabase;
let store: OpenStore;
let repos: Repositories;
const T = 'tenant-transcripts';
const AT = '2027-02-11T12:00:00.000Z';
const job = { id: 'job:transcript-retention', name: 'Rådslag' };

beforeAll(async () => {
  db = await createTestDatabase();
  store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  repos = createRepositories(store);
});
afterAll(async () => {
  await store.close();
  await db.drop();
});

let n = 0;
const aMeeting = async () => (await repos.meetings.ensure({ tenantId: T, teamsMeetingId: `tr-${++n}`, conversationId: `19:tr-${n}@thread.v2`, at: '2027-02-11T08:00:00.000Z' })).value;
const transcript = (graphId: string): FetchedTranscript => ({
  graphId,
  startedAt: '2027-02-11T08:00:00.000Z',
  attributed: true,
  cues: [{ startSeconds: 1, endSeconds: 4, speaker: 'Sara Herrman', text: 'Välkomna.' }],
});

it('stores a transcript once however often it is fetched', async () => {
  const m = await aMeeting();
  expect(await repos.transcripts.saveNew(T, m.id, [transcript('a'), transcript('b')], AT)).toBe(2);
  expect(await repos.transcripts.saveNew(T, m.id, [transcript('a'), transcript('b')], AT)).toBe(0);
  expect((await repos.transcripts.list(T, m.id)).map((t) => t.graphId).sort()).toEqual(['a', 'b']);
});

it('stores nothing for a meeting whose transcripts the retention job deleted, and goes on for others', async () => {
  const deleted = await aMeeting();
  const other = await aMeeting();
  await repos.transcripts.saveNew(T, deleted.id, [transcript('a')], AT);
  expect(await repos.transcripts.deleteForMeeting(T, deleted.id, AT, job, { retentionDays: 30 })).toBe(1);
  // A fetch that began before the deletion and ends after it.
  expect(await repos.transcripts.saveNew(T, deleted.id, [transcript('a'), transcript('late')], AT)).toBe(0);
  expect(await repos.transcripts.list(T, deleted.id)).toEqual([]);
  expect(await repos.transcripts.saveNew(T, other.id, [transcript('a')], AT)).toBe(1);
});
