/**
 * The only reader of process.env. Values come from the process environment first, then
 * `env/.env.<TEAMSFX_ENV>.user` (git-ignored, holds SECRET_* values), then `env/.env.<TEAMSFX_ENV>`
 * (committed, safe defaults). Everything is validated once here; a bad value stops start-up
 * with a message that names the key. The keys and their parsing are in config-schema.ts, the checks that
 * span keys in config-checks.ts, the resulting shapes in config-types.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { checkLocalMode, graphCredentialOf, readCertificate } from './config-checks';
import { ConfigError, TEAMS_SERVICE_URL_HOSTS, configSchema } from './config-schema';
import type { AppConfig, StoreConfig } from './config-types';

export { isLoopbackHost } from './config-checks';
export { CONFIG_KEYS, ConfigError, TEAMS_SERVICE_URL_HOSTS } from './config-schema';
export type { AppConfig, BotConfig, GraphConfig, StoreConfig, TabAuthConfig } from './config-types';

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

  const parsed = configSchema.safeParse(merged);
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
  } else store = { kind: 'postgres', url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE, statementTimeoutMs: c.DATABASE_STATEMENT_TIMEOUT_MS };
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
    retention: { attendanceRawDays: c.RETENTION_ATTENDANCE_RAW_DAYS, answersDays: c.RETENTION_ANSWERS_DAYS },
    transcriptRetryMinutes: c.TRANSCRIPT_RETRY_MINUTES.split(',').map((m) => Number(m.trim())),
    transcriptRetentionDays: c.TRANSCRIPT_RETENTION_DAYS,
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

/** Secrets masked, for the start-up log line. */
export function describeConfig(c: AppConfig): Record<string, unknown> {
  return {
    env: c.env,
    port: c.port,
    publicBaseUrl: c.publicBaseUrl,
    store: c.store.kind === 'sqlite' ? c.store : { ...c.store, url: c.store.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') },
    bot: { ...c.bot, password: c.bot.password ? '***' : undefined, ...(c.bot.certificate ? { certificate: { thumbprint: c.bot.certificate.thumbprint, privateKey: '***' } } : {}) },
    graph: c.graph
      ? { ...c.graph, ...(c.graph.clientSecret ? { clientSecret: '***' } : {}), ...(c.graph.certificate ? { certificate: { thumbprintSha256: c.graph.certificate.thumbprintSha256, privateKey: '***' } } : {}) }
      : 'not configured',
    linkSigningKey: c.linkSigningKey ? '***' : undefined,
    localMode: c.localMode,
    tab: { auth: c.tabAuth ?? 'local mode (no token needed; the demo workspace is read)', distDir: c.tabDistDir },
  };
}
