/**
 * The fakes themselves, where the calendar tests do not reach: attendance paging (for the attendance
 * issue) and the fake Graph's token check. Plain node:https with the test certificate as CA.
 */
import https from 'node:https';
import { FakeEntraAuthority } from '../../fakes/entra-authority';
import recordsFixture from '../../fakes/graph-fixtures/attendance-records-page.json';
import reportsFixture from '../../fakes/graph-fixtures/attendance-reports.json';
import { FakeGraph, GRAPH_AUDIENCE, GRAPH_PERMISSIONS } from '../../fakes/graph-server';
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

function send(method: string, url: string, token: string, body?: unknown): Promise<{ status: number; body: Loose }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, ca: tls.certPem, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : {}) as Loose }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const graphToken = (roles: string[] = ['OnlineMeetingArtifact.Read.All']) => authority.signToken({ aud: GRAPH_AUDIENCE, tid: TENANT, appid: CLIENT_ID, iss: `https://sts.windows.net/${TENANT}/`, roles });

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

describe('permissions, users and bodies, as Graph checks them', () => {
  const ALL = [...new Set(GRAPH_PERMISSIONS.flatMap((p) => p.anyOf))];
  /** One call per documented route, with a body Graph would take. */
  // Three items each: jest hands a test with fewer values than parameters a `done` callback instead.
  const calls: Array<[string, string, unknown]> = [
    ['POST', `/users/${SARA}/events`, { subject: 'Möte', start: { dateTime: '2027-02-10T09:00:00', timeZone: 'Europe/Stockholm' }, end: { dateTime: '2027-02-10T10:00:00', timeZone: 'Europe/Stockholm' } }],
    ['PATCH', `/users/${SARA}/events/AAMkAGnone`, { body: { contentType: 'HTML', content: '<p>x</p>' } }],
    ['GET', `/users/${SARA}/events/AAMkAGnone`, undefined],
    ['POST', `/users/${SARA}/events/AAMkAGnone/cancel`, { comment: 'Inställt' }],
    ['POST', `/users/${SARA}/sendMail`, { message: { subject: 's', body: { contentType: 'Text', content: 'x' }, toRecipients: [{ emailAddress: { address: 'a@b.se' } }] } }],
    ['GET', `/users/${SARA}/onlineMeetings?$filter=JoinWebUrl eq 'https://teams.microsoft.com/l/x'`, undefined],
    ['GET', `/users/${SARA}/onlineMeetings/${MEETING}/attendanceReports`, undefined],
    ['GET', `/users/${SARA}/onlineMeetings/${MEETING}/transcripts`, undefined],
    ['POST', '/chats/19:meeting_x@thread.v2/installedApps', { 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/x' }],
    ['GET', "/appCatalogs/teamsApps?$filter=externalId eq 'x'", undefined],
  ];

  it('covers every route it serves with a documented permission', () => {
    for (const [method, path] of calls) expect(GRAPH_PERMISSIONS.some((p) => p.method === method && p.path.test(path.split('?')[0]!))).toBe(true);
    expect(calls).toHaveLength(GRAPH_PERMISSIONS.length);
  });

  it('refuses to install an app that asks for RSC without a consent permission or without exactly its consent set (403), and an app not in the catalog (404)', async () => {
    graph.catalog.set('catalog-app', { externalId: 'manifest-app', rsc: ['ChatMessage.Read.Chat', 'OnlineMeeting.ReadBasic.Chat'] });
    graph.chats.add('19:install-here@thread.v2');
    const url = `${graph.baseUrl}/chats/19:install-here@thread.v2/installedApps`;
    const bind = { 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/catalog-app' };
    const consent = (names: string[]) => ({ consentedPermissionSet: { resourceSpecificPermissions: names.map((permissionValue) => ({ permissionValue, permissionType: 'Application' })) } });
    const selfOnly = graphToken(['TeamsAppInstallation.ReadWriteSelfForChat.All']);
    const withConsent = graphToken(['TeamsAppInstallation.ReadWriteAndConsentSelfForChat.All']);
    expect((await send('POST', url, selfOnly, { ...bind, ...consent(['ChatMessage.Read.Chat', 'OnlineMeeting.ReadBasic.Chat']) })).status).toBe(403);
    expect((await send('POST', url, withConsent, bind)).status).toBe(403);
    expect((await send('POST', url, withConsent, { ...bind, ...consent(['ChatMessage.Read.Chat']) })).status).toBe(403);
    expect((await send('POST', url, withConsent, { 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/manifest-app', ...consent(['ChatMessage.Read.Chat', 'OnlineMeeting.ReadBasic.Chat']) })).status).toBe(404);
    expect(graph.installedApps.get('19:install-here@thread.v2')).toBeUndefined();
    expect((await send('POST', url, withConsent, { ...bind, ...consent(['OnlineMeeting.ReadBasic.Chat', 'ChatMessage.Read.Chat']) })).status).toBe(201);
    expect(graph.installedApps.get('19:install-here@thread.v2')).toEqual(new Set(['catalog-app']));
  });

  it.each(calls)('answers %s %s without the documented permission with 403 in Graph’s error shape', async (method, path, body) => {
    const rule = GRAPH_PERMISSIONS.find((p) => p.method === method && p.path.test(path.split('?')[0]!))!;
    // Every other permission, but not one of this call's.
    const res = await send(method, `${graph.baseUrl}${path}`, graphToken(ALL.filter((p) => !rule.anyOf.includes(p))), body);
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({ code: rule.service === 'outlook' ? 'ErrorAccessDenied' : 'Forbidden', message: expect.any(String), innerError: expect.any(Object) });
    if (rule.service === 'teams') expect(res.body.error.message).toContain(rule.anyOf[0]);
    // With its permission it gets past the check (whatever the call itself then answers).
    expect((await send(method, `${graph.baseUrl}${path}`, graphToken([...rule.anyOf]), body)).status).not.toBe(403);
  });

  it('answers a user the tenant does not have with 404', async () => {
    const stranger = '00000000-0000-4000-8000-00000000dead';
    const mail = await send('POST', `${graph.baseUrl}/users/${stranger}/sendMail`, graphToken(ALL), calls[3]![2]);
    expect(mail.status).toBe(404);
    expect(mail.body.error.code).toBe('ErrorInvalidUser');
    const meetings = await send('GET', `${graph.baseUrl}/users/${stranger}/onlineMeetings?$filter=JoinWebUrl eq 'x'`, graphToken(ALL));
    expect(meetings.status).toBe(404);
  });

  it.each([
    ['an event with a property Graph does not have', 'POST', `/users/${SARA}/events`, { ...(calls[0]![2] as object), colour: 'red' }, 'RequestBodyRead'],
    ['an event whose body has no contentType', 'POST', `/users/${SARA}/events`, { ...(calls[0]![2] as object), body: { content: 'x' } }, 'ErrorInvalidRequest'],
    ['an attendee without an address', 'POST', `/users/${SARA}/events`, { ...(calls[0]![2] as object), attendees: [{ emailAddress: { name: 'Sara' } }] }, 'ErrorInvalidRequest'],
    ['mail to an address that is not one', 'POST', `/users/${SARA}/sendMail`, { message: { subject: 's', body: { contentType: 'Text', content: 'x' }, toRecipients: [{ emailAddress: { address: 'sara' } }] } }, 'ErrorInvalidRecipients'],
    ['mail with a property a message does not have', 'POST', `/users/${SARA}/sendMail`, { message: { subject: 's', body: { contentType: 'Text', content: 'x' }, toRecipients: [{ emailAddress: { address: 'a@b.se' } }], colour: 'red' } }, 'RequestBodyRead'],
    ['an installation with a property Graph does not have', 'POST', '/chats/19:meeting_x@thread.v2/installedApps', { 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/x', extra: true }, 'RequestBodyRead'],
  ])('refuses %s with 400', async (_label, method, path, body, code) => {
    const res = await send(method, `${graph.baseUrl}${path}`, graphToken(ALL), body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });
});
