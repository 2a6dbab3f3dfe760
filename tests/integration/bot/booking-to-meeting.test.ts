/**
 * One meeting from booking to minutes without Microsoft Graph (local mode): what is prepared in the group's
 * chat for a booked meeting — the agenda, the notice answers, the secretary and the adjuster — is what its
 * meeting chat runs once `/setup <group>` links the chat to it. The Graph path (the chat found from the join
 * URL) is in tests/integration/booking-with-graph.test.ts.
 */
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, BOT, people, TENANT, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

/** Wednesday 25 November 2026, 10:00 in Stockholm; moved to the meeting's day by the tests. */
let now = new Date('2026-11-25T09:00:00.000Z');
const h = useHarness({}, { now: () => now });

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown>; title?: string };
type CardJson = { body: unknown[]; actions?: Action[] };

beforeEach(() => {
  now = new Date('2026-11-25T09:00:00.000Z');
  h.teams.clear();
  h.teams.members = [people.sara, people.hakan, people.titti, people.pia, people.fredric];
  h.teams.defaultRoles.clear();
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
});

const say = async (chat: Chat, from: Person, text: string, locale = 'sv-SE') => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }))).status).toBe(200);
  const sent = h.teams.sent().slice(before);
  expect(sent.length).toBeGreaterThanOrEqual(1);
  return sent.find((a) => cardOf(a)) ?? sent[sent.length - 1]!;
};
/** A command that may only update a card in place (/nästa). */
const act = async (chat: Chat, from: Person, text: string) => {
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale: 'sv-SE' }))).status).toBe(200);
};
const textOf = (a: Record<string, unknown>) => (typeof a.text === 'string' ? a.text : cardText(cardOf(a)));
const lastText = () => textOf(h.teams.sent().at(-1)!);
/** A refusal answers a press with a message, not a card. */
const messageOf = (res: { value: unknown }): string => (typeof res.value === 'string' ? res.value : JSON.stringify(res.value));
const press = async (chat: Chat, from: Person, action: Action, inputs: Record<string, unknown> = {}) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: { ...action.data, ...inputs }, replyToId: h.teams.cardMessageId(chat.conversationId, action.verb), locale: 'sv-SE' }));
  expect(res.status).toBe(200);
  return res.body as { type: string; value: CardJson | string };
};
/** The Action.Execute buttons anywhere in a card (also in ActionSets in its body). */
const buttons = (c: unknown): Action[] => {
  const found: Action[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute') found.push(o as unknown as Action);
      Object.values(o).forEach(walk);
    }
  };
  walk(c);
  return found;
};
/** The sheet's pre-filled status of each member, by name: each member's row is a ColumnSet with the name and a ChoiceSet. */
const sheetStatuses = (c: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const choice = o.type === 'ColumnSet' && /"type":"Input.ChoiceSet","id":"m_[^"]+","style":"compact","value":"(\w+)"/.exec(JSON.stringify(o));
      if (choice) out[cardText(o).split('\n')[0]!] = choice[1]!;
      else Object.values(o).forEach(walk);
    }
  };
  walk(c);
  return out;
};

let n = 0;
/** A council set up in its chat, a meeting booked for 10 February 2027 13:00–16:00, and its notice answered. */
async function preparedCouncil() {
  const group = aGroupChat();
  const name = `Nätverket för e-samhälle ${++n}`;
  await say(group, people.sara, `/setup nätverk ${name}`);
  expect(textOf(await say(group, people.sara, `/boka 2027-02-10 13:00-16:00 ${name}`))).toContain(`Bokat: ${name}`);
  // The council's first item at the template's first time: the template gives way.
  const first = textOf(await say(group, people.sara, '/dagordning lägg till I 13.00 Tidigare mötesprotokoll — Sara'));
  expect(first).not.toContain('vilket inte är efter');
  expect(first).toMatch(/1\n\[I\]\nTidigare mötesprotokoll\nSara\n13:00/);
  expect(first).not.toContain('Incheckning');
  await say(group, people.sara, '/dagordning töm');
  for (const row of ['I 13.00 Tidigare mötesprotokoll — Sara', 'D 13.05 Hur står det till i Corona-tider? — Alla', 'paus 14.30', 'D 14.45 Digitala möten — Sara', 'avslut 16.00']) {
    await say(group, people.sara, `/dagordning lägg till ${row}`);
  }
  const notice = cardOf(await say(group, people.sara, '/kallelse')) as CardJson;
  expect(cardText(notice)).toContain('PAUS · 14:30');
  const [attend, decline] = notice.actions!;
  await press(group, people.hakan, attend!);
  for (const who of [people.titti, people.pia, people.fredric]) await press(group, who, decline!, { note: 'Krockar' });
  expect(textOf(await say(group, people.sara, '/sekreterare Titti Andersson'))).toContain('Titti Andersson är sekreterare');
  expect(textOf(await say(group, people.sara, '/justerare Håkan Sundberg'))).toContain('Håkan Sundberg');
  return { group, name };
}

