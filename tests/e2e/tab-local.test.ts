/**
 * The tab in headless Chromium against the real server in local mode (no Entra configuration) with the demo
 * workspace, as `npm start` opens it: the register of seed 001 (R1–R5), the sample capability map, the
 * seed meetings' attendance. One browser and one server for the file.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CapabilityMapView, MeView, RiskRegisterView } from '../../src/contract/tab-api';
import type { RunningApp } from '../../src/main';
import { eventually } from '../helpers/eventually';
import { loadConfig } from '../../src/config';
import { DEFAULT_CHARTER_RULES } from '../../src/domain/charter';
import { DEMO_TENANT } from '../../src/demo/seed-demo';
import { createRepositories, openStore } from '../../src/store';
import { startTestApp } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { launchChromium, newContext, openTab, recordErrors, screenshot, seriousAxeViolations, tabUrl, type AxeViolation, type Theme } from './browser';

jest.setTimeout(180_000);

let db: TestDatabase;
let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let steering: MeView['groups'][number];
/** The group whose capability map the demo fills. */
let mapGroup: MeView['groups'][number];
let register: RiskRegisterView;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await startTestApp(db.url, { DEMO_WORKSPACE: 'on' });
  browser = await launchChromium();
  context = await newContext(browser);
  page = await context.newPage();
  errors = recordErrors(page);
  const me = (await (await fetch(`${app.url}/api/tab/me`)).json()) as MeView;
  steering = me.groups.find((g) => g.name === 'Digital motor Fyrbodal – taktisk styrgrupp')!;
  expect(steering).toEqual(expect.objectContaining({ canEdit: false }));
  for (const g of me.groups) {
    const map = (await (await fetch(`${app.url}/api/tab/groups/${g.id}/capabilities`)).json()) as CapabilityMapView;
    if (map.capabilities.length > 0) mapGroup = g;
  }
  expect(mapGroup).toBeDefined();
  register = (await (await fetch(`${app.url}/api/tab/groups/${steering.id}/risks`)).json()) as RiskRegisterView;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await db?.drop();
});

afterEach(() => {
  // No uncaught error and no console error on any page a test opened.
  expect(errors).toEqual([]);
  errors.length = 0;
});

/** The register's rows as shown: ID, S, K, R (the number in the R cell). */
const shownRows = (p: Page = page) =>
  p.locator('[data-testid="risk-table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const td = tr.querySelectorAll('td');
      return { code: tr.querySelector('th')!.textContent.trim(), s: Number(td[3]!.textContent), k: Number(td[4]!.textContent), r: Number(td[5]!.querySelector('strong')!.textContent) };
    }),
  );
const shownCodes = async (p: Page = page) => (await shownRows(p)).map((r) => r.code);

