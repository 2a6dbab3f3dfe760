/**
 * The tab in headless Chromium against the real server with Entra configured: tokens are signed by a local
 * OpenID provider (tests/fakes/openid-provider.ts) and sent as Teams' SSO token would be (Authorization:
 * Bearer on every request of the browser context). A group is set up through the bot as a council would:
 * its organizer edits, a member reads, someone from another tenant is refused.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DecisionsView, MeView, RiskDetailView, RiskRegisterView } from '../../src/contract/tab-api';
import type { RunningApp } from '../../src/main';
import { FakeBotConnector, cardOf, cardText } from '../fakes/bot-connector';
import { FakeOpenIdProvider } from '../fakes/openid-provider';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../helpers/activities';
import { eventually } from '../helpers/eventually';
import { postActivity, startTestApp } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { launchChromium, newContext, openTab, recordErrors, screenshot, seriousAxeViolations, tabUrl, type AxeViolation } from './browser';

jest.setTimeout(180_000);

const CLIENT_ID = '7d3b9c1e-4a5f-4e2b-9c8d-1f2e3a4b5c6d';
const OTHER_TENANT = '0a1b2c3d-2222-4e5f-8a9b-0c1d2e3f4a5b';
const GROUP = 'E2E-styrgruppen';

type Person = (typeof people)[keyof typeof people];

const idp = new FakeOpenIdProvider();
const teams = new FakeBotConnector();
let db: TestDatabase;
let app: RunningApp;
let serviceUrl: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let groupId: string;

const tokenFor = (p: Pick<Person, 'aadObjectId' | 'name'>, tenantId = TENANT) => idp.userToken({ tenantId, oid: p.aadObjectId, name: p.name, audience: CLIENT_ID });

async function api<T>(path: string, who: Person): Promise<T> {
  const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${tokenFor(who)}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const say = async (chat: Chat, from: Person, text: string) => {
  const before = teams.sent().length;
  expect((await postActivity(app, aMessage({ serviceUrl, chat, from, text }))).status).toBe(200);
  return teams.sent().slice(before).map((a) => (typeof a.text === 'string' ? a.text : cardText(cardOf(a)))).join('\n');
};

/** A page in a browser context that sends `token` as the tab's SSO token would; its errors are checked after the test. */
async function pageAs(token: string, o: { refused?: boolean } = {}): Promise<Page> {
  const context = await newContext(browser, { token });
  contexts.push(context);
  const page = await context.newPage();
  // A refused caller's browser logs the 401/403 response itself: that is what such a test expects.
  if (!o.refused) pageErrors.push(recordErrors(page));
  return page;
}
const pageErrors: string[][] = [];
/** Takes the browser's own report of an expected refusal (e.g. "… status of 400 (Bad Request)") out of the checked errors. */
const expectConsole = (pattern: RegExp) => {
  for (const list of pageErrors) {
    const i = list.findIndex((e) => pattern.test(e));
    if (i >= 0) return list.splice(i, 1);
  }
  throw new Error(`no console message matched ${pattern}`);
};

