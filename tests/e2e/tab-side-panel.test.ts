/**
 * The tab in a Teams meeting's side panel (320–420 px wide) and on a wide screen (1,400 px), in local mode
 * on the demo workspace: no page is ever wider than the window and nothing is cut off, in the default,
 * dark and high-contrast themes, and no page has a serious or critical axe-core finding there. Below
 * ~500 px tables are stacked cards with the key figures first; the heat map's filter brings the register
 * into view. A risk's page is titled with its threat and its history says what changed.
 * One browser and one page: each page is opened once per theme and measured at every width by resizing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CapabilityMapView, DecisionsView, MeView, RiskRegisterView } from '../../src/contract/tab-api';
import type { RunningApp } from '../../src/main';
import { loadConfig } from '../../src/config';
import { DEFAULT_CHARTER_RULES } from '../../src/domain/charter';
import { DEMO_TENANT } from '../../src/demo/seed-demo';
import { createRepositories, openStore } from '../../src/store';
import { eventually } from '../helpers/eventually';
import { startTestApp } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { launchChromium, newContext, openTab, recordErrors, SCREENSHOTS, screenshot, seriousAxeViolations, tabUrl, type AxeViolation, type Theme } from './browser';

jest.setTimeout(240_000);

const WIDTHS = [320, 420, 1400] as const;
const HEIGHT = 800;

let db: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let steering: MeView['groups'][number];
let mapGroup: MeView['groups'][number];
let register: RiskRegisterView;
/** A held meeting of the demo's steering group, for its Transcript page. */
let heldMeetingId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await startTestApp(db.url, { DEMO_WORKSPACE: 'on' });
  browser = await launchChromium();
  const context = await newContext(browser);
  page = await context.newPage();
  errors = recordErrors(page);
  const me = (await (await fetch(`${app.url}/api/tab/me`)).json()) as MeView;
  steering = me.groups.find((g) => g.name === 'Digital motor Fyrbodal – taktisk styrgrupp')!;
  for (const g of me.groups) {
    const map = (await (await fetch(`${app.url}/api/tab/groups/${g.id}/capabilities`)).json()) as CapabilityMapView;
    if (map.capabilities.length > 0) mapGroup = g;
  }
  expect(mapGroup).toBeDefined();
  register = (await (await fetch(`${app.url}/api/tab/groups/${steering.id}/risks`)).json()) as RiskRegisterView;
  heldMeetingId = ((await (await fetch(`${app.url}/api/tab/groups/${steering.id}/decisions`)).json()) as DecisionsView).decisions[0]!.meetingId;
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

const settle = (p: Page) => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function resize(width: number): Promise<void> {
  await page.setViewportSize({ width, height: HEIGHT });
  await settle(page);
}

/**
 * How wide the document is and what sticks out of the window; what is cut off: an element whose content is
 * wider than it while it hides the rest (overflow hidden or clip, an ellipsis) — visually hidden text
 * (1 px) aside — and, in a side panel, anything that scrolls sideways.
 */
const measure = (p: Page) =>
  p.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const outside: string[] = [];
    const cut: string[] = [];
    // Inside text hidden for all but screen readers (1 px wide): not cut off, not shown.
    const visuallyHidden = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (a.getBoundingClientRect().width <= 1) return true;
      return false;
    };
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 0.5 && box.width > 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 0.5)) outside.push(`${name(el)} right=${Math.round(box.right)}`);
      if (el.clientWidth <= 1 || el.tagName === 'SELECT' || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || visuallyHidden(el)) continue;
      const style = getComputedStyle(el);
      const over = el.scrollWidth > el.clientWidth + 1;
      const hides = (o: string) => o === 'hidden' || o === 'clip';
      if (over && hides(style.overflowX)) cut.push(`${name(el)} shows ${el.clientWidth} of ${el.scrollWidth} px`);
      else if (el.scrollHeight > el.clientHeight + 1 && hides(style.overflowY)) cut.push(`${name(el)} shows ${el.clientHeight} of ${el.scrollHeight} px in height`);
      else if (over && width < 500 && (style.overflowX === 'auto' || style.overflowX === 'scroll')) cut.push(`${name(el)} scrolls sideways (${el.clientWidth} of ${el.scrollWidth} px)`);
    }
    return { width, scrollWidth, outside: outside.slice(0, 6), cut: cut.slice(0, 6) };
  });

