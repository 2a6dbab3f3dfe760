/**
 * The tab without Entra (local mode: the demo workspace, read without a token) and the built tab served
 * at /tab/ with its Content-Security-Policy, from a fixture folder (TAB_DIST_DIR) so the test does not
 * depend on a Vite build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningApp } from '../../../src/main';
import type { MeView, RiskDetailView, RiskRegisterView } from '../../../src/contract/tab-api';
import { startTestApp } from '../../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-tab-dist-'));
let db: TestDatabase;
let app: RunningApp;

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><head><script type="module" src="/tab/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>');
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("tab");');
  fs.writeFileSync(path.join(dist, '.secret'), 'not for the web');
  db = await createTestDatabase();
  app = await startTestApp(db.url, { DEMO_WORKSPACE: 'on', TAB_DIST_DIR: dist });
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
  fs.rmSync(dist, { recursive: true, force: true });
});

const get = async (p: string, headers: Record<string, string> = {}, target: Pick<RunningApp, 'url'> = app) => {
  const res = await fetch(`${target.url}${p}`, { headers, redirect: 'manual' });
  const text = await res.text();
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
};

describe('local mode (no AAD_APP_CLIENT_ID / AAD_APP_TENANT_ID)', () => {
  it('lets a request without a token read the demo workspace as a reader', async () => {
    const me = (await get('/api/tab/me')).body as unknown as MeView;
    expect(me.mode).toBe('local');
    expect(me.tenantId).toBe('9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00');
    expect(me.groups.length).toBeGreaterThanOrEqual(3);
    expect(me.groups.every((g) => !g.canEdit && g.role === undefined)).toBe(true);

    // The demo register (seed 001): R1–R5, R4 = 20 on top.
    let register: RiskRegisterView | undefined;
    for (const g of me.groups) {
      const view = (await get(`/api/tab/groups/${g.id}/risks`)).body as unknown as RiskRegisterView;
      if (view.risks.length > 0) register = view;
    }
    expect(register).toBeDefined();
    expect(register!.canEdit).toBe(false);
    expect(register!.risks.map((r) => r.code).sort()).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
    expect(register!.risks[0]).toMatchObject({ code: 'R4', probability: 5, impact: 4, score: 20, band: 'critical' });
    // The tab opens on the group that keeps the register.
    expect(me.defaultGroupId).toBe(register!.group.id);
    const r4 = (await get(`/api/tab/groups/${register!.group.id}/risks/${register!.risks[0]!.id}`)).body as unknown as RiskDetailView;
    expect(r4.risk.code).toBe('R4');
    // Its follow-up at the steering group's meeting (seed 001), as a review.
    expect(r4.reviews).toEqual([
      expect.objectContaining({ meetingTitle: 'Digital motor Fyrbodal – taktisk styrgrupp', probability: 5, impact: 4, score: 20, status: 'open', reviewedAt: '2020-11-27T10:30:00.000Z' }),
    ]);
    expect(r4.reviews[0]!.note).toContain('E-rådets möte den 17 december');
    expect(register!.risks.find((r) => r.code === 'R1')).toMatchObject({ status: 'handled', lastReviewedAt: '2020-11-27T10:30:00.000Z' });

    // A reader may not review, and nothing is stored.
    const post = await fetch(`${app.url}/api/tab/groups/${register!.group.id}/risks/${register!.risks[0]!.id}/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestId: crypto.randomUUID(), probability: 1 }),
    });
    expect(post.status).toBe(403);
    const after = (await get(`/api/tab/groups/${register!.group.id}/risks/${register!.risks[0]!.id}`)).body as unknown as RiskDetailView;
    expect(after.reviews).toEqual(r4.reviews);
    expect(after.risk.probability).toBe(5);
  });

  it('validates a token that is presented: it cannot, so it refuses (401)', async () => {
    const res = await get('/api/tab/me', { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ4In0.c2ln' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'Unauthorized' });
    expect(String(res.body?.message)).toContain('local mode');
  });

  it('answers in Swedish when asked', async () => {
    const res = await get('/api/tab/groups/no-such-group/risks?lang=sv');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'GROUP.NOT_FOUND', message: 'Gruppen finns inte.' });
  });
});

describe('the built tab at /tab/', () => {
  const expectSecurityHeaders = (headers: Headers) => {
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain(
      "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com https://outlook.office.com https://*.microsoft365.com https://*.skype.com",
    );
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
  };

  it('serves index.html for /tab/ and for any route of the app, never cached', async () => {
    for (const p of ['/tab/', '/tab/config', '/tab/groups/abc/risks?theme=dark&lang=sv', '/tab/index.html']) {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('<div id="root"></div>');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expectSecurityHeaders(res.headers);
    }
  });

  it('redirects /tab to /tab/, keeping the query', async () => {
    const res = await get('/tab?theme=dark');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/tab/?theme=dark');
  });

  it('serves hashed assets with a long cache, and 404 for a missing asset, a dot-file or a path outside the folder', async () => {
    const js = await get('/tab/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.text).toBe('console.log("tab");');
    expectSecurityHeaders(js.headers);
    for (const p of ['/tab/assets/missing-000.js', '/tab/.secret', '/tab/..%2f..%2fpackage.json', '/tab/%2e%2e/%2e%2e/package.json', '/tab/main.js']) {
      const res = await get(p);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('not for the web');
      expect(res.text).not.toContain('"name": "radslag"');
    }
  });

  it('answers 503 with how to build it when the tab has not been built', async () => {
    const db2 = await createTestDatabase();
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-tab-none-'));
    const app2 = await startTestApp(db2.url, { TAB_DIST_DIR: empty });
    try {
      const res = await get('/tab/', {}, app2);
      expect(res.status).toBe(503);
      expect(res.text).toContain('npm run build');
      expectSecurityHeaders(res.headers);
    } finally {
      await app2.stop();
      await db2.drop();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
