/**
 * Attendance in one card, and meetings recorded afterwards, through the real bot without Graph: the sheet
 * pre-filled from the notice, submitted once (only changes kept, with who and when), updated in place;
 * a large roster page by page within Teams' 28 KB; the same date before and after /start; a past meeting
 * booked with /schedule counts in the group's rates; errors quote the whole value and name the command.
 */
import { loadConfig } from '../../../src/config';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { cardOf, cardText, MAX_MESSAGE_BYTES } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

let now = new Date('2026-11-25T09:00:00.000Z');
const h = useHarness({}, { now: () => now });
let store: OpenStore;
beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store.close());
const repos = () => createRepositories(store);

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown>; title?: string };
type CardJson = { body: unknown[]; actions?: Action[] };
const five = [people.sara, people.hakan, people.titti, people.pia, people.fredric];

beforeEach(() => {
  now = new Date('2026-11-25T09:00:00.000Z');
  h.teams.clear();
  h.teams.members = five;
  h.teams.defaultRoles.clear();
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
});

const post = async (chat: Chat, from: Person, text: string, locale = 'en-US') => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }))).status).toBe(200);
  return h.teams.sent().slice(before);
};
const say = async (chat: Chat, from: Person, text: string, locale = 'en-US') => {
  const sent = await post(chat, from, text, locale);
  expect(sent.length).toBeGreaterThanOrEqual(1);
  return sent[0]!;
};
const textOf = (a: Record<string, unknown>) => (typeof a.text === 'string' ? a.text : cardText(cardOf(a)));
/** A refusal answers a press with a message, not a card. */
const messageOf = (res: { value: unknown }): string => (typeof res.value === 'string' ? res.value : JSON.stringify(res.value));
const press = async (chat: Chat, from: Person, action: Action, inputs: Record<string, unknown> = {}) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: { ...action.data, ...inputs }, replyToId: h.teams.cardMessageId(chat.conversationId, action.verb) }));
  expect(res.status).toBe(200);
  return res.body as { type: string; value: CardJson | string };
};
/** Each member row of a sheet: the name and its ChoiceSet's id and value. */
const sheetRows = (c: unknown): Array<{ name: string; field: string; value: string }> => {
  const rows: Array<{ name: string; field: string; value: string }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const m = o.type === 'ColumnSet' && /"type":"Input.ChoiceSet","id":"(m_[^"]+)","style":"compact","value":"(\w+)"/.exec(JSON.stringify(o));
      if (m) rows.push({ name: cardText(o).split('\n')[0]!, field: m[1]!, value: m[2]! });
      else Object.values(o).forEach(walk);
    }
  };
  walk(c);
  return rows;
};
const fieldOf = (c: unknown, name: string) => sheetRows(c).find((r) => r.name === name)!.field;

let n = 0;
async function councilWithBooking(members: Person[] = five) {
  h.teams.members = members;
  const group = aGroupChat();
  const name = `Närvarorådet ${++n}`;
  await say(group, people.sara, `/setup ${name}`);
  await say(group, people.sara, `/schedule 2027-02-10 13:00-16:00 ${name}`);
  const notice = cardOf((await post(group, people.sara, '/notice')).find((a) => cardOf(a))) as CardJson;
  if (members.includes(people.pia)) await press(group, people.pia, notice.actions![1]!, { note: 'Semester' });
  return { group, name };
}