beforeAll(async () => {
  db = await createTestDatabase();
  serviceUrl = await teams.start();
  await idp.start();
  app = await startTestApp(db.url, { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_TENANT_ID: TENANT, AAD_APP_OPENID_METADATA_URL: idp.metadataUrl(TENANT) });

  // The group as /setup makes it (Sara organizes; Håkan, Titti and Pia are members), with the seed's risks.
  teams.members = [people.sara, people.hakan, people.titti, people.pia];
  const chat = aGroupChat();
  expect(await say(chat, people.sara, `/setup ${GROUP}`)).toContain('is set up');
  // Håkan represents Munkedal (the roster card's save, as the organizer presses it).
  const before = teams.sent().length;
  await say(chat, people.sara, '/members');
  const roster = cardOf(teams.sent()[before]) as { body: unknown[]; actions: Array<{ verb: string; data: Record<string, unknown> }> };
  const save = roster.actions.find((a) => a.verb === 'member.update')!;
  const hakanId = new RegExp(`"title":"${people.hakan.name}","value":"([^"]+)"`).exec(JSON.stringify(roster.body))![1]!;
  const pressed = await postActivity(app, aCardAction({ serviceUrl, chat, from: people.sara, verb: save.verb, data: { ...save.data, memberId: hakanId, organisation: 'Munkedals kommun' } }));
  expect(pressed.status).toBe(200);
  for (const [threat, s, k] of [
    ['Ändrat uppdrag e-samordnarroll från VästKom', 1, 5],
    ['Projektmedlemmar kan inte prioritera att delta i projektet', 4, 3],
    ['Ofullständig information från kommunerna', 3, 4],
    ['Vikande intresse och deltagande mot slutet av förstudien', 5, 4],
    ['Svårigheten i att planera långsiktigt under rådande situation', 2, 3],
  ] as const) {
    expect(await say(chat, people.sara, `/risk ${threat} S=${s} K=${k}`)).toContain('recorded');
  }
  // A meeting of the group, now, with two decisions.
  const now = Date.now();
  teams.meetingInfo = {
    title: 'Taktisk styrgrupp november',
    scheduledStartTime: new Date(now - 30 * 60_000).toISOString(),
    scheduledEndTime: new Date(now + 90 * 60_000).toISOString(),
    organizer: people.sara,
  };
  const meeting = aMeetingChat();
  expect(await say(meeting, people.sara, `/setup ${GROUP}`)).toContain('Meeting linked');
  expect(await say(meeting, people.sara, '/decision Förstudien godkänns och rapporten skickas till e-rådet')).toContain('§1');
  expect(await say(meeting, people.sara, '/decision Nästa möte hålls i Vänersborg')).toContain('§2');

  groupId = (await api<MeView>('/api/tab/me', people.sara)).groups.find((g) => g.name === GROUP)!.id;
  // The meeting's title arrives from Teams in the background.
  await eventually(async () => expect((await api<DecisionsView>(`/api/tab/groups/${groupId}/decisions`, people.sara)).decisions[0]?.meetingTitle).toBe('Taktisk styrgrupp november'));
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
  // No uncaught error and no console error on any page a test opened.
  expect(pageErrors.splice(0).flat()).toEqual([]);
});

const shownRows = (page: Page) =>
  page.locator('[data-testid="risk-table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const td = tr.querySelectorAll('td');
      return { code: tr.querySelector('th')!.textContent.trim(), s: Number(td[3]!.textContent), k: Number(td[4]!.textContent), r: Number(td[5]!.querySelector('strong')!.textContent), status: td[8]!.textContent };
    }),
  );

