/**
 * A fake Bot Framework channel-token issuer over HTTPS: what Teams' Bot Connector signs the activities it
 * posts to a bot with, and where botbuilder finds the keys to check them.
 *
 * - `GET /v1/.well-known/openidconfiguration`: the OpenID metadata (BOT_OPENID_METADATA_URL), shaped like
 *   https://login.botframework.com/v1/.well-known/openidconfiguration: issuer https://api.botframework.com,
 *   `jwks_uri`, RS256.
 * - `GET /v1/.well-known/keys`: the key set; every key carries `endorsements: ["msteams"]` as the real
 *   one does (botbuilder refuses a key that does not endorse the activity's channel).
 *
 * `channelToken` makes the token Teams would send (iss https://api.botframework.com, aud = the bot's app
 * id, `serviceurl` = the activity's serviceUrl, nbf/exp); `forgedToken` signs the same claims with another
 * key under the published key id. `metadataStatus` makes both documents answer an error instead.
 */
import crypto from 'node:crypto';
import https from 'node:https';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export interface ChannelTokenOptions {
  /** The bot's Microsoft App ID: the token's audience. */
  appId: string;
  /** The activity's serviceUrl: the token's `serviceurl` claim. */
  serviceUrl: string;
  /** Claims that replace or add to the defaults (`aud`, `iss`, `exp`, …). */
  claims?: Record<string, unknown>;
  /** Header fields that replace the defaults (`kid`, …). */
  header?: Record<string, unknown>;
}

export class FakeBotChannelIssuer {
  /** Every request (method and path), oldest first. */
  readonly requests: Array<{ method: string; path: string; status: number }> = [];
  readonly kid = `bf-${crypto.randomBytes(6).toString('hex')}`;
  /** When set, the metadata and key set answer this status (with an error body) instead. */
  metadataStatus?: number;
  private readonly keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  /** Another key, never published: what a forger would sign with. */
  private readonly forgerKeys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: https.Server;
  private origin?: string;

  constructor(private readonly tls: { certPem: string; keyPem: string }) {}

  async start(): Promise<string> {
    this.server = https.createServer({ cert: this.tls.certPem, key: this.tls.keyPem }, (req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.metadataUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** BOT_OPENID_METADATA_URL. */
  get metadataUrl(): string {
    if (!this.origin) throw new Error('FakeBotChannelIssuer is not started');
    return `${this.origin}/v1/.well-known/openidconfiguration`;
  }

  /** The public key set, as published. */
  jwks(): { keys: Array<Record<string, unknown>> } {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    return { keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] };
  }

  /** The token Teams puts in the Authorization header of an activity it posts to the bot. */
  channelToken(options: ChannelTokenOptions): string {
    return this.sign(this.keys.privateKey, options);
  }

  /** The same token signed with a key that is not published, under the published key id. */
  forgedToken(options: ChannelTokenOptions): string {
    return this.sign(this.forgerKeys.privateKey, options);
  }

  private sign(key: crypto.KeyObject, { appId, serviceUrl, claims = {}, header = {} }: ChannelTokenOptions): string {
    const now = Math.floor(Date.now() / 1000);
    const body = { serviceurl: serviceUrl, nbf: now - 5, exp: now + 3600, iss: BOT_FRAMEWORK_ISSUER, aud: appId, ...claims };
    const head = { alg: 'RS256', typ: 'JWT', kid: this.kid, x5t: this.kid, ...header };
    const signingInput = `${base64url(JSON.stringify(head))}.${base64url(JSON.stringify(body))}`;
    return `${signingInput}.${base64url(crypto.sign('RSA-SHA256', Buffer.from(signingInput), key))}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', 'https://fake').pathname;
    const send = (status: number, body: unknown) => {
      this.requests.push({ method: req.method ?? 'GET', path, status });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && (path === '/v1/.well-known/openidconfiguration' || path === '/v1/.well-known/keys') && this.metadataStatus !== undefined) {
      return send(this.metadataStatus, { error: { code: 'ServiceError', message: 'The fake metadata endpoint was told to fail.' } });
    }
    if (req.method === 'GET' && path === '/v1/.well-known/openidconfiguration') {
      return send(200, {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: `${this.origin}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && path === '/v1/.well-known/keys') return send(200, this.jwks());
    send(404, { error: { code: 'NotFound', message: `The fake issuer has no ${req.method} ${path}` } });
  }
}