it('gives the secretary one sheet, pre-filled, saved once with who and when, and the result in place for everyone', async () => {
  const { name } = await councilWithBooking();
  now = new Date('2027-02-10T11:55:00.000Z');
  const meeting = aMeetingChat();
  await say(meeting, people.sara, `/setup ${name}`);
  const sheet = cardOf(await say(meeting, people.sara, '/attendance')) as CardJson;
  expect(cardText(sheet)).toContain(`Attendance sheet: ${name}`);
  // By organisation, then name (none has an organisation here).
  expect(sheetRows(sheet).map((r) => [r.name, r.value])).toEqual([
    ['Fredric Carlsson', 'absent'],
    ['Håkan Sundberg', 'absent'],
    ['Pia Carlsson', 'excused'],
    ['Sara Herrman', 'absent'],
    ['Titti Andersson', 'absent'],
  ]);
  expect(cardText(sheet)).toContain('answered the notice');
  const save = sheet.actions!.find((a) => a.verb === 'attendance.recordSheet')!;
  const values = { [fieldOf(sheet, 'Sara Herrman')]: 'present', [fieldOf(sheet, 'Håkan Sundberg')]: 'present', [fieldOf(sheet, 'Titti Andersson')]: 'present', [fieldOf(sheet, 'Pia Carlsson')]: 'excused', [fieldOf(sheet, 'Fredric Carlsson')]: 'absent' };

  // A member may not record attendance, and sees the card read-only.
  expect(messageOf(await press(meeting, people.hakan, save, values))).toContain('record attendance');
  expect(textOf(await say(meeting, people.hakan, '/attendance'))).toMatch(/\(0 of 5 members\)[\s\S]*Excused \(1\)\nPia Carlsson/);

  const saved = await press(meeting, people.sara, save, values);
  expect(cardText(saved.value)).toMatch(/Saved: 3 changed\.[\s\S]*Present \(3\)\nHåkan Sundberg \(corrected\)\nSara Herrman \(corrected\)\nTitti Andersson \(corrected\)\nExcused \(1\)\nPia Carlsson\nAbsent \(1\)\nFredric Carlsson/);
  // Everyone's copy changed in place.
  const put = h.teams.updates().at(-1)!;
  expect(put.path).toBe(`/v3/conversations/${meeting.conversationId}/activities/${h.teams.cardMessageId(meeting.conversationId, 'attendance.editSheet')}`);
  const meetingId = save.data.meetingId as string;
  const corrections = await repos().attendance.corrections(TENANT, meetingId);
  expect(corrections.map((c) => [c.status, c.byName, c.at])).toEqual([
    ['present', 'Sara Herrman', '2027-02-10T11:55:00.000Z'],
    ['present', 'Sara Herrman', '2027-02-10T11:55:00.000Z'],
    ['present', 'Sara Herrman', '2027-02-10T11:55:00.000Z'],
  ]);
  // Saved again as it is: nothing new is kept.
  expect(cardText((await press(meeting, people.sara, save, values)).value)).toContain('Saved: 0 changed.');
  expect(await repos().attendance.corrections(TENANT, meetingId)).toHaveLength(3);
  // "Edit attendance" opens the sheet again, for the one who pressed, with what was saved.
  const edit = (saved.value as CardJson).actions!.find((a) => a.verb === 'attendance.editSheet')!;
  const again = await press(meeting, people.sara, edit);
  expect(sheetRows(again.value).map((r) => r.value)).toEqual(['absent', 'present', 'excused', 'present', 'present']);
  expect(cardText(again.value)).toContain('set by Sara Herrman');
  // A value no card offers is refused, quoting it, and nothing is stored.
  expect(messageOf(await press(meeting, people.sara, save, { ...values, [fieldOf(sheet, 'Fredric Carlsson')]: 'sick' }))).toContain('“sick” is not an attendance status');
});

it('shows the same date before and after /start for a meeting held on another day than booked', async () => {
  const { name } = await councilWithBooking([people.sara, people.hakan]);
  now = new Date('2027-02-09T12:00:00.000Z');
  const meeting = aMeetingChat();
  const reply = cardOf(await say(meeting, people.sara, `/setup ${name}`));
  const choose = /"verb":"setup.chooseBooking","data":(\{[^}]+\})/.exec(JSON.stringify(reply))!;
  await press(meeting, people.sara, { verb: 'setup.chooseBooking', data: JSON.parse(choose[1]!) as Record<string, unknown> });
  const before = textOf(await say(meeting, people.hakan, '/attendance'));
  await post(meeting, people.sara, '/start');
  const after = textOf(await say(meeting, people.hakan, '/attendance'));
  expect(before.split('\n')[1]).toBe('2027-02-10');
  expect(after.split('\n')[1]).toBe('2027-02-10');
});

