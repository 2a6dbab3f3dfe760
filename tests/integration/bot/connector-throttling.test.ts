/**
 * The Bot Connector throttling (429 + Retry-After) or down (5xx), through the real server, botbuilder and
 * store (issue 7, item 6, bot side). Replies in a turn and proactive posts (the notice reminder job) are
 * retried and delivered exactly once; a connector that stays down does not hold a turn for ever: the
 * decision is still stored and the failure is logged.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { noticeReminderKey } from '../../../src/app/notice-reminder';
import { loadConfig } from '../../../src/config';
import { start, type RunningApp } from '../../../src/main';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { cardOf, cardText, FakeBotConnector } from '../../fakes/bot-connector';
import { aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { postActivity } from '../../helpers/test-app';

/** Wednesday 25 November 2026, 10:00 in Stockholm. */
const START = new Date('2026-11-25T09:00:00.000Z');
let now = START;
const logLines: Array<Record<string, unknown>> = [];
const teams = new FakeBotConnector();
let serviceUrl: string;
let db: TestDatabase;
let app: RunningApp;
let store: OpenStore;

beforeAll(async () => {
  db = await createTestDatabase();
  serviceUrl = await teams.start();
  // The app's own log, kept to assert what it says about the connector.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({ env: { PORT: '0', DATABASE_URL: db.url, BOT_ID: '', LOCAL_MODE: 'on', DEMO_WORKSPACE: 'off', JOB_POLL_SECONDS: '3600', LOG_LEVEL: 'warn', RETENTION_ATTENDANCE_RAW_DAYS: 'never', RETENTION_ANSWERS_DAYS: 'never' } });
  app = await start(config, { clock: { now: () => now }, log: pino({ level: 'warn' }, sink) });
  store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
});

afterAll(async () => {
  await app?.stop();
  await store?.close();
  await teams.stop();
  await db?.drop();
});

beforeEach(() => {
  now = START;
  teams.clear();
  logLines.length = 0;
  teams.members = Object.values(people);
  teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
});

