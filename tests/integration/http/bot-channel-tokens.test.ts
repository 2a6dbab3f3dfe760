/**
 * Bot endpoint tokens against local fakes of the Bot Framework (issue 7, item 1): the app runs as its own
 * process with BOT_ID set, BOT_OPENID_METADATA_URL pointing at a fake channel-token issuer and
 * BOT_LOGIN_URL at a fake Entra authority (both HTTPS, trusted through NODE_EXTRA_CA_CERTS).
 *
 * A token Teams would send is accepted and the reply reaches the fake Bot Connector with the bot's own
 * token (for https://api.botframework.com); a missing, forged, expired, wrong-audience, wrong-issuer or
 * unknown-key token gets 401 with nothing stored and nothing sent; and when the key metadata cannot be
 * fetched at all (500, or nobody listening) the answer is still 401, never 500.
 */
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { loadConfig } from '../../../src/config';
import { BOT_FRAMEWORK_ISSUER, FakeBotChannelIssuer } from '../../fakes/bot-channel-issuer';
import { cardOf, cardText, FakeBotConnector } from '../../fakes/bot-connector';
import { FakeEntraAuthority } from '../../fakes/entra-authority';
import { createTestTls, type TestTls } from '../../fakes/test-tls';
import { eventually } from '../../helpers/eventually';
import { aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { spawnApp, type SpawnedApp } from '../../helpers/spawned-app';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

const BOT_ID = '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10';
const BOT_SECRET = 'fake~bot.secret_for-tests';

let tls: TestTls;
let issuer: FakeBotChannelIssuer;
let authority: FakeEntraAuthority;
let teams: FakeBotConnector;
let serviceUrl: string;
let db: TestDatabase;
let app: SpawnedApp;
let store: OpenStore;

const botEnv = (metadataUrl: string): Record<string, string> => ({
  DATABASE_URL: db.url,
  NODE_EXTRA_CA_CERTS: tls.caFile,
  BOT_ID,
  SECRET_BOT_PASSWORD: BOT_SECRET,
  BOT_TENANT_ID: TENANT,
  BOT_OPENID_METADATA_URL: metadataUrl,
  BOT_LOGIN_URL: authority.authority(TENANT),
  SECRET_LINK_SIGNING_KEY: 'test-link-signing-key-test-link-signing-key',
  // The fake Bot Connector listens on loopback: listed, as a deployment lists nothing but Teams' hosts.
  BOT_SERVICE_URL_HOSTS: '127.0.0.1',
  LOG_LEVEL: 'info',
});

beforeAll(async () => {
  tls = await createTestTls();
  issuer = new FakeBotChannelIssuer(tls);
  await issuer.start();
  authority = new FakeEntraAuthority(tls).addClient({ tenantId: TENANT, clientId: BOT_ID, clientSecret: BOT_SECRET });
  await authority.start();
  teams = new FakeBotConnector();
  // The bot runs with an app id: Teams' connector takes nothing without its token.
  teams.requireToken = true;
  serviceUrl = await teams.start();
  db = await createTestDatabase();
  app = await spawnApp(botEnv(issuer.metadataUrl));
  store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
}, 60_000);

afterAll(async () => {
  await app?.kill('SIGTERM');
  await store?.close();
  await teams?.stop();
  await authority?.stop();
  await issuer?.stop();
  await db?.drop();
  tls?.remove();
});

beforeEach(() => {
  teams.clear();
  teams.members = Object.values(people);
  teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
});

const decisionActivity = (chat: Chat, text = '/decision E-rådet beslutar att anta handlingsplanen') =>
  aMessage({ serviceUrl, chat, from: people.sara, text });

async function post(url: string, activity: unknown, authorization?: string): Promise<{ status: number; body: string; contentType: string | null }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') };
}

async function storedFor(chat: Chat) {
  const repos = createRepositories(store);
  const meeting = await repos.meetings.findByTeamsId(TENANT, chat.meetingId!);
  return { meeting, decisions: meeting ? await repos.decisions.listForMeeting(TENANT, meeting.id) : [] };
}

it('says at warn, at start, that test endpoints are in use', () => {
  const line = app.output().split('\n').find((l) => l.includes('test endpoints are in use'));
  expect(line && JSON.parse(line)).toMatchObject({ level: 40, keys: ['BOT_OPENID_METADATA_URL', 'BOT_LOGIN_URL'] });
});

