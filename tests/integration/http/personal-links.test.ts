/**
 * Personal links over real HTTP, without Graph (in-process): /notice and /checkin give each member of the
 * host tenant who is not in the chat their own link in a one-to-one chat (a card with the link as its
 * button; members in the chat answer on the card there) (the fake Bot Connector opens it as Teams does) and none
 * in the group chat; the page answers for exactly the person the link names, and a changed answer replaces
 * the first; tampered, foreign-key, expired, other-kind and garbled links get a clear page with 403, 410 or
 * 400 and store nothing; text from people is escaped. "Now" is a movable clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../../src/config';
import { hmacLinkTokens } from '../../../src/links/personal-link-token';
import { LINK_KEY_FILE_NAME } from '../../../src/links/signing-key';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { cardOf, cardText, type FakeMember } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { testStoreKind } from '../../helpers/test-database';
import { postActivity } from '../../helpers/test-app';

/** Wednesday 25 November 2026, 10:00 in Stockholm. */
const NOW = new Date('2026-11-25T09:00:00.000Z');
let now = NOW;
// Local mode refuses an https public address (that would be a deployment): links go to http here.
const BASE = 'http://radslag.example.org';
const h = useHarness({ PUBLIC_BASE_URL: BASE }, { now: () => now });
let store: OpenStore;

/** A member from a neighbouring municipality's tenant: Teams knows her in the chat, the bot may not message her. */
const OTHER_TENANT = '2c4e6a8b-2222-4d6f-8a0c-1e3b5d7f9a11';
const eva: FakeMember = { id: '29:1EvaGrannAbc', name: 'Eva <i>Grann</i>', aadObjectId: '8b0d2f4a-6c8e-4a1b-9d3f-5e7a9c1b3d66', email: 'eva@grannkommun.se', tenantId: OTHER_TENANT };

beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store.close());

beforeEach(() => {
  now = NOW;
  h.teams.clear();
  h.teams.members = [people.sara, people.hakan, people.titti, eva];
});

const repos = () => createRepositories(store);
const say = async (chat: Chat, from: FakeMember, text: string, locale = 'en-US') => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }))).status).toBe(200);
  return h.teams.sent().slice(before);
};
let n = 0;
/** A group chat set up as a group, with one meeting booked 11 weeks ahead. */
const aGroupWithMeeting = async (title?: string) => {
  const chat = aGroupChat();
  const name = `E-råd Länkar ${++n}`;
  await say(chat, people.sara, `/setup ${name}`);
  await say(chat, people.sara, `/schedule 2027-02-10 09:00-12:00 ${title ?? name}`);
  // Håkan and Titti are on the roster but not in this chat: they are the ones who need a link.
  h.teams.members = [people.sara, eva];
  const group = await repos().groups.findByName(TENANT, name);
  const [meeting] = await repos().meetings.listByGroup(TENANT, group!.id, '2027-01-01', '2028-01-01');
  return { chat, name, meeting: meeting! };
};

/** The link each member got in a one-to-one chat since `from` (the card's button), by the id Teams was given. */
const linksSent = (from = 0) =>
  new Map(
    h.teams
      .direct()
      .slice(from)
      .flatMap((d) => {
        const button = (cardOf(d.activity)?.actions as Array<{ type: string; url?: string }> | undefined)?.find((a) => a.type === 'Action.OpenUrl');
        const url = new RegExp(`^${BASE.replace(/[.]/g, '\\.')}/p/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)$`).exec(button?.url ?? '');
        return url ? [[d.memberId, url[1]!] as const] : [];
      }),
  );
const page = (token: string, init: RequestInit = {}, query = '') => fetch(`${h.app.url}/p/${token}${query}`, init);
const post = (token: string, form: Record<string, string>, query = '') =>
  page(token, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() }, query);
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const withPayload = (token: string, changes: Record<string, unknown>) => `${Buffer.from(JSON.stringify({ ...payloadOf(token), ...changes })).toString('base64url')}.${token.split('.')[1]}`;

