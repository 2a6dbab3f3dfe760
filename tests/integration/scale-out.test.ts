/**
 * Two app processes on one PostgreSQL database, sharing nothing else (issue 19): numbering under contention
 * with redeliveries to either instance, an appointment made through one honoured by the other at once, a
 * card sent by one pressed through the other, what a /decision costs in round trips, and the database going
 * away and coming back in the middle of a burst (a TCP proxy stands in for the restart, so the shared
 * PostgreSQL server is left alone). PostgreSQL only: on SQLite the store is one process's file.
 */
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import { cardOf, cardText, FakeBotConnector } from '../fakes/bot-connector';
import { aCardAction, aMeetingChat, aMessage, people, TENANT, type Chat } from '../helpers/activities';
import { spawnApp, type SpawnedApp } from '../helpers/spawned-app';
import { postJson, type HttpAnswer } from '../helpers/test-app';
import { createTestDatabase, testStoreKind, type TestDatabase } from '../helpers/test-database';
import { PgProxy } from './store/pg-proxy';
import type { Database } from '../../src/store/schema';

const onPostgres = testStoreKind() === 'postgres' ? describe : describe.skip;

let db: TestDatabase;
let teams: FakeBotConnector;
let serviceUrl: string;
let read: Kysely<Database>;
const started: SpawnedApp[] = [];

const quiet = { JOB_POLL_SECONDS: '3600', MEETING_ROLE_CACHE_SECONDS: '60' };
const start = async (url: string, env: Record<string, string> = {}) => {
  const app = await spawnApp({ DATABASE_URL: url, ...quiet, ...env }, 60_000);
  started.push(app);
  return app;
};
/** Every request must be answered: a hang fails the test here, not after jest's own timeout. */
const post = (app: SpawnedApp, activity: unknown): Promise<HttpAnswer> =>
  Promise.race([
    postJson(`${app.url}/api/messages`, activity),
    new Promise<HttpAnswer>((_, reject) => setTimeout(() => reject(new Error(`no answer from ${app.url} within 30 s`)), 30_000).unref()),
  ]);

/** Runs `send` for 0…n-1 with at most `width` in flight. */
async function inParallel<T>(n: number, width: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < n; i = next++) out[i] = await send(i);
    }),
  );
  return out;
}

const numbersIn = async (chat: Chat) =>
  (
    await read
      .selectFrom('decisions')
      .innerJoin('meetings', 'meetings.id', 'decisions.meeting_id')
      .select(['decisions.number', 'decisions.source_key'])
      .where('meetings.tenant_id', '=', TENANT)
      .where('meetings.teams_meeting_id', '=', chat.meetingId!)
      .orderBy('decisions.number')
      .execute()
  ).map((r) => ({ number: Number(r.number), sourceKey: r.source_key }));

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

