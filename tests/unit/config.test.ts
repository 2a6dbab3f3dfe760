/** Configuration: precedence of the sources, defaults, and start-up errors that name the key. */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { ConfigError, describeConfig, loadConfig } from '../../src/config';

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-config-'));
  fs.mkdirSync(path.join(root, 'env'));
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const writeEnv = (name: string, text: string) => fs.writeFileSync(path.join(root, 'env', name), text);
/** Local mode unless the test says otherwise (with BOT_ID it is off whatever LOCAL_MODE says). */
const load = (env: Record<string, string> = {}) => loadConfig({ env: { LOCAL_MODE: 'on', ...env }, rootDir: root });
const loadAsIs = (env: Record<string, string> = {}) => loadConfig({ env, rootDir: root });

const errorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

it('with LOCAL_MODE=on: local mode, port 3978 and the SQLite file in ./data', () => {
  const c = load();
  expect(c).toMatchObject({ env: 'local', port: 3978, publicBaseUrl: 'http://localhost:3978', localMode: true, logLevel: 'info' });
  expect(c.store).toEqual({ kind: 'sqlite', file: path.join(root, 'data', 'radslag.db') });
});

it('reads the process environment first, then env/.env.local.user, then env/.env.local', () => {
  writeEnv('.env.local', 'PORT=4000\nLOG_LEVEL=debug\nPUBLIC_BASE_URL=http://from-file.example\n');
  writeEnv('.env.local.user', 'PORT=4001\nSECRET_LINK_SIGNING_KEY=from-user-file-from-user-file-0001\n');
  const c = load({ PORT: '4002' });
  expect(c.port).toBe(4002);
  expect(c.logLevel).toBe('debug');
  expect(c.publicBaseUrl).toBe('http://from-file.example');
  expect(c.linkSigningKey).toBe('from-user-file-from-user-file-0001');
  expect(load().port).toBe(4001);
});

it('reads the files of the environment TEAMSFX_ENV names', () => {
  writeEnv('.env.dev', 'PORT=5000\nBOT_ID=2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10\nBOT_TENANT_ID=t\n');
  writeEnv('.env.dev.user', 'SECRET_BOT_PASSWORD=s\n');
  expect(load({ TEAMSFX_ENV: 'dev' }).port).toBe(5000);
});

