/**
 * Hostile input, generated (fast-check), through the real server: random and huge text in every Unicode
 * plane as chat commands; bodies that are not activities; random tokens and forms on the link and download
 * routes. (Activities that reach the handlers with real ids: fuzzed-activities.test.ts; the tab API with real
 * groups and an editor's token: tab-api.test.ts.) Always a clear reply or a 4xx: never a 500, never an unhandled rejection,
 * and a refused request writes nothing.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { loadConfig } from '../../../src/config';
import { openStore, type OpenStore } from '../../../src/store';
import { cardOf } from '../../fakes/bot-connector';
import { aGroupChat, aMeetingChat, aMessage, people } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity, postJson } from '../../helpers/test-app';

const h = useHarness();
let store: OpenStore;
const rejections: unknown[] = [];
const onRejection = (e: unknown) => rejections.push(e);

beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
  process.on('unhandledRejection', onRejection);
  h.teams.members = [people.sara, people.hakan, people.titti];
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
  h.teams.defaultRoles.set(people.hakan.aadObjectId, 'Attendee');
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await store.close();
});
afterEach(() => expect(rejections).toEqual([]));

/** Rows in the tables of public records: a refused request must not change them. */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['decisions', 'risks', 'risk_reviews', 'notes', 'actions', 'minutes_versions', 'attendance_corrections', 'audit_events', 'members', 'meeting_secretaries', 'meeting_adjusters']) {
    out[table] = Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(store.db)).rows[0]!.n);
  }
  return out;
}

/** Text from every Unicode plane, control characters, lone surrogates, RTL marks, and a lot of it. */
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), maxLength: 100 }),
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '**bold** [x](javascript:alert(1))', '{ DDE "cmd" "/c calc" }', "'; drop table decisions; --", '\u202e\u0000\ud800', ''),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'Å'.repeat(n)),
);
const command = fc.tuple(
  fc.constantFrom('/decision', '/beslut', '/risk', '/risk review', '/note', '/action', '/minutes', '/adjuster', '/secretary', '/schedule', '/agenda add', '/present', '/setup', '/members', '/x', '/', ''),
  hostileText,
);

it('answers every generated chat command with a reply (or, for text longer than Teams sends, a 400 that says so), never a 500', async () => {
  const chat = aMeetingChat();
  let n = 0;
  await fc.assert(
    fc.asyncProperty(command, fc.constantFrom(people.sara, people.hakan), async ([word, rest], from) => {
      const before = h.teams.sent().length;
      const text = `${word} ${rest}`;
      const res = await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text, id: `fuzz-msg-${n++}` }));
      if (res.status === 400) {
        expect(text.length).toBeGreaterThan(10_000);
        expect(JSON.stringify(res.body)).toMatch(/"message":"[^"]{10,}/);
        return;
      }
      expect(res.status).toBe(200);
      // A command gets an answer; anything that does not start with "/" is chatter and is left alone.
      if (text.trimStart().startsWith('/')) expect(h.teams.sent().length).toBeGreaterThan(before);
    }),
    { numRuns: 150 },
  );
}, 120_000);

it('answers generated bodies on /api/messages that are not activities with 400, never 500', async () => {
  await fc.assert(
    fc.asyncProperty(fc.anything({ maxDepth: 3 }), async (body) => {
      const res = await postJson(`${h.app.url}/api/messages`, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'BadRequest', message: expect.stringMatching(/not a Bot Framework activity|not valid JSON|nests deeper/) });
    }),
    { numRuns: 100 },
  );
}, 60_000);

it('refuses generated tokens and forms on the personal-link and download routes with a 4xx page, never 500', async () => {
  const before = await counts();
  const token = fc.oneof(fc.string({ maxLength: 300 }), fc.base64String({ maxLength: 400 }).map((s) => `${s.replace(/[+/=]/g, 'A')}.${'A'.repeat(43)}`));
  await fc.assert(
    fc.asyncProperty(token, fc.constantFrom('p', 'minutes'), fc.dictionary(fc.string({ maxLength: 20 }), hostileText, { maxKeys: 4 }), async (t, route, form) => {
      const url = `${h.app.url}/${route}/${encodeURIComponent(t)}`;
      const got = await fetch(url);
      expect(got.status).toBeGreaterThanOrEqual(400);
      expect(got.status).toBeLessThan(500);
      await got.arrayBuffer();
      if (route === 'p') {
        const posted = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
        expect(posted.status).toBeGreaterThanOrEqual(400);
        expect(posted.status).toBeLessThan(500);
        await posted.arrayBuffer();
      }
    }),
    { numRuns: 100 },
  );
  expect(await counts()).toEqual(before);
  // The replies in the chat never echoed markup as a card's markdown (cards carry typed text in TextRuns).
  for (const a of h.teams.sent()) {
    const c = cardOf(a);
    if (c) expect(JSON.stringify(c)).not.toMatch(/"type":"TextBlock","text":"[^"]*<script>/);
  }
}, 60_000);

it('shows a group name with Markdown link syntax literally: brackets kept, in TextRuns only, never a TextBlock', async () => {
  const name = '[Logga in igen](https://evil.example/login)';
  const chat = aGroupChat();
  const before = h.teams.sent().length;
  const res = await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text: `/setup ${name}` }));
  expect(res.status).toBe(200);
  const replies = h.teams.sent().slice(before);
  expect(replies).toHaveLength(1);
  const card = JSON.stringify(cardOf(replies[0]));
  // The name is on the card as typed, brackets and all, inside a TextRun (which Teams never reads as Markdown).
  expect(card).toMatch(/"type":"TextRun","text":"[^"]*\[Logga in igen\]\(https:\/\/evil\.example\/login\)/);
  // No TextBlock (where Teams would render Markdown) carries any of it.
  for (const m of card.matchAll(/"type":"TextBlock","text":"([^"]*)"/g)) expect(m[1]).not.toContain('evil.example');
});
