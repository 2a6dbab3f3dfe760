/**
 * The meeting's lifecycle through the real stack, without Graph (in-process; the Graph path is tested in
 * lifecycle-with-graph.test.ts): scheduling under the charter's rules, the series proposal, the notice
 * and its answers, the start event, /next, and the check-in round. "Now" is fixed by the clock port.
 */
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { loadConfig } from '../../../src/config';
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, BOT, people, TENANT, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

/** Wednesday 25 November 2026, 10:00 in Stockholm. */
const NOW = new Date('2026-11-25T09:00:00.000Z');
const h = useHarness({}, { now: () => NOW });
let store: OpenStore;

beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store.close());

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown>; title?: string };
type CardJson = { body: unknown[]; actions?: Action[] };

beforeEach(() => {
  h.teams.clear();
  h.teams.members = [people.sara, people.hakan, people.titti];
  h.teams.defaultRoles.clear();
});

const say = async (chat: Chat, from: Person, text: string, locale = 'en-US') => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }))).status).toBe(200);
  const sent = h.teams.sent().slice(before);
  expect(sent.length).toBeGreaterThanOrEqual(1);
  // The reply's card (after /notice and /checkin a line about the personal links follows it), else the last post.
  return sent.find((a) => cardOf(a)) ?? sent[sent.length - 1]!;
};
const textOf = (a: Record<string, unknown>) => (typeof a.text === 'string' ? a.text : cardText(cardOf(a)));
const press = async (chat: Chat, from: Person, action: Action, inputs: Record<string, unknown> = {}, replyToId = h.teams.cardMessageId(chat.conversationId, action.verb)) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: { ...action.data, ...inputs }, replyToId }));
  expect(res.status).toBe(200);
  return res.body as { type: string; value: CardJson | string };
};
let n = 0;
const aGroup = async () => {
  const chat = aGroupChat();
  const name = `E-råd Fyrbodal ${++n}`;
  await say(chat, people.sara, `/setup ${name}`);
  return { chat, name };
};
const repos = () => createRepositories(store);