describe('a channel token signed by the Bot Framework’s key', () => {
  it('is accepted: the decision is stored and the reply goes out with the bot’s token for the Bot Connector', async () => {
    const chat = aMeetingChat();
    const token = issuer.channelToken({ appId: BOT_ID, serviceUrl });
    const res = await post(app.url, decisionActivity(chat), `Bearer ${token}`);
    expect(res.status).toBe(200);

    const { decisions } = await storedFor(chat);
    expect(decisions).toEqual([expect.objectContaining({ number: 1, text: 'E-rådet beslutar att anta handlingsplanen' })]);

    const replies = teams.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/v3/conversations/${chat.conversationId}/activities`));
    expect(replies).toHaveLength(1);
    expect(cardText(cardOf(replies[0]!.body as Record<string, unknown>))).toContain('Decision §1');
    // Every call the bot made to the connector (the role look-up and the reply) carried the bot's own token.
    expect(teams.requests.length).toBeGreaterThanOrEqual(2);
    for (const r of teams.requests) {
      const bearer = /^Bearer (.+)$/.exec(String(r.headers.authorization ?? ''));
      expect(bearer).not.toBeNull();
      const check = authority.verifyToken(bearer![1]!, { audience: BOT_FRAMEWORK_ISSUER });
      expect(check).toEqual({ ok: true, claims: expect.objectContaining({ appid: BOT_ID, tid: TENANT, aud: BOT_FRAMEWORK_ISSUER }) });
    }
    // The outbound token came from BOT_LOGIN_URL, by client credentials for the bot's app id.
    expect(authority.tokenRequests().at(-1)?.form).toMatchObject({ grant_type: 'client_credentials', client_id: BOT_ID, scope: `${BOT_FRAMEWORK_ISSUER}/.default` });
  });
});

describe('an activity whose token is not good', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, () => string | undefined]> = [
    ['no token at all', () => undefined],
    ['a forged signature (another key under the published key id)', () => `Bearer ${issuer.forgedToken({ appId: BOT_ID, serviceUrl })}`],
    ['an expired token', () => `Bearer ${issuer.channelToken({ appId: BOT_ID, serviceUrl, claims: { nbf: now() - 7200, exp: now() - 3600 } })}`],
    ['a token for another bot (wrong audience)', () => `Bearer ${issuer.channelToken({ appId: '00000000-1111-2222-3333-444444444444', serviceUrl })}`],
    ['a token from another issuer', () => `Bearer ${issuer.channelToken({ appId: BOT_ID, serviceUrl, claims: { iss: 'https://issuer.example.org/' } })}`],
    // The Bot Framework Emulator's issuer: botbuilder then looks for the emulator's keys, which this cloud does not have.
    ['a token claiming the Emulator’s issuer', () => `Bearer ${issuer.channelToken({ appId: BOT_ID, serviceUrl, claims: { iss: 'https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/', ver: '1.0', appid: BOT_ID } })}`],
    ['a token signed with an unknown key id', () => `Bearer ${issuer.channelToken({ appId: BOT_ID, serviceUrl, header: { kid: 'some-other-key', x5t: 'some-other-key' } })}`],
    ['a token for another service URL', () => `Bearer ${issuer.channelToken({ appId: BOT_ID, serviceUrl: 'https://smba.trafficmanager.net/emea/' })}`],
  ];

  it.each(cases)('%s: 401 with a short JSON body, nothing stored, nothing sent, the token not logged', async (_label, authorization) => {
    const chat = aMeetingChat();
    const header = authorization();
    const activity = decisionActivity(chat, '/decision Förfalskat beslut');
    const res = await post(app.url, activity, header);
    expect(res.status).toBe(401);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({ code: 'Unauthorized', message: expect.any(String) });
    expect(res.body.length).toBeLessThan(300);
    expect(await storedFor(chat)).toEqual({ meeting: undefined, decisions: [] });
    expect(teams.requests).toEqual([]);
    // Logged at warn (pino level 40), once, with the reason (the child's output arrives on its own time).
    const refusals = await eventually(() => {
      const lines = app.output().split('\n').filter((l) => l.includes('refused an activity') && l.includes(`"activityId":"${activity.id}"`));
      expect(lines).toHaveLength(1);
      return lines;
    });
    expect(JSON.parse(refusals[0]!)).toMatchObject({ level: 40, reason: expect.any(String) });
    if (header) expect(app.output()).not.toContain(header.slice('Bearer '.length));
  });
});

describe('a correctly signed channel token whose serviceUrl is not a Bot Connector host on the list', () => {
  it.each([
    ['an attacker’s https host', 'https://attacker.example/teams/'],
    ['a listed host over plain http', 'http://smba.trafficmanager.net/emea/'],
    ['a host that only ends like a listed one', 'https://evil-smba.trafficmanager.net.example/'],
    ['a loopback address not listed', 'http://[::1]:9/'],
  ])('%s: 401, nothing stored, and nothing is sent there', async (_label, elsewhere) => {
    const chat = aMeetingChat();
    const tokensBefore = authority.tokenRequests().length;
    const activity = { ...decisionActivity(chat, '/decision Till fel adress'), serviceUrl: elsewhere };
    const token = issuer.channelToken({ appId: BOT_ID, serviceUrl: elsewhere });
    const res = await post(app.url, activity, `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ code: 'Unauthorized', message: expect.any(String) });
    expect(await storedFor(chat)).toEqual({ meeting: undefined, decisions: [] });
    expect(teams.requests).toEqual([]);
    // The bot never asked for its outbound token for this activity: nothing of it left the machine.
    // The bot did not even fetch its outbound token for this activity.
    expect(authority.tokenRequests()).toHaveLength(tokensBefore);
    await eventually(() => expect(app.output()).toMatch(new RegExp(`refused an activity at the door[^\n]*${activity.id}|${activity.id}[^\n]*refused an activity at the door`)));
  });

  it('a live stand-in connector on an unlisted loopback address (127.0.0.2) receives nothing', async () => {
    const attacker = new FakeBotConnector();
    const elsewhere = await attacker.start('127.0.0.2');
    try {
      const chat = aMeetingChat();
      const activity = { ...decisionActivity(chat, '/decision Till fel adress'), serviceUrl: elsewhere };
      const res = await post(app.url, activity, `Bearer ${issuer.channelToken({ appId: BOT_ID, serviceUrl: elsewhere })}`);
      expect(res.status).toBe(401);
      expect(await storedFor(chat)).toEqual({ meeting: undefined, decisions: [] });
      // Refused at the door, before any turn: nothing runs after the 401 that could still call out.
      expect(attacker.requests).toEqual([]);
      expect(teams.requests).toEqual([]);
    } finally {
      await attacker.stop();
    }
  });
});