it('links a meeting chat to the booking of its day: its agenda, the three excused, the secretary and adjuster are there', async () => {
  const { group, name } = await preparedCouncil();
  // The meeting's day; Teams tells no times (no Graph), so the chat's day is today.
  now = new Date('2027-02-10T11:50:00.000Z');
  const meeting = aMeetingChat();
  const linked = textOf(await say(meeting, people.sara, `/setup ${name}`));
  expect(linked).toContain(`Mötet kopplat till bokningen ”${name}”`);
  expect(linked).toContain('2027-02-10, 13:00–16:00');
  expect(linked).toContain('Dagordning: 3 punkter. Svar på kallelsen: 1 kommer, 3 förhindrade.');
  expect(linked).toContain('Sekreterare: Titti Andersson. Justerare: Håkan Sundberg.');

  const agenda = textOf(await say(meeting, people.sara, '/dagordning'));
  expect(agenda).toMatch(/1\n\[I\]\nTidigare mötesprotokoll[\s\S]*2\n\[D\]\nHur står det till i Corona-tider\?[\s\S]*PAUS\n14:30\n3\n\[D\]\nDigitala möten[\s\S]*AVSLUT\n16:00/);
  expect(agenda).not.toContain('Inga punkter än');

  // The organizer records attendance on the sheet: the notice's answers are filled in.
  const sheet = cardOf(await say(meeting, people.sara, '/närvaro'));
  expect(cardText(sheet)).toContain('Närvarolista');
  expect(sheetStatuses(sheet)).toEqual({ 'Sara Herrman': 'absent', 'Håkan Sundberg': 'absent', 'Titti Andersson': 'excused', 'Pia Carlsson': 'excused', 'Fredric Carlsson': 'excused' });
  // A member sees the card, read-only, with the three excused.
  const readOnly = textOf(await say(meeting, people.hakan, '/närvaro'));
  expect(readOnly).toMatch(/Förhindrade \(3\)\nFredric Carlsson\nPia Carlsson\nTitti Andersson\nFrånvarande \(2\)/);
  expect(readOnly).toContain('2027-02-10');

  // The secretary appointed in the group's chat records here; the group chat's risks and decisions are the meeting's.
  expect(textOf(await say(meeting, people.titti, '/beslut Minnesanteckningarna läggs till handlingarna'))).toContain('§1');
  expect(textOf(await say(meeting, people.hakan, '/beslut Inte min sak'))).toContain('Titti Andersson');

  // It runs to the end: /nästa after the last item says the agenda is done; the group's chat moves on.
  await say(meeting, people.sara, '/start');
  for (let i = 0; i < 2; i++) await act(meeting, people.sara, '/nästa');
  await act(meeting, people.sara, '/nästa');
  expect(lastText()).toBe('Dagordningen är genomgången: alla 3 punkter är behandlade. /punkt <n> tar upp en punkt igen.');
  expect(cardText(cardOf(h.teams.updates().at(-1)!.body as Record<string, unknown>))).not.toMatch(/▶/);
  await say(group, people.sara, `/boka 2027-04-14 09:00-12:00 Aprilmötet`);
  expect(textOf(await say(group, people.sara, '/dagordning'))).toContain('Dagordning: Aprilmötet');
});

