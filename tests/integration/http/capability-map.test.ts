/**
 * The capability map through the real server and database: the tab API with tokens from a local OpenID
 * provider (import, map, reminders, assessments), and /assess through the bot endpoint with the fake Bot
 * Connector recording the cards and one-to-one messages.
 */
import { randomUUID } from 'node:crypto';
import type { RunningApp } from '../../../src/main';
import { loadConfig } from '../../../src/config';
import { createRepositories, openStore } from '../../../src/store';
import type { ApiError, CapabilityImportResult, CapabilityMapView, MeView, ReminderResult } from '../../../src/contract/tab-api';
import { FakeBotConnector, cardOf, cardText } from '../../fakes/bot-connector';
import { hmacLinkTokens } from '../../../src/links/personal-link-token';
import { FakeOpenIdProvider } from '../../fakes/openid-provider';
import { aCardAction, aGroupChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { postActivity, startTestApp } from '../../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

const CLIENT_ID = '5a2c7e1f-3b4d-4c6e-8f9a-0b1c2d3e4f5a';
const LINK_KEY = 'capability-map-test-link-signing-key-0123456789';
const memberIds = new Map<string, string>();
type Person = (typeof people)[keyof typeof people];
type Json = Record<string, unknown>;

const idp = new FakeOpenIdProvider();
const teams = new FakeBotConnector();
let db: TestDatabase;
let app: RunningApp;
let serviceUrl: string;
let groupId: string;
const chat: Chat = aGroupChat();

const tokenFor = (p: Person) => idp.userToken({ tenantId: TENANT, oid: p.aadObjectId, name: p.name, audience: CLIENT_ID });

async function call<T = Json>(method: string, path: string, who?: Person, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...(who ? { authorization: `Bearer ${tokenFor(who)}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'accept-language': 'en' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
const mapOf = async (who: Person = people.sara) => {
  const res = await call<CapabilityMapView>('GET', `/api/tab/groups/${groupId}/capabilities`, who);
  expect(res.status).toBe(200);
  return res.body;
};
const importCsv = (content: string, requestId: string = randomUUID(), who: Person = people.sara) =>
  call<CapabilityImportResult & ApiError>('POST', `/api/tab/groups/${groupId}/capabilities/import`, who, { requestId, format: 'csv', content });

const say = async (from: Person, text: string, at: Chat = chat) => {
  const before = teams.sent().length;
  expect((await postActivity(app, aMessage({ serviceUrl, chat: at, from, text }))).status).toBe(200);
  return teams.sent().slice(before);
};
const press = async (from: Person, verb: string, data: Json, at: Chat = chat) => {
  const res = await postActivity(app, aCardAction({ serviceUrl, chat: at, from, verb, data }));
  expect(res.status).toBe(200);
  return res.body as { statusCode: number; type: string; value: unknown };
};
const actionsOf = (c: unknown) => ((c as { actions?: Array<{ verb: string; title: string; data: Json }> }).actions ?? []);
const choiceIds = (c: unknown): string[] => [...JSON.stringify(c).matchAll(/"id":"([mi]\.[^"]+)"/g)].map((m) => m[1]!);

const CSV = ['\uFEFFkod;område;förmåga;beskrivning', '1.1;Ledning och styrning;Digital strategi;Förankrad i ledningen', '1.2;Ledning och styrning;Nyttorealisering;', '2.1;Invånare och service;"E-tjänster; självservice";"Dygnet runt"'].join('\r\n');

beforeAll(async () => {
  db = await createTestDatabase();
  serviceUrl = await teams.start();
  await idp.start();
  app = await startTestApp(db.url, { SECRET_LINK_SIGNING_KEY: LINK_KEY, AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_TENANT_ID: TENANT, AAD_APP_ID_URI: `api://localhost/${CLIENT_ID}`, AAD_APP_OPENID_METADATA_URL: idp.metadataUrl(TENANT) });
  // The group as /setup makes it (Sara organizes), and the organisations each member represents.
  teams.members = [people.sara, people.hakan, people.pia, people.fredric];
  expect(textOf((await say(people.sara, '/setup Förmågegruppen'))[0])).toContain('is set up');
  const roster = cardOf((await say(people.sara, '/members'))[0]) as { body: unknown[]; actions: Array<{ verb: string; data: Json }> };
  const save = roster.actions.find((a) => a.verb === 'member.update')!;
  for (const [person, organisation] of [
    [people.hakan, 'Munkedal'],
    [people.pia, 'Åmål'],
    [people.fredric, 'Vänersborg'],
  ] as const) {
    const memberId = new RegExp(`"title":"${person.name}","value":"([^"]+)"`).exec(JSON.stringify(roster.body))![1]!;
    memberIds.set(person.name, memberId);
    await press(people.sara, save.verb, { ...save.data, memberId, organisation });
  }
  groupId = (await call<MeView>('GET', '/api/tab/me', people.sara)).body.groups.find((g) => g.name === 'Förmågegruppen')!.id;
});

afterAll(async () => {
  await app?.stop();
  await teams.stop();
  await idp.stop();
  await db?.drop();
});

const textOf = (activity: Json | undefined) => (typeof activity?.text === 'string' ? activity.text : cardText(cardOf(activity)));

describe('import', () => {
  it('imports CSV with Swedish headers and semicolons; the same request twice stores once; a new request updates by code', async () => {
    const requestId = randomUUID();
    expect((await importCsv(CSV, requestId)).body).toEqual({ imported: 3, updated: 0, repeated: false });
    expect((await importCsv(CSV, requestId)).body).toEqual({ imported: 3, updated: 0, repeated: true });
    expect((await importCsv(CSV)).body).toEqual({ imported: 0, updated: 0, repeated: false });
    const map = await mapOf();
    expect(map.capabilities.map((c) => [c.code, c.area, c.name, c.description])).toEqual([
      ['1.1', 'Ledning och styrning', 'Digital strategi', 'Förankrad i ledningen'],
      ['1.2', 'Ledning och styrning', 'Nyttorealisering', undefined],
      ['2.1', 'Invånare och service', 'E-tjänster; självservice', 'Dygnet runt'],
    ]);
    // JSON, with the vision; 1.2 renamed, 3.1 new.
    const json = await call<CapabilityImportResult>('POST', `/api/tab/groups/${groupId}/capabilities/import`, people.sara, {
      requestId: randomUUID(),
      format: 'json',
      content: JSON.stringify({ vision: 'Målbild 2030', capabilities: [{ code: '1.2', area: 'Ledning och styrning', name: 'Nyttorealisering och uppföljning' }, { code: '3.1', area: 'Information och data', name: 'Informationssäkerhet' }] }),
    });
    expect(json).toEqual({ status: 200, body: { imported: 1, updated: 1, repeated: false } });
    const after = await mapOf();
    expect(after.vision).toBe('Målbild 2030');
    expect(after.capabilities.map((c) => c.code)).toEqual(['1.1', '1.2', '2.1', '3.1']);
    expect(after.organisations).toEqual(['Munkedal', 'Vänersborg', 'Åmål']);
  });

  it('refuses a bad CSV with 400 naming the row and column, and stores nothing of it', async () => {
    const before = (await mapOf()).capabilities.length;
    const empty = await importCsv('code,area,name\n9.1,Ny,Ny förmåga\n9.2,Ny,\n');
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ code: 'CAPABILITY.IMPORT_FIELD_EMPTY', message: 'Row 3, column “name”: empty. Fill it in.' });
    const quotes = await importCsv('code,area,name\n9.1,Ny,"Ny förmåga\n');
    expect(quotes.status).toBe(400);
    expect(quotes.body.code).toBe('CAPABILITY.IMPORT_BAD_CSV');
    expect(quotes.body.message).toMatch(/^Row 2: the CSV cannot be read/);
    const header = await importCsv('kod,omrade,namne\n9.1,Ny,Ny');
    expect(header.body).toEqual({ code: 'CAPABILITY.IMPORT_UNKNOWN_COLUMN', message: expect.stringContaining('Row 1: “namne” is not a column') });
    const shape = await call('POST', `/api/tab/groups/${groupId}/capabilities/import`, people.sara, { requestId: randomUUID(), format: 'xlsx', content: 'x' });
    expect(shape.status).toBe(400);
    expect((await mapOf()).capabilities.length).toBe(before);
  });

  it('lets editors only import: a member gets 403, no token 401, another tenant’s real group 404 and unchanged', async () => {
    expect((await importCsv(CSV, randomUUID(), people.hakan)).status).toBe(403);
    const anonymous = await call('POST', `/api/tab/groups/${groupId}/capabilities/import`, undefined, { requestId: randomUUID(), format: 'csv', content: CSV });
    expect(anonymous.status).toBe(401);

    // A group of another tenant, set up through the bot by that tenant's chat: reached by its real id, it is not there.
    const otherTenant = '0a1b2c3d-3333-4e5f-8a9b-0c1d2e3f4a5b';
    const setup = aMessage({ serviceUrl, chat: aGroupChat(), from: people.pia, text: '/setup Främmande karta' });
    expect((await postActivity(app, JSON.parse(JSON.stringify(setup).split(TENANT).join(otherTenant)))).status).toBe(200);
    const store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
    try {
      const foreign = (await createRepositories(store).groups.findByName(otherTenant, 'Främmande karta'))!;
      expect(foreign).toBeDefined();
      expect((await call('GET', `/api/tab/groups/${foreign.id}/capabilities`, people.sara)).status).toBe(404);
      const imported = await call<ApiError>('POST', `/api/tab/groups/${foreign.id}/capabilities/import`, people.sara, { requestId: randomUUID(), format: 'csv', content: CSV });
      expect(imported.status).toBe(404);
      expect(imported.body.code).toBe('GROUP.NOT_FOUND');
      expect(await createRepositories(store).capabilities.map(otherTenant, foreign.id)).toEqual({ capabilities: [] });
    } finally {
      await store.close();
    }
    // A member reads the map.
    expect((await call('GET', `/api/tab/groups/${groupId}/capabilities`, people.hakan)).status).toBe(200);
  });
});

