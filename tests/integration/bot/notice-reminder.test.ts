/**
 * The notice reminder through the real stack: booking a meeting sets a durable job for 09:00 on the last
 * day the notice may go out; when the clock gets there and the notice has not gone out, the group's chat
 * gets a reminder card (a proactive post to the fake Bot Connector); when it has, nothing is posted.
 * "Now" is the clock port, moved by the test; jobs run when the test calls `runJobsOnce()`.
 */
import { loadConfig } from '../../../src/config';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { noticeReminderKey } from '../../../src/app/notice-reminder';
import { cardOf, cardText, type RecordedRequest } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

/** Wednesday 25 November 2026, 10:00 in Stockholm. */
const START = new Date('2026-11-25T09:00:00.000Z');
let now = START;
const h = useHarness({}, { now: () => now });
let store: OpenStore;

beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store.close());

beforeEach(() => {
  now = START;
  h.teams.clear();
  h.teams.members = [people.sara, people.hakan, people.titti];
});

type Person = (typeof people)[keyof typeof people];
type CardJson = { body: unknown[]; actions?: Array<{ verb: string; data: Record<string, unknown> }> };

const say = async (chat: Chat, from: Person, text: string, locale = 'en-US') => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, locale }))).status).toBe(200);
  return h.teams.sent().slice(before).at(-1)!;
};
let n = 0;
const aGroup = async (locale = 'en-US') => {
  const chat = aGroupChat();
  const name = `E-råd Fyrbodal ${++n}`;
  await say(chat, people.sara, `/setup ${name}`, locale);
  return { chat, name };
};
const repos = () => createRepositories(store);
const meetingOf = async (groupName: string) => {
  const group = await repos().groups.findByName(TENANT, groupName);
  const [meeting] = await repos().meetings.listByGroup(TENANT, group!.id, '2026-01-01', '2028-01-01');
  return meeting!;
};
/** What the bot posted into a conversation (new messages, not card updates). */
const postsTo = (conversationId: string): RecordedRequest[] =>
  h.teams.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/v3/conversations/${conversationId}/activities`));

describe('the notice reminder', () => {
  it('reminds the group’s chat at 09:00 on the last day the notice may go out, once', async () => {
    const { chat, name } = await aGroup();
    await say(chat, people.sara, `/schedule 2026-12-15 09:00-12:00 ${name}: decembermöte`);
    const meeting = await meetingOf(name);
    // 20 days ahead, 14 days' notice: the notice must be out on 1 December; 09:00 in Stockholm is 08:00 UTC.
    expect(await repos().jobs.list({ uniqueKey: noticeReminderKey(meeting.id) })).toEqual([
      expect.objectContaining({ kind: 'notice-reminder', runAt: '2026-12-01T08:00:00.000Z', status: 'pending', payload: { meetingId: meeting.id } }),
    ]);

    h.teams.clear();
    now = new Date('2026-12-01T07:59:00.000Z');
    expect(await h.app.runJobsOnce()).toBe(0);
    expect(h.teams.requests).toEqual([]);

    now = new Date('2026-12-01T08:00:00.000Z');
    expect(await h.app.runJobsOnce()).toBe(1);
    const posts = postsTo(chat.conversationId);
    expect(posts).toHaveLength(1);
    expect(h.teams.sent()).toHaveLength(1);
    const text = cardText(cardOf(posts[0]!.body as Record<string, unknown>));
    expect(text).toContain('Reminder: the notice');
    expect(text).toContain(`The notice for ${name}: decembermöte on 2026-12-15 has not gone out; the charter wants it out by 2026-12-01. Send it with /notice.`);
    expect(await repos().jobs.list({ uniqueKey: noticeReminderKey(meeting.id) })).toEqual([expect.objectContaining({ status: 'done', attempts: 1 })]);

    // It ran once: later ticks post nothing more.
    now = new Date('2026-12-02T08:00:00.000Z');
    expect(await h.app.runJobsOnce()).toBe(0);
    expect(h.teams.sent()).toHaveLength(1);
  });

  it('posts nothing when the notice went out before the deadline', async () => {
    const { chat, name } = await aGroup();
    await say(chat, people.sara, `/schedule 2026-12-16 09:00-12:00 ${name}`);
    await say(chat, people.sara, '/notice');
    const meeting = await meetingOf(name);
    expect(meeting.noticeSentAt).toBe(START.toISOString());

    h.teams.clear();
    now = new Date('2026-12-02T08:00:00.000Z');
    expect(await h.app.runJobsOnce()).toBe(1);
    expect(h.teams.requests).toEqual([]);
    expect(await repos().jobs.list({ uniqueKey: noticeReminderKey(meeting.id) })).toEqual([expect.objectContaining({ status: 'done' })]);
  });

  it('sets no reminder for a meeting booked inside the notice period with an approved exception, and posts none', async () => {
    const { chat, name } = await aGroup('sv-SE');
    const held = cardOf(await say(chat, people.sara, '/boka 2026-11-30 13:00-15:00 Extramöte', 'sv-SE')) as CardJson;
    const override = held.actions![0]!;
    const res = await postActivity(
      h.app,
      aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb: override.verb, data: { ...override.data, reason: 'Budgetbeslut måste tas före årsskiftet' } }),
    );
    expect(res.status).toBe(200);
    const meeting = await meetingOf(name);
    expect(meeting.override).toEqual(expect.objectContaining({ rule: 'NOTICE_PERIOD' }));
    // The late notice was decided on: no job says it is late, seconds later or ever.
    expect(await repos().jobs.list({ uniqueKey: noticeReminderKey(meeting.id) })).toEqual([]);

    h.teams.clear();
    now = new Date(START.getTime() + 5_000);
    await h.app.runJobsOnce();
    expect(postsTo(chat.conversationId)).toEqual([]);
  });

  it('follows a meeting moved from /meetings: no reminder at the old deadline, one at the new', async () => {
    const { chat, name } = await aGroup();
    await say(chat, people.sara, `/schedule 2026-12-15 09:00-12:00 ${name}: flyttas`);
    const meeting = await meetingOf(name);
    const list = cardOf(await say(chat, people.sara, '/meetings')) as { body: Array<{ items?: Array<{ actions?: Array<{ verb: string; data: Record<string, unknown> }> }> }> };
    const moveForm = list.body.flatMap((c) => c.items ?? []).flatMap((i) => i.actions ?? []).find((a) => a.verb === 'meetings.moveForm')!;
    const press = async (verb: string, data: Record<string, unknown>) => {
      const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb, data, replyToId: h.teams.cardMessageId(chat.conversationId, 'meetings.moveForm') }));
      expect(res.status).toBe(200);
      return (res.body as { value: CardJson }).value;
    };
    const form = await press(moveForm.verb, moveForm.data);
    const move = form.actions!.find((a) => a.verb === 'meetings.move')!;
    // A week later: the notice must now be out by 8 December.
    await press(move.verb, { ...move.data, date: '2026-12-22', start: '09:00', end: '12:00' });
    expect((await repos().meetings.get(TENANT, meeting.id))!.startsAt).toBe('2026-12-22T08:00:00.000Z');

    h.teams.clear();
    // Jobs of other tests' meetings may run too: what counts is what this chat gets.
    now = new Date('2026-12-01T08:00:00.000Z');
    await h.app.runJobsOnce();
    expect(postsTo(chat.conversationId)).toEqual([]);

    now = new Date('2026-12-08T08:00:00.000Z');
    await h.app.runJobsOnce();
    const posts = postsTo(chat.conversationId);
    expect(posts).toHaveLength(1);
    expect(cardText(cardOf(posts[0]!.body as Record<string, unknown>))).toContain(`on 2026-12-22 has not gone out; the charter wants it out by 2026-12-08.`);
  });
});
