/**
 * Notes with structure and the meeting's attachments, through the real server, botbuilder and store: a
 * note over several lines keeps its sub-headings and bullets; `/attach` (`/bilaga`) records an https
 * address on the item in progress; files shared in the meeting chat are offered on a card that records
 * them; and the minutes show the structured note and list the attachments under "Bilagor" with dates.
 */
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { loadConfig } from '../../../src/config';
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

/** Wednesday 25 November 2026, 10:00 in Stockholm, a millisecond further at each look. */
const NOW = new Date('2026-11-25T09:00:00.000Z');
let ticks = 0;
const h = useHarness({}, { now: () => new Date(NOW.getTime() + ticks++) });
let store: OpenStore;
beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store.close());
beforeEach(() => {
  h.teams.clear();
  h.teams.meetingInfo = 404;
  h.teams.members = [people.sara, people.hakan, people.titti];
  h.teams.defaultRoles.clear();
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
  h.teams.defaultRoles.set(people.titti.aadObjectId, 'Presenter');
  h.teams.defaultRoles.set(people.hakan.aadObjectId, 'Attendee');
});

type Person = (typeof people)[keyof typeof people];
type Action = { type?: string; verb: string; data: Record<string, unknown>; title?: string; url?: string };
type CardJson = { body: Array<Record<string, unknown>>; actions?: Action[] };

const post = async (activity: Record<string, unknown>) => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, activity)).status).toBe(200);
  return h.teams.sent().slice(before);
};
const say = (chat: Chat, from: Person, text: string, locale = 'en-US') => post(aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }));
const textOf = (a: Record<string, unknown> | undefined) => (typeof a?.text === 'string' ? a.text : cardText(cardOf(a)));
const lastText = async (chat: Chat, from: Person, text: string, locale = 'en-US') => textOf((await say(chat, from, text, locale)).at(-1));
/** A message that shares files, as Teams delivers it in a group or meeting chat: no @mention, `reference` attachments. */
const share = (chat: Chat, from: Person, files: Array<{ name: string; url: string }>, text = 'Här är presentationen') =>
  post({
    ...aMessage({ serviceUrl: h.serviceUrl, chat, from, text, mentionBot: false }),
    attachments: [...files.map((f) => ({ contentType: 'reference', contentUrl: f.url, name: f.name })), { contentType: 'text/html', content: `<p>${text}</p>` }],
  });
const press = async (chat: Chat, from: Person, action: Action, inputs: Record<string, unknown> = {}) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: { ...action.data, ...inputs }, replyToId: h.teams.cardMessageId(chat.conversationId, action.verb) }));
  expect(res.status).toBe(200);
  return res.body as { type: string; value: CardJson | string };
};
const repos = () => createRepositories(store);
const meetingOf = (chat: Chat) => repos().meetings.findByTeamsId(TENANT, chat.meetingId!);
const attachmentsOf = async (chat: Chat) => repos().attachments.listForMeeting(TENANT, (await meetingOf(chat))!.id);
/** The minutes' Markdown, downloaded through the /minutes card's link. */
async function minutesMarkdown(chat: Chat, locale = 'sv-SE'): Promise<string> {
  const card = (await say(chat, people.sara, '/minutes', locale)).map((a) => cardOf(a)).find((c) => c);
  const url = /"type":"Action.OpenUrl","title":"Markdown","url":"([^"]+)"/.exec(JSON.stringify(card))![1]!;
  return (await fetch(`${h.app.url}${new URL(url).pathname}`)).text();
}

const PRESENTATION = { name: 'Bilaga 1-Presentation av möte.pptx', url: 'https://fyrbodal.sharepoint.com/sites/erad/Delade%20dokument/Bilaga%201.pptx' };
const REPORT = { name: 'Snabbutredning.pdf', url: 'https://fyrbodal.sharepoint.com/sites/erad/Delade%20dokument/Snabbutredning.pdf' };

