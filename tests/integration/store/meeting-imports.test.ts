/**
 * Migration 0014 against a real store (SQLite, or PostgreSQL when DATABASE_URL names one): one import row
 * per meeting and per document (source key), its layout kept as JSON and checked when read.
 */
import { sql } from 'kysely';
import type { ImportLayout, Repositories } from '../../../src/app/ports';
import { loadConfig } from '../../../src/config';
import { DEFAULT_CHARTER_RULES } from '../../../src/domain/charter';
import type { PersonRef } from '../../../src/domain/person';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { ImportLayoutError } from '../../../src/store/import-repository';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

let db: TestDatabase;
let store: OpenStore;
let repos: Repositories;

const TENANT = 'tenant-a';
const sara: PersonRef = { id: 'import:sara-herrman', name: 'Sara Herrman' };
const at = '2026-01-15T09:00:00.000Z';
const layout: ImportLayout = {
  title: 'Minnesanteckningar',
  preamble: [],
  info: { heading: 'Information om möte', called: 'Taktisk styrgrupp', time: 'span', other: [] },
  people: [{ role: 'present', heading: 'Deltagare', columns: ['Namn', 'Kommun/Organisation'] }],
  presenters: [],
  items: [{ number: 3, blocks: [{ kind: 'note' }, { kind: 'risks', caption: 'Risker', columns: ['ID', 'Hot', 'S', 'K', 'R'], ids: ['R1'] }, { kind: 'followUp', id: 'R1' }] }],
  decisionNumbers: [null, 2],
  riskCodes: {},
};

let n = 0;
async function aMeeting() {
  const group = await repos.groups.create({ tenantId: TENANT, name: `Grupp ${++n}`, kind: 'steering', conversationId: `import:grupp-${n}`, rules: DEFAULT_CHARTER_RULES, createdBy: sara, createdAt: at }, []);
  const meeting = (await repos.meetings.schedule({ tenantId: TENANT, groupId: group.id, title: 'Möte', startsAt: '2020-11-27T10:00:00.000Z', endsAt: '2020-11-27T11:00:00.000Z', scheduledBy: sara, sourceKey: `minutes:${n}`, at })).value;
  return { group, meeting };
}

beforeAll(async () => {
  db = await createTestDatabase();
  store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  repos = createRepositories(store);
});
afterAll(async () => {
  await store.close();
  await db.drop();
});

it(`runs on the store this run is for (${process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite'})`, () => {
  expect(store.kind).toBe(db.kind);
});

it('keeps one import per meeting, found by its document, completed with its final layout', async () => {
  const { group, meeting } = await aMeeting();
  const input = { tenantId: TENANT, meetingId: meeting.id, groupId: group.id, sourceKey: 'minutes:abc', membersFromMinutes: true, layout, startedAt: at };
  const first = await repos.imports.begin(input);
  expect(first).toEqual({ created: true, value: { tenantId: TENANT, meetingId: meeting.id, groupId: group.id, sourceKey: 'minutes:abc', membersFromMinutes: true, layout, startedAt: at } });
  // Begun again (a run that stopped half-way): what was kept then, whatever this run would say.
  const again = await repos.imports.begin({ ...input, membersFromMinutes: false, startedAt: '2026-02-01T00:00:00.000Z' });
  expect(again).toEqual({ created: false, value: first.value });
  expect(await repos.imports.findBySource(TENANT, 'minutes:abc')).toEqual(first.value);
  expect(await repos.imports.findBySource('tenant-b', 'minutes:abc')).toBeUndefined();

  const done = await repos.imports.complete(TENANT, meeting.id, { ...layout, riskCodes: { R1: 'R6' } }, '2026-01-15T09:01:00.000Z');
  expect(done).toMatchObject({ completedAt: '2026-01-15T09:01:00.000Z', layout: { riskCodes: { R1: 'R6' } } });
  expect(await repos.imports.get(TENANT, meeting.id)).toEqual(done);
  expect(await repos.imports.get('tenant-b', meeting.id)).toBeUndefined();
});

it('refuses a layout that is not one when it is read, naming the meeting and the field', async () => {
  const { group, meeting } = await aMeeting();
  await repos.imports.begin({ tenantId: TENANT, meetingId: meeting.id, groupId: group.id, sourceKey: 'minutes:bad', membersFromMinutes: false, layout, startedAt: at });
  const spoil = (json: string) => sql`update meeting_imports set layout = ${json} where meeting_id = ${meeting.id}`.execute(store.db);

  await spoil(JSON.stringify({ ...layout, info: { ...layout.info, time: 'sometimes' } }));
  await expect(repos.imports.get(TENANT, meeting.id)).rejects.toThrow(ImportLayoutError);
  await expect(repos.imports.get(TENANT, meeting.id)).rejects.toThrow(`The import layout of meeting ${meeting.id} is not valid at “info.time”`);
  await spoil('{"title": ');
  await expect(repos.imports.get(TENANT, meeting.id)).rejects.toThrow(`The import layout of meeting ${meeting.id} is not JSON`);
  // And none is written that would not be read.
  await expect(repos.imports.complete(TENANT, meeting.id, { ...layout, decisionNumbers: ['§2' as unknown as number] }, at)).rejects.toThrow();
});
