/**
 * The audit trail against a real store (SQLite, or PostgreSQL with DATABASE_URL): every create, change,
 * retraction and approval of a public record appends who, when and what, once, in the transaction of the
 * change; and the table refuses every UPDATE and DELETE, whoever sends them.
 */
import { sql } from 'kysely';
import type { Repositories } from '../../../src/app/ports';
import { loadConfig } from '../../../src/config';
import { DEFAULT_CHARTER_RULES } from '../../../src/domain/charter';
import type { MinutesContent } from '../../../src/domain/minutes';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

let db: TestDatabase;
let store: OpenStore;
let repos: Repositories;
const T = 'tenant-audit';
const sara = { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman' };
const hakan = { id: '29:hakan', aadObjectId: 'aad-hakan', name: 'Håkan Sundberg' };

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
const aMeeting = async () => (await repos.meetings.ensure({ tenantId: T, teamsMeetingId: `audit-${++n}`, conversationId: `19:audit-${n}@thread.v2`, at: '2027-02-11T08:00:00.000Z' })).value;

it('records a decision once when stored twice, and its retraction once when retracted twice', async () => {
  const meeting = await aMeeting();
  const input = { tenantId: T, meetingId: meeting.id, text: 'Rådet godkänner planen', recordedBy: sara, recordedAt: '2027-02-11T09:00:00.000Z', sourceKey: 'a1', agendaItem: 2 };
  const { value } = await repos.decisions.record(input);
  await repos.decisions.record(input);
  await repos.decisions.retract(T, value.id, hakan, '2027-02-11T09:05:00.000Z');
  await repos.decisions.retract(T, value.id, sara, '2027-02-11T09:06:00.000Z');
  const events = await repos.audit.history(T, 'decision', [value.id]);
  expect(events.map((e) => [e.action, e.actor.name, e.at, e.meetingId])).toEqual([
    ['create', 'Sara Herrman', '2027-02-11T09:00:00.000Z', meeting.id],
    ['retract', 'Håkan Sundberg', '2027-02-11T09:05:00.000Z', meeting.id],
  ]);
  expect(events[0]!.details).toEqual({ number: 1, text: 'Rådet godkänner planen', agendaItem: 2 });
});

it('records a risk raised, and each review as a review and as a change of the risk from its old values', async () => {
  const meeting = await aMeeting();
  const registerId = await repos.risks.ensureConversationRegister(T, meeting.conversationId);
  const risk = { threat: 'Vikande intresse', probability: 5 as const, impact: 4 as const, actionNeeded: true, action: 'Förankra' };
  const { value } = await repos.risks.raise({ tenantId: T, registerId, risk, meetingId: meeting.id, raisedBy: sara, raisedAt: '2027-02-11T09:10:00.000Z', sourceKey: 'r1' });
  const review = { tenantId: T, risk: value, review: { probability: 3 as const, impact: 4 as const, status: 'handled' as const, note: 'Styrgruppen följer upp', reviewedBy: hakan, reviewedAt: '2027-04-08T09:00:00.000Z' }, sourceKey: 'rv1' };
  const stored = await repos.risks.review(review);
  await repos.risks.review(review);
  const events = await repos.audit.history(T, 'risk', [value.id]);
  expect(events.map((e) => [e.action, e.actor.name])).toEqual([
    ['create', 'Sara Herrman'],
    ['change', 'Håkan Sundberg'],
  ]);
  expect(events[1]!.details).toEqual({ from: { probability: 5, impact: 4, status: 'open' }, to: { probability: 3, impact: 4, status: 'handled' }, reviewId: stored.value.id });
  expect((await repos.audit.history(T, 'riskReview', [stored.value.id])).map((e) => e.details)).toEqual([{ riskId: value.id, probability: 3, impact: 4, status: 'handled', note: 'Styrgruppen följer upp' }]);
});

it('records each risk a chat kept that is renumbered when its chat joins a group, by whom and from which number', async () => {
  const group = await repos.groups.create(
    { tenantId: T, name: `Audit-rådet ${++n}`, kind: 'council', conversationId: `19:audit-group-${n}@thread.v2`, rules: DEFAULT_CHARTER_RULES, createdBy: sara, createdAt: '2027-02-01T08:00:00.000Z' },
    [],
  );
  const risk = (threat: string) => ({ threat, probability: 3 as const, impact: 3 as const, actionNeeded: false });
  const groupRegister = await repos.risks.ensureGroupRegister(T, group.id);
  await repos.risks.raise({ tenantId: T, registerId: groupRegister, risk: risk('Gruppens risk'), raisedBy: sara, raisedAt: '2027-02-01T09:00:00.000Z', sourceKey: `g-${n}` });
  const meeting = await aMeeting();
  const chatRegister = await repos.risks.ensureConversationRegister(T, meeting.conversationId);
  const first = (await repos.risks.raise({ tenantId: T, registerId: chatRegister, risk: risk('Chattens första'), raisedBy: hakan, raisedAt: '2027-02-11T09:00:00.000Z', sourceKey: `c1-${n}` })).value;
  const second = (await repos.risks.raise({ tenantId: T, registerId: chatRegister, risk: risk('Chattens andra'), raisedBy: hakan, raisedAt: '2027-02-11T09:01:00.000Z', sourceKey: `c2-${n}` })).value;

  const moved = await repos.risks.moveConversationRisksToGroup(T, meeting.conversationId, group.id, { actor: sara, at: '2027-02-11T10:00:00.000Z' });
  expect(moved).toBe(2);
  expect((await repos.risks.list(T, groupRegister)).map((r) => [r.number, r.threat])).toEqual([
    [1, 'Gruppens risk'],
    [2, 'Chattens första'],
    [3, 'Chattens andra'],
  ]);
  const events = await repos.audit.history(T, 'risk', [first.id, second.id]);
  // Both moves carry the same time, so the history's order between the two risks is not defined: one each.
  const changeOf = (id: string) => events.filter((e) => e.action === 'change' && e.entityId === id).map((e) => [e.entityId, e.actor.name, e.at, e.details]);
  expect([...changeOf(first.id), ...changeOf(second.id)]).toEqual([
    [first.id, 'Sara Herrman', '2027-02-11T10:00:00.000Z', { from: { number: 1 }, to: { number: 2 }, movedToGroup: group.id }],
    [second.id, 'Sara Herrman', '2027-02-11T10:00:00.000Z', { from: { number: 2 }, to: { number: 3 }, movedToGroup: group.id }],
  ]);
  // Moving again moves nothing and records nothing.
  expect(await repos.risks.moveConversationRisksToGroup(T, meeting.conversationId, group.id, { actor: sara, at: '2027-02-11T10:05:00.000Z' })).toBe(0);
  expect((await repos.audit.history(T, 'risk', [first.id, second.id])).length).toBe(events.length);
});

it('records attendance corrections and the minutes from version to approval, each move once', async () => {
  const meeting = await aMeeting();
  await repos.attendance.addCorrection(T, meeting.id, { memberId: 'member-pia', status: 'excused', byId: sara.id, byName: sara.name, at: '2027-02-11T10:00:00.000Z' });
  const content = { groupName: 'E-råd' } as MinutesContent;
  const { value: v } = await repos.minutes.snapshot({ tenantId: T, meetingId: meeting.id, content, contentHash: 'h1', createdBy: sara, createdAt: '2027-02-11T12:00:00.000Z' });
  await repos.minutes.markSent(T, v.id, sara, '2027-02-11T12:01:00.000Z');
  await repos.minutes.approve(T, v.id, hakan, '2027-02-12T08:00:00.000Z');
  await repos.minutes.approve(T, v.id, hakan, '2027-02-12T08:01:00.000Z');
  await repos.minutes.requestChanges(T, v.id, hakan, '2027-02-12T08:02:00.000Z', 'too late');
  expect((await repos.audit.history(T, 'minutes', [v.id])).map((e) => [e.action, e.actor.name, e.details])).toEqual([
    ['create', 'Sara Herrman', { version: 1, contentHash: 'h1' }],
    ['send', 'Sara Herrman', { version: 1, contentHash: 'h1' }],
    ['approve', 'Håkan Sundberg', { version: 1, contentHash: 'h1' }],
  ]);
  const rows = await store.db.selectFrom('audit_events').select(['entity', 'details']).where('tenant_id', '=', T).where('entity', '=', 'attendanceCorrection').where('meeting_id', '=', meeting.id).execute();
  expect(rows.map((r) => [r.entity, JSON.parse(r.details)])).toEqual([['attendanceCorrection', { memberId: 'member-pia', status: 'excused' }]]);
});

it('refuses to update or delete an audit event, even by hand-written SQL', async () => {
  const before = await store.db.selectFrom('audit_events').selectAll().where('tenant_id', '=', T).execute();
  expect(before.length).toBeGreaterThan(0);
  // better-sqlite3's errors come from the realm that first loaded the addon, so match the message, not the class.
  const refused = { message: expect.stringMatching(/append-only/) };
  await expect(sql`update audit_events set actor_name = 'Someone else' where tenant_id = ${T}`.execute(store.db)).rejects.toMatchObject(refused);
  await expect(sql`delete from audit_events where tenant_id = ${T}`.execute(store.db)).rejects.toMatchObject(refused);
  expect(await store.db.selectFrom('audit_events').selectAll().where('tenant_id', '=', T).execute()).toEqual(before);
});
