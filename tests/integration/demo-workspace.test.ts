/** The demo workspace `npm start` opens with: the seed minutes' groups, roster, meetings and risk register. */
import { demoConversationId, DEMO_TENANT } from '../../src/demo/seed-demo';
import type { RunningApp } from '../../src/main';
import { cardOf, cardText, FakeBotConnector } from '../fakes/bot-connector';
import { aMessage, people, type Chat } from '../helpers/activities';
import { postActivity, startTestApp } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let teams: FakeBotConnector;
let serviceUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  teams = new FakeBotConnector();
  serviceUrl = await teams.start();
});
afterAll(async () => {
  await teams.stop();
  await db.drop();
});

const chatOf = (group: string): Chat => ({ conversationId: demoConversationId(group), conversationType: 'groupChat' });
const ask = async (app: RunningApp, chat: Chat, text: string) => {
  teams.clear();
  // The fixtures' tenant is the demo tenant.
  expect(DEMO_TENANT).toBe('9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00');
  await postActivity(app, aMessage({ serviceUrl, chat, from: people.hakan, text, locale: 'sv-SE' }));
  return cardText(cardOf(teams.sent().at(-1)));
};

it('opens with the seeds’ groups, roster and risk register, loaded once', async () => {
  const app = await startTestApp(db.url, { DEMO_WORKSPACE: 'on' });
  try {
    const risks = await ask(app, chatOf('Digital motor Fyrbodal – taktisk styrgrupp'), '/risker');
    expect(risks).toContain('Risker: 5. Kräver åtgärd: 5.');
    expect(risks).toMatch(/R4\nVikande intresse och deltagande[\s\S]*R3\nOfullständig information[\s\S]*R2\nProjektmedlemmar[\s\S]*R5\n[\s\S]*R1\n/);
    const roster = await ask(app, chatOf('E-råd Fyrbodal'), '/ledamöter');
    expect(roster).toContain('Ledamöter i E-råd Fyrbodal');
    expect(roster).toMatch(/Henrik Röste\nFärgelanda\nOrdförande/);
    expect(roster).toMatch(/Sara Herrman\nFyrbodals kommunalförbund\nProcessledare/);
  } finally {
    await app.stop();
  }
  // A restart does not load it twice.
  const again = await startTestApp(db.url, { DEMO_WORKSPACE: 'on' });
  try {
    expect(await ask(again, chatOf('Digital motor Fyrbodal – taktisk styrgrupp'), '/risker')).toContain('Risker: 5.');
  } finally {
    await again.stop();
  }
});
