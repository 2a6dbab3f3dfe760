/**
 * The only reader of process.env. Values come from the process environment first, then
 * `env/.env.<TEAMSFX_ENV>.user` (git-ignored, holds SECRET_* values), then `env/.env.<TEAMSFX_ENV>`
 * (committed, safe defaults). Everything is validated once here; a bad value stops start-up
 * with a message that names the key.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional());

const schema = z.object({
  TEAMSFX_ENV: z.string().default('local'),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  PUBLIC_BASE_URL: optionalUrl,
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<file> or postgres://user@host:port/database')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  BOT_ID: optionalText,
  SECRET_BOT_PASSWORD: optionalText,
  BOT_CERTIFICATE_FILE: optionalText,
  BOT_TENANT_ID: optionalText,
  BOT_TYPE: z.preprocess(emptyToUndefined, z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant')),
  BOT_OPENID_METADATA_URL: optionalUrl,
  BOT_LOGIN_URL: optionalUrl,
  BOT_SERVICE_URL_HOSTS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\s*[A-Za-z0-9.:[\]-]+(\s*,\s*[A-Za-z0-9.:[\]-]+)*\s*$/, 'must be host names separated by commas, e.g. smba.trafficmanager.net,127.0.0.1')
      .optional(),
  ),
  LOCAL_MODE: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('off')),
  TEAMS_APP_ID: z.preprocess(emptyToUndefined, z.guid().default('6f3d6a53-6b0e-4a43-9c0f-2a9a1c1e7a01')),
  TEAMS_APP_CATALOG_ID: optionalText,
  APP_NAME_SUFFIX: z.preprocess(emptyToUndefined, z.string().default('')),
  MEETING_ROLE_CACHE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(3600).default(60)),
  JOB_POLL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(86_400).default(30)),
  AAD_APP_CLIENT_ID: optionalText,
  SECRET_AAD_APP_CLIENT_SECRET: optionalText,
  AAD_APP_TENANT_ID: optionalText,
  AAD_APP_OAUTH_AUTHORITY_HOST: z.preprocess(emptyToUndefined, z.url().default('https://login.microsoftonline.com')),
  AAD_APP_CREDENTIAL: z.preprocess(emptyToUndefined, z.enum(['secret', 'certificate', 'managedIdentity']).default('secret')),
  AAD_APP_CERTIFICATE_FILE: optionalText,
  MANAGED_IDENTITY_CLIENT_ID: optionalText,
  AAD_APP_ID_URI: z.preprocess(emptyToUndefined, z.string().trim().regex(/^(api|https?):\/\/\S+$/, 'must be the App ID URI, e.g. api://<host>/<client id>').optional()),
  AAD_APP_OPENID_METADATA_URL: optionalUrl,
  TAB_DIST_DIR: optionalText,
  GRAPH_BASE_URL: z.preprocess(emptyToUndefined, z.url().default('https://graph.microsoft.com/v1.0')),
  GRAPH_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(1).max(300).default(15)),
  SECRET_LINK_SIGNING_KEY: z.preprocess(emptyToUndefined, z.string().trim().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional()),
  ATTENDANCE_RETRY_MINUTES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\s*\d{1,5}(\s*,\s*\d{1,5}){0,9}\s*$/, 'must be minutes after the end, comma separated, e.g. 15,120,1440')
      .default('15,120,1440'),
  ),
  ATTENDANCE_MINIMUM_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(600).default(5)),
  DEMO_WORKSPACE: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('off')),
});

/** Every key the app reads from its environment. */
export const CONFIG_KEYS: readonly string[] = Object.keys(schema.shape);

export type StoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface BotConfig {
  /** BOT_CERTIFICATE_FILE: the bot signs in with a certificate instead of a secret (SHA-1 thumbprint, as botbuilder wants). */
  certificate?: { privateKey: string; thumbprint: string };
  /** Empty in local mode: activities are accepted without a token (never expose this to the internet). */
  appId?: string;
  password?: string;
  tenantId?: string;
  type: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  /** Test-only overrides that point botbuilder at local fake endpoints (https only). */
  openIdMetadataUrl?: string;
  loginUrl?: string;
  /**
   * The hosts an activity's serviceUrl may name: where the bot sends its replies and its Bot Connector token.
   * Loopback hosts are allowed over http only when listed, or in local mode.
   */
  serviceUrlHosts: string[];
}