describe('delivery', () => {
  it('gives each member of the host tenant outside the chat their own link in a one-to-one chat, none to those in it, and posts no link in the group chat', async () => {
    const { chat, meeting } = await aGroupWithMeeting();
    const directBefore = h.teams.direct().length;
    const posted = await say(chat, people.sara, '/notice');

    // The card, then one line about the links: no link in the group chat.
    expect(cardOf(posted[0])).toBeDefined();
    expect(JSON.stringify(posted)).not.toContain('/p/');
    // Counts only: who could not be reached is for the sender, privately.
    expect(posted.at(-1)!.text).toBe(
      'Personal links: 0 by e-mail, 2 in a private chat with the bot. 1 in this chat answer on the card. 1 could not be reached by e-mail or by the bot; their links went privately to whoever sent this.',
    );
    expect(JSON.stringify(posted)).not.toContain('Grann');

    // One-to-one chats, opened as Teams wants them: one member (by Entra object id, outside the chat), not a group, the tenant given.
    const opened = h.teams.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations');
    expect(opened.map((r) => r.body)).toEqual(
      expect.arrayContaining([people.hakan, people.titti].map((p) => expect.objectContaining({ isGroup: false, members: [expect.objectContaining({ id: p.aadObjectId })], tenantId: TENANT }))),
    );
    const links = linksSent(directBefore);
    expect([...links.keys()].sort()).toEqual([people.hakan.aadObjectId, people.titti.aadObjectId].sort());
    for (const token of links.values()) expect(payloadOf(token)).toMatchObject({ v: 1, tenant: TENANT, meeting: meeting.id, kind: 'notice', exp: Date.parse('2027-02-10T11:00:00Z') / 1000 });
    // A card whose button is the link: no ~300-character address in the text.
    const hakanCard = cardOf(h.teams.direct().find((d) => d.memberId === people.hakan.aadObjectId)!.activity)!;
    expect(cardText(hakanCard)).toContain('Hello Håkan Sundberg, you are invited to');
    expect(cardText(hakanCard)).not.toContain('/p/');
    // Sara sent it and is in the chat: no link of her own, but Eva's, privately, to pass on.
    const toSara = h.teams.direct().slice(directBefore).filter((d) => d.memberId === people.sara.id);
    expect(toSara).toHaveLength(2);
    expect(cardText(cardOf(toSara[0]!.activity))).toContain('No link could be sent to Eva <i>Grann</i>');
    expect(JSON.stringify(toSara[1]!.activity)).toContain(`${BASE}/p/`);
    expect(cardText(cardOf(toSara[1]!.activity))).toContain('Personal link for Eva <i>Grann</i>');
  });

  // PostgreSQL keeps no data folder of its own here: the key file is SQLite's neighbour (skipped, not passed, there).
  (testStoreKind() === 'sqlite' ? it : it.skip)('keeps the generated signing key in the data folder, readable by the owner only', () => {
    const file = path.join(path.dirname(h.db.url.slice('sqlite:'.length)), LINK_KEY_FILE_NAME);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the page', () => {
  it('answers for exactly the person the link names; answering again changes the answer', async () => {
    const { chat, name, meeting } = await aGroupWithMeeting();
    const from = h.teams.direct().length;
    await say(chat, people.sara, '/notice');
    const hakan = linksSent(from).get(people.hakan.aadObjectId)!;

    const shown = await page(hakan);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(shown.headers.get('content-security-policy')).toContain("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
    expect(shown.headers.get('cache-control')).toBe('no-store');
    const html = await shown.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(`Kallelse: ${name}`);
    expect(html).toContain('2027-02-10, 09:00–12:00 (svensk tid)');
    expect(html).toContain('Du svarar som Håkan Sundberg.');
    expect(html).not.toMatch(/<script|<link|src=/i);

    const excused = await post(hakan, { kind: 'notice', attending: 'no', note: 'Krockar med KS' });
    expect(excused.status).toBe(200);
    const excusedHtml = await excused.text();
    expect(excusedHtml).toContain('Tack, ditt svar är sparat:');
    expect(excusedHtml).toContain('Jag är förhindrad (Krockar med KS)');
    let answers = await repos().answers.notices(TENANT, meeting.id);
    expect(answers).toEqual([expect.objectContaining({ person: expect.objectContaining({ aadObjectId: people.hakan.aadObjectId, name: 'Håkan Sundberg' }), attending: false, note: 'Krockar med KS', via: 'link' })]);

    expect((await post(hakan, { kind: 'notice', attending: 'yes', note: '' })).status).toBe(200);
    answers = await repos().answers.notices(TENANT, meeting.id);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ person: { aadObjectId: people.hakan.aadObjectId }, attending: true, via: 'link' });
    expect(answers[0]!.note).toBeUndefined();
  });

  it('is one answer with the card: a card answer shows on the page, and the link changes it', async () => {
    const { chat, meeting } = await aGroupWithMeeting();
    const from = h.teams.direct().length;
    const posted = await say(chat, people.sara, '/notice');
    const notice = cardOf(posted[0]) as { actions: Array<{ verb: string; data: Record<string, unknown> }> };
    const decline = notice.actions[1]!;
    const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.titti, verb: decline.verb, data: { ...decline.data, note: 'Sjuk' } }));
    expect(res.status).toBe(200);
    const titti = linksSent(from).get(people.titti.aadObjectId)!;
    expect(await (await page(titti)).text()).toContain('Ditt svar hittills: Jag är förhindrad (Sjuk)');
    await post(titti, { kind: 'notice', attending: 'yes' });
    expect(await repos().answers.notices(TENANT, meeting.id)).toEqual([expect.objectContaining({ attending: true, via: 'link', person: expect.objectContaining({ aadObjectId: people.titti.aadObjectId }) })]);
  });

  it('escapes text from people: a <script> in the meeting title stays text', async () => {
    const { chat } = await aGroupWithMeeting('<script>alert("x")</script> & "co"');
    const from = h.teams.direct().length;
    await say(chat, people.sara, '/notice');
    const html = await (await page(linksSent(from).get(people.hakan.aadObjectId)!)).text();
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#34;co&#34;');
  });

  it('speaks English when asked (?lang=en, or the browser prefers it), and takes the check-in', async () => {
    const { chat, meeting } = await aGroupWithMeeting();
    const from = h.teams.direct().length;
    await say(chat, people.sara, '/checkin');
    const sara = linksSent(from).get(people.hakan.aadObjectId)!;
    expect(payloadOf(sara)).toMatchObject({ kind: 'checkin' });

    const english = await (await page(sara, {}, '?lang=en')).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Check-in: ');
    expect(english).toContain(`action="${sara}?lang=en"`);
    expect(await (await page(sara, { headers: { 'accept-language': 'en-GB,en;q=0.9,sv;q=0.8' } })).text()).toContain('You are answering as Håkan Sundberg.');
    expect(await (await page(sara, { headers: { 'accept-language': 'de-DE,sv;q=0.5,en;q=0.4' } })).text()).toContain('Du svarar som Håkan Sundberg.');

    const stored = await post(sara, { kind: 'checkin', mood: 'strained', text: 'Tungt\r\nmen ok', inRoom: 'true' }, '?lang=en');
    expect(stored.status).toBe(200);
    expect(await stored.text()).toContain('Strained — Tungt\nmen ok · I am in the meeting room');
    expect(await repos().answers.checkIns(TENANT, meeting.id)).toEqual([
      expect.objectContaining({ person: expect.objectContaining({ aadObjectId: people.hakan.aadObjectId }), mood: 'strained', text: 'Tungt\nmen ok', inRoom: true, via: 'link' }),
    ]);
  });

  it('gives the form back with the problem (400) when the input is wrong, and stores nothing', async () => {
    const { chat, meeting } = await aGroupWithMeeting();
    const from = h.teams.direct().length;
    await say(chat, people.sara, '/notice');
    const hakan = linksSent(from).get(people.hakan.aadObjectId)!;

    const missing = await post(hakan, { kind: 'notice', note: 'Glömde välja <b>' });
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('Välj om du kommer eller är förhindrad.');
    expect(html).toContain('>Glömde välja &#60;b&#62;</textarea>');
    const tooLong = await post(hakan, { kind: 'notice', attending: 'yes', note: 'x'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('Texten är för lång: högst 500 tecken.');
    expect(await repos().answers.notices(TENANT, meeting.id)).toEqual([]);
  });

  it('gives the form back (400), not a failure, when the domain refuses the text: control characters only, or too long', async () => {
    const { chat, meeting } = await aGroupWithMeeting();
    const from = h.teams.direct().length;
    await say(chat, people.sara, '/notice');
    const hakan = linksSent(from).get(people.hakan.aadObjectId)!;

    for (const form of [{ attending: 'no', substitute: '\u0001' }, { attending: 'no', substitute: '\u0001\u0002\u0007' }, { attending: 'no', substitute: 'x'.repeat(201) }]) {
      const res = await post(hakan, { kind: 'notice', ...form }, '?lang=en');
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('role="alert"');
      expect(html).not.toContain('could not be shown');
    }
    const note = await post(hakan, { kind: 'notice', attending: 'yes', note: '\u0001\u0002' });
    // A note of control characters only is refused as empty, or stored as no note: never a failure.
    expect([200, 400]).toContain(note.status);
    for (const a of await repos().answers.notices(TENANT, meeting.id)) expect([...(a.note ?? '')].some((c) => c.charCodeAt(0) < 0x20 && c !== '\n')).toBe(false);
    expect((await repos().answers.notices(TENANT, meeting.id)).filter((a) => a.substitute !== undefined)).toEqual([]);
  });
});

