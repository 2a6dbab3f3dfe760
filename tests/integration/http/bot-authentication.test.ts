/**
 * With BOT_ID set, the door refuses before botbuilder: an activity without a token, with a token that is
 * not a JWT, or whose token does not claim the Teams channel's issuer and this bot's audience gets 401,
 * and nothing is stored or sent. Signed tokens (good, forged, expired, wrong audience or issuer, unknown key,
 * unreachable key metadata, a serviceUrl off the list) against a fake channel-token issuer are in
 * bot-channel-tokens.test.ts.
 */
import { loadConfig } from '../../../src/config';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { aMeetingChat, aMessage, people, TENANT, type Chat } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';

const BOT_ID = '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10';
const h = useHarness({
  BOT_ID,
  SECRET_BOT_PASSWORD: 'not-a-real-secret',
  BOT_TENANT_ID: TENANT,
  BOT_SERVICE_URL_HOSTS: '127.0.0.1',
  // Required outside local mode when the tests run on PostgreSQL (instances must share it).
  SECRET_LINK_SIGNING_KEY: 'test-link-signing-key-test-link-signing-key',
});
let store: OpenStore;
beforeAll(async () => {
  h.teams.requireToken = true;
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store.close());

/** An unsigned JWT with these claims: what an attacker can make without any key. */
const unsigned = (claims: Record<string, unknown>) =>
  `Bearer ${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

async function stored(chat: Chat) {
  const repos = createRepositories(store);
  const meeting = await repos.meetings.findByTeamsId(TENANT, chat.meetingId!);
  return { meeting, decisions: meeting ? await repos.decisions.listForMeeting(TENANT, meeting.id) : [] };
}

it.each([
  ['no Authorization header', undefined],
  ['a bearer token that is not a JWT', 'Bearer not-a-jwt'],
  ['a non-bearer scheme', 'Basic dXNlcjpwYXNz'],
  ['the Bot Framework Emulator’s issuer', unsigned({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', aud: BOT_ID, appid: BOT_ID, ver: '1.0' })],
  ['another tenant’s v2 issuer (the skill path)', unsigned({ iss: 'https://login.microsoftonline.com/0b1c2d3e-0000-4000-8000-000000000001/v2.0', aud: BOT_ID, azp: BOT_ID, ver: '2.0' })],
  ['the channel’s issuer for another bot', unsigned({ iss: 'https://api.botframework.com', aud: '00000000-1111-2222-3333-444444444444' })],
])('refuses an activity with %s (401): nothing stored, nothing sent', async (_label, authorization) => {
  const chat = aMeetingChat();
  const activity = aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text: '/decision Förfalskat beslut' });
  const res = await fetch(`${h.app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ code: 'Unauthorized', message: expect.any(String) });
  expect(h.teams.requests).toHaveLength(0);
  expect(await stored(chat)).toEqual({ meeting: undefined, decisions: [] });
});