/** Teams' Bot Connector: the public cloud, GCC, GCC High and DoD. */
export const TEAMS_SERVICE_URL_HOSTS = ['smba.trafficmanager.net', 'smba.infra.gcc.teams.microsoft.com', 'smba.infra.gov.teams.microsoft.us', 'smba.infra.dod.teams.microsoft.us'];

/** 127.0.0.0/8, ::1 and localhost: the machine itself. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Microsoft Graph, app-only: through the app registration with a client secret (local use) or a certificate,
 * or through the managed identity the app runs as in Azure (no secret at all).
 */
export interface GraphConfig {
  clientId: string;
  /** AAD_APP_CREDENTIAL=secret (the default). */
  clientSecret?: string;
  /** AAD_APP_CREDENTIAL=certificate: the PEM's private key and the certificate's SHA-256 thumbprint (hex). */
  certificate?: { privateKey: string; thumbprintSha256: string };
  /** AAD_APP_CREDENTIAL=managedIdentity: the user-assigned identity's client id (none: the system-assigned one). */
  managedIdentity?: { clientId?: string };
  tenantId: string;
  /** e.g. https://login.microsoftonline.com — the authority is `{host}/{tenantId}`. */
  authorityHost: string;
  /** e.g. https://graph.microsoft.com/v1.0 */
  baseUrl: string;
  /** How long one try of a Graph request may go without an answer (GRAPH_TIMEOUT_SECONDS); 15 s when not given. */
  timeoutMs?: number;
}

export interface AppConfig {
  env: string;
  rootDir: string;
  port: number;
  publicBaseUrl: string;
  store: StoreConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bot: BotConfig;
  /** LOCAL_MODE=on with no BOT_ID: activities are accepted without a token (never on the internet). */
  localMode: boolean;
  /** Which test-only endpoints are configured (logged at warn at start). */
  testEndpoints: string[];
  teamsAppId: string;
  /** The app's id in the organisation's app catalog; looked up by the manifest id when not given. */
  teamsAppCatalogId?: string;
  appNameSuffix: string;
  meetingRoleCacheSeconds: number;
  /** How often due jobs (reminders) are looked for. */
  jobPollSeconds: number;
  /** Undefined when Graph is not configured: scheduling then stores meetings without creating Teams events. */
  graph?: GraphConfig;
  /** The host tenant (AAD_APP_TENANT_ID, else BOT_TENANT_ID). */
  hostTenantId?: string;
  /** Signs personal links; when not set, generated once and kept in the data folder (required with PostgreSQL outside local mode). */
  linkSigningKey?: string;
  /** Minutes after a meeting's end when its attendance reports are imported. */
  attendanceRetryMinutes: number[];
  /** Time in the meeting that counts as present. */
  attendanceMinimumMinutes: number;
  /** Load the demo workspace into an empty store at start (local mode only). */
  demoWorkspace: boolean;
  /** Validation of the tab's Teams SSO tokens; undefined (tab local mode) unless AAD_APP_CLIENT_ID and AAD_APP_TENANT_ID are set. */
  tabAuth?: TabAuthConfig;
  /** The built tab (Vite's output), served at /tab/. */
  tabDistDir: string;
}

export interface TabAuthConfig {
  clientId: string;
  tenantId: string;
  /** The `webApplicationInfo.resource`, the audience of v1 tokens. */
  appIdUri?: string;
  authorityHost: string;
  /** Tests only: where the OpenID metadata is, instead of `{authorityHost}/{tenantId}/v2.0/.well-known/openid-configuration`. */
  metadataUrl?: string;
}

export class ConfigError extends Error {
  constructor(readonly key: string, problem: string) {
    super(`Configuration key ${key}: ${problem}`);
    this.name = 'ConfigError';
  }
}

function readEnvFile(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  return dotenv.parse(fs.readFileSync(file));
}