describe('a meeting that is no longer held', () => {
  it('refuses a cancelled meeting’s link (410, saying it was cancelled) and stores nothing', async () => {
    const { chat, meeting } = await aGroupWithMeeting();
    const from = h.teams.direct().length;
    await say(chat, people.sara, '/notice');
    const hakan = linksSent(from).get(people.hakan.aadObjectId)!;
    await repos().meetings.update(TENANT, meeting.id, { cancelledAt: NOW.toISOString() });

    const opened = await page(hakan, {}, '?lang=en');
    expect(opened.status).toBe(410);
    expect(await opened.text()).toContain('The meeting was cancelled');
    const res = await post(hakan, { kind: 'notice', attending: 'yes' });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Mötet är inställt');
    expect(await repos().answers.notices(TENANT, meeting.id)).toEqual([]);
  });

  // Nothing deletes a meeting but an operator: done here on SQLite with the foreign keys off for this connection (skipped on PostgreSQL).
  (testStoreKind() === 'sqlite' ? it : it.skip)('refuses a deleted meeting’s link (410), on the page and the form', async () => {
    const { chat, meeting } = await aGroupWithMeeting();
    const from = h.teams.direct().length;
    await say(chat, people.sara, '/notice');
    const hakan = linksSent(from).get(people.hakan.aadObjectId)!;
    // Gone from the store as if it had never been: the link's meeting id now names nothing.
    await sql`PRAGMA foreign_keys = OFF`.execute(store.db);
    await store.db.deleteFrom('meetings').where('id', '=', meeting.id).execute();
    await sql`PRAGMA foreign_keys = ON`.execute(store.db);

    expect((await page(hakan)).status).toBe(410);
    const res = await post(hakan, { kind: 'notice', attending: 'no', substitute: 'Per Ersatt' });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Länken leder inte längre någonstans');
  });
});