it('takes over a chat the start event reached first: the booked agenda replaces the template and the card in the chat follows', async () => {
  const { name } = await preparedCouncil();
  now = new Date('2027-02-10T12:00:00.000Z');
  const meeting = aMeetingChat();
  const sentBefore = h.teams.sent().length;
  const started = await postActivity(h.app, {
    type: 'event',
    name: 'application/vnd.microsoft.meetingStart',
    id: `start-${n}`,
    serviceUrl: h.serviceUrl,
    channelId: 'msteams',
    from: { id: people.sara.id, aadObjectId: people.sara.aadObjectId },
    locale: 'sv-SE',
    recipient: BOT,
    conversation: { id: meeting.conversationId, conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
    value: { Id: meeting.meetingId, JoinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_local%40thread.v2/0', Title: name, MeetingType: 'Scheduled', StartTime: now.toISOString() },
    channelData: { tenant: { id: TENANT }, meeting: { id: meeting.meetingId } },
  });
  expect(started.status).toBe(200);
  expect(cardText(cardOf(h.teams.sent()[sentBefore]))).toMatch(/▶1\n\[I\]\nIncheckning/);
  const agendaCard = h.teams.sentIds()[sentBefore]!;
  await say(meeting, people.sara, `/setup ${name}`);
  // The agenda card already in the chat now shows the booked agenda, its first item in progress.
  const put = h.teams.updates().find((u) => u.path.endsWith(`/activities/${agendaCard}`));
  expect(cardText(cardOf(put!.body as Record<string, unknown>))).toMatch(/▶1\n\[I\]\nTidigare mötesprotokoll/);
  await act(meeting, people.sara, '/nästa');
  expect(cardText(cardOf(h.teams.updates().at(-1)!.body as Record<string, unknown>))).toMatch(/▶2\n\[D\]\nHur står det till/);
});

it('on another day, links the chat to the group and offers its bookings; choosing one brings what was prepared', async () => {
  const { name } = await preparedCouncil();
  // A day before the booking: the chat is the group's meeting of its own, and the booking is offered.
  now = new Date('2027-02-09T12:00:00.000Z');
  const meeting = aMeetingChat();
  const reply = cardOf(await say(meeting, people.sara, `/setup ${name}`));
  expect(cardText(reply)).toContain(`Mötet är kopplat till ”${name}”`);
  expect(cardText(reply)).toContain(`Vilket möte i ”${name}” är det här?`);
  const [choice] = buttons(reply);
  expect(choice!.title).toBe(`${name} · 2027-02-10, 13:00–16:00`);
  expect(textOf(await say(meeting, people.sara, '/dagordning'))).toContain('Inga punkter än.');
  // Only the group's managers choose.
  expect(messageOf(await press(meeting, people.hakan, choice!))).toContain('Bara gruppens ordförande');
  const chosen = await press(meeting, people.sara, choice!);
  expect(cardText(chosen.value)).toContain('Svar på kallelsen: 1 kommer, 3 förhindrade.');
  expect(textOf(await say(meeting, people.sara, '/dagordning'))).toMatch(/Tidigare mötesprotokoll[\s\S]*PAUS/);
  expect(textOf(await say(meeting, people.hakan, '/närvaro'))).toMatch(/Förhindrade \(3\)/);
  // The same press again changes nothing.
  expect(cardText((await press(meeting, people.sara, choice!)).value)).toContain('Svar på kallelsen: 1 kommer, 3 förhindrade.');
});

it('offers the bookings when the group has several that day, and links the chat to the one chosen', async () => {
  const group = aGroupChat();
  const name = `Dubbelbokade rådet ${++n}`;
  await say(group, people.sara, `/setup ${name}`);
  await say(group, people.sara, '/boka 2027-02-10 09:00-10:00 Förmiddagsmötet');
  await say(group, people.sara, '/boka 2027-02-10 13:00-16:00 Eftermiddagsmötet');
  now = new Date('2027-02-10T11:50:00.000Z');
  const meeting = aMeetingChat();
  const choices = buttons(cardOf(await say(meeting, people.sara, `/setup ${name}`)));
  expect(choices.map((c) => c.title)).toEqual(['Förmiddagsmötet · 2027-02-10, 09:00–10:00', 'Eftermiddagsmötet · 2027-02-10, 13:00–16:00']);
  expect(cardText((await press(meeting, people.sara, choices[1]!)).value)).toContain('Mötet kopplat till bokningen ”Eftermiddagsmötet”');
  expect(textOf(await say(meeting, people.sara, '/dagordning'))).toContain('Dagordning: Eftermiddagsmötet');
});

it('in the group’s chat, reaches the next booking once a booked meeting’s time has passed', async () => {
  const group = aGroupChat();
  const name = `Styrgruppen ${++n}`;
  await say(group, people.sara, `/setup styrgrupp ${name}`);
  await say(group, people.sara, `/boka 2027-01-13 09:00-10:00 Januarimötet`);
  await say(group, people.sara, `/boka 2027-03-10 09:00-10:00 Marsmötet`);
  expect(textOf(await say(group, people.sara, '/dagordning'))).toContain('Dagordning: Januarimötet');
  now = new Date('2027-01-13T10:30:00.000Z');
  expect(textOf(await say(group, people.sara, '/dagordning'))).toContain('Dagordning: Marsmötet');
  expect(textOf(await say(group, people.sara, '/dagordning lägg till D 09.30 Budget — Sara'))).toMatch(/Dagordning: Marsmötet[\s\S]*Budget/);
});
