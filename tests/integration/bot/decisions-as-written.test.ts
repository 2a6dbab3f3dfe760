/**
 * Decisions as the council writes them, through the real server, botbuilder and store: a heading and a
 * text (`/decision <heading> — <text>`), and § numbering as a group setting (`/numbering on|off`,
 * `/numrering på|av`) that the decision card, `/decisions`, the card's switch and the minutes follow.
 */
import JSZip from 'jszip';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { loadConfig } from '../../../src/config';
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

const h = useHarness();
let store: OpenStore;
beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store.close());
beforeEach(() => {
  h.teams.clear();
  h.teams.meetingInfo = 404;
  h.teams.members = [people.sara, people.hakan, people.titti, people.pia];
  h.teams.defaultRoles.clear();
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
  h.teams.defaultRoles.set(people.hakan.aadObjectId, 'Attendee');
});

type Person = (typeof people)[keyof typeof people];
type Action = { type?: string; verb: string; data: Record<string, unknown>; title?: string; url?: string };
type CardJson = { body: unknown[]; actions?: Action[] };

const say = async (chat: Chat, from: Person, text: string, locale = 'en-US') => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }))).status).toBe(200);
  return h.teams.sent().slice(before);
};
const textOf = (a: Record<string, unknown> | undefined) => (typeof a?.text === 'string' ? a.text : cardText(cardOf(a)));
const lastText = async (chat: Chat, from: Person, text: string, locale = 'en-US') => textOf((await say(chat, from, text, locale)).at(-1));
const lastCard = async (chat: Chat, from: Person, text: string, locale = 'en-US') => cardOf((await say(chat, from, text, locale)).at(-1)) as CardJson;
const press = async (chat: Chat, from: Person, action: Action) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: action.data, replyToId: h.teams.cardMessageId(chat.conversationId, action.verb) }));
  expect(res.status).toBe(200);
  return res.body as { type: string; value: CardJson | string };
};
const repos = () => createRepositories(store);
const meetingOf = async (chat: Chat) => (await repos().meetings.findByTeamsId(TENANT, chat.meetingId!))!;
/** A download link of the minutes card (wherever it sits), on the app's own port. */
const link = (c: CardJson, title: string) => {
  const found: Action[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if ((v as Action).type === 'Action.OpenUrl' && (v as Action).title === title) found.push(v as Action);
      Object.values(v).forEach(walk);
    }
  };
  walk(c);
  return `${h.app.url}${new URL(found[0]!.url!).pathname}`;
};

describe('/decision <heading> — <text>', () => {
  it('records the heading and the text, shows both on the card, and keeps a plain decision as before', async () => {
    const chat = aMeetingChat();
    const card = await lastText(chat, people.sara, '/decision Beslut om svarstid — Svarstiden förlängs veckan ut');
    expect(card).toMatch(/Decision §1\nBeslut om svarstid\nSvarstiden förlängs veckan ut\nRecorded by Sara Herrman/);
    await say(chat, people.sara, '/beslut Budget 2027–2028 och IT-säkerhet – ett första utkast\nfastställs', 'sv-SE');
    await say(chat, people.sara, '/decision Rådet godkänner planen');
    const stored = await repos().decisions.listForMeeting(TENANT, (await meetingOf(chat)).id);
    expect(stored.map((d) => [d.number, d.heading, d.text])).toEqual([
      [1, 'Beslut om svarstid', 'Svarstiden förlängs veckan ut'],
      [2, 'Budget 2027–2028 och IT-säkerhet', 'ett första utkast\nfastställs'],
      [3, undefined, 'Rådet godkänner planen'],
    ]);
    expect(await lastText(chat, people.hakan, '/decisions')).toMatch(/§1\nBeslut om svarstid\nSvarstiden förlängs veckan ut[\s\S]*§3\nRådet godkänner planen/);
  });

  it('explains an empty heading or text with an example, before anything is looked up', async () => {
    const chat = aMeetingChat();
    expect(await lastText(chat, people.sara, '/decision — Svarstiden förlängs')).toContain(
      'The heading is empty. Example: /decision Decision on the pre-study directive — The council approves the revised pre-study directive',
    );
    expect(await lastText(chat, people.sara, '/beslut Beslut om svarstid —', 'sv-SE')).toMatch(/Fältet beslutstext är tomt\. Exempel: \/beslut /);
    expect(await repos().meetings.findByTeamsId(TENANT, chat.meetingId!)).toBeUndefined();
  });
});

