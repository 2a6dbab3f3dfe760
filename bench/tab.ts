/**
 * The tab's budgets, in Debian's headless Chromium against the real server: time from navigation to an
 * interactive register of 1,000 risks, and to a drawn capability heat map of 55 capabilities × 14
 * organisations (the page's own `radslag:ready:<page>` performance mark, median of 5 loads); and the
 * JavaScript a first visit to the register runs, gzipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
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
 * Median time (ms) from navigation to the page's ready mark, over `runs` first visits (a fresh browser
 * context each: nothing cached); and the scripts the browser loaded for it.
 */
export async function timeToReady(baseUrl: string, route: string, groupId: string, pageName: string, runs = 5): Promise<{ ms: number; scripts: string[] }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const times: number[] = [];
    let scripts: string[] = [];
    for (let run = 0; run <= runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'sv-SE' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/tab/${route}?group=${encodeURIComponent(groupId)}`);
      await page.locator(`[data-page="${pageName}"][data-ready="true"]`).waitFor({ timeout: 30_000 });
      const ms = await page.evaluate((name) => performance.getEntriesByName(`radslag:ready:${name}`)[0]?.startTime ?? Number.NaN, pageName);
      if (run > 0) times.push(ms); // the first load warms the server
      scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((name) => name.endsWith('.js')));
      await context.close();
    }
    times.sort((a, b) => a - b);
    return { ms: times[Math.floor(times.length / 2)]!, scripts };
  } finally {
    await browser.close();
  }
}