export interface LoadConfigOptions {
  /** The process environment, or another map in tests. */
  env?: NodeJS.ProcessEnv;
  /**
   * `server` (the default) holds local mode to its rules; a `tool` (the member import, the packager) answers
   * no activity, so an empty BOT_ID is simply local mode for it.
   */
  role?: 'server' | 'tool';
  /** Folder that holds env/ and data/; the project root by default. */
  rootDir?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const env = options.env ?? process.env;
  const rootDir = options.rootDir ?? path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
  const envName = env.TEAMSFX_ENV?.trim() || 'local';
  const merged: Record<string, string | undefined> = {
    ...readEnvFile(path.join(rootDir, 'env', `.env.${envName}`)),
    ...readEnvFile(path.join(rootDir, 'env', `.env.${envName}.user`)),
  };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) merged[k] = v;

  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '?');
    throw new ConfigError(key, `${issue.message} (got ${JSON.stringify(key.startsWith('SECRET_') ? '***' : merged[key])})`);
  }
  const c = parsed.data;
  if (c.BOT_ID && !c.SECRET_BOT_PASSWORD && !c.BOT_CERTIFICATE_FILE && c.BOT_TYPE !== 'UserAssignedMSI') {
    throw new ConfigError('SECRET_BOT_PASSWORD', 'is required when BOT_ID is set (put it in env/.env.<env>.user), unless BOT_CERTIFICATE_FILE names a certificate or BOT_TYPE is UserAssignedMSI');
  }
  const botCertificate = c.BOT_CERTIFICATE_FILE ? readCertificate('BOT_CERTIFICATE_FILE', c.BOT_CERTIFICATE_FILE, rootDir) : undefined;
  if (c.BOT_ID && c.BOT_TYPE === 'SingleTenant' && !c.BOT_TENANT_ID) {
    throw new ConfigError('BOT_TENANT_ID', 'is required for a SingleTenant bot');
  }
  if (Boolean(c.BOT_OPENID_METADATA_URL) !== Boolean(c.BOT_LOGIN_URL)) {
    throw new ConfigError(c.BOT_LOGIN_URL ? 'BOT_OPENID_METADATA_URL' : 'BOT_LOGIN_URL', 'BOT_OPENID_METADATA_URL and BOT_LOGIN_URL are set together or not at all');
  }
  // The bot's test endpoints receive its key look-ups and its credentials: never over plain http.
  const testEndpoints = (['BOT_OPENID_METADATA_URL', 'BOT_LOGIN_URL', 'AAD_APP_OPENID_METADATA_URL'] as const).filter((key) => c[key]);
  for (const key of ['BOT_OPENID_METADATA_URL', 'BOT_LOGIN_URL'] as const) {
    if (c[key] && !c[key].startsWith('https://')) throw new ConfigError(key, `is for tests only and must be an https URL (got ${JSON.stringify(c[key])})`);
  }
  const localMode = options.role === 'tool' ? !c.BOT_ID : checkLocalMode(c, merged);

  // The app registration: its id and tenant validate the tab's SSO tokens; with its secret too, Graph is used.
  const graphKeys = [c.AAD_APP_CLIENT_ID, c.SECRET_AAD_APP_CLIENT_SECRET, c.AAD_APP_TENANT_ID];
  if (graphKeys.some(Boolean) && !(c.AAD_APP_CLIENT_ID && c.AAD_APP_TENANT_ID)) {
    throw new ConfigError(c.AAD_APP_CLIENT_ID ? 'AAD_APP_TENANT_ID' : 'AAD_APP_CLIENT_ID', 'AAD_APP_CLIENT_ID and AAD_APP_TENANT_ID are set together (the tab\'s sign-in needs both; Graph needs SECRET_AAD_APP_CLIENT_SECRET as well)');
  }

  const graphCredential = graphCredentialOf(c, rootDir);

  let store: StoreConfig;
  if (!c.DATABASE_URL) store = { kind: 'sqlite', file: path.join(rootDir, 'data', 'radslag.db') };
  else if (c.DATABASE_URL.startsWith('sqlite:')) {
    const file = c.DATABASE_URL.slice('sqlite:'.length);
    store = { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(rootDir, file) };
  } else store = { kind: 'postgres', url: c.DATABASE_URL };
  if (store.kind === 'postgres' && c.BOT_ID && !c.SECRET_LINK_SIGNING_KEY) {
    // A generated key lives in one machine's data folder: instances sharing a database must share the key.
    throw new ConfigError('SECRET_LINK_SIGNING_KEY', 'is required with PostgreSQL outside local mode, so that every instance signs and checks personal links with the same key (e.g. openssl rand -base64 32, in env/.env.<env>.user)');
  }

  return {
    env: envName,
    rootDir,
    port: c.PORT,
    publicBaseUrl: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    store,
    logLevel: c.LOG_LEVEL,
    bot: {
      appId: c.BOT_ID,
      password: c.SECRET_BOT_PASSWORD,
      tenantId: c.BOT_TENANT_ID,
      type: c.BOT_TYPE,
      openIdMetadataUrl: c.BOT_OPENID_METADATA_URL,
      loginUrl: c.BOT_LOGIN_URL,
      ...(botCertificate ? { certificate: { privateKey: botCertificate.privateKey, thumbprint: botCertificate.thumbprintSha1 } } : {}),
      serviceUrlHosts: c.BOT_SERVICE_URL_HOSTS ? c.BOT_SERVICE_URL_HOSTS.split(',').map((h) => h.trim().toLowerCase()) : TEAMS_SERVICE_URL_HOSTS,
    },
    localMode,
    testEndpoints,
    teamsAppId: c.TEAMS_APP_ID,
    ...(c.TEAMS_APP_CATALOG_ID ? { teamsAppCatalogId: c.TEAMS_APP_CATALOG_ID } : {}),
    appNameSuffix: c.APP_NAME_SUFFIX,
    meetingRoleCacheSeconds: c.MEETING_ROLE_CACHE_SECONDS,
    jobPollSeconds: c.JOB_POLL_SECONDS,
    graph:
      c.AAD_APP_CLIENT_ID && c.AAD_APP_TENANT_ID && graphCredential
        ? {
            clientId: c.AAD_APP_CLIENT_ID,
            ...graphCredential,
            tenantId: c.AAD_APP_TENANT_ID,
            authorityHost: c.AAD_APP_OAUTH_AUTHORITY_HOST.replace(/\/$/, ''),
            baseUrl: c.GRAPH_BASE_URL.replace(/\/$/, ''),
            timeoutMs: Math.round(c.GRAPH_TIMEOUT_SECONDS * 1000),
          }
        : undefined,
    hostTenantId: c.AAD_APP_TENANT_ID ?? c.BOT_TENANT_ID,
    linkSigningKey: c.SECRET_LINK_SIGNING_KEY,
    demoWorkspace: c.DEMO_WORKSPACE === 'on' && localMode,
    attendanceRetryMinutes: c.ATTENDANCE_RETRY_MINUTES.split(',').map((m) => Number(m.trim())),
    attendanceMinimumMinutes: c.ATTENDANCE_MINIMUM_MINUTES,
    tabAuth:
      c.AAD_APP_CLIENT_ID && c.AAD_APP_TENANT_ID
        ? {
            clientId: c.AAD_APP_CLIENT_ID,
            tenantId: c.AAD_APP_TENANT_ID,
            // Teams Toolkit's convention when not given: api://<public host>/<client id>.
            appIdUri: c.AAD_APP_ID_URI ?? `api://${new URL(c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).host}/${c.AAD_APP_CLIENT_ID}`,
            authorityHost: c.AAD_APP_OAUTH_AUTHORITY_HOST.replace(/\/$/, ''),
            ...(c.AAD_APP_OPENID_METADATA_URL ? { metadataUrl: c.AAD_APP_OPENID_METADATA_URL } : {}),
          }
        : undefined,
    tabDistDir: c.TAB_DIST_DIR ? path.resolve(rootDir, c.TAB_DIST_DIR) : path.join(rootDir, 'dist', 'tab'),
  };
}