describe('when the key metadata cannot be fetched', () => {
  let broken: FakeBotChannelIssuer;
  let brokenApp: SpawnedApp;

  beforeAll(async () => {
    broken = new FakeBotChannelIssuer(tls);
    await broken.start();
    broken.metadataStatus = 500;
    brokenApp = await spawnApp(botEnv(broken.metadataUrl));
  }, 60_000);

  afterAll(async () => {
    await brokenApp?.kill('SIGTERM');
    await broken?.stop();
  });

  it('answers 401 (not 500) while the metadata endpoint answers 500, and stores nothing', async () => {
    const chat = aMeetingChat();
    const token = broken.channelToken({ appId: BOT_ID, serviceUrl });
    const res = await post(brokenApp.url, decisionActivity(chat), `Bearer ${token}`);
    expect(broken.requests.some((r) => r.status === 500)).toBe(true);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ code: 'Unauthorized', message: expect.any(String) });
    expect(await storedFor(chat)).toEqual({ meeting: undefined, decisions: [] });
    expect(teams.requests).toEqual([]);
  });

  it('answers 401 (not 500) when nothing listens at the metadata URL any more (the server stopped), and stores nothing', async () => {
    await broken.stop();
    const chat = aMeetingChat();
    const res = await post(brokenApp.url, decisionActivity(chat), `Bearer ${broken.channelToken({ appId: BOT_ID, serviceUrl })}`);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ code: 'Unauthorized', message: expect.any(String) });
    expect(await storedFor(chat)).toEqual({ meeting: undefined, decisions: [] });
    expect(teams.requests).toEqual([]);
    expect(brokenApp.output()).toMatch(/refused an activity/);
  });
});
