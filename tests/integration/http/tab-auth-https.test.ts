/**
 * The tab's sign-in as configured in production: only AAD_APP_OAUTH_AUTHORITY_HOST points elsewhere (the
 * fake Entra authority over HTTPS, trusted through NODE_EXTRA_CA_CERTS in the app's own process), so the
 * metadata address, the https key set and the issuer rules are the real ones; the metadata is fetched once.
 */
import { FakeEntraAuthority } from '../../fakes/entra-authority';
import { createTestTls, type TestTls } from '../../fakes/test-tls';
import { people, TENANT } from '../../helpers/activities';
import { spawnApp, type SpawnedApp } from '../../helpers/spawned-app';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

const CLIENT_ID = '2c4e6a8b-0d1f-4a3c-8e5b-7d9f1b3d5e7a';
const OTHER_TENANT = '0a1b2c3d-2222-4e5f-8a9b-0c1d2e3f4a5b';

let tls: TestTls;
let authority: FakeEntraAuthority;
let db: TestDatabase;
let app: SpawnedApp;

beforeAll(async () => {
  tls = await createTestTls();
  authority = new FakeEntraAuthority(tls).addClient({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: 'unused' });
  await authority.start();
  db = await createTestDatabase();
  app = await spawnApp({
    DATABASE_URL: db.url,
    AAD_APP_CLIENT_ID: CLIENT_ID,
    AAD_APP_TENANT_ID: TENANT,
    AAD_APP_OAUTH_AUTHORITY_HOST: authority.host,
    NODE_EXTRA_CA_CERTS: tls.caFile,
  });
}, 60_000);

afterAll(async () => {
  await app?.kill('SIGTERM');
  await authority?.stop();
  await db?.drop();
  tls?.remove();
});

const userClaims = (tenantId: string, version: '1.0' | '2.0', audience: string) => ({
  aud: audience,
  iss: version === '2.0' ? `${authority.host}/${tenantId}/v2.0` : `https://sts.windows.net/${tenantId}/`,
  tid: tenantId,
  oid: people.sara.aadObjectId,
  name: 'Sara Herrman',
  scp: 'access_as_user',
  ver: version,
});

const me = async (token: string) => {
  const res = await fetch(`${app.url}/api/tab/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

it('accepts v2 and v1 tokens of the host tenant, refuses forged ones and another tenant’s, and reads the metadata once', async () => {
  const v2 = await me(authority.signToken(userClaims(TENANT, '2.0', CLIENT_ID)));
  expect(v2).toEqual({ status: 200, body: { mode: 'entra', user: { name: 'Sara Herrman', aadObjectId: people.sara.aadObjectId }, tenantId: TENANT, groups: [] } });

  // Without AAD_APP_ID_URI the App ID URI is api://<host of PUBLIC_BASE_URL>/<client id>.
  const port = new URL(app.url).port;
  expect((await me(authority.signToken(userClaims(TENANT, '1.0', `api://localhost:${port}/${CLIENT_ID}`)))).status).toBe(200);

  expect((await me(authority.signToken(userClaims(TENANT, '2.0', CLIENT_ID), { kid: 'rotated-away' }))).status).toBe(401);
  // A genuine token whose claims were changed after signing.
  const [head, , signature] = authority.signToken(userClaims(TENANT, '2.0', CLIENT_ID)).split('.');
  const tampered = Buffer.from(JSON.stringify({ ...userClaims(TENANT, '2.0', CLIENT_ID), exp: Math.floor(Date.now() / 1000) + 3600, oid: people.hakan.aadObjectId })).toString('base64url');
  expect((await me(`${head}.${tampered}.${signature}`)).status).toBe(401);
  expect((await me(authority.signToken(userClaims(OTHER_TENANT, '2.0', CLIENT_ID)))).status).toBe(403);

  const metadata = authority.requests.filter((r) => r.path === `/${TENANT}/v2.0/.well-known/openid-configuration`);
  expect(metadata).toHaveLength(1);
});