describe('/note over several lines', () => {
  it('keeps the lines Teams sends (<br>), shows the structure on the card, and the minutes lay it out', async () => {
    const chat = aMeetingChat();
    await say(chat, people.sara, '/start');
    await say(chat, people.sara, '/next');
    const card = await lastText(chat, people.titti, '/note Anders föredrar läget på SML-IT<br>- IT-personal ovanligt friska<br>- Ca 600 distansarbetande<br># Diskussion – hemarbete<br>Hemarbete kommer att <b>fortsätta</b>.');
    expect(card).toContain('Anders föredrar läget på SML-IT\n• IT-personal ovanligt friska\n• Ca 600 distansarbetande\nDiskussion – hemarbete\nHemarbete kommer att <b>fortsätta</b>.');
    const [note] = await repos().notes.listForMeeting(TENANT, (await meetingOf(chat))!.id);
    expect(note!.text).toBe('Anders föredrar läget på SML-IT\n- IT-personal ovanligt friska\n- Ca 600 distansarbetande\n# Diskussion – hemarbete\nHemarbete kommer att <b>fortsätta</b>.');
    expect(await minutesMarkdown(chat)).toContain(
      'Anders föredrar läget på SML-IT\n\n- IT-personal ovanligt friska\n- Ca 600 distansarbetande\n\n### Diskussion – hemarbete\n\nHemarbete kommer att \\<b\\>fortsätta\\</b\\>.',
    );
  });
});

describe('/note as Teams sends a formatted message', () => {
  it('reads its lines and bulleted list from the HTML when the text came flattened', async () => {
    const chat = aMeetingChat();
    const html = '<div><div><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">Rådslag</span>&nbsp;/note Tove föredrar läget i Lysekil</div><ul><li>Väl förberedda med M365</li><li>Vissa problem med support</li></ul></div>';
    await post({
      ...aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text: '/note Tove föredrar läget i Lysekil Väl förberedda med M365 Vissa problem med support' }),
      attachments: [{ contentType: 'text/html', content: html }],
    });
    const [note] = await repos().notes.listForMeeting(TENANT, (await meetingOf(chat))!.id);
    expect(note!.text).toBe('Tove föredrar läget i Lysekil\n\n- Väl förberedda med M365\n- Vissa problem med support');
  });
});

describe('/attach', () => {
  it('records a title and an https address on the item in progress, with who and when, in English and Swedish', async () => {
    const chat = aMeetingChat();
    await say(chat, people.sara, '/start');
    await say(chat, people.sara, '/next');
    const card = await lastText(chat, people.titti, `/attach Bilaga 1-Presentation av möte ${PRESENTATION.url}`);
    expect(card).toBe(`Attachment\nBilaga 1-Presentation av möte\n${PRESENTATION.url}\nItem 2 · Added by Titti Andersson · 25/11/2026, 10:00`);
    expect(await lastText(chat, people.sara, `/bilaga Bilaga 2 <a href="${REPORT.url}">${REPORT.url}</a>`, 'sv-SE')).toMatch(/^Bilaga\nBilaga 2\n.*\nPunkt 2 · Tillagd av Sara Herrman/);
    expect((await attachmentsOf(chat)).map((a) => [a.title, a.url, a.agendaItem, a.origin, a.addedBy.name, a.addedAt.slice(0, 10)])).toEqual([
      ['Bilaga 1-Presentation av möte', PRESENTATION.url, 2, 'command', 'Titti Andersson', '2026-11-25'],
      ['Bilaga 2', REPORT.url, 2, 'command', 'Sara Herrman', '2026-11-25'],
    ]);
  });

  it('refuses an address that is not https, and a title or address alone, quoting it, before anything is looked up', async () => {
    const chat = aMeetingChat();
    expect(await lastText(chat, people.sara, '/attach Bilaga 1 http://intranet.fyrbodal.se/bilaga1.pptx')).toContain(
      'The attachment was not recorded: “http://intranet.fyrbodal.se/bilaga1.pptx” is not an https address. Attachments are recorded with addresses that start with https://. Example: /attach Bilaga 1-Presentation av möte https://fyrbodal.sharepoint.com/sites/erad/Delade%20dokument/presentation.pptx',
    );
    expect(await lastText(chat, people.sara, '/bilaga Presentationen', 'sv-SE')).toMatch(/Bilagan sparades inte: ”Presentationen” är inte en rubrik följd av en webbadress\. Exempel: \/bilaga /);
    expect(await meetingOf(chat)).toBeUndefined();
  });

  it('refuses an attendee, naming attachments, and stores nothing', async () => {
    const chat = aMeetingChat();
    expect(await lastText(chat, people.hakan, `/attach Bilaga 1 ${PRESENTATION.url}`)).toContain("Only the meeting's organizer, its presenters and the appointed secretary can record attachments here. Nothing was stored.");
    expect(await attachmentsOf(chat)).toEqual([]);
  });
});