describe('the risk register', () => {
  it('opens at /tab/ on the demo register: R1–R5 with R = S×K, R4 = 20 on top, and the local-mode banner', async () => {
    await openTab(page, tabUrl(app.url, '', { lang: 'en' }), 'risks');
    const rows = await shownRows();
    expect(rows.map((r) => r.code)).toEqual(['R4', 'R3', 'R2', 'R5', 'R1']);
    expect(rows[0]).toEqual({ code: 'R4', s: 5, k: 4, r: 20 });
    for (const r of rows) expect(r.r).toBe(r.s * r.k);
    await expect(page.locator('header').textContent()).resolves.toContain(steering.name);
    await expect(page.getByTestId('local-mode-banner').textContent()).resolves.toContain('Local mode');
    // R is the column the register is sorted by, highest first.
    await expect(page.locator('th[data-column="score"]').getAttribute('aria-sort')).resolves.toBe('descending');
  });

  it('sorts by a column, saying so with aria-sort', async () => {
    await openTab(page, tabUrl(app.url, '', { group: steering.id, lang: 'sv' }), 'risks');
    const byThreat = [...register.risks].sort((a, b) => a.threat.localeCompare(b.threat, 'sv')).map((r) => r.code);
    await page.locator('th[data-column="threat"] button').click();
    await expect(page.locator('th[data-column="threat"]').getAttribute('aria-sort')).resolves.toBe('ascending');
    await expect(page.locator('th[data-column="score"]').getAttribute('aria-sort')).resolves.toBe('none');
    expect(await shownCodes()).toEqual(byThreat);
    await page.locator('th[data-column="threat"] button').click();
    await expect(page.locator('th[data-column="threat"]').getAttribute('aria-sort')).resolves.toBe('descending');
    expect(await shownCodes()).toEqual([...byThreat].reverse());
    // Numbers sort highest first on the first press: S = 5 (R4) leads, S = 1 (R1) ends.
    await page.locator('th[data-column="probability"] button').click();
    const byS = await shownRows();
    expect(byS.map((r) => r.s)).toEqual([5, 4, 3, 2, 1]);
    expect(byS[0]!.code).toBe('R4');
  });

  it('filters to R4 when the heat map cell S5/K4 is pressed, and back to all', async () => {
    await openTab(page, tabUrl(app.url, '', { group: steering.id, lang: 'en' }), 'risks');
    const cell = page.getByRole('button', { name: 'S5 K4: 1 risk, R 20 · Critical', exact: true });
    await expect(cell.textContent()).resolves.toBe('S5 K4: 1 risk, R 20 · Critical');
    await cell.click();
    expect(await shownCodes()).toEqual(['R4']);
    await expect(cell.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.getByTestId('risk-count').textContent()).resolves.toBe('1 of 5 risks shown');
    await page.getByRole('button', { name: 'Show all cells' }).click();
    expect(await shownCodes()).toHaveLength(5);
    // An empty cell filters to nothing and says so.
    await page.getByRole('button', { name: 'S1 K1: 0 risks, R 1 · Low', exact: true }).click();
    expect(await shownCodes()).toEqual([]);
    await expect(page.getByText('No risks match the filter.').isVisible()).resolves.toBe(true);
  });

  it('is operable by keyboard: Tab to the S5/K4 cell, Enter filters, Space clears, arrows move', async () => {
    await openTab(page, tabUrl(app.url, '', { group: steering.id, lang: 'sv' }), 'risks');
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('data-cell') === 'S5K4');
    }
    expect(reached).toBe(true);
    // The focused cell shows a focus ring.
    await expect(page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).resolves.toBe('solid');
    await page.keyboard.press('Enter');
    expect(await shownCodes()).toEqual(['R4']);
    await page.keyboard.press('Space');
    expect(await shownCodes()).toHaveLength(5);
    // Arrow keys move across the map: down to S4/K4, left to S4/K3 (R2).
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowLeft');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).resolves.toBe('S4K3');
    await page.keyboard.press('Enter');
    expect(await shownCodes()).toEqual(['R2']);
  });

  it('filters by text and by status', async () => {
    await openTab(page, tabUrl(app.url, '', { group: steering.id, lang: 'sv' }), 'risks');
    await page.getByLabel('Sök').fill('kommunerna');
    await eventually(async () => expect(await shownCodes()).toEqual(['R3', 'R2']));
    await page.getByLabel('Sök').fill('');
    await page.getByLabel('Status').selectOption('closed');
    await eventually(async () => expect(await shownCodes()).toEqual([]));
    await page.getByLabel('Status').selectOption('open');
    const open = register.risks.filter((r) => r.status === 'open').map((r) => r.code);
    expect(open.length).toBeGreaterThan(0);
    await eventually(async () => expect(await shownCodes()).toEqual(open));
  });

  it('speaks Swedish and English, from ?lang= and from the switch on the page', async () => {
    await openTab(page, tabUrl(app.url, '', { group: steering.id, lang: 'sv' }), 'risks');
    await expect(page.locator('h1').textContent()).resolves.toBe('Riskregister');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('sv');
    const svHeads = await page.locator('[data-testid="risk-table"] thead th').allTextContents();
    expect(svHeads.slice(0, 4)).toEqual(['ID', 'Hot', 'Sårbarhet', 'Konsekvens']);
    await expect(page.getByRole('button', { name: 'S5 K4: 1 risk, R 20 · Kritisk', exact: true }).count()).resolves.toBe(1);
    await screenshot(page, 'register-sv');

    await page.getByLabel('Språk').selectOption('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Risk register');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    const enHeads = await page.locator('[data-testid="risk-table"] thead th').allTextContents();
    expect(enHeads.slice(0, 4)).toEqual(['ID', 'Threat', 'Vulnerability', 'Consequence']);
    await screenshot(page, 'register-en');
    // Same rows in either language.
    expect(await shownCodes()).toEqual(['R4', 'R3', 'R2', 'R5', 'R1']);
  });

  it('opens a risk’s page from the register: its full text and R over time with a text alternative; no form for a reader', async () => {
    await openTab(page, tabUrl(app.url, '', { group: steering.id, lang: 'sv' }), 'risks');
    await page.getByRole('link', { name: 'R4', exact: true }).click();
    await page.locator('[data-page="risk"][data-ready="true"]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/tab/risks/${register.risks[0]!.id}`);
    const r4 = register.risks[0]!;
    await expect(page.locator('h1').textContent()).resolves.toContain('R4');
    const details = await page.locator('dl').textContent();
    for (const text of [r4.threat, r4.vulnerability!, r4.consequence!]) expect(details).toContain(text);
    const chart = page.getByRole('img', { name: /R över tid/ });
    await expect(chart.getAttribute('aria-labelledby')).resolves.toBeTruthy();
    await expect(page.locator('svg desc').textContent()).resolves.toMatch(/R 20 den \d{4}-\d{2}-\d{2}/);
    await expect(page.getByTestId('review-form').count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Tillbaka till riskregistret' }).click();
    await page.locator('[data-page="risks"][data-ready="true"]').waitFor();
  });

  it('downloads the register as CSV', async () => {
    await openTab(page, tabUrl(app.url, '', { group: steering.id, lang: 'sv' }), 'risks');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const file = await download.path();
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toMatch(/^\uFEFF?ID[;,]/);
    for (const code of ['R1', 'R2', 'R3', 'R4', 'R5']) expect(csv).toContain(code);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  });
});

