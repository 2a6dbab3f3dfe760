/**
 * Validates the tab's Teams SSO tokens (Entra ID access tokens for our app) with `jose`: the signature
 * against the keys the OpenID metadata names (`jwks_uri`), the audience (the App ID URI for v1 tokens, the
 * client id for v2 tokens), the issuer of the token's own tenant (v2 login host or v1 sts.windows.net), and
 * the lifetime. A valid token from another tenant is told apart (403) from an invalid one (401). Anything
 * that goes wrong while checking — the metadata or key set unreachable included — refuses (fail closed).
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';

export interface EntraTokenConfig {
  /** AAD_APP_CLIENT_ID: the audience of v2 tokens. */
  clientId: string;
  /** AAD_APP_TENANT_ID: the host tenant; tokens of other tenants are refused with 403. */
  tenantId: string;
  /** AAD_APP_ID_URI (`api://<host>/<client id>`): the audience of v1 tokens. */
  appIdUri?: string;
  /** AAD_APP_OAUTH_AUTHORITY_HOST, e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** AAD_APP_OPENID_METADATA_URL (tests only); default `{host}/{tenant}/v2.0/.well-known/openid-configuration`. */
  metadataUrl?: string;
}

/** Who a valid token names. */
export interface TokenIdentity {
  tenantId: string;
  /** Entra object id (`oid`). */
  objectId: string;
  name: string;
}

export type TokenCheck =
  | { ok: true; identity: TokenIdentity }
  | { ok: false; status: 401 | 403; code: 'Unauthorized' | 'Forbidden'; message: string; reason: string };

interface Metadata {
  issuer: string;
  jwks: ReturnType<typeof createRemoteJWKSet>;
}

/** How long the OpenID metadata is kept: Entra rotates keys every few weeks; the key set refreshes itself on an unknown kid. */
const METADATA_TTL_MS = 24 * 60 * 60 * 1000;
const FETCH_TIMEOUT_MS = 5000;
/** Skew allowed between Entra's clock and ours when checking exp/nbf. */
const CLOCK_TOLERANCE_SECONDS = 120;

const refuse = (reason: string, message = 'The sign-in token is missing, invalid or expired. Open the tab again in Teams to get a new one.'): TokenCheck => ({
  ok: false,
  status: 401,
  code: 'Unauthorized',
  message,
  reason,
});

export class EntraTokenValidator {
  private metadata?: { value: Promise<Metadata>; until: number };
  private readonly host: string;

  constructor(private readonly config: EntraTokenConfig) {
    this.host = config.authorityHost.replace(/\/$/, '');
  }

  get metadataUrl(): string {
    return this.config.metadataUrl ?? `${this.host}/${this.config.tenantId}/v2.0/.well-known/openid-configuration`;
  }

  async validate(token: string): Promise<TokenCheck> {
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return refuse('not a compact JWS');
    let metadata: Metadata;
    try {
      metadata = await this.loadMetadata();
    } catch (e) {
      return refuse(`OpenID metadata unavailable: ${e instanceof Error ? e.message : String(e)}`, 'The sign-in keys of Microsoft Entra ID could not be fetched, so the token cannot be checked. Try again in a minute.');
    }
    const audience = [this.config.clientId, ...(this.config.appIdUri ? [this.config.appIdUri] : [])];
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, metadata.jwks, { audience, algorithms: ['RS256'], clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['exp', 'iss', 'aud'] }));
    } catch (e) {
      return refuse(describeJoseError(e));
    }
    const tid = typeof payload.tid === 'string' ? payload.tid : undefined;
    const oid = typeof payload.oid === 'string' ? payload.oid : undefined;
    // A user's delegated token carries the scopes granted (scp); an app-only token has none and names no person.
    if (!tid || !oid || typeof payload.scp !== 'string' || payload.idtyp === 'app') return refuse('not a delegated user token (no tid, oid or scp)');
    // Entra signs every tenant's tokens with the same keys: the issuer must be that of the token's own tenant.
    if (!this.issuersFor(tid, metadata.issuer).includes(String(payload.iss))) return refuse(`issuer ${String(payload.iss)} is not Entra's for tenant ${tid}`);
    if (tid.toLowerCase() !== this.config.tenantId.toLowerCase()) {
      return {
        ok: false,
        status: 403,
        code: 'Forbidden',
        message: 'This Rådslag serves one organisation, and your account belongs to another. Ask the organisation that runs it to invite you as a guest.',
        reason: `tenant ${tid} is not the host tenant`,
      };
    }
    const name = [payload.name, payload.preferred_username, payload.upn].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? oid;
    return { ok: true, identity: { tenantId: tid, objectId: oid, name: name.trim() } };
  }

  /** v2 (login host), v1 (sts.windows.net) and the metadata's own issuer, each for the token's tenant. */
  private issuersFor(tid: string, metadataIssuer: string): string[] {
    const own = metadataIssuer.replace('{tenantid}', tid).split(this.config.tenantId).join(tid);
    return [`${this.host}/${tid}/v2.0`, `https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`, own];
  }

  /** The metadata is cached; a failed fetch is not, so the next request tries again. */
  private loadMetadata(): Promise<Metadata> {
    const now = Date.now();
    if (this.metadata && this.metadata.until > now) return this.metadata.value;
    const value = this.fetchMetadata();
    this.metadata = { value, until: now + METADATA_TTL_MS };
    value.catch(() => {
      if (this.metadata?.value === value) this.metadata = undefined;
    });
    return value;
  }

  private async fetchMetadata(): Promise<Metadata> {
    const res = await fetch(this.metadataUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${this.metadataUrl}`);
    const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (typeof doc.issuer !== 'string' || typeof doc.jwks_uri !== 'string') throw new Error('the metadata has no issuer or jwks_uri');
    const jwksUrl = new URL(doc.jwks_uri);
    if (jwksUrl.protocol !== 'https:' && !this.config.metadataUrl) throw new Error('jwks_uri is not https');
    return {
      issuer: doc.issuer,
      jwks: createRemoteJWKSet(jwksUrl, { timeoutDuration: FETCH_TIMEOUT_MS, cooldownDuration: 30_000, cacheMaxAge: METADATA_TTL_MS }),
    };
  }
}

function describeJoseError(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed) return `claim ${e.claim} refused (${e.reason})`;
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad signature';
  if (e instanceof joseErrors.JWKSNoMatchingKey) return 'no key with that kid';
  if (e instanceof joseErrors.JWKSTimeout) return 'key set timed out';
  if (e instanceof joseErrors.JOSEError) return `${e.code}: ${e.message}`;
  return `key set unavailable or token unreadable: ${e instanceof Error ? e.message : String(e)}`;
}
