/**
 * What was recorded survives a hard kill: the app runs as its own process, is killed with SIGKILL, and a
 * new process on the same database still lists every decision and risk. Also a graceful SIGTERM.
 */
import { cardOf, cardText, FakeBotConnector } from '../fakes/bot-connector';
import { aMeetingChat, aMessage, people } from '../helpers/activities';
import { spawnApp } from '../helpers/spawned-app';
import { postActivity } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

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

it('lists every decision and risk after kill -9 and a restart on the same database', async () => {
  const chat = aMeetingChat();
  const first = await spawnApp({ DATABASE_URL: db.url });
  try {
    for (const text of ['/decision Förstudien förlängs', '/decision Projektplanen godkänns', '/risk Vikande intresse S=5 K=4', '/risk Ofullständig information S=3 K=4']) {
      expect((await postActivity(first, aMessage({ serviceUrl, chat, from: people.sara, text }))).status).toBe(200);
    }
  } finally {
    await first.kill('SIGKILL');
  }

  const second = await spawnApp({ DATABASE_URL: db.url });
  try {
    teams.clear();
    await postActivity(second, aMessage({ serviceUrl, chat, from: people.hakan, text: '/decisions' }));
    await postActivity(second, aMessage({ serviceUrl, chat, from: people.hakan, text: '/risks' }));
    const [decisions, risks] = teams.sent().map((a) => cardText(cardOf(a)));
    expect(decisions).toMatch(/§1\n[\s\S]*Förstudien förlängs[\s\S]*§2\n[\s\S]*Projektplanen godkänns/);
    expect(risks).toMatch(/R1\nVikande intresse[\s\S]*R2\nOfullständig information/);
    // Numbering goes on where it stopped.
    await postActivity(second, aMessage({ serviceUrl, chat, from: people.sara, text: '/decision Efter omstart' }));
    expect(cardText(cardOf(teams.sent().at(-1)))).toContain('Decision §3');
  } finally {
    expect(await second.kill('SIGTERM')).toBe(0);
  }
});

it('stops with exit code 0 on SIGTERM', async () => {
  const app = await spawnApp({ DATABASE_URL: db.url });
  expect(await app.kill('SIGTERM')).toBe(0);
  expect(app.output()).not.toMatch(/"level":50/);
});