onPostgres('several instances on one PostgreSQL database', () => {
  let a: SpawnedApp;
  let b: SpawnedApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    teams = new FakeBotConnector();
    serviceUrl = await teams.start();
    teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
    teams.defaultRoles.set(people.hakan.aadObjectId, 'Attendee');
    // One migrates first; the second then finds the schema up to date.
    a = await start(db.url);
    b = await start(db.url);
    const pool = new Pool({ connectionString: db.url, max: 2 });
    read = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }, 120_000);

  afterAll(async () => {
    for (const app of started) await app.kill('SIGTERM');
    await read?.destroy();
    await teams?.stop();
    await db?.drop();
  });

  it('numbers 200 decisions for one meeting §1…§200 across two instances, a redelivery stored once on either', async () => {
    const chat = aMeetingChat();
    const activities = Array.from({ length: 200 }, (_, i) => aMessage({ serviceUrl, chat, from: people.sara, text: `/decision Beslut ${i + 1}`, id: `scale-${i}` }));
    // Alternately to each instance; every tenth also to the other one at the same time (Teams redelivers).
    const answers = await inParallel(200, 20, async (i) => {
      const [first, other] = i % 2 === 0 ? [a, b] : [b, a];
      const sends = [post(first, activities[i])];
      if (i % 10 === 0) sends.push(post(other, activities[i]));
      return Promise.all(sends);
    });
    expect(answers.flat().map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const stored = await numbersIn(chat);
    expect(stored.map((d) => d.number)).toEqual(oneToN(200));
    expect(new Set(stored.map((d) => d.sourceKey)).size).toBe(200);
  });

  it('gives risk codes R1…R100 in one register across two instances', async () => {
    const chat = aMeetingChat();
    const answers = await inParallel(100, 20, (i) => post(i % 2 === 0 ? a : b, aMessage({ serviceUrl, chat, from: people.sara, text: `/risk Risk nummer ${i + 1} S=2 K=3`, id: `risk-${i}` })));
    expect(answers.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const numbers = await read
      .selectFrom('risks')
      .innerJoin('risk_registers', 'risk_registers.id', 'risks.register_id')
      .select('risks.number')
      .where('risk_registers.tenant_id', '=', TENANT)
      .where('risk_registers.conversation_id', '=', chat.conversationId)
      .orderBy('risks.number')
      .execute();
    expect(numbers.map((r) => Number(r.number))).toEqual(oneToN(100));
  });

  it('honours a secretary appointed through one instance on the other at once', async () => {
    const chat = aMeetingChat();
    const say = async (app: SpawnedApp, from: (typeof people)['sara'], text: string, extra: Partial<Parameters<typeof aMessage>[0]> = {}) => {
      const before = teams.sent().length;
      expect((await post(app, aMessage({ serviceUrl, chat, from, text, ...extra }))).status).toBe(200);
      return teams.sent().slice(before);
    };
    // Håkan attends only: B refuses him, and has now asked Teams for his role (and keeps it for a minute).
    expect(String((await say(b, people.hakan, '/decision Före utnämningen'))[0]!.text)).toMatch(/Only the meeting's organizer/);
    await say(a, people.sara, `/secretary <at>${people.hakan.name}</at>`, { mentions: [people.hakan] });
    const recorded = await say(b, people.hakan, '/decision Sekreteraren antecknar');
    expect(cardText(cardOf(recorded[recorded.length - 1]))).toContain('Decision §1');
  });

  it('lets a card sent by one instance be pressed through the other', async () => {
    const chat = aMeetingChat();
    const before = teams.sent().length;
    expect((await post(a, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Ångras sedan' }))).status).toBe(200);
    const sent = teams.sent().slice(before);
    const undo = (cardOf(sent[0]) as { actions: Array<{ verb: string; data: Record<string, unknown> }> }).actions[0]!;
    const res = await post(b, aCardAction({ serviceUrl, chat, from: people.sara, verb: undo.verb, data: undo.data, replyToId: teams.cardMessageId(chat.conversationId, undo.verb) }));
    expect(res.status).toBe(200);
    expect(cardText((res.body as { value: unknown }).value)).toContain('Retracted');
  });

  describe('through a proxy that counts round trips and can drop the database', () => {
    let proxy: PgProxy;
    let c: SpawnedApp;

    beforeAll(async () => {
      proxy = PgProxy.forUrl(db.url);
      await proxy.start();
      c = await start(proxy.urlThrough(db.url), { DATABASE_STATEMENT_TIMEOUT_MS: '1000', DATABASE_POOL_SIZE: '4' });
    }, 120_000);

    afterAll(async () => {
      await proxy?.stop();
    });

    it('costs a /decision at most three round trips once the meeting is known', async () => {
      const chat = aMeetingChat();
      // First contact creates the meeting and keeps where to post; both happen once.
      expect((await post(c, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Först' }))).status).toBe(200);
      expect((await post(c, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Sedan' }))).status).toBe(200);
      proxy.resetCount();
      expect((await post(c, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Räknat' }))).status).toBe(200);
      const trips = proxy.roundTrips();
      expect(trips).toBeGreaterThanOrEqual(1);
      expect(trips).toBeLessThanOrEqual(3);
      expect((await numbersIn(chat)).map((d) => d.number)).toEqual([1, 2, 3]);
    });

    it('lets /decisions that arrive together share their look-up and their write: fewer round trips than requests, numbered without gap', async () => {
      const chat = aMeetingChat();
      expect((await post(c, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Först' }))).status).toBe(200);
      proxy.resetCount();
      // The database answers after 100 ms, so the twenty arrive while the first statement is out, whatever the machine's load.
      proxy.latencyMs = 100;
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(c, aMessage({ serviceUrl, chat, from: people.sara, text: `/decision Tillsammans ${i}` })))).finally(
        () => (proxy.latencyMs = 0),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
      // Alone, each would cost two (the look-up and the write): 40. Together, the first alone and the others in one or two batches per stage.
      expect(proxy.roundTrips()).toBeLessThanOrEqual(8);
      expect((await numbersIn(chat)).map((d) => d.number)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    });

    it('answers every request of a burst during an outage, 503 while the database is away, stores every 2xx, and reconnects', async () => {
      const chat = aMeetingChat();
      const activity = (i: number) => aMessage({ serviceUrl, chat, from: people.sara, text: `/decision Under avbrottet ${i}`, id: `outage-${i}` });
      expect((await post(c, activity(0))).status).toBe(200);
      const burst = inParallel(60, 6, async (i) => ({ i: i + 1, answer: await post(c, activity(i + 1)) }));
      // Mid-burst the database "restarts": connections drop, new ones are refused; then it is back.
      await new Promise((r) => setTimeout(r, 150));
      proxy.cut();
      await new Promise((r) => setTimeout(r, 1500));
      proxy.restore();
      const answers = await burst;
      const statuses = answers.map((x) => x.answer.status);
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      expect(statuses).toContain(503);
      expect(answers.find((x) => x.answer.status === 503)!.answer.body).toMatchObject({ code: 'StoreUnavailable' });
      // Every acknowledged write is there.
      const stored = new Set((await numbersIn(chat)).map((d) => d.sourceKey));
      const acknowledged = answers.filter((x) => x.answer.status === 200).map((x) => `activity:${chat.conversationId}:outage-${x.i}`);
      expect(acknowledged.filter((k) => !stored.has(k))).toEqual([]);
      // The pool reconnected by itself; Teams' redeliveries of the refused ones store each once, no gap.
      for (const x of answers.filter((y) => y.answer.status === 503)) expect((await post(c, activity(x.i))).status).toBe(200);
      expect((await numbersIn(chat)).map((d) => d.number)).toEqual(oneToN(61));
    });

    it('answers 503 when the database stops answering altogether, and recovers', async () => {
      const chat = aMeetingChat();
      expect((await post(c, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Innan' }))).status).toBe(200);
      proxy.hang();
      try {
        const answers = await Promise.all([1, 2, 3].map((i) => post(c, aMessage({ serviceUrl, chat, from: people.sara, text: `/decision Tyst ${i}` }))));
        expect(answers.map((r) => r.status)).toEqual([503, 503, 503]);
      } finally {
        proxy.restore();
      }
      expect((await post(c, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Efter' }))).status).toBe(200);
      expect((await numbersIn(chat)).map((d) => d.number)).toEqual([1, 2]);
    });
  });
});