const PAGES: Array<{ name: string; route: () => string; group: () => string | undefined; prepare?: (p: Page) => Promise<void> }> = [
  { name: 'risks', route: () => '', group: () => steering.id },
  { name: 'risk', route: () => `risks/${register.risks[0]!.id}`, group: () => steering.id },
  { name: 'decisions', route: () => 'decisions', group: () => steering.id },
  { name: 'meeting', route: () => 'meeting', group: () => steering.id },
  { name: 'transcript', route: () => `transcript?meeting=${heldMeetingId}`, group: () => steering.id },
  { name: 'attendance', route: () => 'attendance', group: () => steering.id, prepare: async (p) => void (await p.getByTestId('attendance-matrix').waitFor()) },
  { name: 'capabilities', route: () => 'capabilities', group: () => mapGroup.id },
  { name: 'config', route: () => 'config', group: () => undefined },
];

describe('every page at 320, 420 and 1,400 px, in light, dark and high contrast', () => {
  it('is never wider than the window, cuts nothing off and has no serious or critical axe-core finding', async () => {
    const widths: Record<string, Record<number, number>> = {};
    const problems: string[] = [];
    const found: Array<{ page: string; theme: Theme; width: number; violations: AxeViolation[] }> = [];
    for (const theme of ['light', 'dark', 'contrast'] as const) {
      for (const p of PAGES) {
        await page.setViewportSize({ width: 1400, height: HEIGHT });
        await openTab(page, tabUrl(app.url, p.route(), { group: p.group(), theme, lang: 'sv' }), p.name);
        await p.prepare?.(page);
        for (const width of WIDTHS) {
          await resize(width);
          const m = await measure(page);
          (widths[p.name] ??= {})[width] = Math.max(widths[p.name]![width] ?? 0, m.scrollWidth);
          if (m.scrollWidth > m.width) problems.push(`${p.name} ${theme} ${width}px is ${m.scrollWidth} px wide: ${m.outside.join(' | ')}`);
          if (m.cut.length > 0) problems.push(`${p.name} ${theme} ${width}px cuts off: ${m.cut.join(' | ')}`);
          const violations = await seriousAxeViolations(page);
          if (violations.length > 0) found.push({ page: p.name, theme, width, violations });
          if (theme === 'light' && width === 320) await screenshot(page, `side-panel-${p.name}-320`);
        }
      }
    }
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    // The widest the document was per page and window width, for the record.
    fs.writeFileSync(path.join(SCREENSHOTS, '..', 'side-panel-widths.json'), `${JSON.stringify(widths, null, 2)}\n`);
    expect({ problems, found }).toEqual({ problems: [], found: [] });
  });
});

/**
 * A card as it is seen: its cells in the order they are drawn (top to bottom, left to right), each with the
 * column name written before it (`data-label`, drawn by CSS), one string per cell.
 */
const cardOf = (p: Page, row: string) =>
  p
    .locator(row)
    .first()
    .evaluate((tr) =>
      Array.from(tr.children)
        .map((cell) => ({ box: cell.getBoundingClientRect(), text: `${cell.getAttribute('data-label') ?? ''} ${(cell as HTMLElement).innerText}`.replace(/\s+/g, ' ').trim() }))
        .filter((c) => c.box.width > 1)
        .sort((a, b) => Math.round(a.box.top) - Math.round(b.box.top) || a.box.left - b.box.left)
        .map((c) => c.text),
    );

/** The tops of a card's cells, by a selector within the row. */
const tops = <K extends string>(p: Page, row: string, cells: Record<K, string>): Promise<Record<K, number>> =>
  p
    .locator(row)
    .first()
    .evaluate(
      (tr, sel: Record<string, string>) => Object.fromEntries(Object.entries(sel).map(([k, s]) => [k, Math.round(tr.querySelector(s)!.getBoundingClientRect().top)])),
      cells,
    ) as Promise<Record<K, number>>;

