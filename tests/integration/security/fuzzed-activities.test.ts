/**
 * Fuzzed activities that reach the handlers: a real group and a real meeting (decisions, actions, notes,
 * risks, members, a minutes version) exist, and every generated activity is a valid envelope in that
 * meeting's chat around hostile fields — every card verb the bot declares with the real ids of those
 * records beside junk in the other fields, every command word of the registry, invokes with junk values, meeting start/end events with missing
 * or junk times, conversation updates with junk members, commands with junk mentions, and envelopes with
 * fields taken away or replaced. None may get a 5xx, none may log an error, and none that is refused may
 * change a row.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import pino from 'pino';
import { COMMANDS, wordsOf } from '../../../bot/commands';
import { loadConfig } from '../../../src/config';
import { start, type RunningApp } from '../../../src/main';
import { openStore, type OpenStore } from '../../../src/store';
import { FakeBotConnector } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, BOT, people, TENANT, type Chat } from '../../helpers/activities';
import { postActivity } from '../../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

let db: TestDatabase;
let teams: FakeBotConnector;
let serviceUrl: string;
let app: RunningApp;
let store: OpenStore;
const logLines: string[] = [];
const meetingChat: Chat = aMeetingChat();
const groupChat: Chat = aGroupChat();
/** Real ids of records in the meeting and its group, by the card-data field that names them. */
const real: Record<string, string[]> = {};

/** Every verb the bot's cards declare (their `…_VERB` constants), so a new one is fuzzed too. */
function verbs(): string[] {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) for (const m of fs.readFileSync(file, 'utf8').matchAll(/export const [A-Z_]+_VERB = '([^']+)'/g)) found.add(m[1]!);
    }
  };
  walk(path.join(__dirname, '..', '..', '..', 'bot'));
  return [...found].sort();
}

/** Every word a command is typed as (name, Swedish name, aliases), read from the registry so a new command is fuzzed too. */
function commandWords(): string[] {
  return [...new Set(COMMANDS.flatMap((c) => wordsOf(c).map((w) => `/${w}`))), '/agenda add'].sort();
}

const say = async (chat: Chat, text: string, from = people.sara) => {
  const res = await postActivity(app, aMessage({ serviceUrl, chat, from, text }));
  expect(res.status).toBe(200);
};

async function ids(query: string): Promise<string[]> {
  return (await sql<{ id: string }>`${sql.raw(query)}`.execute(store.db)).rows.map((r) => String(r.id));
}

beforeAll(async () => {
  db = await createTestDatabase();
  teams = new FakeBotConnector();
  serviceUrl = await teams.start();
  teams.members = [people.sara, people.hakan, people.titti];
  teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
  teams.defaultRoles.set(people.hakan.aadObjectId, 'Attendee');
  const config = loadConfig({ env: { PORT: '0', DATABASE_URL: db.url, LOG_LEVEL: 'warn', BOT_ID: '', LOCAL_MODE: 'on', DEMO_WORKSPACE: 'off', JOB_POLL_SECONDS: '3600' } });
  app = await start(config, { log: pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) }) });
  store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);

  await say(groupChat, '/setup Fuzzrådet');
  await say(meetingChat, '/setup Fuzzrådet');
  await say(meetingChat, '/decision Ett beslut att ha');
  await say(meetingChat, '/note En anteckning');
  await say(meetingChat, '/action Titti Andersson: Skicka underlaget due: 2027-01-15');
  await say(meetingChat, '/risk Leverantören går i konkurs S3 K4');
  await say(meetingChat, '/minutes');
  real.meetingId = await ids("select id from meetings where teams_meeting_id is not null");
  real.decisionId = await ids('select id from decisions');
  real.actionId = await ids('select id from actions');
  real.memberId = await ids('select id from members');
  real.versionId = await ids('select id from minutes_versions');
  real.personId = [people.sara.id, people.hakan.id, people.titti.id];
  real.aadObjectId = [people.sara.aadObjectId, people.hakan.aadObjectId];
  for (const key of ['meetingId', 'decisionId', 'actionId', 'memberId', 'versionId']) expect(real[key]!.length).toBeGreaterThan(0);
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await store?.close();
  await teams?.stop();
  await db?.drop();
});

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['meetings', 'groups', 'decisions', 'risks', 'risk_reviews', 'notes', 'actions', 'minutes_versions', 'attendance_corrections', 'audit_events', 'members', 'meeting_secretaries', 'meeting_adjusters', 'agenda_items']) {
    out[table] = Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(store.db)).rows[0]!.n);
  }
  return out;
}

const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('<script>alert(1)</script>', '[x](https://evil.example)', "'; drop table decisions; --", '\u202e\u0000\ud800', '', ' ', '2027-02-30', '25:99', '-1', '1e309', 'NaN'),
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER),
  fc.integer(),
  hostileText,
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
);