type Parsed = z.infer<typeof schema>;

/** A PEM file with a private key and its certificate: the key and the certificate's thumbprints (hex). */
function readCertificate(key: string, file: string, rootDir: string): { privateKey: string; thumbprintSha1: string; thumbprintSha256: string } {
  let pem: string;
  try {
    pem = fs.readFileSync(path.resolve(rootDir, file), 'utf8');
  } catch (e) {
    throw new ConfigError(key, `cannot be read (${(e as Error).message})`);
  }
  const privateKey = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!privateKey || !certificate) throw new ConfigError(key, 'must hold both the private key and the certificate (PEM)');
  const x509 = new X509Certificate(certificate);
  const hex = (fingerprint: string) => fingerprint.replace(/:/g, '').toLowerCase();
  return { privateKey, thumbprintSha1: hex(x509.fingerprint), thumbprintSha256: hex(x509.fingerprint256) };
}

/** How Rådslag signs in to Graph; undefined when the chosen way is not configured (Graph stays off). */
function graphCredentialOf(c: Parsed, rootDir: string): Pick<GraphConfig, 'clientSecret' | 'certificate' | 'managedIdentity'> | undefined {
  if (c.AAD_APP_CREDENTIAL === 'managedIdentity') return { managedIdentity: c.MANAGED_IDENTITY_CLIENT_ID ? { clientId: c.MANAGED_IDENTITY_CLIENT_ID } : {} };
  if (c.AAD_APP_CREDENTIAL === 'certificate') {
    if (!c.AAD_APP_CERTIFICATE_FILE) throw new ConfigError('AAD_APP_CERTIFICATE_FILE', 'is required with AAD_APP_CREDENTIAL=certificate (a PEM file with the private key and the certificate)');
    const cert = readCertificate('AAD_APP_CERTIFICATE_FILE', c.AAD_APP_CERTIFICATE_FILE, rootDir);
    return { certificate: { privateKey: cert.privateKey, thumbprintSha256: cert.thumbprintSha256 } };
  }
  return c.SECRET_AAD_APP_CLIENT_SECRET ? { clientSecret: c.SECRET_AAD_APP_CLIENT_SECRET } : undefined;
}