describe('/assess through the bot', () => {
  it('posts the caller’s organisation’s form; Save stores, confirms in place, and the same press twice stores once', async () => {
    const [sent] = await say(people.hakan, '/assess');
    const form = cardOf(sent)!;
    expect(cardText(form)).toContain('Capability assessment: Munkedal');
    const ids = choiceIds(form);
    expect(ids).toHaveLength(8); // 4 capabilities × maturity and importance
    const save = actionsOf(form).find((a) => a.verb === 'assess.save')!;
    const [m1, i1, m2, i2] = ids;
    const inputs = { [m1!]: '2', [i1!]: '5', [m2!]: '4', [i2!]: '3' };
    const first = await press(people.hakan, save.verb, { ...save.data, ...inputs });
    expect(first.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(first.value)).toContain('Saved 2 answers for Munkedal. 2 of 4 capabilities answered.');
    // The updated form shows the stored answers as values.
    expect(JSON.stringify(first.value)).toContain(`"id":"${m1}","label":"Maturity: 1.1","style":"compact"`);
    const again = await press(people.hakan, save.verb, { ...save.data, ...inputs });
    expect(cardText(again.value)).toContain('Saved 0 answers for Munkedal. 2 of 4');

    const map = await mapOf();
    const munkedal = map.assessments.filter((a) => a.organisation === 'Munkedal');
    expect(munkedal.map((a) => [a.maturity, a.importance, a.assessedBy])).toEqual([
      [2, 5, 'Håkan Sundberg'],
      [4, 3, 'Håkan Sundberg'],
    ]);
    expect(map.responses.find((r) => r.organisation === 'Munkedal')).toMatchObject({ answered: 2, total: 4, representative: 'Håkan Sundberg' });

    // A newer answer replaces the older one, with who and when.
    const changed = await press(people.hakan, save.verb, { ...save.data, [m1!]: '3', [i1!]: '5' });
    expect(cardText(changed.value)).toContain('Saved 1 answers for Munkedal');
    expect((await mapOf()).assessments.filter((a) => a.organisation === 'Munkedal').map((a) => a.maturity)).toEqual([4, 3]);
  });

  it('refuses a wrong value with a clear message and stores nothing; a member cannot answer for another organisation', async () => {
    const form = cardOf((await say(people.pia, '/bedöm'))[0])!;
    const save = actionsOf(form).find((a) => a.verb === 'assess.save')!;
    const [m1, i1] = choiceIds(form);
    const bad = await press(people.pia, save.verb, { ...save.data, [m1!]: '7', [i1!]: '3' });
    expect(bad.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(bad.value)).toContain('1.1 Digital strategi: maturity “7” is not a level');
    const other = await press(people.pia, save.verb, { ...save.data, organisation: 'Munkedal', [m1!]: '1', [i1!]: '3' });
    expect(String(other.value)).toContain('You represent Åmål; only the chair, vice chair or organizer may assess for Munkedal.');
    expect((await mapOf()).assessments.filter((a) => a.organisation === 'Åmål')).toEqual([]);
    // The organizer represents no organisation: she names one.
    expect(textOf((await say(people.sara, '/assess'))[0])).toContain('You are not a representative of an organisation in this group');
    expect(cardText(cardOf((await say(people.sara, '/assess Vänersborg'))[0]))).toContain('Capability assessment: Vänersborg');
  });
});

