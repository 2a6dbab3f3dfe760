/**
 * Hostile text in the tab: a group, a risk and a decision whose texts hold a script tag, an image with an
 * onerror handler, Adaptive Card markdown and a Word field code, recorded through the bot as anyone in a
 * chat could, are shown in the register, the risk's page and the decisions as the literal text — no
 * element is created from them and no script runs.
 */
import type { Browser, Page } from 'playwright-core';
import type { MeView } from '../../src/contract/tab-api';
import type { RunningApp } from '../../src/main';
import { FakeBotConnector } from '../fakes/bot-connector';
import { aGroupChat, aMeetingChat, aMessage, people } from '../helpers/activities';
import { postActivity, startTestApp } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { launchChromium, newContext, openTab, recordErrors, tabUrl } from './browser';

jest.setTimeout(120_000);

const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> **fet** [länk](javascript:alert(1)) { DDE "cmd" }`;
const GROUP = 'Rådet <img src=x onerror="window.__pwned=3"> **fet**';

let db: TestDatabase;
let app: RunningApp;
let teams: FakeBotConnector;
let browser: Browser;
let page: Page;
let errors: string[];
let groupId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  teams = new FakeBotConnector();
  const serviceUrl = await teams.start();
  teams.members = [people.sara, people.hakan];
  teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
  app = await startTestApp(db.url, { DEMO_WORKSPACE: 'off' });
  const say = async (chat: ReturnType<typeof aGroupChat>, text: string) => expect((await postActivity(app, aMessage({ serviceUrl, chat, from: people.sara, text }))).status).toBe(200);
  const chat = aGroupChat();
  await say(chat, `/setup ${GROUP}`);
  await say(chat, `/risk ${HOSTILE} S=5 K=5`);
  const meeting = aMeetingChat();
  teams.meetingInfo = { title: `Möte ${HOSTILE}`, scheduledStartTime: new Date(Date.now() - 600_000).toISOString(), scheduledEndTime: new Date(Date.now() + 3_600_000).toISOString(), organizer: people.sara };
  await say(meeting, `/setup ${GROUP}`);
  await say(meeting, `/decision ${HOSTILE}`);
  const me = (await (await fetch(`${app.url}/api/tab/me`)).json()) as MeView;
  groupId = me.groups.find((g) => g.name === GROUP)!.id;
  browser = await launchChromium();
  page = await (await newContext(browser)).newPage();
  errors = recordErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await teams?.stop();
  await db?.drop();
});

async function assertInert(scope: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // The only images and scripts are the tab's own: none came from the text.
  expect(await page.locator(`${scope} img, ${scope} script`).count()).toBe(0);
  expect(await page.locator(scope).textContent()).toContain('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> **fet** [länk](javascript:alert(1)) { DDE "cmd" }');
}

it('shows the hostile texts literally in the register, the risk’s page and the decisions', async () => {
  await openTab(page, tabUrl(app.url, '', { group: groupId, lang: 'en' }), 'risks');
  await assertInert('[data-testid="risk-table"]');
  expect(await page.locator('header').textContent()).toContain(GROUP);

  await page.getByRole('link', { name: 'R1', exact: true }).click();
  await page.locator('[data-page="risk"][data-ready="true"]').waitFor();
  await assertInert('main');

  await openTab(page, tabUrl(app.url, 'decisions', { group: groupId, lang: 'en' }), 'decisions');
  await assertInert('main');
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(errors).toEqual([]);
});