describe('a bad link', () => {
  it('is refused with a clear page — 403 altered or foreign, 400 garbled, 410 expired, 403 the other form — and nothing is stored', async () => {
    const { chat, meeting } = await aGroupWithMeeting();
    const from = h.teams.direct().length;
    await say(chat, people.sara, '/notice');
    const links = linksSent(from);
    const hakan = links.get(people.hakan.aadObjectId)!;
    const titti = payloadOf(links.get(people.titti.aadObjectId)!);

    const refused = async (token: string, status: number, text: string, form: Record<string, string> = { kind: 'notice', attending: 'no' }) => {
      for (const res of [await page(token), await post(token, form)]) {
        expect(res.status).toBe(status);
        expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
        const html = await res.text();
        expect(html).toContain(text);
        expect(html).toContain('Inget har sparats.');
        expect(html).not.toContain('<form');
      }
    };
    // One changed character of the payload; Håkan's link made to name Titti; signed with another key.
    const flipped = `${hakan.slice(0, 10)}${hakan[10] === 'A' ? 'B' : 'A'}${hakan.slice(11)}`;
    await refused(flipped, 403, 'Länken är inte giltig');
    await refused(withPayload(hakan, { member: titti.member }), 403, 'Länken är inte giltig');
    const p = payloadOf(hakan);
    const foreign = hmacLinkTokens('another-key-another-key-another-key!').issue({
      tenantId: String(p.tenant),
      meetingId: String(p.meeting),
      memberId: String(p.member),
      kind: 'notice',
      expiresAt: new Date(Number(p.exp) * 1000),
    });
    await refused(foreign, 403, 'Länken är inte giltig');
    await refused('not-a-link', 400, 'Länken är ofullständig');
    await refused(hakan.slice(0, -5), 400, 'Länken är ofullständig');

    now = new Date('2027-02-10T11:00:00.000Z'); // the meeting's end
    await refused(hakan, 410, 'Länken har gått ut');
    now = NOW;

    // The notice link with a check-in form.
    const other = await post(hakan, { kind: 'checkin', mood: 'good' });
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('Formuläret hör inte till länken');

    expect(await repos().answers.notices(TENANT, meeting.id)).toEqual([]);
    expect(await repos().answers.checkIns(TENANT, meeting.id)).toEqual([]);
    // The real link still works.
    expect((await page(hakan)).status).toBe(200);
  });
});

