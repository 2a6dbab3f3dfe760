/**
 * The tab's budgets, in Debian's headless Chromium against the real server: time from navigation to an
 * interactive register of 1,000 risks, and to a drawn capability heat map of 55 capabilities × 14
 * organisations (the page's own `radslag:ready:<page>` performance mark, median of 5 loads); and the
 * JavaScript a first visit to the register runs, gzipped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../src/config';
import { DEFAULT_CHARTER_RULES } from '../src/domain/charter';
import { DEMO_TENANT } from '../src/demo/seed-demo';
import { createRepositories, openStore } from '../src/store';

const ROOT = path.resolve(__dirname, '..');

/**
 * The gzipped size of the scripts a first visit runs before the page is ready: every .js the browser
 * loaded (the entry, the shell it loads right away, the page's chunk), whatever the chunking.
 */
export function initialJsGzipBytes(scripts: string[], distDir = path.join(ROOT, 'dist', 'tab')): { bytes: number; files: string[] } {
  const files = [...new Set(scripts.map((s) => new URL(s, 'http://x').pathname).filter((p) => p.startsWith('/tab/') && p.endsWith('.js')))].sort();
  const bytes = files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(distDir, f.replace(/^\/tab\//, '')))).length, 0);
  return { bytes, files };
}

/** A group in the local-mode tenant with 1,000 risks and a 55 × 14 capability map, stored before the app starts. */
export async function seedLargeWorkspace(databaseUrl: string): Promise<string> {
  const store = await openStore(loadConfig({ env: { DATABASE_URL: databaseUrl } }).store);
  try {
    const repos = createRepositories(store);
    const at = new Date().toISOString();
    const sara = { id: '29:bench-sara', aadObjectId: 'bench-sara', name: 'Sara Herrman' };
    const organisations = Array.from({ length: 14 }, (_, i) => `Kommun ${String(i + 1).padStart(2, '0')}`);
    const group = await repos.groups.create(
      { tenantId: DEMO_TENANT, name: 'Benchrådet', kind: 'council', conversationId: '19:bench-tab@thread.v2', rules: DEFAULT_CHARTER_RULES, createdBy: sara, createdAt: at },
      organisations.map((organisation, i) => ({ tenantId: DEMO_TENANT, groupId: '', person: { id: `29:p${i}`, aadObjectId: `p${i}`, name: `Representant ${i + 1}` }, organisation, role: i === 0 ? 'chair' : 'member', from: '2026-01-01' })),
    );
    const registerId = await repos.risks.ensureGroupRegister(DEMO_TENANT, group.id);
    for (let i = 0; i < 1000; i++) {
      await repos.risks.raise({
        tenantId: DEMO_TENANT,
        registerId,
        risk: {
          threat: `Hot ${i + 1}: förändrade förutsättningar för samverkan`,
          vulnerability: `Sårbarhet ${i + 1}`,
          consequence: `Konsekvens ${i + 1}`,
          probability: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5,
          impact: ((Math.floor(i / 5) % 5) + 1) as 1 | 2 | 3 | 4 | 5,
          actionNeeded: i % 2 === 0,
          action: `Åtgärd ${i + 1}`,
        },
        raisedBy: sara,
        raisedAt: at,
        sourceKey: `bench-risk-${i}`,
      });
    }
    const imported = await repos.capabilities.importCapabilities({
      tenantId: DEMO_TENANT,
      groupId: group.id,
      requestId: 'bench-import',
      vision: 'Målbild 2030',
      organisations,
      capabilities: Array.from({ length: 55 }, (_, i) => ({ code: `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`, area: `Område ${Math.floor(i / 5) + 1}`, name: `Förmåga ${i + 1}` })),
      at,
    });
    if (!imported.created) throw new Error('the capabilities were not imported');
    const { capabilities } = await repos.capabilities.map(DEMO_TENANT, group.id);
    for (const [o, organisation] of organisations.entries()) {
      await repos.capabilities.saveAssessments({
        tenantId: DEMO_TENANT,
        groupId: group.id,
        organisation,
        answers: capabilities.map((c, i) => ({ capabilityId: c.id, maturity: (((i + o) % 5) + 1) as 1 | 2 | 3 | 4 | 5, importance: (((i * 3 + o) % 5) + 1) as 1 | 2 | 3 | 4 | 5 })),
        by: { id: `29:p${o}`, name: `Representant ${o + 1}` },
        at,
        via: 'tab',
      });
    }
    return group.id;
  } finally {
    await store.close();
  }
}

/** Debian's Chromium, as the e2e tests use it (never a downloaded browser). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Waits for the page's `radslag:ready:<name>` mark without polling the page: a locator's wait runs
 * Playwright's selector engine in the page on every animation frame, on the main thread being measured.
 * Given as a string so that the bundler's helpers do not leak into the page.
 */
async function readyMark(page: Page, pageName: string, timeoutMs = 30_000): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const name = ${JSON.stringify(`radslag:ready:${pageName}`)};
    const timer = setTimeout(() => reject(new Error(name + ' was not marked within ${timeoutMs} ms')), ${timeoutMs});
    new PerformanceObserver((list, observer) => {
      const mark = list.getEntriesByName(name)[0];
      if (mark) { observer.disconnect(); clearTimeout(timer); resolve(mark.startTime); }
    }).observe({ type: 'mark', buffered: true });
  })`);
}

/** A page to time: its address and the name its ready mark carries. */
export interface TabTarget {
  url: string;
  pageName: string;
}

/**
 * Median time (ms) from navigation to each target's ready mark, over `runs` first visits (a fresh browser
 * context each: nothing cached), and the scripts the browser loaded for it. The targets take turns within
 * every run, so that the machine's drift over the minutes this takes weighs on all of them alike.
 */
export async function timeToReady(targets: TabTarget[], runs = 5): Promise<Array<{ ms: number; scripts: string[] }>> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const times = targets.map((): number[] => []);
    const scripts = targets.map((): string[] => []);
    for (let run = 0; run <= runs; run++) {
      for (const [i, target] of targets.entries()) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'sv-SE' });
        const page = await context.newPage();
        await page.goto(target.url, { waitUntil: 'commit' });
        const ms = await readyMark(page, target.pageName);
        // The mark is set by the page once it is drawn with its data; check it says so in the DOM too.
        if ((await page.locator(`[data-page="${target.pageName}"][data-ready="true"]`).count()) !== 1) throw new Error(`${target.url}: marked ready but not drawn as ready`);
        if (run > 0) times[i]!.push(ms); // the first round warms the servers
        scripts[i] = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((name) => name.endsWith('.js')));
        await context.close();
      }
    }
    return targets.map((_, i) => {
      const sorted = [...times[i]!].sort((a, b) => a - b);
      return { ms: sorted[Math.floor(sorted.length / 2)]!, scripts: scripts[i]! };
    });
  } finally {
    await browser.close();
  }
}

/**
 * The floor the tab stands on, for scale: bench/tab-floor (React DOM, a FluentProvider, a heading and one
 * Button, marked ready after its first render), built with Vite into `outDir` and served from there.
 * Its time says how fast this machine runs the tab's stack at all.
 */
export async function serveFloorPage(outDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', path.join(ROOT, 'bench', 'tab-floor', 'vite.config.ts'), '--outDir', outDir], { cwd: ROOT, stdio: 'inherit' });
  const server = http.createServer((req, res) => {
    const file = path.join(outDir, path.normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+$/, 'index.html'));
    if (!file.startsWith(outDir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
