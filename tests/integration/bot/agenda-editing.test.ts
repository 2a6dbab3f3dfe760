/**
 * The agenda as the council writes it, through the real bot: breaks and the closing row, remove, move and
 * heading in the chat (English and Swedish), every row edited and removed on the card's form, the template
 * never in the way of the first item, `/next` past the last item, and the heading in the minutes.
 */
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

let now = new Date('2026-11-25T09:00:00.000Z');
const h = useHarness({}, { now: () => now });

type Person = (typeof people)[keyof typeof people];
type Action = { type: string; verb: string; data: Record<string, unknown>; card?: { actions: Action[]; body: Array<{ id?: string; choices?: Array<{ title: string; value: string }> }> } };

beforeEach(() => {
  now = new Date('2026-11-25T09:00:00.000Z');
  h.teams.clear();
  h.teams.members = [people.sara, people.hakan];
  h.teams.defaultRoles.clear();
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
});

const post = async (chat: Chat, text: string, from: Person = people.sara, locale = 'en-US') => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }))).status).toBe(200);
  return h.teams.sent().slice(before);
};
const reply = async (chat: Chat, text: string, from: Person = people.sara, locale = 'en-US') => {
  const sent = await post(chat, text, from, locale);
  expect(sent).toHaveLength(1);
  return typeof sent[0]!.text === 'string' ? sent[0]!.text : cardText(cardOf(sent[0]));
};
/** The agenda card's rows, one line each: "1 [I] Title 13:00", "PAUS 14:30". */
const rowsOf = (text: string) =>
  text
    .replace(/^[\s\S]*?\[A\] (work item|arbetsmoment)\n/, '')
    .split('\n')
    .reduce<string[]>((rows, line) => {
      if (/^▶?\d+$/.test(line) || /^(BREAK|END|PAUS|AVSLUT)/.test(line)) rows.push(line);
      else if (rows.length > 0 && /^(\[[IDA]\]|\d\d:\d\d)$/.test(line)) rows[rows.length - 1] += ` ${line}`;
      else if (rows.length > 0 && !/\d\d:\d\d/.test(rows[rows.length - 1]!) && !/^(Not started|Edit|Inte påbörjad|Ändra)/.test(line)) rows[rows.length - 1] += ` ${line}`;
      return rows;
    }, []);

let n = 0;
async function bookedGroup(locale = 'en-US') {
  const chat = aGroupChat();
  await post(chat, `/setup Agendarådet ${++n}`, people.sara, locale);
  await post(chat, '/schedule 2027-02-10 13:00-16:00 Nätverksmöte', people.sara, locale);
  return chat;
}

it('adds the council’s first item at the template’s first time, breaks and the closing row, and keeps items numbered around them', async () => {
  const chat = await bookedGroup('sv-SE');
  // At HEAD this was "Punkt 2 börjar 13:00, vilket inte är efter punkt 1": the template's check-in was at 13:00.
  const first = await reply(chat, '/dagordning lägg till I 13.00 Tidigare mötesprotokoll — Sara', people.sara, 'sv-SE');
  expect(first).not.toContain('vilket inte är efter');
  expect(rowsOf(first)[0]).toBe('1 [I] Tidigare mötesprotokoll Sara 13:00');
  await reply(chat, '/dagordning töm', people.sara, 'sv-SE');
  for (const row of ['I 13.00 Tidigare mötesprotokoll — Sara', 'D 13.05 Hur står det till? — Alla', 'I 14.00 Snabbutredning — Christian Lund', 'paus 14.30', 'D 14.45 Digitala möten — Sara', 'D 15.50 Övrigt — Alla']) {
    await reply(chat, `/dagordning lägg till ${row}`, people.sara, 'sv-SE');
  }
  const full = await reply(chat, '/dagordning lägg till avslut 16.00', people.sara, 'sv-SE');
  expect(rowsOf(full)).toEqual([
    '1 [I] Tidigare mötesprotokoll Sara 13:00',
    '2 [D] Hur står det till? Alla 13:05',
    '3 [I] Snabbutredning Christian Lund 14:00',
    'PAUS 14:30',
    '4 [D] Digitala möten Sara 14:45',
    '5 [D] Övrigt Alla 15:50',
    'AVSLUT 16:00',
  ]);
  // Refusals name what was refused and quote it.
  expect(await reply(chat, '/dagordning lägg till paus 16.30', people.sara, 'sv-SE')).toContain('klockan 16:30 ligger utanför mötet (13:00–16:00)');
  expect(await reply(chat, '/dagordning flytta 9 1', people.sara, 'sv-SE')).toContain('Det finns ingen punkt 9');
  expect(await reply(chat, '/dagordning ta bort tre', people.sara, 'sv-SE')).toContain('/dagordning: ”ta bort tre” är ingen ändring av dagordningen');
  expect(await reply(chat, '/agenda remove break 15:00')).toContain('No single break or closing row matches “break 15:00”');
  expect(await reply(chat, '/agenda add D 13:05 Krock — Sara')).toContain('Item 3 starts at 13:05, which is not after item 2 (13:05)');
  expect(await reply(chat, '/agenda move 1 2', people.hakan)).toContain('only the chair, the vice chair, the organizer');
});