describe('a register of more risks than the table draws at once', () => {
  let big: string;
  beforeAll(async () => {
    // A group of 130 risks, stored beside the running app (as an import would).
    const store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
    try {
      const repos = createRepositories(store);
      const at = new Date().toISOString();
      const sara = { id: '29:e2e-sara', aadObjectId: 'e2e-sara', name: 'Sara Herrman' };
      const group = await repos.groups.create({ tenantId: DEMO_TENANT, name: 'Stora registret', kind: 'council', conversationId: '19:e2e-big@thread.v2', rules: DEFAULT_CHARTER_RULES, createdBy: sara, createdAt: at }, []);
      const registerId = await repos.risks.ensureGroupRegister(DEMO_TENANT, group.id);
      for (let i = 0; i < 130; i++) {
        const risk = { threat: `Hot ${i + 1}`, actionNeeded: false, probability: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5, impact: ((Math.floor(i / 5) % 5) + 1) as 1 | 2 | 3 | 4 | 5 };
        await repos.risks.raise({ tenantId: DEMO_TENANT, registerId, risk, raisedBy: sara, raisedAt: at, sourceKey: `e2e-big-${i}` });
      }
      big = group.id;
    } finally {
      await store.close();
    }
  });

  it('draws the first 100 rows, counts all 130, and shows the rest on request; sorting works on all of them', async () => {
    const risksAsked: string[] = [];
    const onRequest = (r: { url: () => string }) => {
      if (new URL(r.url()).pathname === `/api/tab/groups/${big}/risks`) risksAsked.push(r.url());
    };
    page.on('request', onRequest);
    await openTab(page, tabUrl(app.url, '', { group: big, lang: 'en' }), 'risks');
    page.off('request', onRequest);
    // Asked for once, alongside /me, and the page took that answer.
    expect(risksAsked).toHaveLength(1);
    expect(await shownCodes()).toHaveLength(100);
    await expect(page.getByTestId('risk-count').textContent()).resolves.toBe('130 of 130 risks shown');
    await expect(page.getByTestId('risk-more').textContent()).resolves.toContain('The table shows the first 100 of 130.');
    // Sorted by ID, ascending: the first hundred of all 130 (not of the rows drawn).
    await page.locator('th[data-column="code"] button').click();
    expect((await shownCodes()).slice(0, 3)).toEqual(['R1', 'R2', 'R3']);
    await page.locator('th[data-column="code"] button').click();
    expect((await shownCodes()).slice(0, 2)).toEqual(['R130', 'R129']);
    await page.getByRole('button', { name: 'Show 30 more' }).click();
    expect(await shownCodes()).toHaveLength(130);
    await expect(page.getByTestId('risk-more').count()).resolves.toBe(0);
  });
});