describe('reminders', () => {
  it('sends the representative a card privately; the same request twice sends once; the tracker shows when', async () => {
    teams.clear();
    const requestId = randomUUID();
    const sent = await call<ReminderResult>('POST', `/api/tab/groups/${groupId}/capabilities/reminders`, people.sara, { requestId, organisation: 'åmål' });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ organisation: 'Åmål', sentTo: ['Pia Carlsson'], unreachable: [] });
    const direct = teams.direct();
    expect(direct).toHaveLength(1);
    expect(direct[0]!.memberId).toBe(people.pia.id);
    const reminder = cardOf(direct[0]!.activity)!;
    expect(cardText(reminder)).toContain('Åmål has answered 0 of 4 capabilities of Förmågegruppen');
    expect((await call('POST', `/api/tab/groups/${groupId}/capabilities/reminders`, people.sara, { requestId, organisation: 'Åmål' })).body).toEqual(sent.body);
    expect(teams.direct()).toHaveLength(1);
    expect((await mapOf()).responses.find((r) => r.organisation === 'Åmål')?.remindedAt).toBe(sent.body.remindedAt);

    // Pia opens the form from the reminder, in her one-to-one chat.
    const open = actionsOf(reminder)[0]!;
    const personal: Chat = { conversationId: [...teams.directChats.keys()][0]!, conversationType: 'personal' };
    const page = await press(people.pia, open.verb, open.data, personal);
    expect(cardText(page.value)).toContain('Capability assessment: Åmål');
  });

  it('refuses a member’s reminder (403) and an organisation that is not on the map (400)', async () => {
    expect((await call('POST', `/api/tab/groups/${groupId}/capabilities/reminders`, people.hakan, { requestId: randomUUID(), organisation: 'Åmål' })).status).toBe(403);
    const unknown = await call<ApiError>('POST', `/api/tab/groups/${groupId}/capabilities/reminders`, people.sara, { requestId: randomUUID(), organisation: 'Göteborg' });
    expect(unknown).toEqual({ status: 400, body: { code: 'ASSESSMENT.UNKNOWN_ORGANISATION', message: expect.stringContaining('“Göteborg” is not an organisation of this group') } });
  });
});