it('takes a large roster page by page, each within one Teams message, every member once', async () => {
  const eighty = Array.from({ length: 80 }, (_, i) => ({
    id: `29:1Member${i}`,
    name: `Ledamot ${String(i).padStart(2, '0')} Förnamn-Efternamn-Dubbelnamn från Kommunen`,
    aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    email: `ledamot.${i}@kommun${i}.se`,
    tenantId: TENANT,
  }));
  const { name } = await councilWithBooking([people.sara, ...eighty]);
  now = new Date('2027-02-10T11:55:00.000Z');
  const meeting = aMeetingChat();
  await say(meeting, people.sara, `/setup ${name}`);
  // Too many for one message: everyone on the attendance card, the sheet behind its button.
  const overview = cardOf(await say(meeting, people.sara, '/attendance')) as CardJson;
  expect(cardText(overview)).toContain('Ledamot 79');
  let page = (await press(meeting, people.sara, overview.actions!.find((a) => a.verb === 'attendance.editSheet')!)).value as CardJson;
  const seen: string[] = [];
  for (let i = 0; i < 10; i++) {
    expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(MAX_MESSAGE_BYTES - 2048);
    const rows = sheetRows(page);
    seen.push(...rows.map((r) => r.name));
    const save = page.actions!.find((a) => a.verb === 'attendance.recordSheet')!;
    const answer = await press(meeting, people.sara, save, Object.fromEntries(rows.map((r) => [r.field, 'present'])));
    page = answer.value as CardJson;
    if (!page.actions?.some((a) => a.verb === 'attendance.recordSheet')) break;
  }
  expect(new Set(seen).size).toBe(81);
  expect(seen).toHaveLength(81);
  expect(cardText(page)).toContain('(81 of 81 members)');
});

