/**
 * The tab's meeting page with Entra configured: a meeting run through the bot (/start, /next) shows its item
 * in progress on the page, and what is recorded on the page goes through the chat commands' use cases.
 */
import type { MeView, MeetingPageView } from '../../../src/contract/tab-api';
import { FakeBotConnector, cardOf, cardText } from '../../fakes/bot-connector';
import { FakeOpenIdProvider } from '../../fakes/openid-provider';
import { aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { eventually } from '../../helpers/eventually';
import { postActivity, startTestApp } from '../../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import type { RunningApp } from '../../../src/main';
import { loadConfig } from '../../../src/config';
import { createRepositories, openStore } from '../../../src/store';

const CLIENT_ID = '7d3b9c1e-4a5f-4e2b-9c8d-1f2e3a4b5c6d';
const APP_ID_URI = `api://localhost:3978/${CLIENT_ID}`;

type Person = (typeof people)[keyof typeof people];

const idp = new FakeOpenIdProvider();
const teams = new FakeBotConnector();
let db: TestDatabase;
let app: RunningApp;
let serviceUrl: string;
let groupId: string;
let meetingChat: Chat;

const tokenFor = (p: Pick<Person, 'aadObjectId' | 'name'>) => idp.userToken({ tenantId: TENANT, oid: p.aadObjectId, name: p.name, audience: CLIENT_ID });

async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const say = async (chat: Chat, from: Person, text: string) => {
  const before = teams.sent().length;
  expect((await postActivity(app, aMessage({ serviceUrl, chat, from, text }))).status).toBe(200);
  return teams.sent().slice(before).map((a) => (typeof a.text === 'string' ? a.text : cardText(cardOf(a)))).join('\n');
};

const page = async (who: Person = people.sara, query = `?chat=${encodeURIComponent(meetingChat.conversationId)}`) => {
  const res = await call('GET', `/api/tab/groups/${groupId}/meeting${query}`, tokenFor(who));
  expect(res.status).toBe(200);
  return res.body as unknown as MeetingPageView;
};

beforeAll(async () => {
  db = await createTestDatabase();
  serviceUrl = await teams.start();
  await idp.start();
  app = await startTestApp(db.url, { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_TENANT_ID: TENANT, AAD_APP_ID_URI: APP_ID_URI, AAD_APP_OPENID_METADATA_URL: idp.metadataUrl(TENANT) });
  teams.members = [people.sara, people.hakan, people.titti];
  expect(await say(aGroupChat(), people.sara, '/setup Mötesgruppen')).toContain('is set up');
  expect(await say(aGroupChat(), people.sara, '/risk Ofullständig information från kommunerna S=3 K=4')).toBeDefined();
  const now = Date.now();
  teams.meetingInfo = { title: 'Rådsmöte', scheduledStartTime: new Date(now - 10 * 60_000).toISOString(), scheduledEndTime: new Date(now + 110 * 60_000).toISOString(), organizer: people.sara };
  meetingChat = aMeetingChat();
  expect(await say(meetingChat, people.sara, '/setup Mötesgruppen')).toContain('Meeting linked');
  const me = (await call('GET', '/api/tab/me', tokenFor(people.sara))).body as unknown as MeView;
  groupId = me.groups.find((g) => g.name === 'Mötesgruppen')!.id;
});

afterAll(async () => {
  await app?.stop();
  await teams.stop();
  await idp.stop();
  await db?.drop();
});

it('shows the item in progress as the chat moves it, and records a decision that /decisions lists, once per requestId', async () => {
  await say(meetingChat, people.sara, '/start');
  await eventually(async () => expect((await page()).meeting?.currentItem).toBe(1));
  await say(meetingChat, people.sara, '/next');
  const view = await page();
  expect(view.meeting).toMatchObject({ currentItem: 2, started: true });
  expect(view.canRecord).toBe(true);
  expect(view.agenda.filter((r) => r.kind === 'item' && r.current).map((r) => (r.kind === 'item' ? r.number : 0))).toEqual([2]);
  // Without ?chat the group's meeting in progress is the one shown.
  expect((await page(people.sara, '')).meeting?.id).toBe(view.meeting!.id);

  const path = `/api/tab/groups/${groupId}/meetings/${view.meeting!.id}/decisions`;
  const body = { requestId: '3f0c1a52-7e4b-4f8e-9a63-1c2d3e4f5a6b', heading: 'Budget', text: 'Rådet fastställer budgeten för 2027' };
  const first = await call('POST', path, tokenFor(people.sara), body);
  expect(first.status).toBe(201);
  expect((first.body as unknown as MeetingPageView).decisions).toEqual([expect.objectContaining({ paragraph: '§1', heading: 'Budget', text: 'Rådet fastställer budgeten för 2027', agendaItem: 2 })]);
  const again = await call('POST', path, tokenFor(people.sara), body);
  expect(again.status).toBe(200);
  expect((again.body as unknown as MeetingPageView).decisions).toHaveLength(1);
  expect(await say(meetingChat, people.sara, '/decisions')).toContain('Rådet fastställer budgeten för 2027');

  // A note, an action, a risk and the next item, the same way.
  const post = (kind: string, b: Record<string, unknown>) => call('POST', `/api/tab/groups/${groupId}/meetings/${view.meeting!.id}/${kind}`, tokenFor(people.sara), b);
  expect((await post('notes', { requestId: 'a1b2c3d4-0000-4000-8000-000000000001', text: 'Diskussion om tidplanen' })).status).toBe(201);
  expect((await post('actions', { requestId: 'a1b2c3d4-0000-4000-8000-000000000002', text: 'Skicka underlaget', owner: 'Håkan', due: '2027-01-15' })).status).toBe(201);
  expect((await post('risks', { requestId: 'a1b2c3d4-0000-4000-8000-000000000003', threat: 'Budgeten räcker inte', probability: 5, impact: 5 })).status).toBe(201);
  const moved = await post('next', { requestId: 'a1b2c3d4-0000-4000-8000-000000000004', from: 2 });
  expect(moved.status).toBe(201);
  // A second press for the same item does not skip one.
  const pressedTwice = await post('next', { requestId: 'a1b2c3d4-0000-4000-8000-000000000005', from: 2 });
  expect(pressedTwice.status).toBe(200);
  const after = pressedTwice.body as unknown as MeetingPageView;
  expect(after.meeting?.currentItem).toBe(3);
  expect(after.notes).toEqual([expect.objectContaining({ text: 'Diskussion om tidplanen', agendaItem: 2, by: 'Sara Herrman' })]);
  expect(after.actions).toEqual([expect.objectContaining({ text: 'Skicka underlaget', owner: 'Håkan', due: '2027-01-15', agendaItem: 2 })]);
  expect(after.openActions.map((a) => a.text)).toContain('Skicka underlaget');
  expect(after.topRisks[0]).toMatchObject({ threat: 'Budgeten räcker inte', score: 25 });
  expect(after.topRisks.length).toBeLessThanOrEqual(3);
  expect(await say(meetingChat, people.sara, '/actions')).toContain('Skicka underlaget');
});

it('lets members read (counts only) and refuses their writes with 403', async () => {
  // Håkan answered the notice through his personal link: the organizer sees his name and note.
  const meetingId = (await page()).meeting!.id;
  const store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  try {
    await createRepositories(store).answers.saveNotice(TENANT, meetingId, { person: people.hakan, attending: false, note: 'Krockar med KS', substitute: 'Per Ersatt', answeredAt: new Date().toISOString(), via: 'link' });
  } finally {
    await store.close();
  }
  // With his substitute, and who has not answered yet.
  expect((await page()).notice).toEqual({
    attending: 0,
    notAttending: 1,
    answers: [{ name: 'Håkan Sundberg', attending: false, note: 'Krockar med KS', substitute: 'Per Ersatt', viaLink: true }],
    unanswered: ['Sara Herrman', 'Titti Andersson'],
  });
  const hakan = await page(people.hakan);
  expect(hakan.canRecord).toBe(false);
  expect(hakan.notice).toEqual({ attending: 0, notAttending: 1 });
  const refused = await call('POST', `/api/tab/groups/${groupId}/meetings/${hakan.meeting!.id}/decisions`, tokenFor(people.hakan), { requestId: 'b1b2c3d4-0000-4000-8000-000000000001', text: 'Nej' });
  expect(refused.status).toBe(403);
  expect(refused.body.code).toBeDefined();
  expect((await page()).decisions.map((d) => d.text)).not.toContain('Nej');
  // Fredric is not in the group at all.
  expect((await call('GET', `/api/tab/groups/${groupId}/meeting`, tokenFor(people.fredric))).status).toBe(403);
});

it('answers a bad body with 400 naming the field, and an unknown meeting with 404', async () => {
  const id = (await page()).meeting!.id;
  const post = (kind: string, b: unknown) => call('POST', `/api/tab/groups/${groupId}/meetings/${id}/${kind}`, tokenFor(people.sara), b);
  const noText = await post('decisions', { requestId: 'c1b2c3d4-0000-4000-8000-000000000001', text: '  ' });
  expect(noText.status).toBe(400);
  expect(noText.body.message).toContain('text');
  const badScore = await post('risks', { requestId: 'c1b2c3d4-0000-4000-8000-000000000002', threat: 'X', probability: 7, impact: 2 });
  expect(badScore.status).toBe(400);
  expect(badScore.body.message).toContain('probability');
  const badDue = await post('actions', { requestId: 'c1b2c3d4-0000-4000-8000-000000000003', text: 'Y', due: 'snart' });
  expect(badDue.status).toBe(400);
  expect(badDue.body.message).toContain('due');
  expect((await post('notes', { text: 'Z' })).body.message).toContain('requestId');
  expect((await post('notes', { requestId: 'c1b2c3d4-0000-4000-8000-000000000004', text: 'Z', extra: 1 })).status).toBe(400);
  expect((await call('GET', `/api/tab/groups/${groupId}/meeting?meeting=no-such-meeting`, tokenFor(people.sara))).status).toBe(404);
});