describe('assessments from the tab and the summary', () => {
  it('stores a representative’s answers, refuses another organisation’s, and the figures follow', async () => {
    const map = await mapOf(people.fredric);
    const answers = map.capabilities.map((c) => ({ capabilityId: c.id, maturity: 'leading', importance: 5 }));
    const own = await call<CapabilityMapView>('POST', `/api/tab/groups/${groupId}/capabilities/assessments`, people.fredric, { requestId: randomUUID(), answers });
    expect(own.status).toBe(200);
    expect(own.body.summary.leadingByOrganisation.find((l) => l.organisation === 'Vänersborg')).toEqual({ organisation: 'Vänersborg', leading: 4, total: 4 });
    const other = await call<ApiError>('POST', `/api/tab/groups/${groupId}/capabilities/assessments`, people.fredric, { requestId: randomUUID(), organisation: 'Munkedal', answers });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('ASSESSMENT.OTHER_ORGANISATION');
    const bad = await call<ApiError>('POST', `/api/tab/groups/${groupId}/capabilities/assessments`, people.fredric, { requestId: randomUUID(), answers: [{ capabilityId: map.capabilities[0]!.id, maturity: 3 }] });
    expect(bad.body.code).toBe('ASSESSMENT.BAD_IMPORTANCE');
    // Munkedal rated 1.1 at 3 and 1.2 at 4, Vänersborg everything leading: no capability is mostly weak.
    const figures = (await mapOf()).summary;
    expect(figures.mostlyWeak).toEqual([]);
    expect(figures.leadingByOrganisation).toEqual([
      { organisation: 'Munkedal', leading: 0, total: 4 },
      { organisation: 'Vänersborg', leading: 4, total: 4 },
      { organisation: 'Åmål', leading: 0, total: 4 },
    ]);
    // An editor answers for an organisation she names (here as it came in on paper), kept with her name.
    const byEditor = await call<CapabilityMapView>('POST', `/api/tab/groups/${groupId}/capabilities/assessments`, people.sara, { requestId: randomUUID(), organisation: 'munkedal', answers: [{ capabilityId: map.capabilities[3]!.id, maturity: 'god', importance: '4' }] });
    expect(byEditor.status).toBe(200);
    expect(byEditor.body.assessments.find((a) => a.organisation === 'Munkedal' && a.capabilityId === map.capabilities[3]!.id)).toMatchObject({ maturity: 4, importance: 4, assessedBy: 'Sara Herrman' });
  });
});