it('lets the organizer add a review: labelled form, validation, confirmation, and the register follows', async () => {
  const page = await pageAs(tokenFor(people.sara));
  // Sara's only group opens without naming it.
  await openTab(page, tabUrl(app.url, '', { lang: 'sv' }), 'risks');
  await expect(page.locator('header').textContent()).resolves.toContain(GROUP);
  await expect(page.getByTestId('local-mode-banner').count()).resolves.toBe(0);
  expect((await shownRows(page))[0]).toMatchObject({ code: 'R4', s: 5, k: 4, r: 20 });

  await page.getByRole('link', { name: 'R4', exact: true }).click();
  await page.locator('[data-page="risk"][data-ready="true"]').waitFor();
  const form = page.getByTestId('review-form');
  await expect(form.isVisible()).resolves.toBe(true);

  // Nothing changed and no note: the form says what to do, and nothing is sent.
  await page.getByRole('button', { name: 'Spara uppföljning' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toBe('Ändra S, K eller status, eller skriv en anteckning.');
  const riskId = new URL(page.url()).pathname.split('/').at(-1)!;
  expect((await api<RiskDetailView>(`/api/tab/groups/${groupId}/risks/${riskId}`, people.sara)).reviews).toEqual([]);

  // A review: S 5 → 4, status handled, with a note. Every field is found by its label.
  await page.getByLabel('Sannolikhet (S)').selectOption('4');
  await expect(page.getByLabel('Konsekvens (K)').inputValue()).resolves.toBe('4');
  await page.getByLabel('Status').selectOption('handled');
  await page.getByLabel('Anteckning').fill('Åtgärder tas fram i samband med e-rådets möte den 17 december.');
  await page.getByRole('button', { name: 'Spara uppföljning' }).click();
  await expect(page.getByTestId('review-saved').textContent()).resolves.toBe('Uppföljningen är sparad. R4 har nu R 16 (Hög), status Hanterad.');
  const review = await page.getByTestId('review-table').locator('tbody tr').allTextContents();
  expect(review).toHaveLength(1);
  expect(review[0]).toMatch(/^\d{4}-\d{2}-\d{2}Taktisk styrgrupp november4416HögHanteradÅtgärder tas fram i samband med e-rådets möte den 17 december\.Sara Herrman$/);
  // The chart starts where the risk was raised (R 20) and goes to the review (R 16).
  await expect(page.locator('svg desc').textContent()).resolves.toMatch(/R 20 den \d{4}-\d{2}-\d{2}, R 16 den \d{4}-\d{2}-\d{2}/);
  // The history (the audit trail) says who changed what.
  const history = await page.getByTestId('history-table').locator('tbody tr').allTextContents();
  expect(history.at(-1)).toMatch(/Sara HerrmanÄndrad: S 5 → 4, Status Öppen → Hanterad$/);
  // Stored once, through the same use case the bot calls.
  const stored = await api<RiskDetailView>(`/api/tab/groups/${groupId}/risks/${riskId}`, people.sara);
  expect(stored.reviews.map((r) => [r.probability, r.impact, r.score, r.status, r.note, r.reviewedBy])).toEqual([
    [4, 4, 16, 'handled', 'Åtgärder tas fram i samband med e-rådets möte den 17 december.', 'Sara Herrman'],
  ]);
  for (const theme of ['light', 'dark'] as const) {
    await openTab(page, tabUrl(app.url, `risks/${riskId}`, { theme, lang: 'sv' }), 'risk');
    await screenshot(page, `risk-editor-${theme}`);
  }

  // The register shows the new values.
  await openTab(page, tabUrl(app.url, '', { lang: 'sv' }), 'risks');
  expect((await shownRows(page))[0]).toEqual({ code: 'R4', s: 4, k: 4, r: 16, status: 'Hanterad' });
  const register = await api<RiskRegisterView>(`/api/tab/groups/${groupId}/risks`, people.sara);
  expect(register.risks[0]).toMatchObject({ code: 'R4', probability: 4, impact: 4, score: 16, status: 'handled' });
});

it('shows a member the same register, without the form', async () => {
  const page = await pageAs(tokenFor(people.hakan));
  await openTab(page, tabUrl(app.url, '', { lang: 'en' }), 'risks');
  expect((await shownRows(page)).map((r) => r.code)).toEqual(['R4', 'R3', 'R2', 'R5', 'R1']);
  await page.getByRole('link', { name: 'R4', exact: true }).click();
  await page.locator('[data-page="risk"][data-ready="true"]').waitFor();
  await expect(page.getByTestId('review-form').count()).resolves.toBe(0);
});

it('refuses an account of another tenant with the server’s explanation, and shows no data', async () => {
  const page = await pageAs(tokenFor(people.sara, OTHER_TENANT), { refused: true });
  await page.goto(tabUrl(app.url, '', { lang: 'en' }));
  const alert = page.getByText('This Rådslag serves one organisation', { exact: false });
  await alert.waitFor();
  await expect(page.getByTestId('risk-table').count()).resolves.toBe(0);
  await expect(page.locator('nav').textContent()).resolves.toContain('Risk register');
});

it('lists the decisions with meeting, date, item, § and text, and searches them', async () => {
  const page = await pageAs(tokenFor(people.hakan));
  await openTab(page, tabUrl(app.url, 'decisions', { lang: 'sv' }), 'decisions');
  const rows = page.getByTestId('decision-table').locator('tbody tr');
  await expect(rows.count()).resolves.toBe(2);
  const first = await rows.first().locator('td, th').allTextContents();
  // The meeting's cell links to its Transcript page.
  expect(first).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), 'Taktisk styrgrupp november Transkription', expect.any(String), '§1', 'Förstudien godkänns och rapporten skickas till e-rådet', 'Gäller']);
  await expect(rows.first().getByRole('link', { name: 'Transkription' }).getAttribute('href')).resolves.toMatch(/^\/tab\/transcript\?.*meeting=[0-9a-f-]+$/);
  await page.getByLabel('Sök beslut').fill('vänersborg');
  await eventually(async () => expect(await rows.allTextContents()).toEqual([expect.stringContaining('§2Nästa möte hålls i Vänersborg')]));
  await page.getByLabel('Sök beslut').fill('');
  for (const theme of ['light', 'dark'] as const) {
    await openTab(page, tabUrl(app.url, 'decisions', { theme, lang: 'sv' }), 'decisions');
    await screenshot(page, `decisions-${theme}`);
  }
});

