/**
 * The keys the app reads from its environment, their defaults and how each is parsed. A bad value is a
 * ConfigError that names its key.
 */
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional());

/** Days after the minutes' approval that raw personal data is kept; `never` keeps it (no decision to cull). */
const retentionDays = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .regex(/^(never|\d{1,5})$/, 'must be a number of days (0 or more) or never')
    .default('365')
    .transform((v): number | 'never' => (v === 'never' ? 'never' : Number(v))),
);

export const configSchema = z.object({
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
  DATABASE_POOL_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(10)),
  DATABASE_STATEMENT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(600_000).default(5000)),
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
  RETENTION_ATTENDANCE_RAW_DAYS: retentionDays,
  RETENTION_ANSWERS_DAYS: retentionDays,
  TRANSCRIPT_RETRY_MINUTES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\s*\d{1,5}(\s*,\s*\d{1,5}){0,9}\s*$/, 'must be minutes after the end, comma separated, e.g. 15,120,1440')
      .default('15,120,1440'),
  ),
  TRANSCRIPT_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(3650).default(30)),
  DEMO_WORKSPACE: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('off')),
});

/** The values once parsed, defaults filled in. */
export type ParsedConfig = z.infer<typeof configSchema>;

/** Every key the app reads from its environment. */
export const CONFIG_KEYS: readonly string[] = Object.keys(configSchema.shape);

/** Teams' Bot Connector: the public cloud, GCC, GCC High and DoD. */
export const TEAMS_SERVICE_URL_HOSTS = ['smba.trafficmanager.net', 'smba.infra.gcc.teams.microsoft.com', 'smba.infra.gov.teams.microsoft.us', 'smba.infra.dod.teams.microsoft.us'];

export class ConfigError extends Error {
  constructor(readonly key: string, problem: string) {
    super(`Configuration key ${key}: ${problem}`);
    this.name = 'ConfigError';
  }
}