describe('the other pages', () => {
  it('capability map: capabilities by area under the vision, organisations × capabilities with the level as text in every cell, and who has answered', async () => {
    await openTab(page, tabUrl(app.url, 'capabilities', { group: mapGroup.id, lang: 'sv' }), 'capabilities');
    const map = page.getByTestId('capability-heatmap');
    const orgHeads = await map.locator('thead th').allTextContents();
    expect(orgHeads.length).toBeGreaterThanOrEqual(5);
    const areas = await map.locator('tbody th[scope="colgroup"]').allTextContents();
    expect(areas.length).toBeGreaterThanOrEqual(2);
    // Every answered cell names its level in text (number, abbreviation and the full name for screen readers).
    const cells = await map.locator('tbody td[title]').allTextContents();
    expect(cells.length).toBeGreaterThan(20);
    for (const c of cells) expect(c).toMatch(/^[1-5](Obef\.|Underm\.|Grund\.|God|Ledande)(Obefintlig|Undermålig|Grundläggande|God|Branschledande) \([1-5]\)$/);
    const tracker = await page.getByTestId('response-tracker').locator('tbody tr').count();
    expect(tracker).toBeGreaterThanOrEqual(5);
    await expect(page.getByTestId('leading-table').count()).resolves.toBe(1);
    // A reader neither reminds nor imports.
    await expect(page.getByRole('button', { name: /påminnelse/i }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'Importera förmågor' }).count()).resolves.toBe(0);
  });

  it('attendance: the participation matrix in text symbols and rates per organisation, for the chosen year', async () => {
    await openTab(page, tabUrl(app.url, 'attendance', { group: steering.id, lang: 'sv' }), 'attendance');
    // It opens on the latest year the group met (the demo's 2020), not this year.
    await page.getByTestId('attendance-matrix').waitFor();
    await expect(page.getByTestId('attendance-year').inputValue()).resolves.toBe('2020');
    await page.getByTestId('attendance-year').selectOption('2020');
    const matrix = page.getByTestId('attendance-matrix');
    await matrix.waitFor();
    const row = await matrix.locator('tbody tr', { hasText: 'Lis Palm' }).textContent();
    expect(row).toContain('Förhindrad');
    await expect(page.getByTestId('attendance-rates').locator('tbody tr').count()).resolves.toBeGreaterThan(0);
  });

  it('config: picks the group and gives the tab’s address for it', async () => {
    await openTab(page, tabUrl(app.url, 'config', { lang: 'en' }), 'config');
    await page.getByLabel('Group').selectOption(steering.id);
    await expect(page.getByTestId('config-url').textContent()).resolves.toBe(`${new URL(app.url).origin}/tab/?group=${steering.id}`);
  });

  it('runs at most 250 KB of JavaScript (gzipped) for a first visit to the register; other pages are chunks of their own', async () => {
    const fresh = await newContext(browser);
    try {
      const first = await fresh.newPage();
      await openTab(first, tabUrl(app.url, '', { group: steering.id }), 'risks');
      const scripts = await first.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((name) => name.endsWith('.js')));
      // The entry, the shell it loads at once, the register's chunk: more than one file, none of them another page's.
      expect(scripts.length).toBeGreaterThan(2);
      let gzipped = 0;
      for (const src of scripts) {
        const body = Buffer.from(await (await fetch(src)).arrayBuffer());
        gzipped += zlib.gzipSync(body, { level: 9 }).length;
        expect(body.toString()).not.toContain('capability-heatmap');
      }
      expect(gzipped).toBeLessThanOrEqual(250 * 1024);
    } finally {
      await fresh.close();
    }
  });
});

describe('every page, in light, dark and high contrast', () => {
  it('has no serious or critical axe-core finding, and is photographed in light and dark', async () => {
    const pages: Array<{ name: string; route: string; group?: string; prepare?: (p: Page) => Promise<void> }> = [
      { name: 'register', route: '', group: steering.id },
      { name: 'risk', route: `risks/${register.risks[0]!.id}`, group: steering.id },
      { name: 'capabilities', route: 'capabilities', group: mapGroup.id },
      {
        name: 'attendance',
        route: 'attendance',
        group: steering.id,
        prepare: async (p) => {
          await p.getByTestId('attendance-year').selectOption('2020');
          await p.getByTestId('attendance-matrix').waitFor();
        },
      },
      { name: 'decisions', route: 'decisions', group: steering.id },
      { name: 'config', route: 'config' },
    ];
    const pageName: Record<string, string> = { register: 'risks', risk: 'risk', capabilities: 'capabilities', attendance: 'attendance', decisions: 'decisions', config: 'config' };
    const found: Array<{ page: string; theme: Theme; violations: AxeViolation[] }> = [];
    for (const theme of ['light', 'dark', 'contrast'] as const) {
      for (const p of pages) {
        await openTab(page, tabUrl(app.url, p.route, { group: p.group, theme, lang: 'sv' }), pageName[p.name]!);
        await p.prepare?.(page);
        // The demo has no decisions: its page here is the empty state (tab-editor.test.ts photographs a filled one).
        if (theme !== 'contrast') await screenshot(page, `${p.name === 'decisions' ? 'decisions-empty' : p.name}-${theme}`);
        const violations = await seriousAxeViolations(page);
        if (violations.length > 0) found.push({ page: p.name, theme, violations });
      }
    }
    expect(found).toEqual([]);
  });
});
