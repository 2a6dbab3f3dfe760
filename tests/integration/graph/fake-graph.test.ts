/**
 * The fakes themselves, where the calendar tests do not reach: attendance paging (for the attendance
 * issue) and the fake Graph's token check. Plain node:https with the test certificate as CA.
 */
import https from 'node:https';
import { FakeEntraAuthority } from '../../fakes/entra-authority';
import recordsFixture from '../../fakes/graph-fixtures/attendance-records-page.json';
import reportsFixture from '../../fakes/graph-fixtures/attendance-reports.json';
import { FakeGraph, GRAPH_AUDIENCE } from '../../fakes/graph-server';
import { createTestTls, type TestTls } from '../../fakes/test-tls';

const TENANT = '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00';
const CLIENT_ID = '5e0c2a71-2d4b-4f7e-9b1a-3c8d6e2f4a10';
const SARA = '1d7a4b2c-3e5f-4a6b-9c8d-0e1f2a3b4c33';
const MEETING = /onlineMeetings\('([^']+)'\)/.exec(reportsFixture['@odata.context'])![1]!;

let tls: TestTls;
let authority: FakeEntraAuthority;
let graph: FakeGraph;

// Graph's JSON, read loosely: these tests compare it with the fixtures.
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function get(url: string, token?: string): Promise<{ status: number; body: Loose }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { ca: tls.certPem, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : {}) as Loose }));
    });
    req.on('error', reject);
    req.end();
  });
}

const graphToken = () => authority.signToken({ aud: GRAPH_AUDIENCE, tid: TENANT, appid: CLIENT_ID, iss: `https://sts.windows.net/${TENANT}/` });

beforeAll(async () => {
  tls = await createTestTls();
  authority = new FakeEntraAuthority(tls).addClient({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: 'x' });
  await authority.start();
  graph = new FakeGraph(tls, authority);
  await graph.start();
});

afterAll(async () => {
  await graph?.stop();
  await authority?.stop();
  tls?.remove();
});

it('serves the fixture meeting’s attendance reports', async () => {
  const res = await get(`${graph.baseUrl}/users/${SARA}/onlineMeetings/${MEETING}/attendanceReports`, graphToken());
  expect(res.status).toBe(200);
  expect(res.body.value).toEqual(reportsFixture.value);
  expect(res.body['@odata.context']).toBe(reportsFixture['@odata.context'].replace('https://graph.microsoft.com/v1.0', graph.baseUrl));
});

it('pages attendance records with @odata.nextLink pointing at itself', async () => {
  const report = reportsFixture.value[0]!.id;
  const records: unknown[] = [];
  let url: string | undefined = `${graph.baseUrl}/users/${SARA}/onlineMeetings/${MEETING}/attendanceReports/${report}/attendanceRecords`;
  const links: string[] = [];
  while (url) {
    const res = await get(url, graphToken());
    expect(res.status).toBe(200);
    records.push(...res.body.value);
    url = res.body['@odata.nextLink'];
    if (url) links.push(url);
  }
  expect(records).toEqual(recordsFixture.value);
  expect(links).toHaveLength(1);
  expect(links[0]).toMatch(new RegExp(`^${graph.baseUrl.replace(/[.]/g, '\\.')}/users/${SARA}/onlineMeetings/.+/attendanceRecords\\?\\$skiptoken=`));
});

it.each([
  ['no token', undefined],
  ['a token for another audience', () => authority.signToken({ aud: 'api://someone-else', tid: TENANT })],
  ['an expired token', () => authority.signToken({ aud: GRAPH_AUDIENCE, tid: TENANT, exp: Math.floor(Date.now() / 1000) - 3600 })],
  ['a token signed by another key', () => authority.signToken({ aud: GRAPH_AUDIENCE, tid: TENANT }, { kid: 'someone-elses-key' })],
])('answers 401 InvalidAuthenticationToken for %s', async (_label, token) => {
  const res = await get(`${graph.baseUrl}/users/${SARA}/onlineMeetings/${MEETING}/attendanceReports`, token?.());
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe('InvalidAuthenticationToken');
});

it('publishes its OpenID configuration and key set for token validation', async () => {
  const config = await get(`${authority.host}/${TENANT}/v2.0/.well-known/openid-configuration`);
  expect(config.body).toMatchObject({ issuer: `${authority.host}/${TENANT}/v2.0`, jwks_uri: `${authority.host}/${TENANT}/discovery/v2.0/keys` });
  const keys = await get(config.body.jwks_uri);
  expect(keys.body.keys).toEqual([expect.objectContaining({ kty: 'RSA', kid: authority.kid, n: expect.any(String), e: 'AQAB' })]);
});
