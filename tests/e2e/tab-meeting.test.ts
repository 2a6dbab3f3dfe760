/**
 * The meeting page in local mode on the demo workspace: a meeting of the steering group with its agenda,
 * decisions and the group's highest risks, read-only (the local reader records nothing), and in a meeting's
 * side panel (320 px) never wider than the window, in Swedish and English.
 */
import type { Browser, Page } from 'playwright-core';
import type { DecisionsView, MeetingPageView, MeView } from '../../src/contract/tab-api';
import type { RunningApp } from '../../src/main';
import { startTestApp } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { launchChromium, newContext, openTab, recordErrors, screenshot, seriousAxeViolations, tabUrl } from './browser';

jest.setTimeout(120_000);

let db: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let groupId: string;
let meetingId: string;
let view: MeetingPageView;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await startTestApp(db.url, { DEMO_WORKSPACE: 'on' });
  browser = await launchChromium();
  page = await (await newContext(browser)).newPage();
  errors = recordErrors(page);
  const me = (await (await fetch(`${app.url}/api/tab/me`)).json()) as MeView;
  groupId = me.groups.find((g) => g.name === 'Digital motor Fyrbodal – taktisk styrgrupp')!.id;
  const decisions = (await (await fetch(`${app.url}/api/tab/groups/${groupId}/decisions`)).json()) as DecisionsView;
  meetingId = decisions.decisions[0]!.meetingId;
  view = (await (await fetch(`${app.url}/api/tab/groups/${groupId}/meeting?meeting=${meetingId}`)).json()) as MeetingPageView;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await db?.drop();
});

afterEach(() => {
  expect(errors).toEqual([]);
  errors.length = 0;
});

const measure = (p: Page) => p.evaluate(() => ({ width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth }));

it('shows a meeting with its agenda, decisions and the highest risks, and fits a 320 px side panel', async () => {
  expect(view.meeting?.id).toBe(meetingId);
  expect(view.canRecord).toBe(false);
  await page.setViewportSize({ width: 320, height: 800 });
  for (const lang of ['sv', 'en'] as const) {
    await openTab(page, tabUrl(app.url, 'meeting', { group: groupId, meeting: meetingId, lang }), 'meeting');
    await expect(page.locator('h1').innerText()).resolves.toBe(view.meeting!.title);
    await expect(page.getByTestId('meeting-decisions').innerText()).resolves.toContain(view.decisions[0]!.text.slice(0, 30));
    if (view.agenda.length > 0) await expect(page.getByTestId('meeting-agenda').locator('li').count()).resolves.toBe(view.agenda.length);
    await expect(page.getByTestId('meeting-risks').locator('li').count()).resolves.toBe(Math.min(3, view.topRisks.length));
    await expect(page.getByTestId('meeting-forms').count()).resolves.toBe(0);
    const when = await page.getByTestId('meeting-when').innerText();
    expect(when).toMatch(lang === 'sv' ? /måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag/ : /Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday/);
    for (const width of [320, 420]) {
      await page.setViewportSize({ width, height: 800 });
      const m = await measure(page);
      expect(m.scrollWidth).toBeLessThanOrEqual(m.width);
    }
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await seriousAxeViolations(page)).toEqual([]);
  }
  await screenshot(page, 'meeting-320');
});

it('opens the group’s meeting in progress or next without ?meeting, or says there is none', async () => {
  await openTab(page, tabUrl(app.url, 'meeting', { group: groupId, lang: 'en' }), 'meeting');
  const text = await page.locator('main').innerText();
  expect(text.includes('no meeting in progress or booked') || (await page.getByTestId('meeting-agenda').count()) === 1).toBe(true);
});
