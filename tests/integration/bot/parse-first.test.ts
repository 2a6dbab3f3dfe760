/**
 * Parse first: chatter, a mistyped command and a malformed card press are answered (or ignored) before
 * anything is looked up, so none of them creates the meeting of a fresh meeting chat; a good command does.
 */
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { loadConfig } from '../../../src/config';
import { aCardAction, aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
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
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
});

const meetingOf = (chat: Chat) => createRepositories(store).meetings.findByTeamsId(TENANT, chat.meetingId!);
/** Heard in the meeting chat: with ChatMessage.Read.Chat the bot gets every message, @mention or not. */
const say = async (chat: Chat, text: string, mentionBot = true) => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text, mentionBot }))).status).toBe(200);
  return h.teams.sent().slice(before);
};

it('ignores meeting chatter without creating the meeting or sending anything', async () => {
  const chat = aMeetingChat();
  for (const text of ['Ska vi ta en paus?', 'beslut om budgeten', 'se /beslut nedan']) expect(await say(chat, text, false)).toEqual([]);
  expect(await meetingOf(chat)).toBeUndefined();
});

it.each([
  ['an empty decision', '/decision'],
  ['an empty note', '/anteckning   '],
  ['an action with its due date twice', '/action Send it due: 2027-01-01 due: 2027-01-02'],
  ['a minutes word it does not take', '/minutes publish'],
  ['an unknown command', '/besluta något'],
])('answers %s from the text alone: the meeting is not created', async (_what, text) => {
  const chat = aMeetingChat();
  const replies = await say(chat, text);
  expect(replies).toHaveLength(1);
  expect(await meetingOf(chat)).toBeUndefined();
});

it.each([
  ['an unknown verb', 'decision.explode', { cardId: 'c1' }],
  ['data of the wrong shape', 'decision.retract', { cardId: 'c1', decisionId: 42 }],
])('refuses a card press with %s before looking anything up', async (_what, verb, data) => {
  const chat = aMeetingChat();
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from: people.sara, verb, data }));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
  expect(await meetingOf(chat)).toBeUndefined();
});

it('creates the meeting for a command that is well formed', async () => {
  const chat = aMeetingChat();
  await say(chat, '/decision The council approves the budget');
  expect(await meetingOf(chat)).toBeDefined();
});
