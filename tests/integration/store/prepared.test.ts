/**
 * Prepared queries (src/store/prepared.ts) against a real store (SQLite, or PostgreSQL with DATABASE_URL):
 * compiled once, each run sends that run's values, in a transaction as outside one, and they return what
 * the same query built anew returns.
 */
import { loadConfig } from '../../../src/config';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { prepare } from '../../../src/store/prepared';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

let db: TestDatabase;
let store: OpenStore;
const T = 'tenant-prepared';

beforeAll(async () => {
  db = await createTestDatabase();
  store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  const repos = createRepositories(store);
  for (const n of [1, 2, 3]) await repos.meetings.ensure({ tenantId: T, teamsMeetingId: `prepared-${n}`, conversationId: `19:prepared-${n}@thread.v2`, at: `2027-03-0${n}T08:00:00.000Z` });
  await repos.meetings.ensure({ tenantId: 'another-tenant', teamsMeetingId: 'prepared-1', conversationId: '19:other@thread.v2', at: '2027-03-01T08:00:00.000Z' });
});
afterAll(async () => {
  await store.close();
  await db.drop();
});

const built = (tenantId: string, teamsMeetingId: string) =>
  store.db.selectFrom('meetings').selectAll().where('tenant_id', '=', tenantId).where('teams_meeting_id', '=', teamsMeetingId).execute();

it('runs with each call’s values and returns what the query built anew returns', async () => {
  const byTeamsId = prepare<{ tenantId: string; teamsMeetingId: string }, unknown>(store.db, (q, p) =>
    q.selectFrom('meetings').selectAll().where('tenant_id', '=', p('tenantId')).where('teams_meeting_id', '=', p('teamsMeetingId')),
  );
  for (const [tenantId, teamsMeetingId] of [[T, 'prepared-1'], [T, 'prepared-3'], ['another-tenant', 'prepared-1'], [T, 'prepared-1'], [T, 'missing']] as const) {
    expect(await byTeamsId.run(store.db, { tenantId, teamsMeetingId })).toEqual(await built(tenantId, teamsMeetingId));
  }
  expect(await byTeamsId.run(store.db, { tenantId: T, teamsMeetingId: 'missing' })).toEqual([]);
});

it('keeps the constants written into the query and runs inside a transaction, whose writes it sees', async () => {
  const conversationsLike = prepare<{ tenantId: string }, { conversation_id: string }>(store.db, (q, p) =>
    q.selectFrom('meetings').select('conversation_id').where('tenant_id', '=', p('tenantId')).where('teams_meeting_id', 'like', 'prepared-%').orderBy('conversation_id'),
  );
  await store.db.transaction().execute(async (trx) => {
    await trx.updateTable('meetings').set({ teams_meeting_id: 'renamed-2' }).where('tenant_id', '=', T).where('teams_meeting_id', '=', 'prepared-2').execute();
    expect((await conversationsLike.run(trx, { tenantId: T })).map((r) => r.conversation_id)).toEqual(['19:prepared-1@thread.v2', '19:prepared-3@thread.v2']);
  });
  expect((await conversationsLike.run(store.db, { tenantId: 'another-tenant' })).map((r) => r.conversation_id)).toEqual(['19:other@thread.v2']);
});

it('refuses a query whose parameter never reached the compiled SQL, instead of sending the marker', async () => {
  const broken = prepare<{ tenantId: string }, unknown>(store.db, (q, p) => {
    p('tenantId'); // asked for but not used in the query
    return q.selectFrom('meetings').selectAll();
  });
  await expect(broken.run(store.db, { tenantId: T })).rejects.toThrow(/tenantId did not reach the compiled query/);
});
