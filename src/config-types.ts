/** The configuration as the app uses it, once loaded and checked (see loadConfig in config.ts). */

/**
 * PostgreSQL: `poolSize` connections per instance (DATABASE_POOL_SIZE, 10); `statementTimeoutMs` bounds a
 * statement, a connection attempt and the wait for a free connection (DATABASE_STATEMENT_TIMEOUT_MS, 5000).
 */
export type StoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize?: number; statementTimeoutMs?: number };

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
  /** Days after the minutes' approval that raw attendance records, and check-in answers and excuse notes, are kept. */
  retention: { attendanceRawDays: number | 'never'; answersDays: number | 'never' };
  /** Minutes after a meeting's end when its transcripts are fetched. */
  transcriptRetryMinutes: number[];
  /** Days after the minutes' approval when the meeting's transcripts are deleted. */
  transcriptRetentionDays: number;
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