it('records a meeting that has taken place as held: no Teams meeting or reminders, its sheet, and it counts in the rates', async () => {
  h.teams.members = [people.sara, people.hakan, people.pia, people.fredric];
  const group = aGroupChat();
  const name = `Historikrådet ${++n}`;
  await say(group, people.sara, `/setup ${name}`, 'sv-SE');
  const group0 = await repos().groups.findByName(TENANT, name);
  // The roster from the chat begins today: the council was the same in October (as /members would say).
  for (const m of await repos().groups.members(TENANT, group0!.id)) await repos().groups.updateMember(TENANT, m.id, { from: '2026-01-01' });
  const sent = await post(group, people.sara, '/boka 2026-10-14 13:00-16:00 Oktobermötet', 'sv-SE');
  expect(textOf(sent[0]!)).toMatch(/Infört som hållet: Oktobermötet\n2026-10-14, 13:00–16:00[\s\S]*inget Teams-möte, ingen kallelse eller påminnelse/);
  const sheet = cardOf(sent[1]) as CardJson;
  expect(cardText(sheet)).toContain('Närvarolista: Oktobermötet');
  const [held] = await repos().meetings.listByGroup(TENANT, group0!.id, '2026-01-01', '2027-01-01');
  expect(held).toMatchObject({ startedAt: '2026-10-14T11:00:00.000Z', endedAt: '2026-10-14T14:00:00.000Z' });
  expect(held!.installStatus).toBeUndefined();
  expect((await repos().jobs.list()).filter((j) => JSON.stringify(j).includes(held!.id))).toEqual([]);
  expect(await repos().agendas.list(TENANT, held!.id)).toEqual([]);

  const save = sheet.actions!.find((a) => a.verb === 'attendance.recordSheet')!;
  await press(group, people.sara, save, { [fieldOf(sheet, 'Sara Herrman')]: 'present', [fieldOf(sheet, 'Håkan Sundberg')]: 'present', [fieldOf(sheet, 'Pia Carlsson')]: 'excused' });
  // Later, from the group's chat, by its date.
  expect(sheetRows(cardOf(await say(group, people.sara, '/närvaro 2026-10-14', 'sv-SE'))).map((r) => [r.name, r.value])).toEqual([
    ['Fredric Carlsson', 'absent'],
    ['Håkan Sundberg', 'present'],
    ['Pia Carlsson', 'excused'],
    ['Sara Herrman', 'present'],
  ]);
  expect(textOf(await say(group, people.sara, '/närvaro 2026-10-15', 'sv-SE'))).toContain(`”${name}” har inget möte 2026-10-15`);
  expect(textOf(await say(group, people.sara, '/närvaro 14 oktober', 'sv-SE'))).toContain('/närvaro: ”14 oktober” är inte ett giltigt värde för datum');
  // The year's rates count it: 2 present of 4.
  expect(textOf(await say(group, people.sara, '/närvaro', 'sv-SE'))).toMatch(/Totalt 50\s% \(2 av 4/);
  const figures = await (await fetch(`${h.app.url}/api/groups/${group0!.id}/attendance?tenantId=${TENANT}&from=2026-01-01&to=2026-12-31`)).json();
  expect((figures as { figures: { overall: unknown } }).figures.overall).toMatchObject({ present: 2, expected: 4 });
  // Booked twice (a redelivered message) it is one meeting.
  await post(group, people.sara, '/boka 2026-10-14 13:00-16:00 Oktobermötet', 'sv-SE');
  expect(await repos().meetings.listByGroup(TENANT, group0!.id, '2026-01-01', '2027-01-01')).toHaveLength(2);
  // A meeting under way now cannot be booked; one in the future is booked as before.
  expect(textOf(await say(group, people.sara, '/schedule 2026-11-25 09:30-11:00 Pågående'))).toContain('is under way now');
});

it('quotes the whole value it could not read and names the command', async () => {
  const meeting = aMeetingChat();
  expect(textOf(await say(meeting, people.sara, '/action Skicka ut direktivet due: 15 januari'))).toContain('/action: “15 januari” is not a valid due date.');
  expect(textOf(await say(meeting, people.sara, '/åtgärd Skicka ut direktivet senast: 15 januari', 'sv-SE'))).toContain('/åtgärd: ”15 januari” är inte ett giltigt värde för slutdatum.');
  expect(textOf(await say(meeting, people.sara, '/agenda move 5'))).toContain('/agenda: “move 5” is not an agenda change I can read.');
});

it('opens and saves the sheet only for this chat’s meeting: a card’s meeting id changed to another meeting is refused', async () => {
  const mine = aMeetingChat();
  const theirs = aMeetingChat();
  // Sara organizes her own meeting, and is only an attendee of theirs; neither belongs to a group.
  h.teams.setRole(theirs.meetingId!, people.sara.aadObjectId, 'Attendee');
  await post(theirs, people.sara, '/attendance');
  await post(mine, people.sara, '/attendance');
  const theirMeeting = (await repos().meetings.findByTeamsId(TENANT, theirs.meetingId!))!;
  const forged = (verb: string) => ({ verb, data: { cardId: '00000000-0000-4000-8000-000000000001', meetingId: theirMeeting.id } });

  const opened = messageOf(await press(mine, people.sara, forged('attendance.editSheet')));
  expect(opened).not.toContain('Håkan Sundberg');
  expect(opened).toMatch(/out of date|no longer/i);
  const saved = messageOf(await press(mine, people.sara, forged('attendance.recordSheet'), { m_x: 'present' }));
  expect(saved).toMatch(/out of date|no longer/i);
  expect(await repos().attendance.corrections(TENANT, theirMeeting.id)).toEqual([]);
});