describe('files shared in the meeting chat', () => {
  it('are offered on a card; the chosen ones are recorded once, the card updated for everyone', async () => {
    const chat = aMeetingChat();
    const offered = await share(chat, people.titti, [PRESENTATION, REPORT]);
    expect(offered).toHaveLength(1);
    const card = cardOf(offered[0]) as CardJson;
    expect(cardText(card)).toContain('Files shared in the chat\nRecord them as attachments of the minutes?');
    expect(card.body.filter((e) => e.type === 'Input.Toggle').map((e) => e.title)).toEqual([PRESENTATION.name, REPORT.name]);
    const record = card.actions!.find((a) => a.verb === 'attachment.recordFiles')!;
    expect(record.data).toMatchObject({ files: [PRESENTATION, REPORT] });

    // An attendee may not record them.
    expect(await press(chat, people.hakan, record)).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('can record attachments here') });
    expect(await attachmentsOf(chat)).toEqual([]);

    // Sara leaves the report out; the card shows the presentation recorded and still offers the report.
    const updates = h.teams.updates().length;
    const first = await press(chat, people.sara, record, { file0: 'true', file1: 'false' });
    expect(cardText(first.value)).toMatch(/Bilaga 1-Presentation av möte\.pptx\nRecorded as an attachment · Added by Sara Herrman/);
    expect((first.value as CardJson).body.filter((e) => e.type === 'Input.Toggle').map((e) => e.title)).toEqual([REPORT.name]);
    expect(h.teams.updates().length).toBe(updates + 1);
    // The same press again (Teams retries) stores nothing more.
    await press(chat, people.sara, record, { file0: 'true', file1: 'false' });
    expect((await attachmentsOf(chat)).map((a) => [a.title, a.url, a.origin])).toEqual([['Bilaga 1-Presentation av möte', PRESENTATION.url, 'chatFile']]);

    // The report later; sharing the presentation again offers nothing (it is recorded).
    await press(chat, people.sara, record, { file0: 'true', file1: 'true' });
    expect((await attachmentsOf(chat)).map((a) => a.title)).toEqual(['Bilaga 1-Presentation av möte', 'Snabbutredning']);
    expect(await share(chat, people.titti, [PRESENTATION])).toEqual([]);
  });

  it('are not looked at outside a meeting chat, and a message without files stays chatter', async () => {
    const group = aGroupChat();
    expect(await share(group, people.sara, [PRESENTATION])).toEqual([]);
    const chat = aMeetingChat();
    expect(await post({ ...aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text: 'Se bifogat', mentionBot: false }), attachments: [{ contentType: 'text/html', content: '<p>Se bifogat</p>' }] })).toEqual([]);
    expect(await share(chat, people.sara, [{ name: 'intern.docx', url: 'http://intranet/intern.docx' }])).toEqual([]);
    expect(await meetingOf(chat)).toBeUndefined();
  });
});

describe('the minutes', () => {
  it('list the attachments under "Bilagor" with their dates, after who recorded them', async () => {
    const chat = aMeetingChat();
    await say(chat, people.sara, '/secretary Titti Andersson');
    await say(chat, people.titti, `/attach Bilaga 1-Presentation av möte ${PRESENTATION.url}`);
    const md = await minutesMarkdown(chat);
    expect(md).toContain('**Antecknat av** Titti Andersson\n\n**Justeras av** ej utsedd\n\n## Bilagor\n\n- 2026-11-25 - Bilaga 1-Presentation av möte: https:/\\/fyrbodal.sharepoint.com/sites/erad/Delade%20dokument/Bilaga%201.pptx');
    expect(await minutesMarkdown(chat, 'en-US')).toContain('## Attachments\n\n- 2026-11-25 - Bilaga 1-Presentation av möte');
  });
});