describe('in the side panel, tables are stacked cards with the key figures first', () => {
  beforeEach(() => resize(320));

  it('register: code, R with its band and status on the card’s first line; sorting stays at hand', async () => {
    await openTab(page, tabUrl(app.url, '', { group: steering.id, lang: 'sv' }), 'risks');
    await expect(page.getByTestId('risk-table').evaluate((t) => getComputedStyle(t).display)).resolves.toBe('block');
    const t = await tops(page, 'tr[data-risk="R4"]', { code: 'th', r: 'td[data-key="2"]', status: 'td[data-key="3"]', threat: 'td:nth-of-type(1)' });
    expect(t.r).toBe(t.code);
    expect(Math.abs(t.status - t.code)).toBeLessThan(8);
    expect(t.threat).toBeGreaterThan(t.code);
    const card = await cardOf(page, 'tr[data-risk="R4"]');
    expect(card.slice(0, 5)).toEqual(['R4', 'R 20 Kritisk', 'Öppen', 'S 5', 'K 4']);
    // The column names are written on the card; the header row is a bar of sort buttons.
    expect(card).toContain(`Hot ${register.risks[0]!.threat}`);
    await page.locator('th[data-column="threat"] button').click();
    await expect(page.locator('th[data-column="threat"]').getAttribute('aria-sort')).resolves.toBe('ascending');
    // Still a table to assistive technology.
    await expect(page.getByRole('table', { name: /Risker för/ }).getByRole('row').count()).resolves.toBe(6);
    await expect(page.getByRole('rowheader', { name: 'R4' }).count()).resolves.toBe(1);
  });

  it('decisions: the § number first; long texts wrap', async () => {
    await openTab(page, tabUrl(app.url, 'decisions', { group: steering.id, lang: 'sv' }), 'decisions');
    const t = await tops(page, '[data-testid="decision-table"] tbody tr', { paragraph: 'th', meeting: 'td[data-label]' });
    expect(t.paragraph).toBeLessThan(t.meeting);
    const card = await cardOf(page, '[data-testid="decision-table"] tbody tr');
    expect(card.slice(0, 3)).toEqual(['§1', 'Gäller', '2020-11-27']);
    expect(card).toContain('Punkt 3. Riskhantering');
  });

  it('attendance: per member, each meeting’s mark in words', async () => {
    await openTab(page, tabUrl(app.url, 'attendance', { group: steering.id, lang: 'sv' }), 'attendance');
    const row = page.getByTestId('attendance-matrix').locator('tbody tr', { hasText: 'Lis Palm' });
    const card = await row.evaluate((tr) => Array.from(tr.children).map((c) => `${c.getAttribute('data-label') ?? ''} ${(c as HTMLElement).innerText}`.replace(/\s+/g, ' ').trim()));
    expect(card.slice(0, 2)).toEqual(['Lis Palm', 'Organisation Fyrbodals kommunalförbund']);
    expect(card[2]).toMatch(/^2020-11-27 ○ ?Förhindrad$/);
  });

  it('capability map: per capability its importance and each organisation’s level', async () => {
    await openTab(page, tabUrl(app.url, 'capabilities', { group: mapGroup.id, lang: 'sv' }), 'capabilities');
    const rowSelector = '[data-testid="capability-heatmap"] tbody tr:not([data-heading])';
    const first = page.locator(rowSelector).first();
    const card = await cardOf(page, rowSelector);
    expect(card[0]).toMatch(/^1\.1 /);
    expect(card[1]).toMatch(/^Vikt \d(,\d)?$/);
    const map = (await (await fetch(`${app.url}/api/tab/groups/${mapGroup.id}/capabilities`)).json()) as CapabilityMapView;
    // Every organisation with its level (number, abbreviation and name) or "no answer".
    expect(card.slice(2)).toHaveLength(map.organisations.length);
    for (const [i, o] of map.organisations.entries()) {
      expect(card[2 + i]!.startsWith(`${o} `)).toBe(true);
      expect(card[2 + i]!.slice(o.length + 1)).toMatch(/^([1-5] ?(Obef\.|Underm\.|Grund\.|God|Ledande) \S.* \([1-5]\)|– Inget svar)$/);
    }
    const box = (await first.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(320);
  });

  it('keeps the tables on a wide screen', async () => {
    await resize(1400);
    await openTab(page, tabUrl(app.url, '', { group: steering.id, lang: 'sv' }), 'risks');
    await expect(page.getByTestId('risk-table').evaluate((t) => getComputedStyle(t).display)).resolves.toBe('table');
  });
});

describe('the heat map’s filter in the side panel', () => {
  for (const width of [320, 420]) {
    it(`brings the filtered register into view at ${width} px, moves focus to what it shows, and announces the count`, async () => {
      await resize(width);
      await openTab(page, tabUrl(app.url, '', { group: steering.id, lang: 'sv' }), 'risks');
      // The card's start is on the screen (a card may be taller than the window).
      const inView = (code = 'R4') => page.locator(`tr[data-risk="${code}"]`).evaluate((el) => {
        const b = el.getBoundingClientRect();
        return b.top >= 0 && b.top + Math.min(b.height, 80) <= window.innerHeight;
      });
      await expect(inView()).resolves.toBe(false);
      await page.getByRole('button', { name: 'S5 K4: 1 risk, R 20 · Kritisk', exact: true }).click();
      await eventually(async () => expect(await inView()).toBe(true));
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Visar risker med S5 och K4.');
      await expect(page.getByTestId('risk-count').textContent()).resolves.toBe('1 av 5 risker visas');
      await expect(page.getByTestId('risk-count').getAttribute('role')).resolves.toBe('status');
      // By keyboard too: back to the map, another cell, Enter.
      await page.getByRole('button', { name: 'Visa alla rutor' }).click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator('button[data-cell="S4K3"]').focus();
      await page.keyboard.press('Enter');
      await eventually(async () => expect(await inView('R2')).toBe(true));
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Visar risker med S4 och K3.');
    });
  }
});

describe('a risk reads the same everywhere', () => {
  it('its page is titled with its threat, as the register shows it', async () => {
    await resize(1400);
    const r4 = register.risks[0]!;
    await openTab(page, tabUrl(app.url, `risks/${r4.id}`, { group: steering.id, lang: 'sv' }), 'risk');
    await expect(page.locator('h1').textContent()).resolves.toBe(`R4 · ${r4.threat}`);
  });

  it('its history says which fields changed, from what to what, in Swedish and English', async () => {
    const r4 = register.risks.find((r) => r.code === 'R4')!;
    const r1 = register.risks.find((r) => r.code === 'R1')!;
    const history = (p: Page) => p.getByTestId('history-table').locator('tbody tr td:last-child').allTextContents();
    await openTab(page, tabUrl(app.url, `risks/${r4.id}`, { group: steering.id, lang: 'sv' }), 'risk');
    // Raised with S 5 and K 4; the demo's follow-up changed no value (only a note).
    expect(await history(page)).toEqual(['Registrerad: S 5, K 4, Status Öppen', 'Uppföljd: S, K och status oförändrade']);
    await openTab(page, tabUrl(app.url, `risks/${r1.id}`, { group: steering.id, lang: 'en' }), 'risk');
    expect((await history(page)).at(-1)).toBe('Changed: Status Open → Handled');

    // A chat's risk moved into a group's register gets the next number there; its history says so.
    const store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
    let moved: string;
    let groupId: string;
    try {
      const repos = createRepositories(store);
      const at = new Date().toISOString();
      const sara = { id: '29:e2e-sara', aadObjectId: 'e2e-sara', name: 'Sara Herrman' };
      const group = await repos.groups.create({ tenantId: DEMO_TENANT, name: 'Omnumrering', kind: 'council', conversationId: '19:e2e-renumber@thread.v2', rules: DEFAULT_CHARTER_RULES, createdBy: sara, createdAt: at }, []);
      groupId = group.id;
      const risk = { threat: 'Gruppens egen risk', actionNeeded: false, probability: 2 as const, impact: 2 as const };
      await repos.risks.raise({ tenantId: DEMO_TENANT, registerId: await repos.risks.ensureGroupRegister(DEMO_TENANT, group.id), risk, raisedBy: sara, raisedAt: at, sourceKey: 'e2e-renumber-own' });
      const chatRegister = await repos.risks.ensureConversationRegister(DEMO_TENANT, '19:e2e-renumber-chat@thread.v2');
      const raised = await repos.risks.raise({ tenantId: DEMO_TENANT, registerId: chatRegister, risk: { ...risk, threat: 'Chattens risk' }, raisedBy: sara, raisedAt: at, sourceKey: 'e2e-renumber-chat' });
      moved = raised.value.id;
      const later = new Date(Date.now() + 60_000).toISOString();
      await repos.risks.moveConversationRisksToGroup(DEMO_TENANT, '19:e2e-renumber-chat@thread.v2', group.id, { actor: sara, at: later });
    } finally {
      await store.close();
    }
    await openTab(page, tabUrl(app.url, `risks/${moved}`, { group: groupId, lang: 'sv' }), 'risk');
    expect((await history(page)).at(-1)).toBe('Omnumrerad: R1 → R2');
    await openTab(page, tabUrl(app.url, `risks/${moved}`, { group: groupId, lang: 'en' }), 'risk');
    expect((await history(page)).at(-1)).toBe('Renumbered: R1 → R2');
  });
});
