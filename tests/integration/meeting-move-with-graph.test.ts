/**
 * `/meetings` → Move, through the real bot, the fake Bot Connector and the fake Graph: the form never
 * offers a past date and a past one is refused with the form again; a move patches the Outlook event's
 * start and end (by its organizer); the group's chat is told in one card on a move and on a cancel.
 * Graph's refusals of such a PATCH are in tests/integration/graph/graph-calendar.test.ts.
 */
import { cardOf, cardText } from '../fakes/bot-connector';
import { useGraphApp } from '../helpers/graph-harness';
import { aCardAction, aGroupChat, aMessage, people, type Chat } from '../helpers/activities';
import { postActivity } from '../helpers/test-app';
import { addDays, utcToStockholm } from '../../src/domain/stockholm-time';

const h = useGraphApp();
beforeAll(() => {
  h.teams.members = [people.sara, people.hakan, people.titti];
});

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown> };
type CardJson = { body: Array<Record<string, unknown>>; actions?: Action[] };

const say = async (chat: Chat, from: Person, text: string) => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text }))).status).toBe(200);
  return h.teams.sent().slice(before);
};
const press = async (chat: Chat, from: Person, action: Action, inputs: Record<string, unknown> = {}) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: { ...action.data, ...inputs }, replyToId: h.teams.cardMessageId(chat.conversationId, action.verb) }));
  expect(res.status).toBe(200);
  return (res.body as { value: CardJson | string }).value;
};
const today = utcToStockholm(new Date()).date;
const actionsIn = (c: CardJson): Action[] => [...(c.actions ?? []), ...c.body.flatMap((b) => ((b.items ?? []) as Array<{ actions?: Action[] }>).flatMap((i) => i.actions ?? []))];

async function booked(name: string) {
  const group = aGroupChat();
  await say(group, people.sara, `/setup ${name}`);
  const day = addDays(today, 70);
  await say(group, people.sara, `/schedule ${day} 09:00-12:00 ${name}`);
  const event = [...h.graph.events.values()].find((e) => e.resource.subject === name)!;
  const list = cardOf((await say(group, people.sara, '/meetings'))[0]) as CardJson;
  return { group, day, event, list };
}

it('moves a booked meeting: the form starts at today, the Outlook event is patched, and the group is told in one card', async () => {
  const { group, day, event, list } = await booked('E-råd Flytt');
  // Today read on both sides of the press: run across Stockholm's midnight, the app rightly offers the new day.
  const todayBefore = utcToStockholm(new Date()).date;
  const form = (await press(group, people.sara, actionsIn(list).find((a) => a.verb === 'meetings.moveForm')!)) as CardJson;
  const date = form.body.find((b) => b.id === 'date')!;
  expect(date).toMatchObject({ type: 'Input.Date', value: day });
  expect([todayBefore, utcToStockholm(new Date()).date]).toContain((date as { min?: string }).min);

  // A past date: the form again, with what to fix; nothing moved.
  const move = form.actions!.find((a) => a.verb === 'meetings.move')!;
  const refused = (await press(group, people.sara, move, { date: addDays(today, -1), start: '09:00', end: '12:00' })) as CardJson;
  expect(cardText(refused)).toContain('has already passed');
  expect(h.graph.requestsTo('PATCH', /\/events\//).filter((r) => JSON.stringify(r.body).includes('"start"'))).toEqual([]);

  const before = h.teams.sent().length;
  const later = addDays(day, 7);
  const after = cardText((await press(group, people.sara, move, { date: later, start: '13:00', end: '15:00' })));
  expect(after).toContain(`Moved: E-råd Flytt, now ${later}, 13:00–15:00.`);
  expect(after).toContain('The Outlook event is moved too');
  const patches = h.graph.requestsTo('PATCH', new RegExp(`/events/${event.id.replace(/[-_]/g, '.')}$`)).filter((r) => JSON.stringify(r.body).includes('"start"'));
  expect(patches).toHaveLength(1);
  expect(patches[0]!.path).toBe(`/users/${people.sara.aadObjectId}/events/${event.id}`);
  expect(patches[0]!.status).toBe(200);
  expect(event.resource.start).toEqual({ dateTime: `${utcToStockholmToUtc(later, '13:00')}.0000000`, timeZone: 'UTC' });
  // One card in the group's chat.
  const told = h.teams.sent().slice(before).map((a) => cardText(cardOf(a)));
  expect(told.filter((t) => t.includes('Moved: E-råd Flytt'))).toHaveLength(1);
  expect(told.find((t) => t.includes('Moved: E-råd Flytt'))).toContain(`to ${later}, 13:00–15:00`);
}, 60_000);

it('tells the group in one card when a meeting is cancelled, and a second press tells nobody', async () => {
  const { group, list } = await booked('E-råd Inställs');
  const cancel = actionsIn(list).find((a) => a.verb === 'meetings.cancel')!;
  const before = h.teams.sent().length;
  await press(group, people.sara, cancel);
  await press(group, people.sara, cancel);
  const told = h.teams.sent().slice(before).map((a) => cardText(cardOf(a)));
  expect(told.filter((t) => t.includes('Cancelled: E-råd Inställs') && t.includes('is cancelled'))).toHaveLength(1);
}, 60_000);

/** The UTC wall clock (no zone) of a Stockholm date and time, as the bot sends it to Graph. */
function utcToStockholmToUtc(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  // Stockholm is UTC+1 in winter and UTC+2 in summer: find the instant whose Stockholm wall clock matches.
  for (const offset of [1, 2]) {
    const guess = new Date(Date.UTC(y!, m! - 1, d, hh! - offset, mm));
    const s = utcToStockholm(guess);
    if (s.date === date && s.time === time) return guess.toISOString().slice(0, 19);
  }
  throw new Error('no such time');
}
