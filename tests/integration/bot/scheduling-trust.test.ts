/**
 * Scheduling you can trust (issue 22, item 3), through the real stack: no preparation meeting offered or
 * booked on a day that has passed; an approved exception to the notice rule ends its reminder; the hint of
 * `/preparation` sets up a group with the name it was given; a booked series lists every meeting with its
 * day, preparation meetings too. "Now" is the clock port, moved by the test.
 */
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { loadConfig } from '../../../src/config';
import { noticeReminderKey } from '../../../src/app/notice-reminder';
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

/** Thursday 3 December 2026, 10:00 in Stockholm. */
const TODAY = new Date('2026-12-03T09:00:00.000Z');
let now = TODAY;
const h = useHarness({}, { now: () => now });
let store: OpenStore;

beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store.close());
beforeEach(() => {
  now = TODAY;
  h.teams.clear();
  h.teams.members = [people.sara, people.hakan, people.titti];
});

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown>; title?: string };
type CardJson = { body: unknown[]; actions?: Action[] };

const say = async (chat: Chat, from: Person, text: string, locale = 'en-US') => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }))).status).toBe(200);
  const sent = h.teams.sent().slice(before);
  return sent.find((a) => cardOf(a)) ?? sent[sent.length - 1]!;
};
const textOf = (a: Record<string, unknown>) => (typeof a.text === 'string' ? a.text : cardText(cardOf(a)));
const press = async (chat: Chat, action: Action, inputs: Record<string, unknown> = {}) => {
  const replyToId = h.teams.cardMessageId(chat.conversationId, action.verb);
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb: action.verb, data: { ...action.data, ...inputs }, replyToId }));
  expect(res.status).toBe(200);
  const value = (res.body as { value: CardJson | string }).value;
  return typeof value === 'string' ? value : cardText(value);
};
const repos = () => createRepositories(store);
let n = 0;
/** A council chat with a preparation group named in it. */
const aCouncil = async () => {
  const chat = aGroupChat();
  const name = `E-råd Trust ${++n}`;
  const prep = `Beredning Trust ${n}`;
  await say(chat, people.sara, `/setup ${name}`);
  await say(aGroupChat(), people.sara, `/setup preparation ${prep}`);
  expect(textOf(await say(chat, people.sara, `/preparation ${prep}`))).toContain(`“${prep}” is the preparation group of “${name}”`);
  return { chat, name, prep };
};
const meetingsOf = async (groupName: string) => {
  const group = await repos().groups.findByName(TENANT, groupName);
  return repos().meetings.listByGroup(TENANT, group!.id, '2026-01-01', '2028-12-31');
};
/** Books a meeting inside the notice period with an approved exception; the scheduled card. */
const bookWithException = async (chat: Chat, date: string) => {
  const held = cardOf(await say(chat, people.sara, `/schedule ${date} 09:00-12:00 Extramöte`)) as CardJson;
  expect(cardText(held)).toContain('Held back');
  const override = held.actions![0]!;
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb: override.verb, data: { ...override.data, reason: 'Budgeten måste beslutas före årsskiftet' } }));
  expect(res.status).toBe(200);
  return (res.body as { value: CardJson }).value;
};

