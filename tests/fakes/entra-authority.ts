/**
 * A fake Entra ID (Azure AD) authority over HTTPS, speaking the v2 endpoints' wire format:
 *
 * - `POST /{tenant}/oauth2/v2.0/token`: the client-credentials grant (client secret in the form or as HTTP
 *   Basic). Answers `{ token_type: 'Bearer', expires_in, ext_expires_in, access_token }` or Entra's error
 *   JSON (`invalid_client` AADSTS7000215 for a wrong secret, `unauthorized_client` AADSTS700016 for an
 *   unknown app, …). Access tokens are real RS256 JWTs in the v1 shape Graph receives.
 * - `GET /{tenant}/v2.0/.well-known/openid-configuration` (and the v1 `/{tenant}/.well-known/…`) and the
 *   key set at `/{tenant}/discovery/v2.0/keys`, for tests that validate tokens (tab SSO).
 *
 * Tokens are signed by hand with node:crypto (no `jose` in this project): `signToken(claims)` makes any
 * token a test needs, `verifyToken` is what the fake Graph uses to accept only tokens issued here.
 */
import crypto from 'node:crypto';
import https from 'node:https';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EntraClient {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** App roles (application permissions) granted to the app; they go into the token's `roles` claim. */
  roles?: string[];
}

export interface AuthorityRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The form of a token request, `client_secret` left out. */
  form?: Record<string, string>;
  /** What the fake answered. */
  status: number;
}

export interface TokenFailure {
  status: number;
  error: string;
  description: string;
  /** Seconds for a Retry-After header (Entra sends one with 429 and some 5xx). */
  retryAfterSeconds?: number;
}

export interface Jwk {
  kty: 'RSA';
  use: 'sig';
  alg: 'RS256';
  kid: string;
  n: string;
  e: string;
}

export type TokenCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** The resource of a `…/.default` scope: its token's audience. */
function resourceOfScope(scope: string): string | undefined {
  const first = scope.trim().split(/\s+/)[0] ?? '';
  return first.endsWith('/.default') ? first.slice(0, -'/.default'.length) : undefined;
}

export class FakeEntraAuthority {
  /** Every request, oldest first. */
  readonly requests: AuthorityRequest[] = [];
  /** Access tokens issued, oldest first. */
  readonly issuedTokens: string[] = [];
  readonly kid = `fake-${crypto.randomBytes(6).toString('hex')}`;
  tokenLifetimeSeconds = 3599;
  private readonly keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly clients: EntraClient[] = [];
  private readonly failures: TokenFailure[] = [];
  private server?: https.Server;
  private baseUrl?: string;

  constructor(private readonly tls: { certPem: string; keyPem: string }) {}

  /** Registers an app (service principal) in a tenant; a tenant exists once it has an app. */
  addClient(client: EntraClient): this {
    this.clients.push(client);
    return this;
  }

