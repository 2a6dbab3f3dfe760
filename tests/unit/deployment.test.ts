/**
 * Deployment as code, checked offline (no Azure, no Bicep compiler here): the toolkit's YAML parses; every
 * ${{…}} the deployment files use is a key the app's configuration knows, one a provision step or the
 * Bicep writes, or a deployment input declared in the env files; the Bicep gives the app every setting it
 * needs, and those settings start the app as a real deployment (authenticated, PostgreSQL, Graph through the
 * managed identity); the Dockerfile runs what npm start runs, on a supported Node LTS, as a non-root user.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_KEYS, loadConfig } from '../../src/config';
import { readmeGraphPermissions } from '../helpers/graph-harness';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const placeholders = (text: string) => [...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);
const envKeys = (file: string) => [...read(file).matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]!);

type Step = { uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };
type Project = { version: string; provision: Step[]; deploy?: Step[]; publish?: Step[] };
const project = (file: string) => parse(read(file)) as Project;

/** What the provision steps and the Bicep write into the environment. */
function written(p: Project): Set<string> {
  const keys = new Set<string>();
  for (const step of [...p.provision, ...(p.deploy ?? []), ...(p.publish ?? [])]) {
    for (const key of Object.values(step.writeToEnvironmentFile ?? {})) keys.add(key);
    if (step.uses === 'arm/deploy') for (const m of read('infra/azure.bicep').matchAll(/^output ([A-Z0-9_]+) /gm)) keys.add(m[1]!);
  }
  return keys;
}

/** The app settings the Bicep gives the App Service, as name → value expression. */
function appSettings(): Map<string, string> {
  const bicep = read('infra/azure.bicep');
  return new Map([...bicep.matchAll(/\{ name: '([A-Z0-9_]+)', value: (.+?) \}$/gm)].map((m) => [m[1]!, m[2]!]));
}

it.each(['m365agents.yml', 'm365agents.local.yml'])('%s parses, and every ${{…}} in it is known', (file) => {
  const p = project(file);
  expect(p.version).toMatch(/^v1\.\d+$/);
  expect(p.provision.length).toBeGreaterThan(3);
  const env = file === 'm365agents.yml' ? 'env/.env.dev' : 'env/.env.local';
  const known = new Set([...CONFIG_KEYS, ...written(p), ...envKeys(env)]);
  const used = placeholders(read(file));
  expect(used.length).toBeGreaterThan(5);
  expect(used.filter((k) => !known.has(k))).toEqual([]);
});

it('uses in aad.manifest.json and the Bicep parameters only keys that are known', () => {
  const p = project('m365agents.yml');
  const known = new Set([...CONFIG_KEYS, ...written(p), ...envKeys('env/.env.dev'), ...envKeys('env/.env.local')]);
  for (const file of ['aad.manifest.json', 'infra/azure.parameters.json']) {
    const text = read(file);
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect({ file, unknown: placeholders(text).filter((k) => !known.has(k)) }).toEqual({ file, unknown: [] });
  }
});

it('gives every parameter the Bicep declares without a default a value in its parameters file, and names no other', () => {
  const bicep = read('infra/azure.bicep');
  const declared = [...bicep.matchAll(/^param (\w+) (\w+)( = .+)?$/gm)].map((m) => ({ name: m[1]!, required: !m[3] }));
  const given = Object.keys((JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, unknown> }).parameters);
  expect(given.filter((g) => !declared.some((d) => d.name === g))).toEqual([]);
  expect(declared.filter((d) => d.required && !given.includes(d.name)).map((d) => d.name)).toEqual([]);
});

it('sets only settings the app reads (and the platform’s port), and every one a deployment needs', () => {
  const settings = appSettings();
  expect([...settings.keys()].filter((k) => !CONFIG_KEYS.includes(k) && k !== 'WEBSITES_PORT')).toEqual([]);
  for (const needed of ['BOT_ID', 'BOT_TYPE', 'BOT_TENANT_ID', 'DATABASE_URL', 'PUBLIC_BASE_URL', 'SECRET_LINK_SIGNING_KEY', 'TEAMS_APP_ID', 'AAD_APP_CLIENT_ID', 'AAD_APP_TENANT_ID', 'AAD_APP_CREDENTIAL', 'MANAGED_IDENTITY_CLIENT_ID', 'LOCAL_MODE', 'TEAMSFX_ENV', 'PORT']) {
    expect({ needed, set: settings.has(needed) }).toEqual({ needed, set: true });
  }
  // No secret is a plain value: they come from Key Vault.
  for (const [name, value] of settings) if (name.startsWith('SECRET_') || name === 'DATABASE_URL') expect(value).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=/);
});