describe('the preparation meeting is never offered or booked in the past', () => {
  it('offers the first working day after today for a meeting 7 days ahead, and books it there', async () => {
    const { chat, prep } = await aCouncil();
    const booked = await bookWithException(chat, '2026-12-10');
    // The charter's day (14 days before: 2026-11-26) has passed; Friday 2026-12-04 is the first working day left.
    expect(cardText(booked)).not.toContain('2026-11-26');
    const offer = booked.actions!.find((a) => a.verb === 'schedule.preparation')!;
    expect(offer.title).toBe('Book the preparation meeting on 2026-12-04');
    expect(await press(chat, offer)).toContain('2026-12-04');
    const prepMeetings = await meetingsOf(prep);
    expect(prepMeetings.map((m) => m.startsAt!.slice(0, 10))).toEqual(['2026-12-04']);
    // Booked at short notice by the council's decision: no reminder, at once, that its notice is late.
    expect(await repos().jobs.list({ uniqueKey: noticeReminderKey(prepMeetings[0]!.id) })).toEqual([]);
  });

  it('refuses, in words, a preparation date that has passed (a card from before), and books nothing', async () => {
    const { chat, prep } = await aCouncil();
    const booked = await bookWithException(chat, '2026-12-10');
    const offer = booked.actions!.find((a) => a.verb === 'schedule.preparation')!;
    const answer = await press(chat, offer, { date: '2026-11-26' });
    expect(answer).toContain('The preparation meeting cannot be booked on 2026-11-26: it must be after today (2026-12-03) and before the meeting on 2026-12-10. The earliest day left is 2026-12-04.');
    expect(await meetingsOf(prep)).toEqual([]);
  });

  it('offers none, and says so, when no working day is left before the meeting', async () => {
    const { chat, prep } = await aCouncil();
    const booked = await bookWithException(chat, '2026-12-04');
    expect(cardText(booked)).toContain('No working day is left before this meeting for a preparation meeting');
    expect((booked.actions ?? []).some((a) => a.verb === 'schedule.preparation')).toBe(false);
    expect(await meetingsOf(prep)).toEqual([]);
  });
});

describe('an approved exception to the notice rule', () => {
  it('sets no reminder that the notice is late, and the card names the rule in words', async () => {
    const chat = aGroupChat();
    const name = `E-råd Undantag ${++n}`;
    await say(chat, people.sara, `/setup ${name}`);
    const booked = await bookWithException(chat, '2026-12-10');
    expect(cardText(booked)).toContain('Exception to the rule “notice at least 14 days ahead”: Budgeten måste beslutas före årsskiftet');
    expect(cardText(booked)).not.toMatch(/[A-Z]+_[A-Z_]+/);
    const [meeting] = await meetingsOf(name);
    expect(await repos().jobs.list({ uniqueKey: noticeReminderKey(meeting!.id) })).toEqual([]);
    h.teams.clear();
    now = new Date(TODAY.getTime() + 60_000);
    await h.app.runJobsOnce();
    expect(h.teams.sent().filter((a) => (a.conversation as { id: string }).id === chat.conversationId)).toEqual([]);
  });
});