it('imports capabilities from pasted CSV and from a JSON file, and shows a refused import’s reason', async () => {
  const page = await pageAs(tokenFor(people.sara));
  await openTab(page, tabUrl(app.url, 'capabilities', { lang: 'sv' }), 'capabilities');
  await expect(page.getByText('Inga förmågor har importerats i gruppen ännu.').isVisible()).resolves.toBe(true);
  const importButton = page.getByRole('button', { name: 'Importera', exact: true });

  // Nothing to import: the field says so.
  await importButton.click();
  await expect(page.getByText('Klistra in innehållet eller välj en fil först.').isVisible()).resolves.toBe(true);

  // A header the server does not know: nothing stored, and its reason (row and column) shown.
  await page.getByLabel('Innehåll').fill('kod;område;förmåga;färg\n1.1;Ledning och styrning;Digital strategi;blå');
  await importButton.click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^Inget importerades: .*färg/);
  expectConsole(/status of 400 \(Bad Request\)/);

  await page.getByLabel('Innehåll').fill(['kod;område;förmåga;beskrivning', '1.1;Ledning och styrning;Digital strategi;Förankrad i ledningen', '2.1;Invånare och service;E-tjänster;'].join('\n'));
  await importButton.click();
  await expect(page.getByRole('status').filter({ hasText: 'importerade' }).textContent()).resolves.toBe('2 nya förmågor importerade och 0 uppdaterade.');
  await page.getByTestId('capability-heatmap').waitFor();
  await expect(page.getByTestId('capability-heatmap').locator('tbody th[scope="colgroup"]').allTextContents()).resolves.toEqual(['Ledning och styrning', 'Invånare och service']);

  // A JSON file: the format follows the file's name.
  await page.getByLabel('Fil (.csv eller .json)').setInputFiles({
    name: 'formagor.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ vision: 'Målbild 2030', capabilities: [{ code: '3.1', area: 'Information och data', name: 'Informationssäkerhet' }] })),
  });
  await eventually(async () => expect(await page.getByLabel('Format').inputValue()).toBe('json'));
  await importButton.click();
  await expect(page.getByRole('status').filter({ hasText: 'importerade' }).textContent()).resolves.toBe('1 nya förmågor importerade och 0 uppdaterade.');
  await eventually(async () => expect(await page.getByTestId('capability-heatmap').locator('tbody th[scope="row"]').allTextContents()).toEqual(['1.1 Digital strategi', '2.1 E-tjänster', '3.1 Informationssäkerhet']));
  await expect(page.locator('p', { hasText: 'Målbild 2030' }).count()).resolves.toBe(1);
});

