/**
 * The Transcript page in headless Chromium with Entra configured (tokens from the local OpenID provider, as
 * Teams' SSO token would be sent): a meeting run through the bot (/start, /next, /next past the last item)
 * whose transcript is in the store; the secretary reads it per item in a 320 px side panel, searches it and
 * takes a passage into the minutes with Add as note; a member without the group's setting is refused.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MeView } from '../../src/contract/tab-api';
import type { RunningApp } from '../../src/main';
import { loadConfig } from '../../src/config';
import { addDays, stockholmToUtc, utcToStockholm } from '../../src/domain/stockholm-time';
import { createRepositories, openStore } from '../../src/store';
import { FakeBotConnector } from '../fakes/bot-connector';
import { FakeOpenIdProvider } from '../fakes/openid-provider';
import { aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../helpers/activities';
import { eventually } from '../helpers/eventually';
import { postActivity, startTestApp } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { launchChromium, newContext, openTab, recordErrors, screenshot, seriousAxeViolations, tabUrl } from './browser';

jest.setTimeout(180_000);

const CLIENT_ID = '7d3b9c1e-4a5f-4e2b-9c8d-1f2e3a4b5c6d';
const GROUP = 'Transkriptrådet';
type Person = (typeof people)[keyof typeof people];

const idp = new FakeOpenIdProvider();
const teams = new FakeBotConnector();
let db: TestDatabase;
let app: RunningApp;
let serviceUrl: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let meetingId: string;
let groupId: string;
const errors: string[][] = [];

const tokenFor = (p: Person) => idp.userToken({ tenantId: TENANT, oid: p.aadObjectId, name: p.name, audience: CLIENT_ID });
const say = async (chat: Chat, from: Person, text: string) => expect((await postActivity(app, aMessage({ serviceUrl, chat, from, text }))).status).toBe(200);

async function pageAs(who: Person, o: { refused?: boolean } = {}): Promise<Page> {
  const context = await newContext(browser, { token: tokenFor(who) });
  contexts.push(context);
  const page = await context.newPage();
  // A refused caller's browser logs the 403 itself: that is what such a test expects.
  if (!o.refused) errors.push(recordErrors(page));
  return page;
}

beforeAll(async () => {
  db = await createTestDatabase();
  serviceUrl = await teams.start();
  await idp.start();
  app = await startTestApp(db.url, { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_TENANT_ID: TENANT, AAD_APP_OPENID_METADATA_URL: idp.metadataUrl(TENANT) });
  teams.members = [people.sara, people.hakan, people.titti, people.pia];
  await say(aGroupChat(), people.sara, `/setup ${GROUP}`);
  // Booked around now, within one Stockholm day (a meeting cannot run past midnight).
  const now = Date.now();
  const today = utcToStockholm(new Date(now)).date;
  const start = Math.max(now - 30 * 60_000, stockholmToUtc(today, '00:01').getTime());
  const end = Math.min(now + 90 * 60_000, stockholmToUtc(addDays(today, 1), '00:00').getTime() - 60_000);
  teams.meetingInfo = { title: 'Rådsmöte december', scheduledStartTime: new Date(start).toISOString(), scheduledEndTime: new Date(end).toISOString(), organizer: people.sara };
  const chat = aMeetingChat();
  await say(chat, people.sara, `/setup ${GROUP}`);
  await say(chat, people.sara, '/secretary @Titti Andersson');
  await say(chat, people.sara, '/start');
  await say(chat, people.sara, '/next');
  const store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  try {
    const repos = createRepositories(store);
    const meeting = await eventually(async () => {
      const m = await repos.meetings.findByTeamsId(TENANT, chat.meetingId!);
      expect(m?.currentItem).toBe(2);
      return m!;
    });
    meetingId = meeting.id;
    groupId = meeting.groupId!;
    const started = (await repos.agendas.list(TENANT, meeting.id)).flatMap((e) => (e.kind !== 'break' && e.kind !== 'end' && e.actualStart ? [new Date(e.actualStart).getTime()] : []));
    const [first, second] = started as [number, number];
    // What Graph would have given: one transcript from when item 1 began; item 2 began (second - first) ms later.
    const startedAt = new Date(first).toISOString();
    const inSecond = (second - first) / 1000;
    await repos.transcripts.saveNew(TENANT, meeting.id, [
      {
        graphId: 'transcript-1',
        startedAt,
        attributed: true,
        cues: [
          { startSeconds: 0, endSeconds: 4, speaker: 'Sara Herrman', text: 'Vi går igenom föregående protokoll.' },
          { startSeconds: inSecond + 1, endSeconds: inSecond + 6, speaker: 'Håkan Sundberg', text: 'Budgeten för nästa år behöver en längre motivering som gärna får bli lite utförlig.' },
          { startSeconds: inSecond + 10, endSeconds: inSecond + 12, speaker: 'Titti Andersson', text: 'E-arkivet tas i drift i mars.' },
        ],
      },
    ], new Date().toISOString());
  } finally {
    await store.close();
  }
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
  await teams.stop();
  await idp.stop();
  await db?.drop();
});

afterEach(() => {
  expect(errors.splice(0).flat()).toEqual([]);
});

it('shows the secretary each item’s passages at 320 px, searches them, and adds the chosen ones as a note', async () => {
  const page = await pageAs(people.titti);
  await page.setViewportSize({ width: 320, height: 800 });
  await openTab(page, tabUrl(app.url, `transcript?meeting=${meetingId}`, { group: groupId, lang: 'sv' }), 'transcript');
  const items = page.getByTestId('transcript-item');
  await expect(items.count()).resolves.toBeGreaterThanOrEqual(2);
  await expect(items.nth(0).innerText()).resolves.toMatch(/^Punkt 1\.[\s\S]*Sara Herrman[\s\S]*Vi går igenom föregående protokoll\./);
  await expect(items.nth(1).innerText()).resolves.toMatch(/^Punkt 2\.[\s\S]*Håkan Sundberg[\s\S]*Budgeten[\s\S]*Titti Andersson[\s\S]*E-arkivet/);
  const m = await page.evaluate(() => ({ width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth }));
  expect(m.scrollWidth).toBeLessThanOrEqual(m.width);
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByLabel('Sök i transkriptionen').fill('arkivet');
  await expect(page.getByRole('status').innerText()).resolves.toBe('1 av 3 avsnitt visas');
  await page.getByLabel('Sök i transkriptionen').fill('');
  const item2 = items.nth(1);
  await item2.getByRole('checkbox').nth(1).check();
  await item2.getByRole('button', { name: 'Lägg till som anteckning' }).click();
  await expect(item2.getByText('Tillagt i protokollet som anteckning.').waitFor()).resolves.toBeUndefined();
  await screenshot(page, 'transcript-320');

  const store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  try {
    const notes = await createRepositories(store).notes.listForMeeting(TENANT, meetingId);
    expect(notes.map((n) => [n.agendaItem, n.text, n.recordedBy.name])).toEqual([[2, '- Titti Andersson: E-arkivet tas i drift i mars.', 'Titti Andersson']]);
  } finally {
    await store.close();
  }
});

it('refuses a member while the group has not let members read transcripts', async () => {
  const page = await pageAs(people.pia, { refused: true });
  await openTab(page, tabUrl(app.url, `transcript?meeting=${meetingId}`, { group: groupId, lang: 'en' }), 'transcript');
  await expect(page.locator('main').innerText()).resolves.toContain('shown to its secretary, chair, vice chair and organizer');
  await expect(page.getByTestId('transcript-item').count()).resolves.toBe(0);
  // The API agrees.
  const res = await fetch(`${app.url}/api/tab/meetings/${meetingId}/transcript`, { headers: { authorization: `Bearer ${tokenFor(people.pia)}` } });
  expect(res.status).toBe(403);
  const me = (await (await fetch(`${app.url}/api/tab/me`, { headers: { authorization: `Bearer ${tokenFor(people.pia)}` } })).json()) as MeView;
  expect(me.groups.map((g) => g.name)).toContain(GROUP);
});