describe('a former member', () => {
  it('is refused on the notice and the check-in link (403) once the membership has ended, and nothing is stored', async () => {
    const { chat, meeting } = await aGroupWithMeeting();
    const from = h.teams.direct().length;
    await say(chat, people.sara, '/notice');
    const hakan = linksSent(from).get(people.hakan.aadObjectId)!;
    expect((await page(hakan)).status).toBe(200);

    // Håkan leaves the group the day before the notice is answered (and before the meeting).
    const group = await repos().groups.get(TENANT, meeting.groupId!);
    const member = (await repos().groups.members(TENANT, group!.id)).find((m) => m.person.id === people.hakan.id)!;
    await repos().groups.updateMember(TENANT, member.id, { to: '2026-11-24' });
    const tokens = [hakan];
    // On SQLite the key is in the data folder, so a check-in link can be made as /checkin would make it.
    if (h.db.kind === 'sqlite') {
      const checkIn = hmacLinkTokens(fs.readFileSync(path.join(path.dirname(h.db.url.slice('sqlite:'.length)), LINK_KEY_FILE_NAME), 'utf8').trim());
      const p = payloadOf(hakan);
      tokens.push(checkIn.issue({ tenantId: TENANT, meetingId: meeting.id, memberId: String(p.member), kind: 'checkin', expiresAt: new Date(Number(p.exp) * 1000) }));
    }
    for (const token of tokens) {
      const kind = payloadOf(token).kind === 'checkin' ? 'checkin' : 'notice';
      const form: Record<string, string> = kind === 'notice' ? { kind, attending: 'yes' } : { kind, mood: 'good' };
      for (const res of [await page(token), await post(token, form)]) {
        expect(res.status).toBe(403);
        const html = await res.text();
        expect(html).toContain('Du är inte medlem i gruppen');
        expect(html).toContain('Inget har sparats.');
        expect(html).not.toContain('<form');
      }
    }
    expect(await repos().answers.notices(TENANT, meeting.id)).toEqual([]);
    expect(await repos().answers.checkIns(TENANT, meeting.id)).toEqual([]);
  });
});