describe('/numbering', () => {
  it('is switched by the group’s managers only; the cards, /decisions and the minutes follow it', async () => {
    const group = aGroupChat();
    const name = `E-råd Dalsland ${Date.now()}`;
    await say(group, people.sara, `/setup ${name}`);
    const meeting = aMeetingChat();
    await say(meeting, people.sara, `/setup ${name}`);
    await say(meeting, people.sara, '/adjuster Håkan Sundberg');

    // Numbered by default; anyone may ask.
    expect(await lastText(group, people.hakan, '/numbering')).toContain(`Decisions in “${name}” are numbered: Decision §1, §2`);
    expect(await lastText(meeting, people.sara, '/decision Projektplanen godkänns')).toContain('Decision §1');

    // A member may not switch it; a word it does not know is quoted, with an example.
    expect(await lastText(group, people.hakan, '/numbering off')).toContain('Only the group’s chair, vice chair and organizer can do that.');
    expect(await lastText(group, people.sara, '/numbering maybe later')).toContain(
      '“maybe later” is not a setting for decision numbering, so nothing changed. Write /numbering on (Decision §1, §2, …) or /numbering off (Decision: without a number). Example: /numbering off',
    );
    expect((await repos().groups.findByConversation(TENANT, group.conversationId))!.decisionNumbering).toBeUndefined();

    // The organizer switches it off, in Swedish, from the group's chat.
    const off = await lastCard(group, people.sara, '/numrering av', 'sv-SE');
    expect(cardText(off)).toContain(`Beslut i ”${name}” skrivs utan nummer: ”Beslut:”`);
    expect(cardText(off)).toContain('Ändrat av Sara Herrman');
    expect((await repos().groups.findByConversation(TENANT, group.conversationId))!.decisionNumbering).toBe(false);

    const unnumbered = await lastText(meeting, people.sara, '/decision Sara och Johan tar fram ett konkret erbjudande');
    expect(unnumbered).toMatch(/^Decision\nSara och Johan tar fram ett konkret erbjudande/);
    expect(unnumbered).not.toContain('§');
    await say(meeting, people.sara, '/decision Beslut om direktiv — Direktivet skickas ut');
    const list = await lastText(meeting, people.hakan, '/decisions');
    expect(list).toContain('Beslut om direktiv\nDirektivet skickas ut');
    expect(list).not.toContain('§');
    // Numbers are still kept, so switching back shows them again.
    expect((await repos().decisions.listForMeeting(TENANT, (await meetingOf(meeting)).id)).map((d) => d.number)).toEqual([1, 2, 3]);

    // The minutes write "Beslut:" (seed 003), the heading as a sub-heading; in Word as well.
    const minutes = (await say(meeting, people.sara, '/protokoll', 'sv-SE')).map((a) => cardOf(a)).find((c) => c) as CardJson;
    const md = await (await fetch(link(minutes, 'Markdown'))).text();
    expect(md).toContain('**Beslut:** Projektplanen godkänns\n\n**Beslut:** Sara och Johan tar fram ett konkret erbjudande\n\n### Beslut om direktiv\n\n**Beslut:** Direktivet skickas ut');
    expect(md).not.toContain('§');
    const word = await JSZip.loadAsync(Buffer.from(await (await fetch(link(minutes, 'Word'))).arrayBuffer()));
    const xml = await word.file('word/document.xml')!.async('string');
    expect(xml).toContain('Beslut om direktiv');
    expect(xml).not.toContain('§');

    // The card's button switches it back, for everyone: the card is replaced in place; a member's press is refused.
    const on = off.actions!.find((a) => a.verb === 'decision.numbering')!;
    expect(await press(group, people.hakan, on)).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Only the group’s chair, vice chair and organizer can do that.') });
    const updatesBefore = h.teams.updates().length;
    const pressed = await press(group, people.sara, on);
    expect(cardText(pressed.value)).toContain(`Decisions in “${name}” are numbered`);
    expect(h.teams.updates().length).toBe(updatesBefore + 1);
    expect(await lastText(meeting, people.sara, '/decision Mötet avslutas')).toContain('Decision §4');
  });

  it('needs a group: in a meeting chat without one it says how to set it up', async () => {
    const chat = aMeetingChat();
    expect(await lastText(chat, people.sara, '/numbering off')).toMatch(/\/setup/);
  });
});
