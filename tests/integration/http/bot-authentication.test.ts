/**
 * With BOT_ID set, botbuilder validates the channel's token: an activity without one, or with a token that
 * is not even a JWT, is refused with 401 before the bot sees it, and nothing is stored or sent.
 * Signed tokens (good, forged, expired, wrong audience or issuer, unknown key, unreachable key metadata)
 * against a fake channel-token issuer are in bot-channel-tokens.test.ts.
 */
import { aMeetingChat, aMessage, people } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';

const h = useHarness({
    BOT_ID: '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10',
    SECRET_BOT_PASSWORD: 'not-a-real-secret',
    BOT_TENANT_ID: '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00',
    // Required outside local mode when the tests run on PostgreSQL (instances must share it).
    SECRET_LINK_SIGNING_KEY: 'test-link-signing-key-test-link-signing-key',
  });

it.each([
  ['no Authorization header', undefined],
  ['a bearer token that is not a JWT', 'Bearer not-a-jwt'],
  ['a non-bearer scheme', 'Basic dXNlcjpwYXNz'],
])('refuses an activity with %s (401) and does nothing', async (_label, authorization) => {
  const activity = aMessage({ serviceUrl: h.serviceUrl, chat: aMeetingChat(), from: people.sara, text: '/decision Förfalskat beslut' });
  const res = await fetch(`${h.app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBe(401);
  expect(h.teams.requests).toHaveLength(0);
});