it('sends a reminder to an organisation’s representative from the response tracker (after the import above)', async () => {
  const page = await pageAs(tokenFor(people.sara));
  await openTab(page, tabUrl(app.url, 'capabilities', { lang: 'sv' }), 'capabilities');
  const row = page.getByTestId('response-tracker').locator('tbody tr', { hasText: 'Munkedals kommun' });
  await expect(row.textContent()).resolves.toContain('Håkan Sundberg');
  const before = teams.direct().length;
  await row.getByRole('button', { name: 'Skicka påminnelse till Munkedals kommun', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Påminnelse' }).textContent()).resolves.toBe('Påminnelse skickad till Håkan Sundberg.');
  await expect(row.locator('td').nth(3).textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // The card went to Håkan in a one-to-one chat.
  await eventually(() => expect(teams.direct().slice(before).map((d) => d.memberId)).toContain(people.hakan.id));
});

it('lets an editor enter an organisation’s assessment: the heat map and the tracker follow', async () => {
  const page = await pageAs(tokenFor(people.sara));
  await openTab(page, tabUrl(app.url, 'capabilities', { lang: 'sv' }), 'capabilities');
  await page.getByRole('button', { name: 'Öppna bedömningsformuläret' }).click();
  const form = page.getByTestId('assessment-form');
  await form.getByLabel('Organisation').selectOption('Munkedals kommun');
  // Nothing chosen: the form says what to do.
  await form.getByRole('button', { name: 'Spara bedömningen' }).click();
  await expect(form.getByRole('alert').textContent()).resolves.toBe('Välj en mognadsnivå eller en vikt för minst en förmåga.');
  await form.getByRole('combobox', { name: '1.1 Digital strategi Mognad', exact: true }).selectOption('4');
  await form.getByRole('combobox', { name: '1.1 Digital strategi Vikt', exact: true }).selectOption('5');
  await form.getByRole('combobox', { name: '3.1 Informationssäkerhet Mognad', exact: true }).selectOption('1');
  // Half an answer: the form names the capability.
  await form.getByRole('button', { name: 'Spara bedömningen' }).click();
  await expect(form.getByRole('alert').textContent()).resolves.toBe('3.1 Informationssäkerhet: välj både en mognadsnivå och en vikt.');
  await form.getByRole('combobox', { name: '3.1 Informationssäkerhet Vikt', exact: true }).selectOption('4');
  await form.getByRole('button', { name: 'Spara bedömningen' }).click();
  await expect(form.getByRole('status').textContent()).resolves.toBe('2 svar sparade för Munkedals kommun.');
  const map = page.getByTestId('capability-heatmap');
  await expect(map.locator('tbody tr', { hasText: '1.1 Digital strategi' }).locator('td[title]').textContent()).resolves.toBe('4GodGod (4)');
  await expect(map.locator('tbody tr', { hasText: '3.1 Informationssäkerhet' }).locator('td[title]').textContent()).resolves.toBe('1Obef.Obefintlig (1)');
  await expect(page.getByTestId('response-tracker').locator('tbody tr', { hasText: 'Munkedals kommun' }).textContent()).resolves.toContain('2 av 3');
  // The form now shows the organisation's answers.
  await expect(form.getByRole('combobox', { name: '1.1 Digital strategi Mognad', exact: true }).inputValue()).resolves.toBe('4');
  for (const theme of ['light', 'dark'] as const) {
    await openTab(page, tabUrl(app.url, 'capabilities', { theme, lang: 'sv' }), 'capabilities');
    await page.getByRole('button', { name: 'Öppna bedömningsformuläret' }).click();
    await screenshot(page, `capabilities-editor-${theme}`);
  }
});

it('has no serious or critical axe-core finding on the editor’s pages in light, dark and high contrast', async () => {
  const page = await pageAs(tokenFor(people.sara));
  const register = await api<RiskRegisterView>(`/api/tab/groups/${groupId}/risks`, people.sara);
  const found: Array<{ page: string; theme: string; violations: AxeViolation[] }> = [];
  for (const theme of ['light', 'dark', 'contrast'] as const) {
    for (const [route, name] of [
      [`risks/${register.risks[1]!.id}`, 'risk'],
      ['decisions', 'decisions'],
      ['capabilities', 'capabilities'],
    ] as const) {
      await openTab(page, tabUrl(app.url, route, { theme, lang: 'en' }), name);
      if (name === 'risk') {
        // With the form's validation message showing.
        await page.getByRole('button', { name: 'Save review' }).click();
        await page.getByRole('alert').waitFor();
      }
      const violations = await seriousAxeViolations(page);
      if (violations.length > 0) found.push({ page: name, theme, violations });
    }
  }
  expect(found).toEqual([]);
});