const FIELDS = ['cardId', 'name', 'role', 'organisation', 'email', 'from', 'to', 'threat', 'vulnerability', 'consequence', 'S', 'K', 'actionNeeded', 'action', 'owner', 'mood', 'text', 'inRoom', 'attending', 'note', 'item', 'type', 'time', 'title', 'responsible', 'year', 'slots', 'date', 'start', 'end', 'override', 'reason', 'page', 'answers'];
/** Values a real form sends, so that some generated presses are valid and reach the store. */
const PLAUSIBLE = fc.constantFrom('yes', 'no', 'good', 'strained', 'true', 'false', '3', '4', 'I', '2027-03-10', '09:00', '11:00', 'Ett ärende', 'Sara Herrman', 'new', 'chair');
const ID_FIELDS = ['meetingId', 'decisionId', 'actionId', 'memberId', 'versionId', 'personId', 'aadObjectId'];

/** Card data: the real ids (sometimes junk), junk or plausible values elsewhere, any field missing. */
const cardData = () => fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(Object.fromEntries([...ID_FIELDS.map((f) => [f, fc.oneof(fc.constantFrom(...(real[f] ?? ['x'])), junk)]), ...FIELDS.map((f) => [f, fc.oneof(junk, PLAUSIBLE)])]), { requiredKeys: [] }),
  },
  { weight: 1, arbitrary: junk },
);

const envelope = (chat: Chat, from = people.sara) => ({
  id: `fuzz-${Math.random().toString(36).slice(2)}`,
  timestamp: new Date().toISOString(),
  serviceUrl,
  channelId: 'msteams',
  from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
  recipient: BOT,
  conversation: { id: chat.conversationId, conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
  locale: 'sv-SE',
  channelData: { tenant: { id: TENANT }, ...(chat.meetingId ? { meeting: { id: chat.meetingId } } : {}) },
});

const meetingEventValue = (timeKey: 'StartTime' | 'EndTime') =>
  fc.oneof(
    junk,
    fc.record(
      {
        Id: fc.oneof(fc.constant(meetingChat.meetingId), junk),
        JoinUrl: fc.oneof(fc.constant('https://teams.microsoft.com/l/meetup-join/x'), junk),
        Title: fc.oneof(fc.constant('Fuzzrådet'), junk),
        MeetingType: fc.oneof(fc.constant('Scheduled'), junk),
        [timeKey]: fc.oneof(fc.constant(new Date().toISOString()), junk),
      },
      { requiredKeys: [] },
    ),
  );

/** Built once the records exist, so that their real ids are among the values. */
const activities = () => fc.oneof(
  // Every card verb, in the meeting chat and the group chat, with hostile data around real ids.
  fc.tuple(fc.constantFrom(...verbs()), cardData(), fc.constantFrom(meetingChat, groupChat), fc.constantFrom(people.sara, people.hakan)).map(([verb, data, chat, from]) => ({
    ...aCardAction({ serviceUrl, chat, from, verb, data: data as Record<string, unknown> }),
    id: `fuzz-${Math.random().toString(36).slice(2)}`,
  })),
  // adaptiveCard/action invokes whose value itself is wrong.
  fc.oneof(junk, fc.record({ action: junk }), fc.record({ action: fc.record({ type: junk, verb: junk, data: junk }, { requiredKeys: [] }) })).map((value) => ({ ...envelope(meetingChat), type: 'invoke', name: 'adaptiveCard/action', value })),
  // Other invoke names.
  fc.tuple(fc.oneof(hostileText, fc.constantFrom('task/fetch', 'composeExtension/query', 'signin/verifyState', 'config/fetch')), junk).map(([name, value]) => ({ ...envelope(meetingChat), type: 'invoke', name, value })),
  // Meeting start and end events with missing or junk fields.
  fc.oneof(
    meetingEventValue('StartTime').map((value) => ({ ...envelope(meetingChat), type: 'event', name: 'application/vnd.microsoft.meetingStart', value })),
    meetingEventValue('EndTime').map((value) => ({ ...envelope(meetingChat), type: 'event', name: 'application/vnd.microsoft.meetingEnd', value })),
    fc.tuple(fc.constantFrom('application/vnd.microsoft.readReceipt', 'application/vnd.microsoft.meetingParticipantJoin', 'application/vnd.microsoft.meetingParticipantLeave'), junk).map(([name, value]) => ({ ...envelope(meetingChat), type: 'event', name, value })),
  ),
  // Conversation updates with junk members.
  fc.record({ membersAdded: junk, membersRemoved: junk }, { requiredKeys: [] }).map((m) => ({ ...envelope(groupChat), type: 'conversationUpdate', ...m })),
  // Real commands with hostile arguments and junk mentions.
  fc
    .tuple(
      fc.constantFrom(...commandWords()),
      fc.oneof(hostileText, fc.constantFrom('Ett beslut om budgeten', 'Leverantören går i konkurs S3 K4', 'Titti Andersson: Skicka underlaget due: 2027-01-15')),
      fc.option(junk, { nil: undefined }),
    )
    .map(([word, rest, mention]) => ({
      ...aMessage({ serviceUrl, chat: meetingChat, from: people.sara, text: `${word} ${rest}` }),
      id: `fuzz-${Math.random().toString(36).slice(2)}`,
      entities: [{ type: 'mention', text: '<at>Rådslag</at>', mentioned: BOT }, ...(mention === undefined ? [] : [{ type: 'mention', text: '<at>x</at>', mentioned: mention }])],
    })),
  // Commands that store a record, valid in every field but the ids the fuzz chooses: enough of them that a run always reaches
  // the store (the commands above nearly always carry a junk mention, which the edge refuses, so a run of 300 once stored nothing).
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('/decision Ett beslut om budgeten', '/beslut Ett beslut om budgeten', '/note Vi diskuterade budgeten', '/risk Leverantören går i konkurs S3 K4', '/action Titti Andersson: Skicka underlaget due: 2027-01-15'),
        fc.option(fc.constantFrom(people.titti, people.hakan), { nil: undefined }),
      )
      .map(([text, person]) => ({
        ...aMessage({ serviceUrl, chat: meetingChat, from: people.sara, text: person ? `${text} <at>${person.name}</at>` : text, mentions: person ? [person] : [] }),
        id: `fuzz-${Math.random().toString(36).slice(2)}`,
      })),
  },
  // An envelope with fields taken away or replaced by junk.
  fc.tuple(fc.subarray(['type', 'serviceUrl', 'channelId', 'from', 'recipient', 'conversation', 'channelData', 'locale', 'id'], { minLength: 1 }), junk, fc.boolean()).map(([keys, value, remove]) => {
    const a: Record<string, unknown> = { ...aMessage({ serviceUrl, chat: meetingChat, from: people.sara, text: '/decision Fel kuvert' }) };
    for (const k of keys) {
      if (remove) delete a[k];
      else a[k] = value;
    }
    return a;
  }),
);

