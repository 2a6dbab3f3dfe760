/**
 * A whole meeting run as Teams and Graph drive it — schedule, notice with an excuse, start, check-in, notes,
 * decisions, a risk and its review, an action, attendance import — and then its minutes: the Word file is
 * opened and read back, the Markdown is compared with a reviewed expected file, the HTML and the public
 * export are checked, approval by anyone but the adjuster is refused, and the approved version stays as it
 * was after later changes. The app is its own process with real MSAL and Graph clients against HTTPS fakes.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { cardOf, cardText } from '../fakes/bot-connector';
import { useGraphApp } from '../helpers/graph-harness';
import { aCardAction, aChat, aGroupChat, aMessage, BOT, people, TENANT, type Chat } from '../helpers/activities';
import { eventually } from '../helpers/eventually';
import { postActivity } from '../helpers/test-app';
import { loadConfig } from '../../src/config';
import { addDays, utcToStockholm } from '../../src/domain/stockholm-time';
import { createRepositories, openStore, type OpenStore } from '../../src/store';

const h = useGraphApp({ JOB_POLL_SECONDS: '3600' });
let store: OpenStore;

beforeAll(async () => {
  h.teams.members = [people.sara, people.hakan, people.titti, people.pia, people.fredric];
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store?.close());

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown>; title?: string; url?: string; type?: string };
type CardJson = { body: unknown[]; actions?: Action[] };

const say = async (chat: Chat, from: Person, text: string, locale = 'en-US') => {
  const before = h.teams.sent().length;
  const res = await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }));
  expect(res.status).toBe(200);
  return h.teams.sent().slice(before);
};
const cardIn = (sent: Array<Record<string, unknown>>) => cardOf([...sent].reverse().find((a) => cardOf(a))) as CardJson;
const press = async (chat: Chat, from: Person, action: Action, inputs: Record<string, unknown> = {}) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: { ...action.data, ...inputs }, replyToId: h.teams.cardMessageId(chat.conversationId, action.verb) }));
  expect(res.status).toBe(200);
  return res.body as { type: string; value: CardJson | string };
};
/** Every action of a card of a type, wherever it sits (card actions or an ActionSet in the body). */
const actionsOf = (c: unknown, type: string): Action[] => {
  const found: Action[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === type) found.push(o as unknown as Action);
      Object.values(o).forEach(walk);
    }
  };
  walk(c);
  return found;
};
const link = (c: CardJson, title: string): string => {
  const a = actionsOf(c, 'Action.OpenUrl').find((x) => x.title === title);
  if (!a?.url) throw new Error(`no link “${title}” in ${cardText(c)}`);
  // The links carry PUBLIC_BASE_URL; the spawned app listens on its own port.
  return `${h.app.url}${new URL(a.url).pathname}`;
};
const download = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', body: Buffer.from(await res.arrayBuffer()) };
};
/** The text of a .docx, paragraph by paragraph (table cells each on their own line), read from its XML. */
async function docxText(bytes: Buffer): Promise<{ text: string; headings: string[]; tables: number }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p[0])?.[1],
    text: [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1]!)).join(''),
  }));
  return {
    text: paragraphs.map((p) => p.text).join('\n'),
    headings: paragraphs.filter((p) => p.style && /^(Heading\d|Title)$/.test(p.style)).map((p) => p.text),
    tables: (xml.match(/<w:tbl>/g) ?? []).length,
  };
}

const EXPECTED_MARKDOWN = path.join(__dirname, '..', 'fixtures', 'minutes', 'whole-meeting.en.md');

/** Sets organisations through the roster card, as a manager would. */
async function setOrganisation(group: Chat, person: Person, organisation: string) {
  const roster = cardIn(await say(group, people.sara, '/members'));
  const memberId = new RegExp(`"title":"${person.name}","value":"([^"]+)"`).exec(JSON.stringify(roster.body))![1];
  const save = roster.actions!.find((a) => a.verb === 'member.update')!;
  await press(group, people.sara, save, { memberId, organisation });
}

const record = (id: string, name: string, seconds: number, extra: { email?: string; tenantId?: string; role?: string } = {}) => ({
  id,
  emailAddress: extra.email ?? null,
  totalAttendanceInSeconds: seconds,
  role: extra.role ?? 'Attendee',
  identity: { id, displayName: name, tenantId: extra.tenantId ?? TENANT },
  attendanceIntervals: [{ joinDateTime: '2027-02-11T08:00:00Z', leaveDateTime: '2027-02-11T09:00:00Z', durationInSeconds: seconds }],
});

