/**
 * Migration 0013 against a real store (SQLite, or PostgreSQL when DATABASE_URL names one): agenda rows
 * without number or type and an item's heading kept as they were written, and a booked meeting taking over
 * a meeting chat in one transaction, its records numbered after the booking's own.
 */
import { loadConfig } from '../../../src/config';
import type { Repositories } from '../../../src/app/ports';
import type { AgendaEntry } from '../../../src/domain/agenda';
import type { PersonRef } from '../../../src/domain/person';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

let db: TestDatabase;
let store: OpenStore;
let repos: Repositories;
const TENANT = 'tenant-a';
const sara: PersonRef = { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman' };
const hakan: PersonRef = { id: '29:hakan', name: 'Håkan Sundberg' };
const at = '2027-02-10T12:00:00.000Z';

beforeAll(async () => {
  db = await createTestDatabase();
  store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  repos = createRepositories(store);
});
afterAll(async () => {
  await store.close();
  await db.drop();
});

const SEED_003: AgendaEntry[] = [
  { number: 1, type: 'I', title: 'Tidigare mötesprotokoll', responsible: 'Sara', plannedStart: '13:00', fromTemplate: true },
  { number: 2, type: 'D', title: 'Hur står det till i Corona-tider?', heading: 'Läget i kommunerna', responsible: 'Alla', plannedStart: '13:05' },
  { kind: 'break', number: 0, plannedStart: '14:30' },
  { number: 3, type: 'D', title: 'Digitala möten', plannedStart: '14:45' },
  { kind: 'break', number: 0, plannedStart: '15:30', title: 'Kaffe' },
  { number: 4, type: 'D', title: 'Övrigt', plannedStart: '15:50' },
  { kind: 'end', number: 0, plannedStart: '16:00' },
];

it('keeps breaks, the closing row and headings as written', async () => {
  const meeting = (await repos.meetings.ensure({ tenantId: TENANT, teamsMeetingId: 'agenda-1', conversationId: '19:agenda-1', at })).value;
  await repos.agendas.replace(TENANT, meeting.id, SEED_003);
  expect(await repos.agendas.list(TENANT, meeting.id)).toEqual(SEED_003);
  // When an item began is kept by its number; breaks never begin.
  await repos.agendas.markStarted(TENANT, meeting.id, 3, at);
  await repos.agendas.replace(TENANT, meeting.id, SEED_003.filter((e) => e.kind !== 'end'));
  const after = await repos.agendas.list(TENANT, meeting.id);
  expect(after.find((e) => e.number === 3)).toMatchObject({ title: 'Digitala möten', actualStart: at });
  expect(after.filter((e) => e.kind === 'break').map((e) => e.plannedStart)).toEqual(['14:30', '15:30']);
  expect(after.at(-1)).toMatchObject({ number: 4, title: 'Övrigt' });
});

it('lets a booked meeting take over a meeting chat: ids, run state and records move, numbered after its own', async () => {
  const group = await repos.groups.create({ tenantId: TENANT, name: 'Takeover-rådet', kind: 'council', conversationId: '19:group', rules: { noticeDays: 14, preparationDaysBefore: 14, meetingsPerYear: 6 }, createdBy: sara, createdAt: at }, []);
  const booked = (await repos.meetings.schedule({ tenantId: TENANT, groupId: group.id, title: 'Februarimötet', startsAt: '2027-02-10T12:00:00.000Z', endsAt: '2027-02-10T15:00:00.000Z', scheduledBy: sara, sourceKey: 'book-1', at })).value;
  await repos.agendas.replace(TENANT, booked.id, SEED_003);
  await repos.answers.saveNotice(TENANT, booked.id, { person: hakan, attending: false, answeredAt: at, via: 'card' });
  await repos.secretaries.appoint({ tenantId: TENANT, meetingId: booked.id, person: hakan, appointedBy: sara, at });
  await repos.decisions.record({ tenantId: TENANT, meetingId: booked.id, text: 'Bokningens beslut', recordedBy: sara, recordedAt: at, sourceKey: 'd-booked' });

  const chat = (await repos.meetings.ensure({ tenantId: TENANT, teamsMeetingId: 'teams-chat-1', conversationId: '19:meeting_chat', at })).value;
  await repos.agendas.replace(TENANT, chat.id, [{ number: 1, type: 'I', title: 'Check-in', plannedStart: '13:00', fromTemplate: true }]);
  await repos.meetings.update(TENANT, chat.id, { startedAt: at, currentItem: 1, agendaActivityId: 'agenda-card', conversationReference: '{"ref":1}' });
  await repos.decisions.record({ tenantId: TENANT, meetingId: chat.id, text: 'Chattens första', recordedBy: sara, recordedAt: at, sourceKey: 'd-chat-1' });
  await repos.decisions.record({ tenantId: TENANT, meetingId: chat.id, text: 'Chattens andra', recordedBy: sara, recordedAt: at, sourceKey: 'd-chat-2' });
  await repos.answers.saveCheckIn(TENANT, chat.id, { person: sara, mood: 'good', inRoom: false, answeredAt: at, via: 'card' });
  await repos.notes.add({ tenantId: TENANT, meetingId: chat.id, text: 'En anteckning', recordedBy: sara, recordedAt: at, sourceKey: 'n-chat' });

  const taken = await repos.meetings.takeOverChat(TENANT, booked.id, chat.id, { actor: sara, at });
  expect(taken).toMatchObject({ id: booked.id, teamsMeetingId: 'teams-chat-1', conversationId: '19:meeting_chat', title: 'Februarimötet', groupId: group.id, startedAt: at, currentItem: 1, agendaActivityId: 'agenda-card', conversationReference: '{"ref":1}' });
  // The chat's next message finds the booking.
  expect((await repos.meetings.ensure({ tenantId: TENANT, teamsMeetingId: 'teams-chat-1', conversationId: '19:meeting_chat', at })).value.id).toBe(booked.id);
  expect((await repos.decisions.listForMeeting(TENANT, booked.id)).map((d) => [d.number, d.text])).toEqual([
    [1, 'Bokningens beslut'],
    [2, 'Chattens första'],
    [3, 'Chattens andra'],
  ]);
  // The audit trail keeps what was, and says where each decision went (append-only: nothing rewritten).
  const moved = (await repos.decisions.listForMeeting(TENANT, booked.id)).filter((d) => d.number > 1);
  const trail = await repos.audit.history(TENANT, 'decision', moved.map((d) => d.id));
  const byNumber = (e: { details: Record<string, unknown> }) => (e.details.number as { before: number }).before;
  expect(trail.filter((e) => e.action === 'change').sort((x, y) => byNumber(x) - byNumber(y)).map((e) => e.details)).toEqual([
    { meetingId: { before: chat.id, after: booked.id }, number: { before: 1, after: 2 } },
    { meetingId: { before: chat.id, after: booked.id }, number: { before: 2, after: 3 } },
  ]);
  // The booking's agenda (begun at its first item), answers and secretary stay; the chat's check-in and note come along.
  const agenda = await repos.agendas.list(TENANT, booked.id);
  expect(agenda.map((e) => e.title ?? e.kind)).toEqual(SEED_003.map((e) => e.title ?? e.kind));
  expect(agenda[0]).toMatchObject({ number: 1, actualStart: at });
  expect((await repos.answers.notices(TENANT, booked.id)).map((a) => a.person.name)).toEqual(['Håkan Sundberg']);
  expect((await repos.secretaries.current(TENANT, booked.id))?.person.name).toBe('Håkan Sundberg');
  expect((await repos.answers.checkIns(TENANT, booked.id)).map((a) => a.person.name)).toEqual(['Sara Herrman']);
  expect((await repos.notes.listForMeeting(TENANT, booked.id)).map((x) => x.text)).toEqual(['En anteckning']);
  // The chat's own record is retired: no longer the chat's, nor the group's.
  expect(await repos.meetings.get(TENANT, chat.id)).toMatchObject({ teamsMeetingId: `retired:${chat.id}`, conversationId: `retired:${booked.id}` });
  expect((await repos.meetings.get(TENANT, chat.id))?.groupId).toBeUndefined();
  // Asked again (a retry): nothing changes.
  expect(await repos.meetings.takeOverChat(TENANT, booked.id, chat.id, { actor: sara, at })).toEqual(taken);
  expect(await repos.decisions.listForMeeting(TENANT, booked.id)).toHaveLength(3);
});
