/**
 * The app as its own process with Microsoft Graph: HTTPS fakes of Entra ID and Graph (trusted through
 * NODE_EXTRA_CA_CERTS, which Node reads only at start-up), the fake Bot Connector, and a fresh database.
 * Set up before a file's tests, torn down after; `restart` kills the app the hard way and starts it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FakeBotConnector } from '../fakes/bot-connector';
import { FakeEntraAuthority } from '../fakes/entra-authority';
import { FakeGraph } from '../fakes/graph-server';
import { createTestTls, type TestTls } from '../fakes/test-tls';
import { loadConfig } from '../../src/config';
import { people, TENANT } from './activities';
import { spawnApp, type SpawnedApp } from './spawned-app';
import { createTestDatabase, type TestDatabase } from './test-database';

export const GRAPH_CLIENT_ID = '5e0c2a71-2d4b-4f7e-9b1a-3c8d6e2f4a10';
export const GRAPH_CLIENT_SECRET = 'fake~secret.value_for-tests';

/**
 * The application permissions the README's administrator section tells an admin to grant, read from its
 * table: the harness grants exactly these, so a feature that needs another one fails its test.
 */
export function readmeGraphPermissions(): string[] {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = /## The administrator's part \(Microsoft Graph\)([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  const found = [...section.matchAll(/^\s*\| `([A-Za-z]+(?:\.[A-Za-z]+)+)` \|/gm)].map((m) => m[1]!);
  if (found.length === 0) throw new Error("README: no permission table under \"The administrator's part (Microsoft Graph)\"");
  return found;
}

/** The app's id in the fake organisation's catalog (not its manifest id, as in a real tenant). */
export const CATALOG_ID = 'c8a7b6d5-0000-4000-8000-0000000ca7a1';

/** The resource-specific permissions appPackage/manifest.json asks for. */
export function manifestRsc(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'appPackage', 'manifest.json'), 'utf8')) as { authorization?: { permissions?: { resourceSpecific?: Array<{ name: string }> } } };
  return (manifest.authorization?.permissions?.resourceSpecific ?? []).map((p) => p.name);
}

export interface GraphHarness {
  tls: TestTls;
  authority: FakeEntraAuthority;
  graph: FakeGraph;
  teams: FakeBotConnector;
  serviceUrl: string;
  db: TestDatabase;
  app: SpawnedApp;
  /** SIGKILL, then a new process on the same database. */
  restart(): Promise<void>;
}

/** `extraEnv` may be a function, read when the app starts (for values known only once other fakes run). */
/** `roles`: the application permissions the app registration has (default: those the README lists). */
export function useGraphApp(extraEnv: Record<string, string> | (() => Record<string, string>) = {}, options: { roles?: string[] } = {}): GraphHarness {
  const h = {} as GraphHarness;
  const env = () => ({
    DATABASE_URL: h.db.url,
    NODE_EXTRA_CA_CERTS: h.tls.caFile,
    AAD_APP_CLIENT_ID: GRAPH_CLIENT_ID,
    SECRET_AAD_APP_CLIENT_SECRET: GRAPH_CLIENT_SECRET,
    AAD_APP_TENANT_ID: TENANT,
    AAD_APP_OAUTH_AUTHORITY_HOST: h.authority.host,
    GRAPH_BASE_URL: h.graph.baseUrl,
    ...(typeof extraEnv === 'function' ? extraEnv() : extraEnv),
  });
  h.restart = async () => {
    await h.app.kill('SIGKILL');
    h.app = await spawnApp(env());
  };
  beforeAll(async () => {
    h.tls = await createTestTls();
    h.authority = new FakeEntraAuthority(h.tls).addClient({ tenantId: TENANT, clientId: GRAPH_CLIENT_ID, clientSecret: GRAPH_CLIENT_SECRET, roles: options.roles ?? readmeGraphPermissions() });
    await h.authority.start();
    h.graph = new FakeGraph(h.tls, h.authority).addUsers(...Object.values(people));
    // The app, published to the organisation's catalog: a catalog id of its own, the manifest's id and RSC.
    h.graph.catalog.set(CATALOG_ID, { externalId: loadConfig({ role: 'tool' }).teamsAppId, rsc: manifestRsc() });
    await h.graph.start();
    h.teams = new FakeBotConnector();
    h.serviceUrl = await h.teams.start();
    h.db = await createTestDatabase();
    h.app = await spawnApp(env());
  }, 60_000);
  afterAll(async () => {
    await h.app?.kill('SIGTERM');
    await h.teams?.stop();
    await h.graph?.stop();
    await h.authority?.stop();
    await h.db?.drop();
    h.tls?.remove();
  });
  return h;
}