/** A new message or a reply (POST …/activities or …/activities/{replyToId}). */
const ACTIVITIES = /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/;
const repos = () => createRepositories(store);
const decisionsOf = async (chat: Chat) => {
  const meeting = await repos().meetings.findByTeamsId(TENANT, chat.meetingId!);
  return meeting ? repos().decisions.listForMeeting(TENANT, meeting.id) : [];
};
const postsTo = (chat: Chat) => teams.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/v3/conversations/${chat.conversationId}/activities`));
const connectorWarnings = () => logLines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('the Bot Connector'));

describe('a reply in a turn', () => {
  it('meets a 429 with Retry-After: 1, then a 503, and is still delivered exactly once', async () => {
    const chat = aMeetingChat();
    teams.failNext(1, { status: 429, retryAfter: '1', method: 'POST', path: ACTIVITIES });
    teams.failNext(1, { status: 503, method: 'POST', path: ACTIVITIES });
    const started = Date.now();
    const res = await postActivity(app, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Budgeten för 2027 fastställs' }));
    expect(res.status).toBe(200);
    // Retry-After was honoured: the second try came at least a second after the first.
    const tries = postsTo(chat);
    expect(tries.map((r) => r.failedWith ?? 200)).toEqual([429, 503, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);

    expect(await decisionsOf(chat)).toEqual([expect.objectContaining({ number: 1, text: 'Budgeten för 2027 fastställs' })]);
    const delivered = teams.sent().filter((a) => (a.conversation as { id: string }).id === chat.conversationId);
    expect(delivered).toHaveLength(1);
    expect(cardText(cardOf(delivered[0]))).toContain('Decision §1');
    // The three tries carried the same reply.
    expect(new Set(tries.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(connectorWarnings()).toEqual([
      expect.objectContaining({ level: 40, msg: 'the Bot Connector failed; retrying', status: 429, attempt: 1, delayMs: 1000 }),
      expect.objectContaining({ level: 40, msg: 'the Bot Connector failed; retrying', status: 503, attempt: 2 }),
    ]);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const chat = aMeetingChat();
    const until = new Date(Date.now() + 4000).toUTCString();
    teams.failNext(1, { status: 429, retryAfter: until, method: 'POST', path: ACTIVITIES });
    const res = await postActivity(app, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Ett beslut under strypning' }));
    expect(res.status).toBe(200);
    const tries = postsTo(chat);
    expect(tries.map((r) => r.failedWith ?? 200)).toEqual([429, 200]);
    // An HTTP date has whole seconds: the wait ended at that second, not earlier (backoff alone would be under 0.5 s).
    const wait = connectorWarnings()[0]!.delayMs as number;
    expect(wait).toBeGreaterThan(1500);
    expect(wait).toBeLessThanOrEqual(4000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
    expect(await decisionsOf(chat)).toHaveLength(1);
  });

  it('meets a 429 without Retry-After (which botbuilder alone would not retry) and backs off on its own', async () => {
    const chat = aMeetingChat();
    teams.failNext(1, { status: 429, method: 'POST', path: ACTIVITIES });
    expect((await postActivity(app, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Beslut utan Retry-After' }))).status).toBe(200);
    expect(postsTo(chat).map((r) => r.failedWith ?? 200)).toEqual([429, 200]);
    expect(connectorWarnings()).toEqual([expect.objectContaining({ status: 429, attempt: 1, delayMs: expect.any(Number) })]);
    expect(teams.sent().filter((a) => (a.conversation as { id: string }).id === chat.conversationId)).toHaveLength(1);
    expect(await decisionsOf(chat)).toHaveLength(1);
  });

  it('is retried a bounded number of times when the connector stays down: the decision is kept and the failure logged', async () => {
    const chat = aMeetingChat();
    // Every post fails (Retry-After: 0 keeps the test quick; the number of tries is what is bounded here).
    teams.failNext(50, { status: 503, retryAfter: '0', method: 'POST', path: ACTIVITIES });
    const res = await postActivity(app, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Beslut när Teams ligger nere' }));
    // The turn failed (its reply could not be delivered): not acknowledged, so Teams may deliver it again,
    // which stores nothing twice (the decision is keyed by the activity's id).
    expect(res.status).toBe(500);
    expect(await decisionsOf(chat)).toEqual([expect.objectContaining({ number: 1, text: 'Beslut när Teams ligger nere' })]);
    // Five tries for the reply, five for the "something went wrong" message: then the turn ends.
    expect(postsTo(chat)).toHaveLength(10);
    expect(teams.sent().filter((a) => (a.conversation as { id: string }).id === chat.conversationId)).toEqual([]);
    expect(logLines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 40, msg: 'the Bot Connector still fails after retries; giving up on this call', attempt: 5, status: 503 }),
        expect.objectContaining({ level: 50, msg: 'unhandled error in a bot turn' }),
      ]),
    );
    teams.clear();
  });
});

describe('a proactive post (the notice reminder job)', () => {
  it('meets a 429 with Retry-After: 1, then a 503, and the group’s chat gets the reminder exactly once', async () => {
    const chat = aGroupChat();
    const name = `E-råd Fyrbodal ${Date.now()}`;
    expect((await postActivity(app, aMessage({ serviceUrl, chat, from: people.sara, text: `/setup ${name}` }))).status).toBe(200);
    expect((await postActivity(app, aMessage({ serviceUrl, chat, from: people.sara, text: `/schedule 2026-12-15 09:00-12:00 ${name}: decembermöte` }))).status).toBe(200);
    const group = await repos().groups.findByName(TENANT, name);
    const [meeting] = await repos().meetings.listByGroup(TENANT, group!.id, '2026-01-01', '2028-01-01');

    teams.clear();
    teams.failNext(1, { status: 429, retryAfter: '1', method: 'POST', path: ACTIVITIES });
    teams.failNext(1, { status: 503, method: 'POST', path: ACTIVITIES });
    now = new Date('2026-12-01T08:00:00.000Z');
    expect(await app.runJobsOnce()).toBe(1);

    expect(postsTo(chat).map((r) => r.failedWith ?? 200)).toEqual([429, 503, 200]);
    const delivered = teams.sent();
    expect(delivered).toHaveLength(1);
    expect(cardText(cardOf(delivered[0]))).toContain('Reminder: the notice');
    expect(await repos().jobs.list({ uniqueKey: noticeReminderKey(meeting!.id) })).toEqual([expect.objectContaining({ status: 'done', attempts: 1 })]);

    // It ran once: a later tick posts nothing more.
    now = new Date('2026-12-02T08:00:00.000Z');
    expect(await app.runJobsOnce()).toBe(0);
    expect(teams.sent()).toHaveLength(1);
  });
});

describe('a one-to-one message (a personal link after /notice)', () => {
  it('opens its chat through a 429 with Retry-After: 1 and a 503, and every member outside the chat gets exactly one link', async () => {
    teams.members = [people.sara, people.hakan, people.titti];
    const chat = aGroupChat();
    const name = `E-råd Länkar ${Date.now()}`;
    expect((await postActivity(app, aMessage({ serviceUrl, chat, from: people.sara, text: `/setup ${name}` }))).status).toBe(200);
    expect((await postActivity(app, aMessage({ serviceUrl, chat, from: people.sara, text: `/schedule 2027-02-10 09:00-12:00 ${name}` }))).status).toBe(200);
    // Håkan and Titti have left the chat: they cannot press the card, so each gets a link of their own.
    teams.members = [people.sara];

    teams.clear();
    teams.failNext(1, { status: 429, retryAfter: '1', method: 'POST', path: /^\/v3\/conversations$/ });
    teams.failNext(1, { status: 503, method: 'POST', path: /^\/v3\/conversations$/ });
    expect((await postActivity(app, aMessage({ serviceUrl, chat, from: people.sara, text: '/notice' }))).status).toBe(200);

    const opened = teams.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations');
    expect(opened.map((r) => r.failedWith ?? 201)).toEqual([429, 503, 201, 201]);
    const direct = teams.direct();
    expect(direct.map((d) => d.memberId).sort()).toEqual([people.hakan.aadObjectId, people.titti.aadObjectId].sort());
    // The link is the card's button, never the address as text.
    for (const d of direct) {
      const button = (cardOf(d.activity)?.actions as Array<{ type: string; url?: string }> | undefined)?.find((a) => a.type === 'Action.OpenUrl');
      expect(button?.url).toMatch(/\/p\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    }
    // The group chat hears that two links went out privately: none was lost.
    expect(JSON.stringify(teams.sent().at(-1))).toMatch(/2 in a private chat with the bot/);
    // Counts only: who has not answered is for the sender.
    expect(JSON.stringify(teams.sent().at(-1))).not.toMatch(/Håkan|Titti/);
  });
});