describe('/schedule', () => {
  it('books a meeting 11 weeks ahead, with the default agenda, and says Teams waits for Graph', async () => {
    const { chat, name } = await aGroup();
    const text = textOf(await say(chat, people.sara, `/schedule 2027-02-10 09:00-12:00 ${name}: vintermöte`));
    expect(text).toContain(`Booked: ${name}: vintermöte`);
    expect(text).toContain('2027-02-10, 09:00–12:00');
    expect(text).toContain('Microsoft Graph is not set up for this app, so no Teams meeting was created — ask your administrator.');
    expect(text).toContain('Next step: send the notice with /notice in this chat, at the latest on 2027-01-27.');
    const group = await repos().groups.findByName(TENANT, name);
    const [meeting] = await repos().meetings.listByGroup(TENANT, group!.id, '2027-01-01', '2028-01-01');
    expect(meeting).toMatchObject({ startsAt: '2027-02-10T08:00:00.000Z', endsAt: '2027-02-10T11:00:00.000Z', installStatus: 'notConfigured' });
    const agenda = await repos().agendas.list(TENANT, meeting!.id);
    expect(agenda[0]).toMatchObject({ number: 1, title: 'Check-in', plannedStart: '09:00' });
    expect(agenda.at(-1)!.title).toBe('Any other business');
  });

  it('holds back a meeting 5 days ahead naming the 14-day rule, and books it when overridden with a reason', async () => {
    const { chat, name } = await aGroup();
    const held = cardOf(await say(chat, people.sara, '/schedule 2026-11-30 13:00-15:00 Extramöte')) as CardJson;
    const heldText = cardText(held);
    expect(heldText).toContain('Held back: the charter’s notice rule');
    expect(heldText).toContain('is 5 days away, but the charter wants the notice out at least 14 days before');
    const group = await repos().groups.findByName(TENANT, name);
    expect(await repos().meetings.listByGroup(TENANT, group!.id, '2026-01-01', '2028-01-01')).toHaveLength(0);

    const override = held.actions![0]!;
    const tooShort = await press(chat, people.sara, override, { reason: 'ok' });
    expect(cardText(tooShort.value)).toMatch(/Give a reason for overriding the rule, 5 to 500 characters/);
    expect(await repos().meetings.listByGroup(TENANT, group!.id, '2026-01-01', '2028-01-01')).toHaveLength(0);

    const booked = await press(chat, people.sara, override, { reason: 'Budgetbeslut måste tas före årsskiftet' });
    expect(cardText(booked.value)).toContain('Booked: Extramöte');
    expect(cardText(booked.value)).toContain('Exception to the rule “notice at least 14 days ahead”: Budgetbeslut måste tas före årsskiftet (Sara Herrman)');
    const [meeting] = await repos().meetings.listByGroup(TENANT, group!.id, '2026-01-01', '2028-01-01');
    expect(meeting!.override).toEqual({ rule: 'NOTICE_PERIOD', reason: 'Budgetbeslut måste tas före årsskiftet', byName: 'Sara Herrman' });
    // The same press again books nothing new.
    await press(chat, people.sara, override, { reason: 'Budgetbeslut måste tas före årsskiftet' });
    expect(await repos().meetings.listByGroup(TENANT, group!.id, '2026-01-01', '2028-01-01')).toHaveLength(1);
  });

  it('refuses a member’s /schedule and stores nothing', async () => {
    const { chat, name } = await aGroup();
    expect(textOf(await say(chat, people.hakan, '/schedule 2027-02-10 09:00-12:00 Mitt möte'))).toContain('Only the group’s chair, vice chair and organizer can do that.');
    const group = await repos().groups.findByName(TENANT, name);
    expect(await repos().meetings.listByGroup(TENANT, group!.id, '2026-01-01', '2028-01-01')).toHaveLength(0);
  });

  it('explains a bad date or time with an example', async () => {
    const { chat } = await aGroup();
    expect(textOf(await say(chat, people.sara, '/boka 2027-02-30 09:00-12:00', 'sv-SE'))).toMatch(/”2027-02-30” är inte ett giltigt värde för datum[\s\S]*Exempel: \/boka 2027-02-11/);
    expect(textOf(await say(chat, people.sara, '/schedule 2027-02-10 12:00-09:00'))).toContain('would end');
  });

  it('books from the form card, and gives the form back with the problem when a field is wrong', async () => {
    const { chat } = await aGroup();
    const form = cardOf(await say(chat, people.sara, '/schedule')) as CardJson;
    expect(cardText(form)).toContain('Book a meeting');
    const submit = form.actions![0]!;
    const wrong = await press(chat, people.sara, submit, { title: 'Formulärmöte', date: '2027-13-01', start: '09:00', end: '11:00' });
    expect(cardText(wrong.value)).toContain('is not a valid date');
    expect(JSON.stringify(wrong.value)).toContain('"value":"Formulärmöte"');
    const ok = await press(chat, people.sara, submit, { title: 'Formulärmöte', date: '2027-03-10', start: '09:00', end: '11:00' });
    expect(cardText(ok.value)).toContain('Booked: Formulärmöte');
  });

  it('proposes the year’s meetings and books the ticked ones', async () => {
    const { chat, name } = await aGroup();
    const series = cardOf(await say(chat, people.sara, '/schedule series 2027')) as CardJson & { body: Array<{ type: string; id?: string; title?: string }> };
    const toggles = series.body.filter((e: { type: string }) => e.type === 'Input.Toggle');
    expect(toggles).toHaveLength(6);
    for (const tgl of toggles as Array<{ title?: string }>) expect(tgl.title).toMatch(/^2027-(0[2-6]|0[89]|1[0-2])-\d\d, 09:00–12:00 \(preparation 2027-\d\d-\d\d\)$/);
    const book = series.actions![0]!;
    const res = await press(chat, people.sara, book, { pick0: 'true', pick1: 'false', pick2: 'true', pick3: 'true', pick4: 'true', pick5: 'true' });
    expect(cardText(res.value)).toContain('5 meetings booked for 2027');
    const group = await repos().groups.findByName(TENANT, name);
    const booked = await repos().meetings.listByGroup(TENANT, group!.id, '2027-01-01', '2028-01-01');
    expect(booked).toHaveLength(5);
  });
});

