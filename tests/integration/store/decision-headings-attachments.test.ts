/**
 * Migration 0012's columns and table against a real store (SQLite, or PostgreSQL when DATABASE_URL names
 * one): a decision's heading, a group's decision numbering, and a meeting's attachments (one per source
 * key, oldest first, tenant scoped, with or without an address).
 */
import { loadConfig } from '../../../src/config';
import type { Repositories } from '../../../src/app/ports';
import { DEFAULT_CHARTER_RULES } from '../../../src/domain/charter';
import type { PersonRef } from '../../../src/domain/person';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

let db: TestDatabase;
let store: OpenStore;
let repos: Repositories;

const TENANT = 'tenant-a';
const sara: PersonRef = { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman' };
let seq = 0;
const aMeeting = async (tenantId = TENANT) =>
  (await repos.meetings.ensure({ tenantId, teamsMeetingId: `m-${++seq}`, conversationId: `19:c-${seq}`, at: '2020-11-27T10:00:00.000Z' })).value;

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

it('keeps a decision’s heading, and none for a decision of one text', async () => {
  const meeting = await aMeeting();
  const base = { tenantId: TENANT, meetingId: meeting.id, recordedBy: sara, recordedAt: '2020-11-27T10:10:00.000Z' };
  const first = await repos.decisions.record({ ...base, heading: 'Beslut om svarstid', text: 'Svarstiden förlängs veckan ut', sourceKey: 'd1' });
  await repos.decisions.record({ ...base, text: 'Sara och Johan tar fram ett erbjudande', sourceKey: 'd2' });
  expect(first.value).toMatchObject({ number: 1, heading: 'Beslut om svarstid' });
  const stored = await repos.decisions.listForMeeting(TENANT, meeting.id);
  expect(stored.map((d) => [d.number, d.heading, d.text])).toEqual([
    [1, 'Beslut om svarstid', 'Svarstiden förlängs veckan ut'],
    [2, undefined, 'Sara och Johan tar fram ett erbjudande'],
  ]);
  expect(stored[1]).not.toHaveProperty('heading');
});

it('numbers a group’s decisions until switched off, and on again', async () => {
  const group = await repos.groups.create(
    { tenantId: TENANT, name: `Nätverk ${seq++}`, kind: 'network', conversationId: `19:g-${seq}`, rules: DEFAULT_CHARTER_RULES, createdBy: sara, createdAt: '2020-05-01T00:00:00.000Z' },
    [],
  );
  expect(group.decisionNumbering).toBeUndefined();
  await repos.groups.setDecisionNumbering(TENANT, group.id, false);
  expect((await repos.groups.get(TENANT, group.id))!.decisionNumbering).toBe(false);
  expect((await repos.groups.findByConversation(TENANT, group.conversationId))!.decisionNumbering).toBe(false);
  await repos.groups.setDecisionNumbering(TENANT, group.id, true);
  expect((await repos.groups.get(TENANT, group.id))!.decisionNumbering).toBeUndefined();
});

it('stores an attachment once per source key, lists a meeting’s oldest first, within its tenant', async () => {
  const meeting = await aMeeting();
  const base = { tenantId: TENANT, meetingId: meeting.id, addedBy: sara, origin: 'command' as const };
  const first = await repos.attachments.add({ ...base, agendaItem: 2, title: 'Bilaga 2', url: 'https://example.org/b2.pdf', addedAt: '2020-11-30T15:00:00.000Z', sourceKey: 'a2' });
  expect(first.created).toBe(true);
  // Imported minutes may know a document by its title only.
  await repos.attachments.add({ ...base, origin: 'import', title: 'Bilaga 1-Presentation av möte', addedAt: '2020-11-30T09:00:00.000Z', sourceKey: 'a1' });
  const again = await repos.attachments.add({ ...base, title: 'Something else', url: 'https://example.org/x', addedAt: '2020-12-01T00:00:00.000Z', sourceKey: 'a2' });
  expect(again).toEqual({ value: first.value, created: false });
  expect((await repos.attachments.listForMeeting(TENANT, meeting.id)).map((a) => [a.title, a.url, a.agendaItem, a.origin, a.addedBy])).toEqual([
    ['Bilaga 1-Presentation av möte', undefined, undefined, 'import', sara],
    ['Bilaga 2', 'https://example.org/b2.pdf', 2, 'command', sara],
  ]);
  expect(await repos.attachments.listForMeeting('tenant-b', meeting.id)).toEqual([]);
});

it('stores one of two deliveries of the same attachment at the same moment', async () => {
  const meeting = await aMeeting();
  const input = { tenantId: TENANT, meetingId: meeting.id, addedBy: sara, origin: 'chatFile' as const, title: 'Rapport', url: 'https://example.org/r.pdf', addedAt: '2020-11-30T09:00:00.000Z', sourceKey: 'same' };
  const results = await Promise.all([repos.attachments.add(input), repos.attachments.add(input), repos.attachments.add(input)]);
  expect(results.filter((r) => r.created)).toHaveLength(1);
  expect(await repos.attachments.listForMeeting(TENANT, meeting.id)).toHaveLength(1);
});