  /** Starts listening on 127.0.0.1 and returns the authority host, e.g. `https://127.0.0.1:43121`. */
  async start(): Promise<string> {
    this.server = https.createServer({ cert: this.tls.certPem, key: this.tls.keyPem }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The authority host (AAD_APP_OAUTH_AUTHORITY_HOST). */
  get host(): string {
    if (!this.baseUrl) throw new Error('FakeEntraAuthority is not started');
    return this.baseUrl;
  }

  /** `{host}/{tenantId}`: what MSAL calls the authority. */
  authority(tenantId: string): string {
    return `${this.host}/${tenantId}`;
  }

  /** The next `count` token requests fail with `failure` (default: 500 temporarily_unavailable). */
  failNextTokenRequests(count: number, failure: TokenFailure = { status: 500, error: 'temporarily_unavailable', description: 'AADSTS90033: A transient error has occurred. Please try again.' }): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  /** Token requests only (POST …/oauth2/v2.0/token). */
  tokenRequests(): AuthorityRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token'));
  }

  /** The public key as a JWK, as the key set publishes it. */
  get publicJwk(): Jwk {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    return { kty: 'RSA', use: 'sig', alg: 'RS256', kid: this.kid, n: String(jwk.n), e: String(jwk.e) };
  }

  jwks(): { keys: Jwk[] } {
    return { keys: [this.publicJwk] };
  }

  /**
   * A compact RS256 JWS over `claims` with this authority's key. `iat`, `nbf` and `exp` (one hour) are
   * added unless given. `header` overrides header fields (a wrong `kid`, say, to test refusal).
   */
  signToken(claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const fullClaims = { iat: now, nbf: now, exp: now + 3600, ...claims };
    const head = { alg: 'RS256', typ: 'JWT', kid: this.kid, ...header };
    const signingInput = `${base64url(JSON.stringify(head))}.${base64url(JSON.stringify(fullClaims))}`;
    const signature = crypto.sign('RSA-SHA256', Buffer.from(signingInput), this.keys.privateKey);
    return `${signingInput}.${base64url(signature)}`;
  }

  /** Checks signature, kid, lifetime and (if given) audience of a token; what a resource server does. */
  verifyToken(token: string, expected: { audience?: string } = {}): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'not a compact JWS' };
    const [head, body, signature] = parts as [string, string, string];
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Record<string, unknown>;
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch (e) {
      return { ok: false, reason: `header or claims are not JSON: ${String(e)}` };
    }
    if (header.alg !== 'RS256' || header.kid !== this.kid) return { ok: false, reason: `unknown key or algorithm (${String(header.kid)}, ${String(header.alg)})` };
    if (!crypto.verify('RSA-SHA256', Buffer.from(`${head}.${body}`), this.keys.publicKey, Buffer.from(signature, 'base64url'))) {
      return { ok: false, reason: 'bad signature' };
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp < now - 300) return { ok: false, reason: 'expired' };
    if (typeof claims.nbf === 'number' && claims.nbf > now + 300) return { ok: false, reason: 'not yet valid' };
    if (expected.audience !== undefined && claims.aud !== expected.audience) return { ok: false, reason: `audience ${String(claims.aud)}` };
    return { ok: true, claims };
  }

  /** The tenant's OpenID configuration, in the v2 (default) or v1 shape. */
  openIdConfiguration(tenantId: string, version: 'v1' | 'v2' = 'v2'): Record<string, unknown> {
    const authority = this.authority(tenantId);
    const v2 = version === 'v2';
    return {
      token_endpoint: v2 ? `${authority}/oauth2/v2.0/token` : `${authority}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: v2 ? `${authority}/discovery/v2.0/keys` : `${authority}/discovery/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      // Real Entra: v2 tokens are issued by the login host, v1 tokens by sts.windows.net.
      issuer: v2 ? `${authority}/v2.0` : `https://sts.windows.net/${tenantId}/`,
      request_uri_parameter_supported: false,
      authorization_endpoint: v2 ? `${authority}/oauth2/v2.0/authorize` : `${authority}/oauth2/authorize`,
      end_session_endpoint: v2 ? `${authority}/oauth2/v2.0/logout` : `${authority}/oauth2/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'oid', 'name', 'preferred_username', 'ver'],
      tenant_region_scope: 'EU',
    };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', this.host);
    const record: AuthorityRequest = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), headers: req.headers, status: 0 };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(JSON.stringify(body));
    };
    const segments = record.path.split('/').filter(Boolean);
    const tenant = segments[0] ?? '';
    const rest = segments.slice(1).join('/');

    if (record.method === 'POST' && rest === 'oauth2/v2.0/token') return this.token(tenant, req, raw, record, send);
    if (record.method === 'GET') {
      const isKnownTenant = this.tenantExists(tenant) || tenant === 'common' || tenant === 'organizations';
      if (rest === 'v2.0/.well-known/openid-configuration' && isKnownTenant) return send(200, this.openIdConfiguration(tenant, 'v2'));
      if (rest === '.well-known/openid-configuration' && isKnownTenant) return send(200, this.openIdConfiguration(tenant, 'v1'));
      if (['discovery/v2.0/keys', 'discovery/keys', 'v2.0/keys'].includes(rest) || record.path === '/discovery/v2.0/keys' || record.path === '/discovery/keys') {
        return send(200, this.jwks());
      }
      if (rest.endsWith('openid-configuration')) return send(400, this.errorBody('invalid_tenant', 90002, `Tenant '${tenant}' not found.`));
    }
    send(404, { error: 'not_found', error_description: `The fake authority has no ${record.method} ${record.path}` });
  }

  private tenantExists(tenantId: string): boolean {
    return this.clients.some((c) => c.tenantId === tenantId);
  }

  private errorBody(error: string, code: number, text: string): Record<string, unknown> {
    const traceId = crypto.randomUUID();
    return {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${crypto.randomUUID()} Timestamp: ${new Date().toISOString()}`,
      error_codes: [code],
      timestamp: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      trace_id: traceId,
      correlation_id: crypto.randomUUID(),
      error_uri: `${this.host}/error?code=${code}`,
    };
  }

  private token(
    tenant: string,
    req: http.IncomingMessage,
    raw: string,
    record: AuthorityRequest,
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const form = Object.fromEntries(new URLSearchParams(raw));
    let clientId = form.client_id;
    let clientSecret = form.client_secret;
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      clientSecret = decodeURIComponent(secret ?? '');
    }
    const { client_secret: _secret, ...visible } = form;
    record.form = visible;

    const failure = this.failures.shift();
    if (failure) {
      const code = Number(/AADSTS(\d+)/.exec(failure.description)?.[1] ?? 0);
      const body = { ...this.errorBody(failure.error, code, failure.description.replace(/^AADSTS\d+: /, '')) };
      return send(failure.status, body, failure.retryAfterSeconds === undefined ? {} : { 'retry-after': String(failure.retryAfterSeconds) });
    }
    if (!this.tenantExists(tenant)) {
      return send(400, this.errorBody('invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`));
    }
    if (form.grant_type !== 'client_credentials') {
      return send(400, this.errorBody('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${String(form.grant_type)}'.`));
    }
    const client = this.clients.find((c) => c.tenantId === tenant && c.clientId === clientId);
    if (!client) {
      return send(400, this.errorBody('unauthorized_client', 700016, `Application with identifier '${String(clientId)}' was not found in the directory '${tenant}'.`));
    }
    if (!clientSecret) {
      return send(401, this.errorBody('invalid_client', 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type."));
    }
    if (clientSecret !== client.clientSecret) {
      return send(
        401,
        this.errorBody('invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.clientId}'.`),
      );
    }
    const resource = resourceOfScope(form.scope ?? '');
    if (!resource) {
      return send(
        400,
        this.errorBody('invalid_scope', 1002012, `The provided value for scope ${String(form.scope)} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`),
      );
    }
    const now = Math.floor(Date.now() / 1000);
    const accessToken = this.signToken({
      // Graph's tokens are v1 tokens: issued by sts.windows.net, `appid` names the client.
      aud: resource,
      iss: `https://sts.windows.net/${tenant}/`,
      iat: now,
      nbf: now,
      exp: now + this.tokenLifetimeSeconds,
      appid: client.clientId,
      appidacr: '1',
      idtyp: 'app',
      oid: crypto.createHash('sha256').update(`${tenant}/${client.clientId}`).digest('hex').slice(0, 32),
      roles: client.roles ?? [],
      sub: client.clientId,
      tid: tenant,
      uti: crypto.randomBytes(16).toString('base64url'),
      ver: '1.0',
    });
    this.issuedTokens.push(accessToken);
    send(200, { token_type: 'Bearer', expires_in: this.tokenLifetimeSeconds, ext_expires_in: this.tokenLifetimeSeconds, access_token: accessToken });
  }
}