it('answers 300 fuzzed activities without a 5xx or a logged error, and a refused one changes nothing', async () => {
  let refused = 0;
  let wrote = 0;
  await fc.assert(
    fc.asyncProperty(activities(), async (a) => {
      const before = await counts();
      const res = await postActivity(app, a);
      expect(res.status).toBeLessThan(500);
      if (res.status < 400 && JSON.stringify(await counts()) !== JSON.stringify(before)) wrote++;
      if (res.status >= 400) {
        refused++;
        expect(res.body).toEqual(
          a.type === 'invoke' && res.status === 400 && (res.body as { type?: string }).type
            ? { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: expect.any(String), message: expect.any(String) } }
            : { code: expect.any(String), message: expect.any(String) },
        );
        expect(await counts()).toEqual(before);
      }
      const errors = logLines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
      expect(errors).toEqual([]);
    }),
    { numRuns: 300 },
  );
  // The generators reach both sides: some activities are refused at the edge, the rest reach a handler.
  expect(refused).toBeGreaterThan(30);
  expect(refused).toBeLessThan(290);
  // …and those that reach a handler with valid fields are stored (about one in five activities is such a command).
  expect(wrote).toBeGreaterThan(10);
}, 240_000);

it('answers every command word of the registry, with hostile arguments, without a 5xx or a logged error', async () => {
  const words = commandWords();
  expect(words).toEqual(expect.arrayContaining(['/attach', '/numbering', '/meetings', '/möten', '/notice', '/kallelse']));
  for (const [i, word] of words.entries()) {
    const res = await postActivity(app, { ...aMessage({ serviceUrl, chat: meetingChat, from: people.sara, text: `${word} <script>alert(1)</script> ' OR 1=1 --` }), id: `word-${i}` });
    expect({ word, status: res.status }).toEqual({ word, status: 200 });
  }
  expect(logLines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50)).toEqual([]);
}, 120_000);

it('refuses a meeting start event without a valid StartTime with 400, logged at warn, nothing stored', async () => {
  const before = await counts();
  for (const StartTime of [undefined, 'igår', 17, null]) {
    const res = await postActivity(app, {
      ...envelope(meetingChat),
      type: 'event',
      name: 'application/vnd.microsoft.meetingStart',
      value: { Id: meetingChat.meetingId, JoinUrl: 'https://teams.microsoft.com/l/x', Title: 'Fuzzrådet', MeetingType: 'Scheduled', StartTime },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('StartTime');
  }
  expect(await counts()).toEqual(before);
  expect(logLines.some((l) => l.includes('refused a malformed activity') && (JSON.parse(l) as { level: number }).level === 40)).toBe(true);
});

it.each([null, 7, 'text', { action: null }, { action: { type: 'Action.Submit', verb: 'decision.retract' } }])('answers an adaptiveCard/action whose value is %j with the documented error (400)', async (value) => {
  const res = await postActivity(app, { ...envelope(meetingChat), type: 'invoke', name: 'adaptiveCard/action', value });
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: expect.stringContaining('value') } });
});
