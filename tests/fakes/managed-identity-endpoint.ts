/**
 * A fake of App Service's managed identity endpoint (IDENTITY_ENDPOINT / IDENTITY_HEADER), as msal-node's
 * ManagedIdentityApplication calls it: GET ?api-version=2019-08-01&resource=…&client_id=… with the
 * X-IDENTITY-HEADER header. It answers only the identity it was given (its client id) with a token the fake
 * Entra authority signs, carrying the application permissions granted to that identity; anything else 400.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeEntraAuthority } from './entra-authority';

export class FakeManagedIdentityEndpoint {
  readonly header = crypto.randomUUID();
  readonly requests: Array<{ resource: string | null; clientId: string | null; headerOk: boolean }> = [];
  private server?: http.Server;

  constructor(
    private readonly identity: { clientId: string; tenantId: string; roles: string[] },
    private readonly authority: () => FakeEntraAuthority,
  ) {}

  /** Listens on 127.0.0.1; returns the IDENTITY_ENDPOINT. */
  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://identity');
      const headerOk = req.headers['x-identity-header'] === this.header;
      const resource = url.searchParams.get('resource');
      const clientId = url.searchParams.get('client_id');
      this.requests.push({ resource, clientId, headerOk });
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!headerOk) return answer(401, { statusCode: 401, message: 'X-IDENTITY-HEADER is missing or wrong' });
      if (url.searchParams.get('api-version') !== '2019-08-01' || !resource) return answer(400, { statusCode: 400, message: 'api-version and resource are required' });
      if (clientId !== this.identity.clientId) return answer(400, { statusCode: 400, message: `No user-assigned identity with client id ${String(clientId)}` });
      const expires = Math.floor(Date.now() / 1000) + 3600;
      const token = this.authority().signToken({
        aud: resource,
        tid: this.identity.tenantId,
        appid: this.identity.clientId,
        iss: `https://sts.windows.net/${this.identity.tenantId}/`,
        roles: this.identity.roles,
        idtyp: 'app',
      });
      return answer(200, { access_token: token, expires_on: String(expires), resource, token_type: 'Bearer', client_id: clientId });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/msi/token`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