it('runs a meeting end to end and produces, approves and locks its minutes', async () => {
  const group = aGroupChat();
  await say(group, people.sara, '/setup E-råd Fyrbodal');
  await setOrganisation(group, people.sara, 'Fyrbodals kommunalförbund');
  await setOrganisation(group, people.hakan, 'Munkedals kommun');
  await setOrganisation(group, people.titti, 'Fyrbodals kommunalförbund');
  await setOrganisation(group, people.pia, 'Åmåls kommun');
  await setOrganisation(group, people.fredric, 'Vänersborgs kommun');

  // ---- scheduled through Graph; the notice answered: Pia is excused ----------------------------------
  const day = addDays(utcToStockholm(new Date()).date, 77);
  expect(cardText(cardIn(await say(group, people.sara, `/schedule ${day} 09:00-12:00 E-råd Fyrbodal`)))).toContain('Booked: E-råd Fyrbodal');
  const [online] = [...h.graph.onlineMeetings.values()];
  const notice = cardIn(await say(group, people.sara, '/notice'));
  await press(group, people.pia, notice.actions![1]!, { note: 'Krockar med KS' });

  // ---- the meeting starts in its chat (the thread Graph created) --------------------------------------
  const chat: Chat = aChat({ conversationId: online!.threadId, conversationType: 'groupChat', meetingId: 'MCMxOTptZWV0aW5nX21pbnV0ZXM' });
  const start = (await createRepositories(store).meetings.listByGroup(TENANT, (await createRepositories(store).groups.findByConversation(TENANT, group.conversationId))!.id, '2000-01-01', '2100-01-01'))[0]!;
  h.teams.meetingInfo = { title: 'E-råd Fyrbodal', scheduledStartTime: start.startsAt!, scheduledEndTime: start.endsAt!, organizer: people.sara, graphResourceId: online!.id };
  await postActivity(h.app, {
    type: 'event',
    name: 'application/vnd.microsoft.meetingStart',
    id: 'start-minutes',
    serviceUrl: h.serviceUrl,
    channelId: 'msteams',
    from: { id: people.sara.id, aadObjectId: people.sara.aadObjectId },
    recipient: BOT,
    conversation: { id: chat.conversationId, conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
    value: { Id: chat.meetingId, JoinUrl: online!.joinUrl, Title: 'E-råd Fyrbodal', MeetingType: 'Scheduled', StartTime: new Date().toISOString() },
    channelData: { tenant: { id: TENANT }, meeting: { id: chat.meetingId } },
  });
  const repos = createRepositories(store);
  const meeting = await eventually(async () => {
    const m = await repos.meetings.findByTeamsId(TENANT, chat.meetingId!);
    expect(m).toMatchObject({ groupId: expect.any(String), startsAt: expect.any(String) });
    return m!;
  });

  await say(chat, people.sara, '/secretary @Titti Andersson');
  await say(chat, people.sara, '/adjuster Håkan Sundberg');

  // Item 1, the check-in round: Håkan and Titti answer.
  const checkin = cardIn(await say(chat, people.sara, '/checkin'));
  await press(chat, people.hakan, checkin.actions![0]!, { mood: 'good', text: 'Full fart med e-arkivet', inRoom: 'false' });
  await press(chat, people.titti, checkin.actions![0]!, { mood: 'ok', inRoom: 'true' });

  // Item 2: a note, a decision, an action. Markup in the text stays text.
  await say(chat, people.sara, '/next');
  await say(chat, people.titti, '/note Sara föredrar statusrapporten: förskjutning i tidsplanen, inom budget. <script>alert(1)</script>');
  await say(chat, people.titti, '/decision Rådet godkänner den reviderade projektplanen');
  await say(chat, people.titti, '/action Skicka projektplanen till kommundirektörerna owner: Sara Herrman due: 2027-03-18');

  // Item 3: a risk raised through the form, then reviewed.
  await say(chat, people.sara, '/next');
  const form = cardIn(await say(chat, people.titti, '/risk'));
  const create = actionsOf(form, 'Action.Execute')[0]!;
  await press(chat, people.titti, create, {
    threat: 'Vikande intresse mot slutet av förstudien',
    vulnerability: 'Beslutsunderlaget är inte tillräckligt förankrat',
    consequence: 'Beslutsfattare saknar tilltro till resultatet',
    S: '5',
    K: '4',
    actionNeeded: 'true',
    action: 'Förankra resultatet i styrgruppen',
  });
  await say(chat, people.titti, '/risk review R1 S=3 K=4 status=open Styrgruppen följer upp deltagandet');
  await say(chat, people.titti, '/decision Förlänga svarstiden veckan ut');

  // ---- the meeting ends: Graph's attendance report, imported on request -----------------------------
  h.graph.setAttendance(people.sara.aadObjectId, online!.id, [{ id: 'r1', totalParticipantCount: 4, meetingStartDateTime: '2027-02-11T08:00:00Z', meetingEndDateTime: '2027-02-11T11:00:00Z' }], {
    r1: [
      record(people.sara.aadObjectId, 'Sara Herrman', 10_000, { email: people.sara.email, role: 'Organizer' }),
      record(people.hakan.aadObjectId, 'Håkan Sundberg', 9_000),
      record('johan-hogne', 'Johan Högne', 3_600, { email: 'johan.hogne@centigo.se', tenantId: '4e3d2c1b-2222-4a5b-8c7d-6e5f4a3b2c11', role: 'Presenter' }),
    ],
  });
  expect(cardText(cardIn(await say(chat, people.sara, '/attendance import')))).toContain('3 records read');

  // ---- /minutes by the secretary: a card with a summary and signed links -----------------------------
  const card = cardIn(await say(chat, people.titti, '/minutes'));
  const text = cardText(card);
  expect(text).toContain('Minutes – E-råd Fyrbodal');
  expect(text).toContain('Version 1 · draft');
  expect(card.body).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        type: 'FactSet',
        facts: expect.arrayContaining([
          { title: 'Participants', value: '3' },
          { title: 'Excused', value: '1' },
          { title: 'Decisions', value: '2' },
        ]),
      }),
    ]),
  );

  // Word, read back: every section and every recorded text is in it, headings and tables are real.
  const word = await download(link(card, 'Word'));
  expect(word.status).toBe(200);
  expect(word.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(word.disposition).toMatch(new RegExp(`attachment; filename="minutes-e-rad-fyrbodal-${day}-v1\\.docx"`));
  const docx = await docxText(word.body);
  expect(docx.headings).toEqual(
    expect.arrayContaining(['Minutes', 'E-råd Fyrbodal', 'Meeting information', 'Participants', 'Excused', 'Co-opted and presenters', 'Agenda', 'Check-in', 'Actions']),
  );
  expect(docx.headings.filter((x) => /^\d\) /.test(x)).length).toBeGreaterThanOrEqual(3);
  expect(docx.tables).toBeGreaterThanOrEqual(6);
  for (const expected of [
    day,
    '09:00–12:00',
    'Via Microsoft Teams',
    'Sara Herrman',
    'Fyrbodals kommunalförbund',
    'Håkan Sundberg',
    'Munkedals kommun',
    'Pia Carlsson',
    'Åmåls kommun',
    'Johan Högne',
    'Full fart med e-arkivet',
    'Sara föredrar statusrapporten: förskjutning i tidsplanen, inom budget. <script>alert(1)</script>',
    'Decision: §1',
    'Rådet godkänner den reviderade projektplanen',
    'Decision: §2',
    'Förlänga svarstiden veckan ut',
    'R1',
    'Vikande intresse mot slutet av förstudien',
    'Beslutsunderlaget är inte tillräckligt förankrat',
    'Beslutsfattare saknar tilltro till resultatet',
    'Yes: Förankra resultatet i styrgruppen',
    'S 3, K 4, R 12; status: open',
    'Styrgruppen följer upp deltagandet',
    'Skicka projektplanen till kommundirektörerna (owner: Sara Herrman, due 2027-03-18)',
    'Recorded by Titti Andersson',
    'To be approved by Håkan Sundberg',
  ]) {
    expect(docx.text).toContain(expected);
  }
  // Fredric neither joined nor excused himself: absent, so in neither list.
  expect(docx.text).not.toContain('Fredric Carlsson');
  // The risk table as the seeds have it, R = S×K at the time it was raised.
  expect(docx.text).toMatch(/ID\nThreat\nVulnerability\nConsequence\nS\nK\nR\nAction\nR1\nVikande[^\n]*\n[^\n]*\n[^\n]*\n5\n4\n20\n/);

  // Markdown: compared with the reviewed file (the meeting's date and the hash, which follows from it, vary by run).
  const md = await download(link(card, 'Markdown'));
  expect(md.type).toBe('text/markdown; charset=utf-8');
  const normalised = md.body
    .toString('utf8')
    // The header's date only: run on 2026-12-31, the meeting's day would equal the action's due date, 2027-03-18.
    .replace(`| **Date** | ${day} |`, '| **Date** | <meeting date> |')
    .replace(/SHA-256 [0-9a-f]{64}/, 'SHA-256 <hash>');
  if (process.env.UPDATE_EXPECTED === '1') fs.writeFileSync(EXPECTED_MARKDOWN, normalised);
  expect(normalised).toBe(fs.readFileSync(EXPECTED_MARKDOWN, 'utf8'));

  // HTML: print-friendly, everything escaped; the public version leaves out e-mail addresses.
  const html = (await download(link(card, 'HTML (print)'))).body.toString('utf8');
  expect(html).toContain('<html lang="en">');
  expect(html).toContain('@media print');
  expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  expect(html).not.toContain('<script>');
  expect(html).toContain(people.sara.email);
  const publicHtml = (await download(link(card, 'Public version (HTML)'))).body.toString('utf8');
  expect(publicHtml).toContain('Public version: personal contact details are left out.');
  expect(publicHtml).toContain('Sara Herrman');
  expect(publicHtml).not.toMatch(/@[a-z]+\.se/);

  // ---- approval: sent to the adjuster; nobody else may approve ----------------------------------------
  const sent = await say(chat, people.titti, '/minutes send');
  expect(sent.map((a) => (cardOf(a) ? cardText(cardOf(a)) : '')).join('\n')).toContain('Version 1 of the minutes was sent to Håkan Sundberg for approval.');
  const approvalCard = cardIn(sent);
  const [approve, requestChanges] = actionsOf(approvalCard, 'Action.Execute');
  expect([approve!.title, requestChanges!.title]).toEqual(['Approve', 'Request changes']);
  const refused = await press(chat, people.titti, approve!);
  expect(JSON.stringify(refused.value)).toContain('Only the adjuster (Håkan Sundberg) can approve the minutes or ask for changes. Nothing changed.');
  expect((await repos.minutes.latest(TENANT, meeting.id))!.status).toBe('sent');

  const approved = await press(chat, people.hakan, approve!);
  expect(cardText(approved.value)).toContain('Approved. Version 1 is locked');
  const v1 = (await repos.minutes.latestApproved(TENANT, meeting.id))!;
  expect(v1).toMatchObject({ version: 1, status: 'approved', approvedBy: { name: 'Håkan Sundberg' } });
  expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);
  // Pressed again (Teams retries): nothing changes.
  await press(chat, people.hakan, approve!);
  expect(await repos.minutes.latestApproved(TENANT, meeting.id)).toEqual(v1);
  const approvedWord = await docxText((await download(link(card, 'Word'))).body);
  expect(approvedWord.text).toContain('Approved by Håkan Sundberg');

  // ---- a later change makes version 2; version 1 stays exactly as approved ----------------------------
  await say(chat, people.titti, '/note Tillägg efter justeringen');
  const later = cardIn(await say(chat, people.titti, '/minutes'));
  expect(cardText(later)).toContain('Version 1 is approved and stays as approved');
  expect(cardText(later)).toContain('Version 2 · draft');
  expect((await download(link(later, 'Word'))).disposition).toContain('-v2.docx');
  expect(await repos.minutes.get(TENANT, v1.id)).toEqual(v1);
  const v1Again = await docxText((await download(link(card, 'Word'))).body);
  expect(v1Again).toEqual(approvedWord);
  expect(v1Again.text).not.toContain('Tillägg efter justeringen');
  expect((await docxText((await download(link(later, 'Word'))).body)).text).toContain('Tillägg efter justeringen');

  // ---- in a Swedish chat, the minutes are in Swedish -------------------------------------------------
  const swedish = cardIn(await say(chat, people.titti, '/protokoll', 'sv-SE'));
  expect(cardText(swedish)).toContain('Minnesanteckningar – E-råd Fyrbodal');
  const sv = await docxText((await download(link(swedish, 'Word'))).body);
  for (const expected of ['Minnesanteckningar', 'Information om möte', 'Deltagare', 'Förhindrade', 'Dagordning', 'Beslut: §1', 'Risker', 'Hot', 'Sårbarhet', 'Konsekvens', 'Antecknat av Titti Andersson', 'Via Microsoft Teams', '09.00–12.00']) {
    expect(sv.text).toContain(expected);
  }
}, 120_000);

it('refuses a changed, an expired-looking or a garbled download link with a page that says what to do', async () => {
  const garbled = await download(`${h.app.url}/minutes/not-a-token`);
  expect(garbled.status).toBe(400);
  expect(garbled.body.toString('utf8')).toMatch(/incomplete|ofullständig/);
  const forged = await download(`${h.app.url}/minutes/${'eyJ2IjoxfQ'}.${'A'.repeat(43)}`);
  expect(forged.status).toBe(403);
});
