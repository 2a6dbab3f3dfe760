/**
 * A fake Entra ID for the tab's SSO tokens, over plain HTTP on 127.0.0.1 (the app under test runs in the
 * jest process, which does not trust a test CA; AAD_APP_OPENID_METADATA_URL is a tests-only key, so http
 * is fine there). It speaks Entra's documented wire format:
 *
 * - `GET /{tenant}/v2.0/.well-known/openid-configuration`: issuer `{base}/{tenant}/v2.0`, jwks_uri;
 * - `GET /{tenant}/discovery/v2.0/keys`: the JWK set (RS256, with `kid`).
 *
 * `userToken()` makes a token shaped like the one Teams' `getAuthToken` gives the tab (v2: `aud` = client
 * id; v1: `aud` = the App ID URI, issuer sts.windows.net), signed with this provider's key; `signToken`
 * signs anything, with `forge: true` using another key under the same kid (a forged signature).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export interface UserTokenOptions {
  tenantId: string;
  oid: string;
  name: string;
  /** Audience: the client id for v2 tokens (default), the App ID URI for v1. */
  audience: string;
  version?: '1.0' | '2.0';
  /** Seconds from now; negative for an expired token. Default one hour. */
  expiresIn?: number;
  /** Overrides or extra claims. */
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  forge?: boolean;
}

export class FakeOpenIdProvider {
  readonly kid = `tab-key-${crypto.randomBytes(4).toString('hex')}`;
  /** Paths requested, oldest first. */
  readonly requests: string[] = [];
  private readonly keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly rogue = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: http.Server;
  private base?: string;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get host(): string {
    if (!this.base) throw new Error('FakeOpenIdProvider is not started');
    return this.base;
  }

  /** AAD_APP_OPENID_METADATA_URL for the tenant. */
  metadataUrl(tenantId: string): string {
    return `${this.host}/${tenantId}/v2.0/.well-known/openid-configuration`;
  }

  issuer(tenantId: string, version: '1.0' | '2.0' = '2.0'): string {
    return version === '2.0' ? `${this.host}/${tenantId}/v2.0` : `https://sts.windows.net/${tenantId}/`;
  }

  signToken(claims: Record<string, unknown>, header: Record<string, unknown> = {}, forge = false): string {
    const head = { alg: 'RS256', typ: 'JWT', kid: this.kid, ...header };
    const input = `${base64url(JSON.stringify(head))}.${base64url(JSON.stringify(claims))}`;
    const signature = crypto.sign('RSA-SHA256', Buffer.from(input), (forge ? this.rogue : this.keys).privateKey);
    return `${input}.${base64url(signature)}`;
  }

  /** A Teams SSO token for a user (claims as Entra issues them for a delegated `access_as_user` scope). */
  userToken(o: UserTokenOptions): string {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (o.expiresIn ?? 3600);
    const version = o.version ?? '2.0';
    const claims: Record<string, unknown> = {
      aud: o.audience,
      iss: this.issuer(o.tenantId, version),
      iat: Math.min(now, exp - 3600),
      nbf: Math.min(now, exp - 3600),
      exp,
      aio: crypto.randomBytes(12).toString('base64url'),
      azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web client
      azpacr: '0',
      name: o.name,
      oid: o.oid,
      preferred_username: `${o.name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`,
      rh: '0.A',
      scp: 'access_as_user',
      sub: crypto.createHash('sha256').update(o.oid).digest('base64url').slice(0, 43),
      tid: o.tenantId,
      uti: crypto.randomBytes(16).toString('base64url'),
      ver: version,
      ...o.claims,
    };
    return this.signToken(claims, o.header, o.forge);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', this.host).pathname;
    this.requests.push(path);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const m = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys)$/.exec(path);
    if (req.method !== 'GET' || !m) return send(404, { error: 'not_found' });
    const tenant = m[1]!;
    if (m[2]!.startsWith('discovery')) {
      const jwk = this.keys.publicKey.export({ format: 'jwk' });
      return send(200, { keys: [{ kty: 'RSA', use: 'sig', alg: 'RS256', kid: this.kid, x5t: this.kid, n: jwk.n, e: jwk.e }] });
    }
    return send(200, {
      token_endpoint: `${this.host}/${tenant}/oauth2/v2.0/token`,
      jwks_uri: `${this.host}/${tenant}/discovery/v2.0/keys`,
      issuer: `${this.host}/${tenant}/v2.0`,
      authorization_endpoint: `${this.host}/${tenant}/oauth2/v2.0/authorize`,
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'oid', 'name', 'preferred_username', 'ver'],
    });
  }
}