describe('/preparation and /setup agree on names', () => {
  it('follows the hint of /preparation and gets the group with the whole name', async () => {
    const chat = aGroupChat();
    await say(chat, people.sara, `/setup E-råd Namn ${++n}`);
    const prep = `Beredning e-råd ${n}`;
    const hint = textOf(await say(chat, people.sara, `/preparation ${prep}`));
    const setup = /\/setup [^(]+?(?= \(|$)/u.exec(hint)![0];
    expect(setup).toBe(`/setup preparation ${prep}`);
    await say(aGroupChat(), people.sara, setup);
    expect(await repos().groups.findByName(TENANT, prep)).toEqual(expect.objectContaining({ name: prep, kind: 'preparation' }));
    expect(textOf(await say(chat, people.sara, `/preparation ${prep}`))).toContain(`“${prep}” is the preparation group`);
  });

  it('says the Swedish hint with the Swedish kind word', async () => {
    const chat = aGroupChat();
    await say(chat, people.sara, `/setup E-råd Namn ${++n}`, 'sv-SE');
    expect(textOf(await say(chat, people.sara, `/beredning Beredning x ${n}`, 'sv-SE'))).toContain(`/setup beredning Beredning x ${n}`);
  });
});

describe('a booked series', () => {
  it('lists every meeting with its weekday, the preparation meetings too, and the next step', async () => {
    const { chat } = await aCouncil();
    const series = cardOf(await say(chat, people.sara, '/schedule series 2027')) as CardJson;
    const text = await press(chat, series.actions![0]!);
    expect(text).toContain('6 meetings booked for 2027');
    const lines = text.split('\n');
    expect(lines.filter((l) => /^(Monday|Tuesday|Wednesday|Thursday|Friday) 2027-\d\d-\d\d, 09:00–12:00$/.test(l))).toHaveLength(6);
    expect(lines.filter((l) => /^Preparation meeting \(Beredning Trust \d+\): (Monday|Tuesday|Wednesday|Thursday|Friday) 2027-\d\d-\d\d, 09:00–10:00$/.test(l))).toHaveLength(6);
    expect(text).toMatch(/Next step: send the notice with \/notice in this chat, at the latest on 2027-\d\d-\d\d\./);
  });
});

describe('/meetings', () => {
  it('lists the booked meetings with weekday and time, the preparation meetings too, in order', async () => {
    const { chat, prep } = await aCouncil();
    const series = cardOf(await say(chat, people.sara, '/schedule series 2027')) as CardJson;
    await press(chat, series.actions![0]!);
    const text = textOf(await say(chat, people.hakan, '/möten', 'sv-SE'));
    const days = [...text.matchAll(/^(måndag|tisdag|onsdag|torsdag|fredag) (2027-\d\d-\d\d), (09:00–12:00|09:00–10:00)$/gmu)];
    expect(days).toHaveLength(12);
    expect(days.map((d) => d[2])).toEqual(days.map((d) => d[2]).sort());
    expect(text.split(`Beredningsmöte (${prep})`)).toHaveLength(7);
  });

  it('says when nothing is booked', async () => {
    const chat = aGroupChat();
    await say(chat, people.sara, `/setup E-råd Tom ${++n}`);
    expect(textOf(await say(chat, people.sara, '/meetings'))).toContain('Nothing is booked from today on');
  });
});

describe('/meetings: Cancel', () => {
  it('cancels a booked meeting for the organizer; it leaves the list, is kept in the store, and a member may not', async () => {
    const chat = aGroupChat();
    const name = `E-råd Ställ in ${++n}`;
    await say(chat, people.sara, `/setup ${name}`);
    await say(chat, people.sara, `/schedule 2027-02-10 09:00-12:00 ${name}: vintermöte`);
    await say(chat, people.sara, `/schedule 2027-04-14 09:00-12:00 ${name}: vårmöte`);
    const list = cardOf(await say(chat, people.sara, '/meetings')) as CardJson;
    const cancels = JSON.stringify(list).match(/"verb":"meetings\.cancel"/g) ?? [];
    expect(cancels).toHaveLength(2);
    const first = (list.body as Array<{ items?: Array<{ type: string; actions?: Action[] }> }>).flatMap((c) => c.items ?? []).find((i) => i.type === 'ActionSet')!.actions!.find((a) => a.verb === 'meetings.cancel')!;

    const member = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.hakan, verb: first.verb, data: first.data, replyToId: h.teams.cardMessageId(chat.conversationId, first.verb) }));
    expect(JSON.stringify(member.body)).toContain('Only the group’s chair, vice chair and organizer');
    expect(await meetingsOf(name)).toHaveLength(2);

    const after = await press(chat, first);
    expect(after).toContain(`Cancelled: ${name}: vintermöte, Wednesday 2027-02-10, 09:00–12:00.`);
    expect(after).not.toContain('vintermöte\n');
    expect(after).toContain('Wednesday 2027-04-14, 09:00–12:00');
    expect((await meetingsOf(name)).map((m) => m.title)).toEqual([`${name}: vårmöte`]);
    const group = await repos().groups.findByName(TENANT, name);
    const kept = await repos().meetings.get(TENANT, String(first.data.meetingId));
    expect(kept).toEqual(expect.objectContaining({ groupId: group!.id, cancelledAt: TODAY.toISOString() }));
    // The member's own list has no Cancel.
    expect(JSON.stringify(cardOf(await say(chat, people.hakan, '/meetings')))).not.toContain('meetings.cancel');
  });
});