describe('the personal link (members in other tenants answer on a page)', () => {
  const linkFor = (person: Person, o: { kind?: 'assessment' | 'notice'; expiresAt?: Date } = {}) =>
    hmacLinkTokens(LINK_KEY).issue({
      tenantId: TENANT,
      meetingId: o.kind === 'notice' ? randomUUID() : '',
      groupId,
      memberId: memberIds.get(person.name)!,
      kind: o.kind ?? 'assessment',
      expiresAt: o.expiresAt ?? new Date(Date.now() + 86_400_000),
    });
  const page = (token: string) => fetch(`${app.url}/p/${token}?lang=en`);
  const post = (token: string, form: Record<string, string>) =>
    fetch(`${app.url}/p/${token}?lang=en`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

  it('shows the member’s organisation’s form with labelled choices, and stores the answers for that organisation only', async () => {
    const token = linkFor(people.pia);
    const opened = await page(token);
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(html).toContain('<h1>Capability assessment: Åmål</h1>');
    const map = await mapOf();
    const [c1, c2] = map.capabilities;
    expect(html).toContain(`<label for="m_${c1!.id}">Maturity</label><select id="m_${c1!.id}" name="m_${c1!.id}">`);
    expect(html).toContain('<legend>1.1 Digital strategi</legend>');

    const saved = await post(token, { kind: 'assessment', [`m_${c1!.id}`]: '1', [`i_${c1!.id}`]: '5', [`m_${c2!.id}`]: '', [`i_${c2!.id}`]: '' });
    expect(saved.status).toBe(200);
    const confirmation = await saved.text();
    expect(confirmation).toContain('Saved. 1 of 4 capabilities answered for Åmål.');
    expect(confirmation).toContain(`<option value="1" selected>1 – Non-existent</option>`);
    const amal = (await mapOf()).assessments.filter((a) => a.organisation === 'Åmål');
    expect(amal.map((a) => [a.capabilityId, a.maturity, a.importance, a.assessedBy])).toEqual([[c1!.id, 1, 5, 'Pia Carlsson']]);
    // The same answers again change nothing (kept with the first time).
    await post(token, { kind: 'assessment', [`m_${c1!.id}`]: '1', [`i_${c1!.id}`]: '5' });
    expect((await mapOf()).assessments.filter((a) => a.organisation === 'Åmål').map((a) => a.assessedAt)).toEqual(amal.map((a) => a.assessedAt));
  });

  it('gives the form back with the problem and stores nothing when an answer is wrong or half given', async () => {
    const token = linkFor(people.pia);
    const [, c2] = (await mapOf()).capabilities;
    const before = (await mapOf()).assessments;
    const half = await post(token, { kind: 'assessment', [`m_${c2!.id}`]: '3', [`i_${c2!.id}`]: '' });
    expect(half.status).toBe(400);
    const html = await half.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('1.2 Nyttorealisering och uppföljning: importance “—” must be a whole number from 1 to 5.');
    // What was chosen stays chosen.
    expect(html).toContain(`<select id="m_${c2!.id}" name="m_${c2!.id}"><option value="">Not answered</option><option value="1">1 – Non-existent</option><option value="2">2 – Inadequate</option><option value="3" selected>`);
    expect((await post(token, { kind: 'assessment', [`m_${c2!.id}`]: '9', [`i_${c2!.id}`]: '1' })).status).toBe(400);
    expect((await post(token, { kind: 'assessment', [`m_${randomUUID()}`]: '3', [`i_${randomUUID()}`]: '1' })).status).toBe(400);
    expect((await mapOf()).assessments).toEqual(before);
  });

  it('refuses an altered, expired or other-kind link with a clear page, and stores nothing', async () => {
    const token = linkFor(people.pia);
    const [c1] = (await mapOf()).capabilities;
    const before = (await mapOf()).assessments;
    const [payload, mac] = token.split('.') as [string, string];
    const changed = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Json), member: memberIds.get('Håkan Sundberg') };
    const forged = `${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${mac}`;
    expect((await post(forged, { kind: 'assessment', [`m_${c1!.id}`]: '5', [`i_${c1!.id}`]: '5' })).status).toBe(403);
    const expired = linkFor(people.pia, { expiresAt: new Date(Date.now() - 1000) });
    expect((await page(expired)).status).toBe(410);
    expect((await post(expired, { kind: 'assessment', [`m_${c1!.id}`]: '5', [`i_${c1!.id}`]: '5' })).status).toBe(410);
    // A notice form posted to an assessment link is not this link's.
    expect((await post(token, { kind: 'notice', attending: 'yes' })).status).toBe(403);
    expect((await mapOf()).assessments).toEqual(before);
  });

  it('escapes the text people typed (an imported name with markup is shown as text)', async () => {
    await importCsv('code,area,name\n9.9,<b>Område</b>,"<script>alert(1)</script> & <img src=x onerror=alert(2)>"');
    const html = await (await page(linkFor(people.pia))).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('<legend>9.9 &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#60;img src=x onerror=alert(2)&#62;</legend>');
    expect(html).toContain('<h2>&#60;b&#62;Område&#60;/b&#62;</h2>');
  });
});
