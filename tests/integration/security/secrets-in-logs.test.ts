/**
 * Secrets never reach the logs: the app runs at the most verbose level with Graph configured, signs in,
 * calls Graph, meets Graph failures (which are logged with their requests) and makes personal links; its
 * whole output is then searched for the client secret, the link signing key, bearer tokens and JWTs.
 */
import { cardOf, cardText } from '../../fakes/bot-connector';
import { GRAPH_CLIENT_SECRET, useGraphApp } from '../../helpers/graph-harness';
import { aGroupChat, aMessage, people, type Chat } from '../../helpers/activities';
import { postActivity } from '../../helpers/test-app';
import { eventually } from '../../helpers/eventually';
import { addDays, utcToStockholm } from '../../../src/domain/stockholm-time';

const SIGNING_KEY = 'link-signing-key-that-must-never-be-logged-0123456789';
const h = useGraphApp({ LOG_LEVEL: 'trace', SECRET_LINK_SIGNING_KEY: SIGNING_KEY });

beforeAll(() => {
  h.teams.members = [people.sara, people.hakan];
});

const say = async (chat: Chat, text: string) => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text }))).status).toBe(200);
  return h.teams.sent().slice(before);
};

it('logs neither the client secret, the signing key, nor any token, also when Graph fails', async () => {
  const group = aGroupChat();
  await say(group, '/setup Sekretessrådet');
  const day = addDays(utcToStockholm(new Date()).date, 60);
  expect(cardText(cardOf((await say(group, `/schedule ${day} 09:00-10:00 Sekretessrådet`)).at(-1)))).toContain('Booked');
  // Graph throttles the next calls until the retries give up: the failures are logged, with what was asked.
  h.graph.throttleNext(20, { status: 429, retryAfterSeconds: 0 });
  await say(group, `/schedule ${addDays(day, 7)} 09:00-10:00 Extramöte`);
  await say(group, '/notice');

  const output = h.app.output();
  expect(output).toMatch(/"level":(10|20)/); // it did log verbosely
  expect(output).toMatch(/"level":50.*GraphRequestError/);
  expect(output).not.toContain(GRAPH_CLIENT_SECRET);
  expect(output).not.toContain(SIGNING_KEY);
  expect(output).not.toMatch(/Bearer\s+[A-Za-z0-9._~+/-]{10,}/i);
  expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\./);
  // Personal links (their tokens are credentials too) are not logged either.
  expect(output).not.toMatch(/\/p\/[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{43}/);
}, 60_000);

it('logs no link token when a link is refused, posted too much, posted the wrong way or followed by a wrong path', async () => {
  const token = `${'A'.repeat(120)}.${'B'.repeat(43)}`;
  const attempts: Array<[string, RequestInit]> = [
    [`/p/${token}`, {}],
    [`/p/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `note=${'x'.repeat(1_100_000)}` }],
    [`/p/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
    [`/p/${token}`, { method: 'PUT', body: 'x' }],
    [`/p/${token}/more`, {}],
    [`/minutes/${token}`, {}],
    [`/minutes/${token}`, { method: 'DELETE' }],
  ];
  for (const [path, init] of attempts) {
    const res = await fetch(`${h.app.url}${path}`, init).catch(() => undefined);
    if (res) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      await res.arrayBuffer();
    }
  }
  // Something about these requests was logged (the refusals at info), and none of it the token.
  // The child's log arrives on its own time: wait for the refusals, then search all of it.
  await eventually(() => expect(h.app.output().match(/\[token\]/g)?.length ?? 0).toBeGreaterThanOrEqual(3));
  expect(h.app.output()).not.toContain('A'.repeat(40));
});