describe('notice, start, /next and check-in', () => {
  it('takes notice answers, runs the agenda in one card, counts check-ins, and keeps all of it', async () => {
    const { chat, name } = await aGroup();
    await say(chat, people.sara, `/schedule 2027-02-10 09:00-12:00 ${name}`);
    const noticeActivity = await say(chat, people.sara, '/kallelse', 'sv-SE');
    const notice = cardOf(noticeActivity) as CardJson;
    expect(cardText(notice)).toContain(`Kallelse: ${name}`);
    expect(cardText(notice)).toContain('0 kommer, 0 förhindrade, 3 har inte svarat');
    const [attend, decline] = notice.actions!;
    await press(chat, people.hakan, attend!);
    const excused = await press(chat, people.titti, decline!, { note: 'Krockar med KS' });
    expect(cardText(excused.value)).toContain('Your answer: I can’t attend (Krockar med KS)');
    expect(cardText(cardOf(h.teams.updates().at(-1)!.body as Record<string, unknown>))).toContain('1 attending, 1 excused, 1 not answered yet');
    const group = await repos().groups.findByName(TENANT, name);
    const [meeting] = await repos().meetings.listByGroup(TENANT, group!.id, '2027-01-01', '2028-01-01');
    const answers = await repos().answers.notices(TENANT, meeting!.id);
    expect(answers.map((a) => [a.person.name, a.attending, a.note ?? null])).toEqual([
      ['Håkan Sundberg', true, null],
      ['Titti Andersson', false, 'Krockar med KS'],
    ]);

    // The meeting's own chat: the start event posts the agenda with item 1 in progress.
    const meetingChat = aMeetingChat();
    h.teams.clear();
    await postActivity(h.app, {
      type: 'event',
      name: 'application/vnd.microsoft.meetingStart',
      id: 'start-1',
      serviceUrl: h.serviceUrl,
      channelId: 'msteams',
      from: { id: people.sara.id, aadObjectId: people.sara.aadObjectId },
      recipient: BOT,
      conversation: { id: meetingChat.conversationId, conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
      value: { Id: meetingChat.meetingId, JoinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0', Title: name, MeetingType: 'Scheduled', StartTime: NOW.toISOString() },
      channelData: { tenant: { id: TENANT }, meeting: { id: meetingChat.meetingId } },
    });
    // The agenda with item 1 in progress and, since item 1 is the check-in, the check-in card after it.
    const [agendaPost, checkInPost] = h.teams.sent();
    expect(cardText(cardOf(agendaPost))).toMatch(/▶1\n\[I\]\nIncheckning\nPågår sedan|▶1\n\[I\]\nCheck-in/);
    expect(cardText(cardOf(checkInPost))).toContain('Check-in: how are things?');
    expect(h.teams.sent()).toHaveLength(2);
    h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
    await say(meetingChat, people.sara, `/setup ${name}`);
    // /next posts nothing new: it updates the agenda card in place.
    const postsBefore = h.teams.sent().length;
    expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat: meetingChat, from: people.sara, text: '/next' }))).status).toBe(200);
    expect(h.teams.sent()).toHaveLength(postsBefore);
    const put = h.teams.updates().at(-1)!;
    expect(put.path).toBe(`/v3/conversations/${meetingChat.conversationId}/activities/${h.teams.sentIds().at(0)}`);
    expect(cardText(cardOf(put.body as Record<string, unknown>))).toMatch(/▶2/);

    // A decision now belongs to the item in progress.
    expect(textOf(await say(meetingChat, people.sara, '/decision Minnesanteckningarna läggs till handlingarna'))).toMatch(/Decision §1[\s\S]*item 2 · Recorded by Sara Herrman/);

    const checkin = cardOf(await say(meetingChat, people.sara, '/checkin')) as CardJson;
    const answer = checkin.actions![0]!;
    await press(meetingChat, people.hakan, answer, { mood: 'good', text: 'Många jobbar hemma', inRoom: 'false' });
    const second = await press(meetingChat, people.titti, answer, { mood: 'strained', text: 'Tungt', inRoom: 'true' });
    expect(cardText(second.value)).toContain('2 answered');
    expect(cardText(second.value)).toContain('Your answer: Strained — Tungt');
  });
});

describe('the agenda', () => {
  it('is edited by the quick form and the form card, in time order, refusing a time outside the meeting', async () => {
    const { chat } = await aGroup();
    await say(chat, people.sara, '/schedule 2027-02-10 09:00-12:00 Dagordningsmöte');
    const added = textOf(await say(chat, people.sara, '/agenda add A 10:40 Handlingsplan 2027 — Sara Herrman'));
    expect(added).toMatch(/4\n\[D\]\nCurrent matters[\s\S]*5\n\[A\]\nHandlingsplan 2027\nSara Herrman\n10:40/);
    expect(textOf(await say(chat, people.sara, '/agenda add X 10:40 Fel typ'))).toContain('is not an agenda item');
    expect(textOf(await say(chat, people.hakan, '/agenda add D 10:45 Inte min sak'))).toContain('only the chair, the vice chair, the organizer');

    const agenda = cardOf(await say(chat, people.sara, '/agenda')) as { actions: Array<{ type: string; card?: { actions: Action[] } }> };
    const form = agenda.actions.find((a) => a.type === 'Action.ShowCard')!.card!;
    const [save, remove] = form.actions;
    const saved = await press(chat, people.sara, save!, { item: 'new', type: 'I', time: '09:05', title: 'Presentationsrunda', responsible: 'Alla' });
    expect(cardText(saved.value)).toMatch(/1\n\[I\]\nCheck-in[\s\S]*2\n\[I\]\nPresentationsrunda\nAlla\n09:05/);
    const outside = await press(chat, people.sara, save!, { item: '2', type: 'I', time: '13:00', title: 'För sent' });
    expect(outside).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('outside the meeting (09:00–12:00)') });
    const removed = await press(chat, people.sara, remove!, { item: '2' });
    expect(cardText(removed.value)).not.toContain('Presentationsrunda');
  });
});
