/**
 * The repositories against a real store: SQLite by default, PostgreSQL when DATABASE_URL names one.
 * Numbering under concurrency, idempotent writes and tenant scoping are store properties, so they are
 * tested here, once per store.
 */
import { sql } from 'kysely';
import { loadConfig } from '../../../src/config';
import type { Repositories } from '../../../src/app/ports';
import type { PersonRef } from '../../../src/domain/person';
import type { ValidRisk } from '../../../src/domain/risk';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

let db: TestDatabase;
let store: OpenStore;
let repos: Repositories;

const TENANT = 'tenant-a';
const OTHER_TENANT = 'tenant-b';
const sara: PersonRef = { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman' };
const at = '2026-12-17T08:15:00.000Z';
let seq = 0;

const aMeeting = async (tenantId = TENANT) =>
  (await repos.meetings.ensure({ tenantId, teamsMeetingId: `m-${++seq}`, conversationId: `19:c-${seq}`, at })).value;

const aRisk = (overrides: Partial<ValidRisk> = {}): ValidRisk => ({
  threat: 'Vikande intresse',
  probability: 5,
  impact: 4,
  actionNeeded: true,
  ...overrides,
});

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

it('migrates an already migrated database without change', async () => {
  const migrations = async (on: OpenStore) => (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(on.db)).rows.map((r) => r.name);
  const meeting = await repos.meetings.ensure({ tenantId: TENANT, teamsMeetingId: 'before-reopening', conversationId: '19:reopen', at });
  const applied = await migrations(store);
  expect(applied.length).toBeGreaterThan(0);
  const again = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  try {
    // No migration ran twice or anew, and what was stored is there as it was.
    expect(await migrations(again)).toEqual(applied);
    expect(await createRepositories(again).meetings.get(TENANT, meeting.value.id)).toEqual(meeting.value);
  } finally {
    await again.close();
  }
});

describe('meetings', () => {
  it('creates a meeting once, even when first contact comes twice at the same moment', async () => {
    const input = { tenantId: TENANT, teamsMeetingId: 'same-meeting', conversationId: '19:x', at };
    const results = await Promise.all(Array.from({ length: 8 }, () => repos.meetings.ensure(input)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.value.id)).size).toBe(1);
  });

  it('keeps tenants apart', async () => {
    const mine = await repos.meetings.ensure({ tenantId: TENANT, teamsMeetingId: 'shared-id', conversationId: '19:y', at });
    const theirs = await repos.meetings.ensure({ tenantId: OTHER_TENANT, teamsMeetingId: 'shared-id', conversationId: '19:y', at });
    expect(theirs.created).toBe(true);
    expect(theirs.value.id).not.toBe(mine.value.id);
  });

  it('fills details later without touching the rest', async () => {
    const m = await aMeeting();
    await repos.meetings.updateDetails(TENANT, m.id, { title: 'E-råd Fyrbodal', startsAt: '2026-12-17T08:00:00.000Z' });
    expect(await repos.meetings.findByTeamsId(TENANT, m.teamsMeetingId)).toMatchObject({ title: 'E-råd Fyrbodal', startsAt: '2026-12-17T08:00:00.000Z', conversationId: m.conversationId });
  });
});

