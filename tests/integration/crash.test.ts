/**
 * Nothing acknowledged is lost and nothing is stored twice: 200 concurrent /decision activities into one
 * meeting, the app killed with SIGKILL half-way, restarted on the same database; then Teams' redelivery of
 * every activity. And two server instances on one database taking commands for the same meeting at once
 * never give two decisions one § number or two risks one R number (unique keys and a retry).
 */
import { FakeBotConnector } from '../fakes/bot-connector';
import { aMeetingChat, aMessage, people, TENANT } from '../helpers/activities';
import { spawnApp, type SpawnedApp } from '../helpers/spawned-app';
import { postActivity } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { loadConfig } from '../../src/config';
import { createRepositories, openStore } from '../../src/store';

let db: TestDatabase;
let teams: FakeBotConnector;
let serviceUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  teams = new FakeBotConnector();
  serviceUrl = await teams.start();
  teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
});

afterAll(async () => {
  await teams.stop();
  await db.drop();
});

/** The meeting's stored decisions and risks, read straight from the store. */
async function stored(meetingId: string) {
  const store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  try {
    const repos = createRepositories(store);
    const meeting = await repos.meetings.findByTeamsId(TENANT, meetingId);
    if (!meeting) return { decisions: [], risks: [] };
    const decisions = await repos.decisions.listForMeeting(TENANT, meeting.id);
    const registerId = await repos.risks.ensureConversationRegister(TENANT, meeting.conversationId);
    return { decisions, risks: await repos.risks.list(TENANT, registerId) };
  } finally {
    await store.close();
  }
}

const numbersAreOneToN = (numbers: number[]) => [...numbers].sort((a, b) => a - b).every((n, i) => n === i + 1);

it('keeps every acknowledged decision exactly once through a kill -9 under a burst of 200, with § numbers without gaps', async () => {
  const chat = aMeetingChat();
  const activities = Array.from({ length: 200 }, (_, i) =>
    aMessage({ serviceUrl, chat, from: people.sara, text: `/decision Beslut ${String(i).padStart(3, '0')} under belastning`, id: `burst-${i}` }),
  );
  let app: SpawnedApp | undefined = await spawnApp({ DATABASE_URL: db.url, LOG_LEVEL: 'warn' });
  // Teams' first contact creates the meeting; then the burst.
  expect((await postActivity(app, aMessage({ serviceUrl, chat, from: people.sara, text: '/decisions' }))).status).toBe(200);

  const acknowledged = new Set<number>();
  let answered = 0;
  const first = app;
  const burst = activities.map((a, i) =>
    postActivity(first, a)
      .then((res) => {
        if (res.status >= 200 && res.status < 300) acknowledged.add(i);
      })
      .catch(() => undefined) // the connection died with the process: not acknowledged
      .finally(() => {
        answered += 1;
        if (answered === 100) void first.kill('SIGKILL');
      }),
  );
  await Promise.all(burst);
  await first.kill('SIGKILL');
  expect(acknowledged.size).toBeGreaterThanOrEqual(100);
  expect(acknowledged.size).toBeLessThan(200);

  // After the crash: every acknowledged decision is there once; § numbers 1..n without gaps or duplicates.
  const afterCrash = (await stored(chat.meetingId!)).decisions;
  const texts = afterCrash.map((d) => d.text);
  for (const i of acknowledged) expect(texts.filter((t) => t === `Beslut ${String(i).padStart(3, '0')} under belastning`)).toHaveLength(1);
  expect(new Set(texts).size).toBe(texts.length);
  expect(numbersAreOneToN(afterCrash.map((d) => d.number))).toBe(true);

  // Restarted, Teams redelivers everything (same activity ids): each decision exactly once, 1..200.
  app = await spawnApp({ DATABASE_URL: db.url, LOG_LEVEL: 'warn' });
  try {
    const second = app;
    const statuses = await Promise.all(activities.map((a) => postActivity(second, a).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
  } finally {
    await app.kill('SIGTERM');
  }
  const final = (await stored(chat.meetingId!)).decisions;
  expect(final).toHaveLength(200);
  expect(new Set(final.map((d) => d.text)).size).toBe(200);
  expect(numbersAreOneToN(final.map((d) => d.number))).toBe(true);
  // What was stored before the crash kept its number.
  for (const d of afterCrash) expect(final.find((f) => f.id === d.id)?.number).toBe(d.number);
}, 120_000);

it('gives unique § and R numbers when two server instances take commands for one meeting at once', async () => {
  const chat = aMeetingChat();
  const [a, b] = await Promise.all([spawnApp({ DATABASE_URL: db.url, LOG_LEVEL: 'warn' }), spawnApp({ DATABASE_URL: db.url, LOG_LEVEL: 'warn' })]);
  try {
    // First contact through one instance, so the meeting exists once.
    expect((await postActivity(a, aMessage({ serviceUrl, chat, from: people.sara, text: '/decisions' }))).status).toBe(200);
    const commands = Array.from({ length: 120 }, (_, i) =>
      i % 3 === 2 ? `/risk Risk ${i} från två servrar S=${(i % 5) + 1} K=3` : `/decision Beslut ${i} från två servrar`,
    );
    const statuses = await Promise.all(
      commands.map((text, i) => postActivity(i % 2 === 0 ? a : b, aMessage({ serviceUrl, chat, from: people.sara, text, id: `twin-${i}` })).then((r) => r.status)),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
  } finally {
    await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
    // Nothing failed on the way (SQLite: two processes on one file queue for the write lock).
    expect(a.output() + b.output()).not.toContain('"level":50');
  }
  const { decisions, risks } = await stored(chat.meetingId!);
  expect(decisions).toHaveLength(80);
  expect(numbersAreOneToN(decisions.map((d) => d.number))).toBe(true);
  expect(risks).toHaveLength(40);
  expect(numbersAreOneToN(risks.map((r) => r.number))).toBe(true);
}, 120_000);