/**
 * Local mode is asked for (LOCAL_MODE=on), never implied by a missing BOT_ID, and only where nothing says
 * the app faces a real tenant or the internet. With BOT_ID set every activity is authenticated.
 */
function checkLocalMode(c: Parsed, env: Record<string, string | undefined>): boolean {
  if (c.BOT_ID) return false;
  if (c.LOCAL_MODE !== 'on') {
    throw new ConfigError('BOT_ID', 'is empty and LOCAL_MODE is not "on": set BOT_ID (with SECRET_BOT_PASSWORD and BOT_TENANT_ID) to authenticate activities, or LOCAL_MODE=on to run unauthenticated on this machine only');
  }
  const refuse = (key: string, why: string) => {
    throw new ConfigError(key, `${why}, which local mode (LOCAL_MODE=on, no BOT_ID) does not allow: set BOT_ID to authenticate activities, or remove ${key}`);
  };
  if (c.SECRET_BOT_PASSWORD) refuse('SECRET_BOT_PASSWORD', 'is set');
  if (c.BOT_TENANT_ID) refuse('BOT_TENANT_ID', 'is set');
  if (c.PUBLIC_BASE_URL && new URL(c.PUBLIC_BASE_URL).protocol === 'https:') refuse('PUBLIC_BASE_URL', 'is an https address (the app faces the internet)');
  if (c.TEAMSFX_ENV !== 'local') refuse('TEAMSFX_ENV', `is "${c.TEAMSFX_ENV}", not "local"`);
  if (c.DATABASE_URL && /^postgres(ql)?:/.test(c.DATABASE_URL)) {
    // pg takes the host from a ?host= parameter (which wins), the authority, or PGHOST; a path is a Unix socket here.
    let hosts: string[];
    try {
      const url = new URL(c.DATABASE_URL);
      hosts = (url.searchParams.get('host') ?? (url.hostname || (env.PGHOST ?? ''))).split(',').map((h) => h.trim());
    } catch {
      hosts = ['?'];
    }
    const remote = hosts.find((h) => h !== '' && !h.startsWith('/') && !isLoopbackHost(h));
    if (remote !== undefined) refuse('DATABASE_URL', `names the PostgreSQL host ${JSON.stringify(remote)}, not this machine`);
  }
  return true;
}

/** Secrets masked, for the start-up log line. */
export function describeConfig(c: AppConfig): Record<string, unknown> {
  return {
    env: c.env,
    port: c.port,
    publicBaseUrl: c.publicBaseUrl,
    store: c.store.kind === 'sqlite' ? c.store : { kind: 'postgres', url: c.store.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') },
    bot: { ...c.bot, password: c.bot.password ? '***' : undefined, ...(c.bot.certificate ? { certificate: { thumbprint: c.bot.certificate.thumbprint, privateKey: '***' } } : {}) },
    graph: c.graph
      ? { ...c.graph, ...(c.graph.clientSecret ? { clientSecret: '***' } : {}), ...(c.graph.certificate ? { certificate: { thumbprintSha256: c.graph.certificate.thumbprintSha256, privateKey: '***' } } : {}) }
      : 'not configured',
    linkSigningKey: c.linkSigningKey ? '***' : undefined,
    localMode: c.localMode,
    tab: { auth: c.tabAuth ?? 'local mode (no token needed; the demo workspace is read)', distDir: c.tabDistDir },
  };
}