describe('decisions', () => {
  it('numbers 40 concurrent decisions 1…40 with no gap or duplicate', async () => {
    const m = await aMeeting();
    const stored = await Promise.all(
      Array.from({ length: 40 }, (_, i) => repos.decisions.record({ tenantId: TENANT, meetingId: m.id, text: `Beslut ${i}`, recordedBy: sara, recordedAt: at, sourceKey: `k-${m.id}-${i}` })),
    );
    expect(stored.every((s) => s.created)).toBe(true);
    const numbers = (await repos.decisions.listForMeeting(TENANT, m.id)).map((d) => d.number);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('stores a repeated source key once and returns the first record', async () => {
    const m = await aMeeting();
    const input = { tenantId: TENANT, meetingId: m.id, text: 'En gång', recordedBy: sara, recordedAt: at, sourceKey: `dup-${m.id}` };
    const results = await Promise.all(Array.from({ length: 6 }, () => repos.decisions.record(input)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.value.id)).size).toBe(1);
    expect(await repos.decisions.listForMeeting(TENANT, m.id)).toHaveLength(1);
  });

  it('retracts once, keeping who retracted first, and never shows another tenant’s decision', async () => {
    const m = await aMeeting();
    const { value } = await repos.decisions.record({ tenantId: TENANT, meetingId: m.id, text: 'Fel', recordedBy: sara, recordedAt: at, sourceKey: `r-${m.id}` });
    const first = await repos.decisions.retract(TENANT, value.id, sara, '2026-12-17T09:00:00.000Z');
    const second = await repos.decisions.retract(TENANT, value.id, { id: '29:other', name: 'Other' }, '2026-12-17T10:00:00.000Z');
    expect(first).toMatchObject({ status: 'retracted', number: 1, retractedBy: { name: 'Sara Herrman' }, retractedAt: '2026-12-17T09:00:00.000Z' });
    expect(second).toEqual(first);
    expect(await repos.decisions.get(OTHER_TENANT, value.id)).toBeUndefined();
    expect(await repos.decisions.listForMeeting(OTHER_TENANT, m.id)).toEqual([]);
  });

  it('writes decisions for several meetings and tenants that arrive together each in its own numbering, with one audit event each', async () => {
    const mine = [await aMeeting(), await aMeeting()];
    const theirs = await aMeeting(OTHER_TENANT);
    const asks = [...mine.map((m) => ({ tenantId: TENANT, m })), { tenantId: OTHER_TENANT, m: theirs }].flatMap(({ tenantId, m }) =>
      Array.from({ length: 7 }, (_, i) => ({ tenantId, meetingId: m.id, text: `Beslut ${i} i ${m.id}`, recordedBy: sara, recordedAt: at, sourceKey: `mix-${m.id}-${i % 5}`, ...(i === 2 ? { agendaItem: 3, heading: 'Budget' } : {}) })),
    );
    const stored = await Promise.all(asks.map((a) => repos.decisions.record(a)));
    // Keys 0 and 1 come twice per meeting: stored once, the first delivery answered as new, the other as stored before.
    expect(stored.map((s) => s.created)).toEqual(asks.map((_, i) => i % 7 < 5));
    stored.forEach((s, i) => expect(s.value).toMatchObject({ tenantId: asks[i]!.tenantId, meetingId: asks[i]!.meetingId }));
    for (let i = 0; i < asks.length; i++) if (i % 7 >= 5) expect(stored[i]!.value).toEqual(stored[i - 5]!.value);
    for (const m of [...mine, theirs]) {
      const tenantId = m === theirs ? OTHER_TENANT : TENANT;
      const decisions = await repos.decisions.listForMeeting(tenantId, m.id);
      expect(decisions.map((d) => d.number)).toEqual([1, 2, 3, 4, 5]);
      expect(new Set(stored.filter((s) => s.value.meetingId === m.id).map((s) => s.value.id))).toEqual(new Set(decisions.map((d) => d.id)));
      const audited = (await sql<{ entity_id: string; details: string }>`select entity_id, details from audit_events where entity = 'decision' and meeting_id = ${m.id}`.execute(store.db)).rows;
      expect(audited.map((a) => [a.entity_id, JSON.parse(a.details) as unknown]).sort()).toEqual(
        decisions.map((d) => [d.id, { number: d.number, ...(d.heading ? { heading: d.heading } : {}), text: d.text, ...(d.agendaItem ? { agendaItem: d.agendaItem } : {}) }]).sort(),
      );
    }
  });

  it('answers a redelivery among new decisions with what was stored, and numbers past a counter that fell behind', async () => {
    const m = await aMeeting();
    const ask = (i: number) => ({ tenantId: TENANT, meetingId: m.id, text: `Beslut ${i}`, recordedBy: sara, recordedAt: at, sourceKey: `behind-${m.id}-${i}` });
    const first = await repos.decisions.record(ask(0));
    await repos.decisions.record(ask(1));
    // A counter behind the decisions' highest § (a meeting numbered before the counter, or a chat taken over).
    await sql`update decision_numbers set last = 0 where meeting_id = ${m.id}`.execute(store.db);
    const stored = await Promise.all([ask(2), ask(0), ask(3), ask(4)].map((a) => repos.decisions.record(a)));
    expect(stored.map((s) => s.created)).toEqual([true, false, true, true]);
    expect(stored[1]!.value).toEqual(first.value);
    expect((await repos.decisions.listForMeeting(TENANT, m.id)).map((d) => [d.number, d.text])).toEqual([
      [1, 'Beslut 0'],
      [2, 'Beslut 1'],
      [3, 'Beslut 2'],
      [4, 'Beslut 3'],
      [5, 'Beslut 4'],
    ]);
  });

  it('lets a decision the database refuses fail alone, not the ones that arrive with it', async () => {
    const m = await aMeeting();
    const asks = Array.from({ length: 9 }, (_, i) => ({ tenantId: TENANT, meetingId: m.id, text: i === 4 ? 'Med \u0000 i texten' : `Beslut ${i}`, recordedBy: sara, recordedAt: at, sourceKey: `refused-${m.id}-${i}` }));
    const outcomes = await Promise.allSettled(asks.map((a) => repos.decisions.record(a)));
    // PostgreSQL cannot store U+0000 in text (SQLite can): there, that one is refused, and only that one.
    if (store.kind === 'postgres') expect(outcomes.map((o) => o.status)).toEqual(asks.map((_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    const stored = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(stored).toBeGreaterThanOrEqual(8);
    expect((await repos.decisions.listForMeeting(TENANT, m.id)).map((d) => d.number)).toEqual(Array.from({ length: stored }, (_, i) => i + 1));
  });

  it('keeps the text exactly as given, Unicode and markup included', async () => {
    const m = await aMeeting();
    const text = 'Beslut: <script>alert(1)</script> ’ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 \u0000 slut';
    const { value } = await repos.decisions.record({ tenantId: TENANT, meetingId: m.id, text: text.replace('\u0000', ''), recordedBy: sara, recordedAt: at, sourceKey: `u-${m.id}` });
    expect((await repos.decisions.get(TENANT, value.id))?.text).toBe(text.replace('\u0000', ''));
  });
});

describe('risks', () => {
  it('keeps one register per conversation and tenant', async () => {
    const a = await repos.risks.ensureConversationRegister(TENANT, '19:reg-a');
    expect(await repos.risks.ensureConversationRegister(TENANT, '19:reg-a')).toBe(a);
    expect(await repos.risks.ensureConversationRegister(OTHER_TENANT, '19:reg-a')).not.toBe(a);
  });

  it('numbers 25 concurrent risks R1…R25 and stores each field', async () => {
    const registerId = await repos.risks.ensureConversationRegister(TENANT, '19:reg-concurrent');
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        repos.risks.raise({ tenantId: TENANT, registerId, risk: aRisk({ threat: `Hot ${i}` }), raisedBy: sara, raisedAt: at, sourceKey: `risk-${registerId}-${i}` }),
      ),
    );
    const risks = await repos.risks.list(TENANT, registerId);
    expect(risks.map((r) => r.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await repos.risks.list(OTHER_TENANT, registerId)).toEqual([]);
  });

  it('round-trips every field of a risk', async () => {
    const registerId = await repos.risks.ensureConversationRegister(TENANT, '19:reg-fields');
    const risk = aRisk({ vulnerability: 'Beroendet till tjänsten', consequence: 'Förstudien står utan projektledare', probability: 1, impact: 5, action: 'Förhandla', owner: 'Sara' });
    const { value } = await repos.risks.raise({ tenantId: TENANT, registerId, risk, raisedBy: sara, raisedAt: at, sourceKey: `f-${registerId}` });
    const [stored] = await repos.risks.list(TENANT, registerId);
    expect(stored).toEqual(value);
    expect(stored).toMatchObject({ ...risk, number: 1, status: 'open', raisedBy: sara, raisedAt: at });
  });

  it('refuses S or K outside 1–5 at the database too', async () => {
    const registerId = await repos.risks.ensureConversationRegister(TENANT, '19:reg-check');
    const outcome = await repos.risks.raise({ tenantId: TENANT, registerId, risk: aRisk({ probability: 9 as 5 }), raisedBy: sara, raisedAt: at, sourceKey: `c-${registerId}` }).then(
      (v) => ({ resolved: v }),
      (e: unknown) => ({ rejected: String(e) }),
    );
    expect(outcome).toEqual({ rejected: expect.stringMatching(/CHECK|check/) });
    expect(await repos.risks.list(TENANT, registerId)).toEqual([]);
  });
});

describe('secretaries', () => {
  it('keeps every appointment; the newest is the secretary', async () => {
    const m = await aMeeting();
    expect(await repos.secretaries.current(TENANT, m.id)).toBeUndefined();
    await repos.secretaries.appoint({ tenantId: TENANT, meetingId: m.id, person: { id: '29:a', name: 'A' }, appointedBy: sara, at: '2026-12-17T08:00:00.000Z' });
    await repos.secretaries.appoint({ tenantId: TENANT, meetingId: m.id, person: { id: '29:b', aadObjectId: 'aad-b', name: 'B' }, appointedBy: sara, at: '2026-12-17T08:05:00.000Z' });
    expect(await repos.secretaries.current(TENANT, m.id)).toMatchObject({ person: { id: '29:b', aadObjectId: 'aad-b', name: 'B' }, appointedBy: { name: 'Sara Herrman' } });
    expect(await repos.secretaries.current(OTHER_TENANT, m.id)).toBeUndefined();
  });
});

it('keeps SQLite in WAL mode, so a killed process loses no committed write', async () => {
  if (store.kind !== 'sqlite') return expect(store.kind).toBe('postgres');
  const { sql } = await import('kysely');
  const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
  expect(rows[0]?.journal_mode).toBe('wal');
});
