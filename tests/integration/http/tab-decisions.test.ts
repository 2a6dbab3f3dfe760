/**
 * The tab's decisions page data: a decision's heading comes with its text, and a group that writes its
 * decisions without numbers (`/numbering off`) gets no § — through the real server with Entra tokens signed
 * by a local OpenID provider, the decisions recorded through the bot.
 */
import type { RunningApp } from '../../../src/main';
import type { DecisionsView, MeView } from '../../../src/contract/tab-api';
import { FakeBotConnector, cardOf, cardText } from '../../fakes/bot-connector';
import { FakeOpenIdProvider } from '../../fakes/openid-provider';
import { aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { postActivity, startTestApp } from '../../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

const CLIENT_ID = '7d3b9c1e-4a5f-4e2b-9c8d-1f2e3a4b5c6d';
const idp = new FakeOpenIdProvider();
const teams = new FakeBotConnector();
let db: TestDatabase;
let app: RunningApp;
let serviceUrl: string;

type Person = (typeof people)[keyof typeof people];
const say = async (chat: Chat, from: Person, text: string) => {
  const before = teams.sent().length;
  expect((await postActivity(app, aMessage({ serviceUrl, chat, from, text }))).status).toBe(200);
  return teams.sent().slice(before).map((a) => (typeof a.text === 'string' ? a.text : cardText(cardOf(a)))).join('\n');
};
const get = async <T>(path: string, who: Person): Promise<T> => {
  const token = idp.userToken({ tenantId: TENANT, oid: who.aadObjectId, name: who.name, audience: CLIENT_ID });
  const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

beforeAll(async () => {
  db = await createTestDatabase();
  serviceUrl = await teams.start();
  await idp.start();
  app = await startTestApp(db.url, { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_TENANT_ID: TENANT, AAD_APP_ID_URI: `api://localhost:3978/${CLIENT_ID}`, AAD_APP_OPENID_METADATA_URL: idp.metadataUrl(TENANT) });
  teams.members = [people.sara, people.hakan];
  teams.meetingInfo = 404;
});

afterAll(async () => {
  await app?.stop();
  await teams.stop();
  await idp.stop();
  await db?.drop();
});

it('gives each decision its heading, and § only while the group numbers its decisions', async () => {
  const group = aGroupChat();
  expect(await say(group, people.sara, '/setup Beslutsgruppen')).toContain('is set up');
  const meeting = aMeetingChat();
  expect(await say(meeting, people.sara, '/setup Beslutsgruppen')).toContain('Meeting linked');
  await say(meeting, people.sara, '/decision Beslut om svarstid — Svarstiden förlängs veckan ut');
  await say(meeting, people.sara, '/decision Nästa möte hålls i Vänersborg');

  const groupId = (await get<MeView>('/api/tab/me', people.hakan)).groups.find((g) => g.name === 'Beslutsgruppen')!.id;
  const numbered = await get<DecisionsView>(`/api/tab/groups/${groupId}/decisions`, people.hakan);
  expect(numbered.decisions.map((d) => [d.paragraph, d.heading, d.text])).toEqual([
    ['§1', 'Beslut om svarstid', 'Svarstiden förlängs veckan ut'],
    ['§2', undefined, 'Nästa möte hålls i Vänersborg'],
  ]);
  // The search finds a decision by its heading.
  expect((await get<DecisionsView>(`/api/tab/groups/${groupId}/decisions?q=svarstid`, people.hakan)).decisions.map((d) => d.paragraph)).toEqual(['§1']);

  expect(await say(group, people.sara, '/numbering off')).toContain('written without a number');
  const unnumbered = await get<DecisionsView>(`/api/tab/groups/${groupId}/decisions`, people.hakan);
  expect(unnumbered.decisions.map((d) => [d.paragraph, d.heading, d.text])).toEqual([
    [undefined, 'Beslut om svarstid', 'Svarstiden förlängs veckan ut'],
    [undefined, undefined, 'Nästa möte hålls i Vänersborg'],
  ]);
  expect(JSON.stringify(unnumbered)).not.toContain('§');
});
