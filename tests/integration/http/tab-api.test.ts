/**
 * The tab API with Entra configured: tokens signed by a local OpenID provider (tests/fakes/openid-provider.ts)
 * through the real server, a real database, and data recorded through the bot as a council would.
 */
import fc from 'fast-check';
import type { RunningApp } from '../../../src/main';
import { loadConfig } from '../../../src/config';
import { createRepositories, openStore } from '../../../src/store';
import type { DecisionsView, MeView, RiskDetailView, RiskRegisterView, AttendanceView } from '../../../src/contract/tab-api';
import { FakeBotConnector, cardOf, cardText } from '../../fakes/bot-connector';
import { FakeOpenIdProvider } from '../../fakes/openid-provider';
import { aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { eventually } from '../../helpers/eventually';
import { postActivity, startTestApp } from '../../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

const CLIENT_ID = '7d3b9c1e-4a5f-4e2b-9c8d-1f2e3a4b5c6d';
const APP_ID_URI = `api://localhost:3978/${CLIENT_ID}`;
const OTHER_TENANT = '0a1b2c3d-2222-4e5f-8a9b-0c1d2e3f4a5b';

type Person = (typeof people)[keyof typeof people];

const idp = new FakeOpenIdProvider();
const teams = new FakeBotConnector();
let db: TestDatabase;
let app: RunningApp;
let serviceUrl: string;
let groupId: string;
let meetingTitle: string;
let groupChat: Chat;
let meetingChat: Chat;

const tokenFor = (p: Pick<Person, 'aadObjectId' | 'name'>, o: Partial<Parameters<FakeOpenIdProvider['userToken']>[0]> = {}) =>
  idp.userToken({ tenantId: TENANT, oid: p.aadObjectId, name: p.name, audience: CLIENT_ID, ...o });

async function call(method: string, path: string, token?: string, body?: unknown, target: Pick<RunningApp, 'url'> = app) {
  const res = await fetch(`${target.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // Decoded by hand so that a byte order mark is kept (fetch's text() drops it).
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: json as Record<string, unknown> };
}
const get = (path: string, token?: string) => call('GET', path, token);

const say = async (chat: Chat, from: Person, text: string) => {
  const before = teams.sent().length;
  expect((await postActivity(app, aMessage({ serviceUrl, chat, from, text }))).status).toBe(200);
  return teams.sent().slice(before).map((a) => (typeof a.text === 'string' ? a.text : cardText(cardOf(a)))).join('\n');
};

/** The seed's risk table (001): R1–R5 with their S and K. */
const seedRisks = [
  ['Ändrat uppdrag e-samordnarroll från VästKom', 1, 5],
  ['Projektmedlemmar kan inte prioritera att delta i projektet', 4, 3],
  ['Ofullständig information från kommunerna', 3, 4],
  ['Vikande intresse och deltagande mot slutet av förstudien', 5, 4],
  ['Svårigheten i att planera långsiktigt under rådande situation', 2, 3],
] as const;

/** The store as it is now, read beside the running app. */
async function withRepos<T>(read: (repos: ReturnType<typeof createRepositories>) => Promise<T>): Promise<T> {
  const store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  try {
    return await read(createRepositories(store));
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  serviceUrl = await teams.start();
  await idp.start();
  app = await startTestApp(db.url, { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_TENANT_ID: TENANT, AAD_APP_ID_URI: APP_ID_URI, AAD_APP_OPENID_METADATA_URL: idp.metadataUrl(TENANT) });

  // The group, as /setup makes it: Sara organizes; Håkan, Titti and Pia are members.
  teams.members = [people.sara, people.hakan, people.titti, people.pia];
  const group = aGroupChat();
  groupChat = group;
  expect(await say(group, people.sara, '/setup Tabbgruppen')).toContain('is set up');
  for (const [threat, s, k] of seedRisks) expect(await say(group, people.sara, `/risk ${threat} S=${s} K=${k}`)).toContain('recorded');

  // A meeting of the group in progress now, with a decision and Titti as its secretary.
  const now = Date.now();
  meetingTitle = `Styrgruppsmöte ${now % 1000}`;
  teams.meetingInfo = {
    title: meetingTitle,
    scheduledStartTime: new Date(now - 30 * 60_000).toISOString(),
    scheduledEndTime: new Date(now + 90 * 60_000).toISOString(),
    organizer: people.sara,
  };
  const meeting = aMeetingChat();
  meetingChat = meeting;
  expect(await say(meeting, people.sara, '/setup Tabbgruppen')).toContain('Meeting linked');
  expect(await say(meeting, people.sara, '/decision Förstudien godkänns och rapporten skickas till e-rådet')).toContain('§1');
  expect(await say(meeting, people.sara, '/decision Nästa möte hålls i Vänersborg')).toContain('§2');
  expect(await say(meeting, people.sara, '/secretary Titti Andersson')).toContain('secretary');

  const me = await get('/api/tab/me', tokenFor(people.sara));
  groupId = (me.body as unknown as MeView).groups.find((g) => g.name === 'Tabbgruppen')!.id;
  // The meeting's title and times arrive from Teams in the background.
  await eventually(async () => expect((await get(`/api/tab/groups/${groupId}/decisions`, tokenFor(people.sara))).text).toContain(meetingTitle));
});

afterAll(async () => {
  await app?.stop();
  await teams.stop();
  await idp.stop();
  await db?.drop();
});

describe('a valid token', () => {
  it('reads /me: the user, the tenant, and the groups with role and whether they may edit', async () => {
    const sara = (await get('/api/tab/me', tokenFor(people.sara))).body as unknown as MeView;
    expect(sara).toMatchObject({ mode: 'entra', tenantId: TENANT, user: { name: 'Sara Herrman', aadObjectId: people.sara.aadObjectId } });
    // The group's own chat and its meeting's chat: a tab in either finds the group; it held a meeting, so it opens by default.
    const chats = { conversationId: groupChat.conversationId, meetingConversationIds: [meetingChat.conversationId] };
    expect(sara.groups).toEqual([{ id: groupId, name: 'Tabbgruppen', role: 'organizer', canEdit: true, ...chats }]);
    expect(sara.defaultGroupId).toBe(groupId);
    const hakan = (await get('/api/tab/me', tokenFor(people.hakan))).body as unknown as MeView;
    expect(hakan.groups).toEqual([{ id: groupId, name: 'Tabbgruppen', role: 'member', canEdit: false, ...chats }]);
    // Titti is a member, and the secretary of the group's meeting: she edits.
    const titti = (await get('/api/tab/me', tokenFor(people.titti))).body as unknown as MeView;
    expect(titti.groups).toEqual([{ id: groupId, name: 'Tabbgruppen', role: 'secretary', canEdit: true, ...chats }]);
    // Fredric belongs to no group here.
    expect(((await get('/api/tab/me', tokenFor(people.fredric))).body as unknown as MeView).groups).toEqual([]);
  });

  it('reads the register in register order with R = S×K and its band (the chair sees R4 = 20 on top)', async () => {
    const res = await get(`/api/tab/groups/${groupId}/risks`, tokenFor(people.sara));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const view = res.body as unknown as RiskRegisterView;
    expect(view.group).toEqual({ id: groupId, name: 'Tabbgruppen' });
    expect(view.canEdit).toBe(true);
    expect(view.risks.map((r) => [r.code, r.probability, r.impact, r.score, r.band])).toEqual([
      ['R4', 5, 4, 20, 'critical'],
      ['R3', 3, 4, 12, 'high'],
      ['R2', 4, 3, 12, 'high'],
      ['R5', 2, 3, 6, 'medium'],
      ['R1', 1, 5, 5, 'medium'],
    ]);
    expect(view.risks[0]).toMatchObject({ number: 4, threat: 'Vikande intresse och deltagande mot slutet av förstudien', status: 'open', actionNeeded: false });
    // A member reads too, without the right to edit.
    const member = (await get(`/api/tab/groups/${groupId}/risks`, tokenFor(people.hakan))).body as unknown as RiskRegisterView;
    expect(member.canEdit).toBe(false);
    expect(member.risks).toHaveLength(5);
  });

  it('accepts a v1 token (audience = the App ID URI, issuer sts.windows.net)', async () => {
    const v1 = tokenFor(people.hakan, { version: '1.0', audience: APP_ID_URI });
    expect((await get(`/api/tab/groups/${groupId}/risks`, v1)).status).toBe(200);
  });
});

describe('refused tokens get no data', () => {
  const now = Math.floor(Date.now() / 1000);
  it.each<[string, () => string | undefined, number]>([
    ['no token', () => undefined, 401],
    ['a forged signature', () => tokenFor(people.sara, { forge: true }), 401],
    ['an expired token', () => tokenFor(people.sara, { expiresIn: -3600 }), 401],
    ['a wrong audience', () => tokenFor(people.sara, { audience: 'https://graph.microsoft.com' }), 401],
    ['an unknown key id', () => tokenFor(people.sara, { header: { kid: 'not-a-key-of-entra' } }), 401],
    ['a wrong issuer', () => tokenFor(people.sara, { claims: { iss: `https://evil.example/${TENANT}/v2.0` } }), 401],
    ['a token not yet valid', () => tokenFor(people.sara, { claims: { nbf: now + 3600, iat: now + 3600 } }), 401],
    ['an unsigned token (alg none)', () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ aud: CLIENT_ID, tid: TENANT, oid: people.sara.aadObjectId, exp: now + 600 })).toString('base64url')}.`, 401],
    ['a token that is not a JWT', () => 'hello', 401],
    ['an app-only token (no scp, idtyp app)', () => tokenFor(people.sara, { claims: { scp: undefined, idtyp: 'app', roles: ['Tab.Read'] } }), 401],
    ['a token from another tenant', () => idp.userToken({ tenantId: OTHER_TENANT, oid: people.sara.aadObjectId, name: 'Sara Herrman', audience: CLIENT_ID }), 403],
  ])('%s', async (_label, token, status) => {
    for (const path of ['/api/tab/me', `/api/tab/groups/${groupId}/risks`, `/api/tab/groups/${groupId}/risks.csv`, `/api/tab/groups/${groupId}/decisions`]) {
      const res = await get(path, token());
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ code: status === 401 ? 'Unauthorized' : 'Forbidden', message: expect.any(String) as string });
      expect(res.text).not.toContain('Vikande');
      expect(res.text).not.toContain('Tabbgruppen');
    }
  });

  it('a Basic or empty Authorization header', async () => {
    const res = await fetch(`${app.url}/api/tab/me`, { headers: { authorization: 'Basic c2FyYTpzZWNyZXQ=' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toContain('Bearer');
  });
});

describe('scope and roles', () => {
  it('refuses a non-member (403) and hides a group of another tenant as missing (404)', async () => {
    const fredric = await get(`/api/tab/groups/${groupId}/risks`, tokenFor(people.fredric));
    expect(fredric.status).toBe(403);
    expect(fredric.body.code).toBe('ACCESS.TAB_DENIED');
    expect(fredric.text).not.toContain('Vikande');

    // A group in another tenant, with a risk, made through the bot as that tenant's chat would.
    const otherChat = aGroupChat();
    const inOtherTenant = (text: string) => JSON.parse(JSON.stringify(aMessage({ serviceUrl, chat: otherChat, from: people.pia, text })).split(TENANT).join(OTHER_TENANT)) as unknown;
    expect((await postActivity(app, inOtherTenant('/setup Annan organisation'))).status).toBe(200);
    expect((await postActivity(app, inOtherTenant('/risk Hemlig risk i den andra organisationen S=4 K=4'))).status).toBe(200);
    const otherToken = idp.userToken({ tenantId: OTHER_TENANT, oid: people.pia.aadObjectId, name: 'Pia', audience: CLIENT_ID });
    expect((await get('/api/tab/me', otherToken)).status).toBe(403);

    // Its real ids, read from the store: the host tenant's people cannot reach it by them, and nothing changes.
    const { otherGroup, otherRisk, otherRegister } = await withRepos(async (repos) => {
      const group = (await repos.groups.findByName(OTHER_TENANT, 'Annan organisation'))!;
      const register = await repos.risks.ensureGroupRegister(OTHER_TENANT, group.id);
      const [risk] = await repos.risks.list(OTHER_TENANT, register);
      return { otherGroup: group, otherRisk: risk!, otherRegister: register };
    });
    expect(otherRisk.threat).toBe('Hemlig risk i den andra organisationen');
    for (const person of [people.pia, people.sara]) {
      for (const path of [`/api/tab/groups/${otherGroup.id}/risks`, `/api/tab/groups/${otherGroup.id}/risks/${otherRisk.id}`, `/api/tab/groups/${otherGroup.id}/decisions`, `/api/tab/groups/${otherGroup.id}/attendance`]) {
        const res = await get(path, tokenFor(person));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('GROUP.NOT_FOUND');
        expect(res.text).not.toContain('Hemlig');
      }
    }
    // Sara edits her own group: its route does not reach the other tenant's risk either.
    const review = await call('POST', `/api/tab/groups/${groupId}/risks/${otherRisk.id}/reviews`, tokenFor(people.sara), { requestId: crypto.randomUUID(), probability: 1 });
    expect(review.status).toBe(404);
    const after = await withRepos(async (repos) => ({ risks: await repos.risks.list(OTHER_TENANT, otherRegister), reviews: await repos.risks.reviews(OTHER_TENANT, otherRisk.id) }));
    expect(after).toEqual({ risks: [otherRisk], reviews: [] });
  });
});

describe('POST a review', () => {
  const riskCalled = async (code: string) => ((await get(`/api/tab/groups/${groupId}/risks`, tokenFor(people.sara))).body as unknown as RiskRegisterView).risks.find((r) => r.code === code)!;
  const detail = async (riskId: string) => (await get(`/api/tab/groups/${groupId}/risks/${riskId}`, tokenFor(people.sara))).body as unknown as RiskDetailView;

  it('refuses a member with 403 and stores nothing', async () => {
    const r2 = await riskCalled('R2');
    const res = await call('POST', `/api/tab/groups/${groupId}/risks/${r2.id}/reviews`, tokenFor(people.hakan), { requestId: crypto.randomUUID(), probability: 1, note: 'Håkan försöker' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ACCESS.GROUP_RECORD_DENIED');
    expect(await detail(r2.id)).toMatchObject({ reviews: [], risk: { probability: 4, impact: 3 } });
  });

  it('stores the chair’s review once when the same request comes twice, with the meeting in progress', async () => {
    const r4 = await riskCalled('R4');
    const body = { requestId: crypto.randomUUID(), probability: 3, impact: 4, status: 'handled', note: 'Intresset har stabiliserats efter workshopen.' };
    const first = await call('POST', `/api/tab/groups/${groupId}/risks/${r4.id}/reviews`, tokenFor(people.sara), body);
    expect(first.status).toBe(201);
    const view = first.body as unknown as RiskDetailView;
    expect(view.risk).toMatchObject({ code: 'R4', probability: 3, impact: 4, score: 12, band: 'high', status: 'handled' });
    expect(view.reviews).toEqual([
      expect.objectContaining({ probability: 3, impact: 4, score: 12, status: 'handled', note: body.note, reviewedBy: 'Sara Herrman', meetingTitle }),
    ]);
    expect(view.risk.lastReviewedAt).toBe(view.reviews[0]!.reviewedAt);

    const again = await call('POST', `/api/tab/groups/${groupId}/risks/${r4.id}/reviews`, tokenFor(people.sara), body);
    expect(again.status).toBe(200);
    expect((await detail(r4.id)).reviews).toHaveLength(1);
    // The audit trail shows who changed the risk, and what, once.
    const after = await detail(r4.id);
    expect(after.history.map((e) => [e.action, e.by, e.changes])).toEqual([
      ['create', expect.any(String), [{ field: 'probability', to: 5 }, { field: 'impact', to: 4 }, { field: 'status', to: 'open' }]],
      ['change', 'Sara Herrman', [{ field: 'probability', from: 5, to: 3 }, { field: 'status', from: 'open', to: 'handled' }]],
    ]);
    // The chart starts where the risk was raised.
    expect(after.raised).toEqual({ probability: 5, impact: 4, score: 20, at: after.risk.raisedAt });
    // The register moves R4 down: R = 12 now.
    const register = ((await get(`/api/tab/groups/${groupId}/risks`, tokenFor(people.hakan))).body as unknown as RiskRegisterView).risks;
    expect(register.find((r) => r.code === 'R4')).toMatchObject({ score: 12, lastReviewedAt: view.reviews[0]!.reviewedAt });
  });

  it('lets the meeting’s secretary review', async () => {
    const r5 = await riskCalled('R5');
    const res = await call('POST', `/api/tab/groups/${groupId}/risks/${r5.id}/reviews`, tokenFor(people.titti), { requestId: crypto.randomUUID(), impact: 2 });
    expect(res.status).toBe(201);
    expect((res.body as unknown as RiskDetailView).reviews[0]).toMatchObject({ probability: 2, impact: 2, reviewedBy: 'Titti Andersson' });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['S out of range', { probability: 7 }, /“7” is not a valid S/],
    ['a status not known', { status: 'maybe' }, /status/],
    ['no requestId', { requestId: undefined, probability: 2 }, /requestId/],
    ['a field not in the contract', { severity: 5 }, /severity|Unrecognized/],
    ['a note that is a number', { note: 42 }, /note/],
  ])('answers %s with 400 and a message, storing nothing', async (_label, fields, message) => {
    const r1 = await riskCalled('R1');
    const res = await call('POST', `/api/tab/groups/${groupId}/risks/${r1.id}/reviews`, tokenFor(people.sara), { requestId: crypto.randomUUID(), ...fields });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect((await detail(r1.id)).reviews).toEqual([]);
  });

  it('never fails with a 500 and stores nothing for hostile review bodies', async () => {
    const r1 = await riskCalled('R1');
    const url = `/api/tab/groups/${groupId}/risks/${r1.id}/reviews`;
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
    const field = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof(arb, value), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          requestId: field(fc.uuid()),
          impact: field(fc.integer({ min: -2, max: 8 })),
          status: field(fc.constantFrom('open', 'handled', 'closed', 'öppen')),
          note: field(fc.string({ unit: 'grapheme', maxLength: 200 })),
        }),
        async (body) => {
          // Every body here is invalid (S is out of range), whatever else it holds: always a 400, never a write.
          const res = await call('POST', url, tokenFor(people.sara), { ...body, probability: 9 });
          expect(res.status).toBe(400);
          expect(typeof res.body.message).toBe('string');
        },
      ),
      { numRuns: 60 },
    );
    const raw = await fetch(`${app.url}${url}`, { method: 'POST', headers: { authorization: `Bearer ${tokenFor(people.sara)}`, 'content-type': 'application/json' }, body: '{"requestId": "abc' });
    expect(raw.status).toBe(400);
    expect((await detail(r1.id)).reviews).toEqual([]);
  });

  it('answers 404 for a risk of another group’s register (a real one, by its id) and leaves it as it was', async () => {
    // Another group of the same tenant, Fredric's alone, with a risk of its own.
    const otherChat = aGroupChat();
    const members = teams.members;
    teams.members = [people.fredric];
    try {
      expect(await say(otherChat, people.fredric, '/setup Grannguppen')).toContain('is set up');
      expect(await say(otherChat, people.fredric, '/risk Grannens risk S=2 K=2')).toContain('recorded');
    } finally {
      teams.members = members;
    }
    const { neighbour, register } = await withRepos(async (repos) => {
      const group = (await repos.groups.findByName(TENANT, 'Grannguppen'))!;
      const id = await repos.risks.ensureGroupRegister(TENANT, group.id);
      return { neighbour: (await repos.risks.list(TENANT, id))[0]!, register: id };
    });
    const ownReviews = () =>
      withRepos(async (repos) => {
        const risks = await repos.risks.list(TENANT, await repos.risks.ensureGroupRegister(TENANT, groupId));
        return { risks, reviews: (await Promise.all(risks.map((r) => repos.risks.reviews(TENANT, r.id)))).flat() };
      });
    const before = await ownReviews();
    const res = await call('POST', `/api/tab/groups/${groupId}/risks/${neighbour.id}/reviews`, tokenFor(people.sara), { requestId: crypto.randomUUID(), probability: 5 });
    expect(res.status).toBe(404);
    // Nothing in Sara's own register changed either: the review went nowhere.
    expect(await ownReviews()).toEqual(before);
    expect((await get(`/api/tab/groups/${groupId}/risks/${neighbour.id}`, tokenFor(people.sara))).status).toBe(404);
    expect((await get(`/api/tab/groups/${groupId}/risks/not-a-risk`, tokenFor(people.sara))).status).toBe(404);
    expect(await withRepos(async (repos) => ({ risks: await repos.risks.list(TENANT, register), reviews: await repos.risks.reviews(TENANT, neighbour.id) }))).toEqual({ risks: [neighbour], reviews: [] });
  });
});

describe('CSV, decisions and attendance', () => {
  it('exports the register as CSV: BOM, header in the caller’s language, quoting, and no formulas', async () => {
    const group = (await get(`/api/tab/me`, tokenFor(people.sara))).body as unknown as MeView;
    expect(group.groups).toHaveLength(1);
    const chat = aGroupChat();
    // A risk whose text a spreadsheet would run as a formula, with a quote and a comma.
    teams.members = [people.sara, people.hakan];
    expect(await say(chat, people.sara, '/setup CSV-gruppen')).toContain('is set up');
    expect(await say(chat, people.sara, '/risk =HYPERLINK("http://evil.example","klicka"), sa "någon" S=2 K=2')).toContain('recorded');
    const csvGroup = ((await get('/api/tab/me', tokenFor(people.sara))).body as unknown as MeView).groups.find((g) => g.name === 'CSV-gruppen')!;

    const sv = await get(`/api/tab/groups/${csvGroup.id}/risks.csv?lang=sv`, tokenFor(people.sara));
    expect(sv.status).toBe(200);
    expect(sv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(sv.headers.get('content-disposition')).toContain('attachment; filename="riskregister-CSV-gruppen.csv"');
    expect(sv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = sv.text.slice(1).split('\r\n');
    expect(lines[0]).toBe('ID,Hot,Sårbarhet,Konsekvens,S,K,R,Åtgärd behövs,Åtgärd,Ansvarig,Status,Senast uppföljd');
    expect(lines[1]).toBe(`R1,"'=HYPERLINK(""http://evil.example"",""klicka""), sa ""någon""",,,2,2,4,Nej,,,öppen,`);
    expect(lines[2]).toBe('');

    const en = await get(`/api/tab/groups/${groupId}/risks.csv?lang=en`, tokenFor(people.hakan));
    const enLines = en.text.slice(1).split('\r\n');
    expect(enLines[0]).toBe('ID,Threat,Vulnerability,Consequence,S,K,R,Action needed,Action,Owner,Status,Last review');
    expect(enLines[1]).toMatch(/^R3,Ofullständig information från kommunerna,,,3,4,12,No,,,open,$/);
    expect(enLines.find((l) => l.startsWith('R4,'))).toMatch(/^R4,Vikande intresse och deltagande mot slutet av förstudien,,,3,4,12,No,,,handled,\d{4}-\d{2}-\d{2}$/);
  });

  it('lists the group’s decisions with meeting, § and text, and searches them ignoring case and accents', async () => {
    const all = (await get(`/api/tab/groups/${groupId}/decisions`, tokenFor(people.hakan))).body as unknown as DecisionsView;
    expect(all.decisions.map((d) => [d.paragraph, d.text, d.meetingTitle, d.status])).toEqual([
      ['§1', 'Förstudien godkänns och rapporten skickas till e-rådet', meetingTitle, 'active'],
      ['§2', 'Nästa möte hålls i Vänersborg', meetingTitle, 'active'],
    ]);
    expect(all.decisions[0]!.meetingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const found = (await get(`/api/tab/groups/${groupId}/decisions?q=${encodeURIComponent('vanersborg')}`, tokenFor(people.hakan))).body as unknown as DecisionsView;
    expect(found.decisions.map((d) => d.paragraph)).toEqual(['§2']);
    expect(((await get(`/api/tab/groups/${groupId}/decisions?q=inget-sådant`, tokenFor(people.hakan))).body as unknown as DecisionsView).decisions).toEqual([]);
    expect((await get(`/api/tab/groups/${groupId}/decisions?q=${'x'.repeat(201)}`, tokenFor(people.hakan))).status).toBe(400);
  });

  it('gives the attendance matrix (members × meetings) and rates per organisation', async () => {
    // Before anything is marked: nobody counted present.
    expect(((await get(`/api/tab/groups/${groupId}/attendance`, tokenFor(people.hakan))).body as unknown as AttendanceView).overallRate).toBe(0);
    // Each member's organisation, as the roster card or the member import sets it.
    const organisations: Record<string, string> = { 'Håkan Sundberg': 'Munkedal', 'Pia Carlsson': 'Åmål', 'Sara Herrman': 'Fyrbodal', 'Titti Andersson': 'Fyrbodal' };
    await withRepos(async (repos) => {
      for (const m of await repos.groups.members(TENANT, groupId)) await repos.groups.updateMember(TENANT, m.id, { organisation: organisations[m.person.name]! });
    });
    for (const line of ['/present Håkan Sundberg', '/present Sara Herrman', '/excused Pia Carlsson']) expect(await say(meetingChat, people.sara, line)).not.toBe('');
    const res = await get(`/api/tab/groups/${groupId}/attendance`, tokenFor(people.hakan));
    expect(res.status).toBe(200);
    const view = res.body as unknown as AttendanceView;
    expect(view.group).toEqual({ id: groupId, name: 'Tabbgruppen' });
    expect(view.meetings).toEqual([expect.objectContaining({ title: meetingTitle })]);
    expect(view.members.map((m) => m.name).sort()).toEqual(['Håkan Sundberg', 'Pia Carlsson', 'Sara Herrman', 'Titti Andersson']);
    // Håkan and Sara present, Pia excused, Titti not marked: absent.
    const cellOf = Object.fromEntries(view.members.map((m, i) => [m.name, view.cells[i]]));
    expect(cellOf).toEqual({ 'Håkan Sundberg': ['present'], 'Pia Carlsson': ['excused'], 'Sara Herrman': ['present'], 'Titti Andersson': ['absent'] });
    // Per organisation: Munkedal 1 of 1, Fyrbodal 1 of 2, Åmål 0 of 1 (an excused member still counts).
    expect(Object.fromEntries(view.byOrganisation.map((o) => [o.organisation, o.rates]))).toEqual({ Munkedal: [1], Fyrbodal: [0.5], Åmål: [0] });
    expect(view.overallRate).toBe(0.5);
    expect((await get(`/api/tab/groups/${groupId}/attendance?from=2027-01-01`, tokenFor(people.hakan))).status).toBe(400);
  });
});

describe('when the key metadata cannot be fetched', () => {
  it('refuses with 401 (fail closed), never a 500', async () => {
    const down = new FakeOpenIdProvider();
    await down.start();
    const url = down.metadataUrl(TENANT);
    await down.stop();
    const db2 = await createTestDatabase();
    const app2 = await startTestApp(db2.url, { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_TENANT_ID: TENANT, AAD_APP_OPENID_METADATA_URL: url });
    try {
      const res = await call('GET', '/api/tab/me', tokenFor(people.sara), undefined, app2);
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/could not be fetched/);
    } finally {
      await app2.stop();
      await db2.drop();
    }
  });
});

describe('generated requests with real ids', () => {
  /** Rows of the tables the tab API can write: a refused request must not change them. */
  const counts = () =>
    withRepos(async (repos) => {
      const register = await repos.risks.ensureGroupRegister(TENANT, groupId);
      const risks = await repos.risks.list(TENANT, register);
      const reviews = (await Promise.all(risks.map((r) => repos.risks.reviews(TENANT, r.id)))).flat();
      return { risks: risks.length, reviews: reviews.length, capabilities: (await repos.capabilities.map(TENANT, groupId)).capabilities.length, assessments: (await repos.capabilities.assessments(TENANT, groupId)).length };
    });

  it('answers every route with real groups and risks, an editor’s, a member’s or a foreign token, with 2xx or a clear 4xx; a refusal writes nothing', async () => {
    const register = (await get(`/api/tab/groups/${groupId}/risks`, tokenFor(people.sara))).body as unknown as RiskRegisterView;
    const riskIds = register.risks.map((r) => r.id);
    expect(riskIds.length).toBeGreaterThan(0);
    const route = fc.constantFrom(
      'me',
      'groups/%G/risks',
      'groups/%G/risks.csv',
      'groups/%G/risks/%R',
      'groups/%G/risks/%R/reviews',
      'groups/%G/capabilities',
      'groups/%G/capabilities/import',
      'groups/%G/capabilities/reminders',
      'groups/%G/capabilities/assessments',
      'groups/%G/attendance',
      'groups/%G/decisions',
    );
    const junkId = fc.oneof(fc.uuid(), fc.string({ maxLength: 60 }), fc.constantFrom('..', '%00', "' or 1=1 --", '<script>'));
    const group = fc.oneof({ weight: 4, arbitrary: fc.constant(groupId) }, { weight: 1, arbitrary: junkId });
    const risk = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...riskIds) }, { weight: 1, arbitrary: junkId });
    const token = fc.constantFrom(
      () => tokenFor(people.sara), // the group's organizer: an editor
      () => tokenFor(people.hakan), // a member
      () => tokenFor(people.fredric), // not a member
      () => idp.userToken({ tenantId: OTHER_TENANT, oid: people.sara.aadObjectId, name: 'Sara', audience: CLIENT_ID }),
      () => 'not-a-token',
    );
    const body = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.record({ requestId: fc.oneof(fc.uuid(), fc.string({ maxLength: 20 })), probability: fc.anything({ maxDepth: 0 }), format: fc.constantFrom('csv', 'json', 'xlsx'), content: fc.string({ maxLength: 200 }), organisation: fc.string({ maxLength: 30 }), answers: fc.anything({ maxDepth: 1 }) }, { requiredKeys: [] }),
    );
    let refused = 0;
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(route, group, risk, fc.constantFrom('GET', 'POST'), body, token, async (r, g, rid, method, b, tokenOf) => {
        const before = await counts();
        const path = r.replace('%G', encodeURIComponent(g)).replace('%R', encodeURIComponent(rid));
        const res = await call(method, `/api/tab/${path}?q=${encodeURIComponent(g)}`, tokenOf(), method === 'POST' ? (b ?? null) : undefined);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          refused++;
          expect(res.body).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.stringMatching(/.{10,}/) }));
          expect(await counts()).toEqual(before);
        } else reached++;
      }),
      { numRuns: 200 },
    );
    // Both kinds happened: the real ids and tokens got answers, the rest refusals.
    expect(reached).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  }, 120_000);
});