it('removes, moves and heads items from the chat; the heading is the section’s in the minutes', async () => {
  const chat = await bookedGroup();
  await reply(chat, '/agenda clear');
  for (const row of ['I 13:00 Previous minutes — Sara', 'D 13:05 How are things? — All', 'break 14:30', 'D 14:45 Digital meetings — Sara', 'D 15:50 Any other business — All']) await reply(chat, `/agenda add ${row}`);
  // The times stay with the places: "Any other business" takes item 2's time, the others move down a place.
  const moved = await reply(chat, '/agenda move 4 2');
  expect(rowsOf(moved)).toEqual(['1 [I] Previous minutes Sara 13:00', '2 [D] Any other business All 13:05', 'BREAK 14:30', '3 [D] How are things? All 14:45', '4 [D] Digital meetings Sara 15:50']);
  const removed = await reply(chat, '/agenda remove 2');
  expect(rowsOf(removed).map((r) => r.replace(/ \d\d:\d\d$/, ''))).toEqual(['1 [I] Previous minutes Sara', 'BREAK', '2 [D] How are things? All', '3 [D] Digital meetings Sara']);
  expect(rowsOf(await reply(chat, '/agenda remove break'))).not.toContain('BREAK 14:30');
  await reply(chat, '/agenda heading 2 Discussion – how the municipalities are doing');
  // In the meeting's chat on its day, linked to the booking.
  now = new Date('2027-02-10T11:55:00.000Z');
  const meeting = aMeetingChat();
  const name = `Agendarådet ${n}`;
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
  await reply(meeting, `/setup ${name}`);
  await post(meeting, '/start');
  await post(meeting, '/next');
  await post(meeting, '/note Everything works');
  const minutes = await post(meeting, '/minutes');
  const link = /"title":"Markdown","url":"([^"]+)"/.exec(JSON.stringify(cardOf(minutes[0])))?.[1];
  expect(link).toBeDefined();
  // The link names the public address; the test's server listens on its own port.
  const res = await fetch(`${h.app.url}${new URL(link!).pathname}`);
  const text = await res.text();
  expect({ status: res.status, text: text.slice(0, 200) }).toMatchObject({ status: 200 });
  expect(text).toContain('2) Discussion – how the municipalities are doing');
  expect(text).toMatch(/\| 2 \| D \| How are things\? \| All \| 14:45 \|/);
});

it('edits and removes every kind of row on the card’s form', async () => {
  const chat = await bookedGroup();
  await reply(chat, '/agenda clear');
  for (const row of ['I 13:00 Previous minutes — Sara', 'break 14:30', 'end 16:00']) await reply(chat, `/agenda add ${row}`);
  const agenda = cardOf((await post(chat, '/agenda'))[0]) as { actions: Action[] };
  const form = agenda.actions.find((a) => a.type === 'Action.ShowCard')!.card!;
  const rows = form.body.find((e) => e.id === 'item')!.choices!.map((c) => c.value);
  expect(rows).toEqual(['new', '1', 'break@14:30', 'end@16:00']);
  const [save, remove] = form.actions;
  const press = async (action: Action, inputs: Record<string, unknown>) => {
    const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb: action.verb, data: { ...action.data, ...inputs }, replyToId: h.teams.cardMessageId(chat.conversationId, action.verb) }));
    const body = res.body as { value: unknown };
    return typeof body.value === 'string' ? body.value : rowsOf(cardText(body.value));
  };
  // A new item, a new break, the item changed, the break moved, the closing row changed, then each removed.
  expect(await press(save!, { item: 'new', type: 'D', time: '13:30', title: 'Budget', responsible: 'Pia' })).toContain('2 [D] Budget Pia 13:30');
  expect(await press(save!, { item: 'new', type: 'break', time: '12:00' })).toEqual(expect.any(String));
  expect(await press(save!, { item: '1', type: 'A', time: '13:00', title: 'Previous minutes approved' })).toContain('1 [A] Previous minutes approved 13:00');
  expect(await press(save!, { item: 'break@14:30', type: 'break', time: '15:00', title: 'Coffee' })).toContain('BREAK — Coffee 15:00');
  expect(await press(save!, { item: 'end@16:00', type: 'end', time: '15:55' })).toContain('END 15:55');
  expect(await press(remove!, { item: 'break@15:00' })).not.toContain('BREAK — Coffee 15:00');
  expect(await press(remove!, { item: 'end@15:55' })).toEqual(['1 [A] Previous minutes approved 13:00', '2 [D] Budget Pia 13:30']);
  expect(await press(remove!, { item: '2' })).toEqual(['1 [A] Previous minutes approved 13:00']);
  expect(await press(remove!, { item: 'break@09:00' })).toContain('No single break or closing row matches “break 09:00”');
});

it('says the agenda is done after the last item, ends it on the card, and refuses to move an item that has begun', async () => {
  const meeting = aMeetingChat();
  await post(meeting, '/start');
  for (let i = 0; i < 3; i++) await post(meeting, '/next');
  const last = await post(meeting, '/next');
  expect(last).toEqual([]);
  const card = cardText(cardOf(h.teams.updates().at(-1)!.body as Record<string, unknown>));
  expect(card).toContain('▶5');
  expect(card).toContain('Finish the agenda');
  const done = await post(meeting, '/next');
  expect(done.map((a) => a.text)).toEqual(['The agenda is done: all 5 items have been dealt with. /item <n> takes an item up again.']);
  const after = cardText(cardOf(h.teams.updates().at(-1)!.body as Record<string, unknown>));
  expect(after).not.toContain('▶');
  expect(after).not.toContain('Finish the agenda');
  expect(after).toContain('The agenda is done');
  expect(await reply(meeting, '/agenda move 5 1')).toContain('Item 1 has already begun in the meeting');
  await post(meeting, '/item 2');
  expect(cardText(cardOf(h.teams.updates().at(-1)!.body as Record<string, unknown>))).toContain('▶2');
});