it('starts the app as a deployment with the Bicep’s settings: authenticated, on PostgreSQL, Graph by the managed identity', () => {
  // Each setting with a value of its kind where Azure fills it in.
  const stand: Record<string, string> = {
    'identity.properties.clientId': '7e3f1a2b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
    'identity.properties.tenantId': '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00',
    teamsAppId: '6f3d6a53-6b0e-4a43-9c0f-2a9a1c1e7a01',
    teamsAppCatalogId: 'c8a7b6d5-0000-4000-8000-0000000ca7a1',
    aadAppClientId: '7d3b9c1e-4a5f-4e2b-9c8d-1f2e3a4b5c6d',
    aadAppTenantId: '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00',
    aadAppIdUri: 'api://radslagdev.azurewebsites.net/7d3b9c1e-4a5f-4e2b-9c8d-1f2e3a4b5c6d',
  };
  const env: Record<string, string> = {};
  for (const [name, expression] of appSettings()) {
    if (name === 'DATABASE_URL') env[name] = 'postgres://radslag:pw@radslagdev-pg.postgres.database.azure.com:5432/radslag?sslmode=require';
    else if (name === 'SECRET_LINK_SIGNING_KEY') env[name] = 'k'.repeat(44);
    else if (expression.startsWith("'")) env[name] = expression.slice(1, -1).replace('${resourceBaseName}', 'radslagdev');
    else env[name] = stand[expression] ?? '';
    expect({ name, value: env[name] }).not.toEqual({ name, value: '' });
  }
  const c = loadConfig({ env, rootDir: fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-deploy-')) });
  expect(c.localMode).toBe(false);
  expect(c.bot).toMatchObject({ appId: stand['identity.properties.clientId'], type: 'UserAssignedMSI' });
  expect(c.store.kind).toBe('postgres');
  expect(c.graph).toMatchObject({ managedIdentity: { clientId: stand['identity.properties.clientId'] } });
  expect(c.graph?.clientSecret).toBeUndefined();
  expect(c.publicBaseUrl).toBe('https://radslagdev.azurewebsites.net');
});

it('asks for the Graph permissions the README lists, as application permissions of the Entra app', () => {
  const aad = JSON.parse(read('aad.manifest.json')) as { requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }>; oauth2Permissions: Array<{ value: string }>; preAuthorizedApplications: Array<{ appId: string }> };
  const graph = aad.requiredResourceAccess.find((r) => r.resourceAppId === 'Microsoft Graph')!;
  expect(graph.resourceAccess.map((a) => a.id).sort()).toEqual(readmeGraphPermissions().sort());
  expect(graph.resourceAccess.every((a) => a.type === 'Role')).toBe(true);
  expect(aad.oauth2Permissions.map((p) => p.value)).toEqual(['access_as_user']);
  // Teams' desktop and mobile clients and Teams on the web may ask for the token without a prompt.
  expect(aad.preAuthorizedApplications.map((a) => a.appId)).toEqual(expect.arrayContaining(['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346']));
});

it('builds a container that runs what npm start runs, on a supported Node LTS, as a non-root user, with a health check', () => {
  const dockerfile = read('Dockerfile');
  const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;
  // npm start builds, then runs node: the image has the build, so it runs the node part.
  const node = /(?:^|&& )(node .+)$/.exec(start)![1]!.split(/\s+/);
  const cmd = JSON.parse(/^CMD (\[.+\])$/m.exec(dockerfile)![1]!) as string[];
  expect(cmd).toEqual(node);
  const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]!).filter((b) => b.startsWith('node:'));
  expect(bases.length).toBeGreaterThan(0);
  for (const base of bases) expect(Number(/^node:(\d+)/.exec(base)![1])).toBeGreaterThanOrEqual(22);
  expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toMatch(/^HEALTHCHECK .*\/healthz/m);
  // The port the image listens on is the one App Service is told.
  expect(/PORT=(\d+)/.exec(dockerfile)![1]).toBe(/name: 'WEBSITES_PORT', value: '(\d+)'/.exec(read('infra/azure.bicep'))![1]);
  const ignored = read('.dockerignore').split('\n');
  for (const kept of ['node_modules', '.git', 'env/.env.*.user', 'data']) expect(ignored).toContain(kept);
});
