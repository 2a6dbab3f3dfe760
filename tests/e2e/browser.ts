/**
 * The browser side of the tab's end-to-end tests: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), pages opened until they say they are ready, screenshots, and axe-core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export type Theme = 'light' | 'dark' | 'contrast';
export type Lang = 'sv' | 'en';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** A browser context as a Teams tab is about the size of; `token` is sent as Teams' SSO token would be. */
export async function newContext(browser: Browser, o: { token?: string; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: o.locale ?? 'sv-SE',
    ...(o.token ? { extraHTTPHeaders: { authorization: `Bearer ${o.token}` } } : {}),
  });
}

/** Every uncaught error and console error of a page, for a test to assert there were none. */
export function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export function tabUrl(base: string, route: string, query: Record<string, string | undefined> = {}): string {
  const u = new URL(`/tab/${route.replace(/^\//, '')}`, base);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

/** Opens a page of the tab and waits until it is drawn and interactive (its root says data-ready="true"). */
export async function openTab(page: Page, url: string, pageName: string): Promise<void> {
  await page.goto(url);
  try {
    await page.locator(`[data-page="${pageName}"][data-ready="true"]`).waitFor({ timeout: 15_000 });
  } catch (e) {
    // Say what the page shows instead (an error message, a spinner, another page).
    const shown = await page.locator('main').innerText().catch(() => '(no main element)');
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname)).catch(() => []);
    throw new Error(`${url}: page "${pageName}" not ready within 15 s; it shows: ${shown.slice(0, 500)}; loaded: ${loaded.join(', ')}`, { cause: e });
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/**
 * axe-core over the whole page (WCAG 2.0/2.1 A and AA and best practices); the serious and critical findings.
 * The tab's Content-Security-Policy allows only its own scripts, so axe is served from the tab's origin
 * (a route of this browser context) rather than inlined: the page runs under its real CSP.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    const url = new URL('/__e2e__/axe.min.js', page.url()).toString();
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: fs.readFileSync(AXE, 'utf8') }));
    await page.addScriptTag({ url });
  }
  const { violations, passes } = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return {
      passes: result.passes.length,
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })),
    };
  });
  // An empty list must mean "checked and found nothing", not "checked nothing".
  if (passes < 10) throw new Error(`axe-core passed only ${passes} rules on ${page.url()}: did the page render?`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