it('understands sqlite: and postgres:// database URLs', () => {
  expect(load({ DATABASE_URL: 'sqlite:data/other.db' }).store).toEqual({ kind: 'sqlite', file: path.join(root, 'data/other.db') });
  expect(load({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).store).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test', poolSize: 10, statementTimeoutMs: 5000 });
  expect(load({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', DATABASE_POOL_SIZE: '25', DATABASE_STATEMENT_TIMEOUT_MS: '2000' }).store).toMatchObject({ poolSize: 25, statementTimeoutMs: 2000 });
  expect(() => load({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
});

it.each([
  ['PORT', { PORT: 'eighty' }],
  ['PORT', { PORT: '70000' }],
  ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
  ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ['BOT_TYPE', { BOT_TYPE: 'Personal' }],
  ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'not a url' }],
  ['SECRET_BOT_PASSWORD', { BOT_ID: '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10', BOT_TENANT_ID: 't' }],
  ['BOT_TENANT_ID', { BOT_ID: '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10', SECRET_BOT_PASSWORD: 's' }],
  ['BOT_LOGIN_URL', { BOT_OPENID_METADATA_URL: 'https://127.0.0.1:1/metadata' }],
])('stops with a message naming %s when it is wrong', (key, env) => {
  const e = errorOf(() => load(env));
  expect(e.key).toBe(key);
  expect(e.message).toContain(`Configuration key ${key}`);
});

it('never shows a secret in an error or in the start-up description', () => {
  const linkKey = 'link-key-link-key-link-key-link-key-0001';
  const c = load({ BOT_ID: '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10', SECRET_BOT_PASSWORD: 'hunter2', BOT_TENANT_ID: 't', DATABASE_URL: 'postgres://app:pw123@db:5432/radslag', SECRET_LINK_SIGNING_KEY: linkKey });
  const described = JSON.stringify(describeConfig(c));
  expect(described).not.toContain('hunter2');
  expect(described).not.toContain('pw123');
  expect(described).not.toContain(linkKey);
  expect(c.localMode).toBe(false);
  const short = errorOf(() => load({ SECRET_LINK_SIGNING_KEY: 'too-short-secret' }));
  expect(short.message).not.toContain('too-short-secret');
});

describe('the link signing key', () => {
  const server = { BOT_ID: '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10', SECRET_BOT_PASSWORD: 's', BOT_TENANT_ID: 't' };

  it('is required with PostgreSQL outside local mode, where instances must share it', () => {
    const e = errorOf(() => load({ ...server, DATABASE_URL: 'postgres://app@db:5432/radslag' }));
    expect(e.key).toBe('SECRET_LINK_SIGNING_KEY');
    expect(e.message).toContain('is required with PostgreSQL outside local mode');
    expect(load({ ...server, DATABASE_URL: 'postgres://app@db:5432/radslag', SECRET_LINK_SIGNING_KEY: 'k'.repeat(32) }).linkSigningKey).toBe('k'.repeat(32));
  });

  it('may be left out with SQLite, or with PostgreSQL in local mode (it is generated into the data folder then)', () => {
    expect(load(server).linkSigningKey).toBeUndefined();
    expect(load({ DATABASE_URL: 'postgres://app@127.0.0.1:5432/radslag' }).linkSigningKey).toBeUndefined();
  });

  it('is at least 32 characters', () => {
    expect(errorOf(() => load({ SECRET_LINK_SIGNING_KEY: 'k'.repeat(31) })).key).toBe('SECRET_LINK_SIGNING_KEY');
  });
});

describe('the Graph timeout', () => {
  const graph = { AAD_APP_CLIENT_ID: 'client', SECRET_AAD_APP_CLIENT_SECRET: 'secret', AAD_APP_TENANT_ID: 'tenant' };

  it('is 15 s per try unless GRAPH_TIMEOUT_SECONDS says otherwise', () => {
    expect(load(graph).graph?.timeoutMs).toBe(15_000);
    expect(load({ ...graph, GRAPH_TIMEOUT_SECONDS: '2.5' }).graph?.timeoutMs).toBe(2500);
  });

  it('must be between 1 and 300 seconds', () => {
    expect(errorOf(() => load({ ...graph, GRAPH_TIMEOUT_SECONDS: '0' })).key).toBe('GRAPH_TIMEOUT_SECONDS');
    expect(errorOf(() => load({ ...graph, GRAPH_TIMEOUT_SECONDS: 'soon' })).key).toBe('GRAPH_TIMEOUT_SECONDS');
  });
});

describe('the tab’s sign-in (Entra SSO)', () => {
  const clientId = '7d3b9c1e-4a5f-4e2b-9c8d-1f2e3a4b5c6d';
  const tenantId = '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00';

  it('is local mode until AAD_APP_CLIENT_ID and AAD_APP_TENANT_ID are set, and serves the tab from dist/tab', () => {
    const c = load();
    expect(c.tabAuth).toBeUndefined();
    expect(c.tabDistDir).toBe(path.join(root, 'dist', 'tab'));
    expect(load({ TAB_DIST_DIR: 'build/tab' }).tabDistDir).toBe(path.join(root, 'build', 'tab'));
  });

  it('takes the app registration without a secret (Graph stays off) and derives the App ID URI from the public address', () => {
    const server = { BOT_ID: '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10', SECRET_BOT_PASSWORD: 's', BOT_TENANT_ID: tenantId };
    const c = load({ ...server, AAD_APP_CLIENT_ID: clientId, AAD_APP_TENANT_ID: tenantId, PUBLIC_BASE_URL: 'https://radslag.example.org' });
    expect(c.tabAuth).toEqual({ clientId, tenantId, appIdUri: `api://radslag.example.org/${clientId}`, authorityHost: 'https://login.microsoftonline.com' });
    expect(c.graph).toBeUndefined();
    const given = load({ AAD_APP_CLIENT_ID: clientId, AAD_APP_TENANT_ID: tenantId, AAD_APP_ID_URI: `api://tab.example.org/${clientId}`, AAD_APP_OPENID_METADATA_URL: 'http://127.0.0.1:9/x' });
    expect(given.tabAuth).toMatchObject({ appIdUri: `api://tab.example.org/${clientId}`, metadataUrl: 'http://127.0.0.1:9/x' });
  });

  it('names the key that is missing or wrong', () => {
    expect(errorOf(() => load({ AAD_APP_CLIENT_ID: clientId })).key).toBe('AAD_APP_TENANT_ID');
    expect(errorOf(() => load({ AAD_APP_TENANT_ID: tenantId })).key).toBe('AAD_APP_CLIENT_ID');
    expect(errorOf(() => load({ AAD_APP_ID_URI: 'not a uri' })).message).toContain('AAD_APP_ID_URI: must be the App ID URI');
    expect(errorOf(() => load({ AAD_APP_OPENID_METADATA_URL: 'nope' })).key).toBe('AAD_APP_OPENID_METADATA_URL');
  });
});

describe('local mode', () => {
  const server = { BOT_ID: '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10', SECRET_BOT_PASSWORD: 's', BOT_TENANT_ID: 't' };

  it('is a switch: without BOT_ID and without LOCAL_MODE=on the server does not start, and says which keys', () => {
    const e = errorOf(() => loadAsIs());
    expect(e.key).toBe('BOT_ID');
    expect(e.message).toContain('LOCAL_MODE');
    expect(errorOf(() => loadAsIs({ LOCAL_MODE: 'off' })).key).toBe('BOT_ID');
    expect(loadAsIs({ LOCAL_MODE: 'on' }).localMode).toBe(true);
  });

  it('is off with BOT_ID set, whatever LOCAL_MODE says', () => {
    expect(load({ ...server, LOCAL_MODE: 'on' }).localMode).toBe(false);
    expect(load({ ...server, DEMO_WORKSPACE: 'on' }).demoWorkspace).toBe(false);
  });

  it.each([
    ['SECRET_BOT_PASSWORD', { SECRET_BOT_PASSWORD: 'a-secret' }],
    ['BOT_TENANT_ID', { BOT_TENANT_ID: '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'https://radslag.example.org' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://app@db.internal:5432/radslag' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://app@localhost/radslag?host=db.prod.example.com' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres:///radslag', PGHOST: 'db.prod.example.com' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'HTTPS://radslag.example.org' }],
    ['TEAMSFX_ENV', { TEAMSFX_ENV: 'dev' }],
  ])('is refused next to %s, which says the app faces a real tenant or the internet', (key, env) => {
    const e = errorOf(() => load(env));
    expect(e.key).toBe(key);
    expect(e.message).toContain('local mode');
    // The secret itself is never in the message.
    expect(e.message).not.toContain('a-secret');
  });

  it('allows PostgreSQL on this machine (loopback or a Unix socket) and an http address', () => {
    for (const url of ['postgres://postgres@127.0.0.1:5432/x', 'postgres://postgres@localhost/x', 'postgres://postgres@[::1]:5432/x', 'postgres:///x']) {
      expect(load({ DATABASE_URL: url }).localMode).toBe(true);
    }
    expect(load({ PUBLIC_BASE_URL: 'http://localhost:3978' }).localMode).toBe(true);
  });
});

describe('the test endpoints and the Bot Connector hosts', () => {
  const server = { BOT_ID: '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10', SECRET_BOT_PASSWORD: 's', BOT_TENANT_ID: 't' };

  it('takes BOT_OPENID_METADATA_URL and BOT_LOGIN_URL over https only, and names them for the warning at start', () => {
    const https = { BOT_OPENID_METADATA_URL: 'https://127.0.0.1:9/metadata', BOT_LOGIN_URL: 'https://127.0.0.1:9/t' };
    expect(load({ ...server, ...https }).testEndpoints).toEqual(['BOT_OPENID_METADATA_URL', 'BOT_LOGIN_URL']);
    expect(errorOf(() => load({ ...server, ...https, BOT_OPENID_METADATA_URL: 'http://127.0.0.1:9/metadata' })).key).toBe('BOT_OPENID_METADATA_URL');
    expect(errorOf(() => load({ ...server, ...https, BOT_LOGIN_URL: 'http://127.0.0.1:9/t' })).key).toBe('BOT_LOGIN_URL');
    expect(load(server).testEndpoints).toEqual([]);
  });

  it('sends to Teams’ Bot Connector hosts by default, or to the hosts BOT_SERVICE_URL_HOSTS lists', () => {
    expect(load(server).bot.serviceUrlHosts).toEqual(['smba.trafficmanager.net', 'smba.infra.gcc.teams.microsoft.com', 'smba.infra.gov.teams.microsoft.us', 'smba.infra.dod.teams.microsoft.us']);
    expect(load({ ...server, BOT_SERVICE_URL_HOSTS: 'smba.trafficmanager.net, 127.0.0.1' }).bot.serviceUrlHosts).toEqual(['smba.trafficmanager.net', '127.0.0.1']);
    expect(errorOf(() => load({ ...server, BOT_SERVICE_URL_HOSTS: 'https://evil.example/x' })).key).toBe('BOT_SERVICE_URL_HOSTS');
  });
});

describe('how Graph is signed in to', () => {
  const app = { AAD_APP_CLIENT_ID: '7d3b9c1e-4a5f-4e2b-9c8d-1f2e3a4b5c6d', AAD_APP_TENANT_ID: '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00' };

  it('with a managed identity: no secret, the user-assigned identity’s client id', () => {
    expect(load({ ...app, AAD_APP_CREDENTIAL: 'managedIdentity', MANAGED_IDENTITY_CLIENT_ID: 'mi-client' }).graph).toMatchObject({ managedIdentity: { clientId: 'mi-client' } });
    expect(load({ ...app, AAD_APP_CREDENTIAL: 'managedIdentity' }).graph).toMatchObject({ managedIdentity: {} });
    expect(load({ ...app, AAD_APP_CREDENTIAL: 'managedIdentity' }).graph?.clientSecret).toBeUndefined();
  });

  it('with a certificate: the PEM’s key and the SHA-256 thumbprint, the key never shown', async () => {
    const pems = await generate([{ name: 'commonName', value: 'radslag-graph' }], { keySize: 2048 });
    fs.writeFileSync(path.join(root, 'graph.pem'), `${pems.private}\n${pems.cert}`);
    const c = load({ ...app, AAD_APP_CREDENTIAL: 'certificate', AAD_APP_CERTIFICATE_FILE: 'graph.pem' });
    const thumbprint = new X509Certificate(pems.cert).fingerprint256.replace(/:/g, '').toLowerCase();
    expect(c.graph?.certificate).toEqual({ privateKey: pems.private.trim(), thumbprintSha256: thumbprint });
    expect(JSON.stringify(describeConfig(c))).not.toContain('PRIVATE KEY');
    expect(errorOf(() => load({ ...app, AAD_APP_CREDENTIAL: 'certificate' })).key).toBe('AAD_APP_CERTIFICATE_FILE');
    fs.writeFileSync(path.join(root, 'cert-only.pem'), pems.cert);
    expect(errorOf(() => load({ ...app, AAD_APP_CREDENTIAL: 'certificate', AAD_APP_CERTIFICATE_FILE: 'cert-only.pem' })).message).toContain('both the private key and the certificate');
  });

  it('lets the bot sign in with a certificate instead of a secret (SHA-1 thumbprint, as botbuilder asks)', async () => {
    const pems = await generate([{ name: 'commonName', value: 'radslag-bot' }], { keySize: 2048 });
    fs.writeFileSync(path.join(root, 'bot.pem'), `${pems.private}\n${pems.cert}`);
    const c = load({ BOT_ID: '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10', BOT_TENANT_ID: 't', BOT_CERTIFICATE_FILE: 'bot.pem' });
    expect(c.bot.password).toBeUndefined();
    expect(c.bot.certificate).toEqual({ privateKey: pems.private.trim(), thumbprint: new X509Certificate(pems.cert).fingerprint.replace(/:/g, '').toLowerCase() });
    expect(JSON.stringify(describeConfig(c))).not.toContain('PRIVATE KEY');
  });

  it('stays off without a credential of the chosen kind', () => {
    expect(load(app).graph).toBeUndefined();
    expect(load({ ...app, SECRET_AAD_APP_CLIENT_SECRET: 's' }).graph).toMatchObject({ clientSecret: 's' });
  });
});
