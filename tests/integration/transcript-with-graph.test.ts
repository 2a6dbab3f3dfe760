/**
 * The transcript, item by item, as Teams and Graph drive it: a meeting with three items run through the bot
 * (/start, /next between them, /next past the last), ended by Teams' end event; the HTTPS fake Graph serves
 * two transcripts with speakers in voice tags, throttles the list once (429 + Retry-After) and refuses the
 * second transcript's attributed format (SpeakerAttributionNotAllowed), and grants the transcripts through
 * the app's RSC permission in the meeting chat only. The tab API answers every cue under the item whose
 * actual time it falls in; a passage is taken as a note and reaches the minutes; a member is refused until
 * the group lets members read; the public minutes hold no transcript; and the retention job, at its time,
 * deletes the transcripts with an audit event.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TranscriptNoteResult, TranscriptPageView } from '../../src/contract/tab-api';
import { cardOf, cardText } from '../fakes/bot-connector';
import { FakeOpenIdProvider } from '../fakes/openid-provider';
import { CATALOG_ID, GRAPH_CLIENT_ID, useGraphApp } from '../helpers/graph-harness';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, BOT, people, TENANT, type Chat } from '../helpers/activities';
import { eventually } from '../helpers/eventually';
import { postActivity } from '../helpers/test-app';
import { createServices } from '../../src/app';
import { JobRunner } from '../../src/app/job-runner';
import { transcriptRetentionHandler, TRANSCRIPT_RETENTION_JOB } from '../../src/app/transcript-jobs';
import { loadConfig } from '../../src/config';
import { addDays, stockholmToUtc, utcToStockholm } from '../../src/domain/stockholm-time';
import { minutesOptions } from '../../src/minutes';
import { createRepositories, openStore, type OpenStore } from '../../src/store';

const idp = new FakeOpenIdProvider();
// Started before the app (its beforeAll runs first): the tab's tokens are checked against it.
beforeAll(() => idp.start());
afterAll(() => idp.stop());

/** The job poll: hourly (jobs run when a test says), then every second once the test has made a job due. */
let pollSeconds = '3600';
const h = useGraphApp(() => ({ JOB_POLL_SECONDS: pollSeconds, AAD_APP_ID_URI: `api://localhost:3978/${GRAPH_CLIENT_ID}`, AAD_APP_OPENID_METADATA_URL: idp.metadataUrl(TENANT) }));
let store: OpenStore;

beforeAll(async () => {
  h.teams.members = [people.sara, people.hakan, people.titti, people.pia];
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store?.close());

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown>; title?: string; url?: string; type?: string };
type CardJson = { body: unknown[]; actions?: Action[] };

const say = async (chat: Chat, from: Person, text: string) => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text }))).status).toBe(200);
  return h.teams.sent().slice(before);
};
const cardIn = (sent: Array<Record<string, unknown>>) => cardOf([...sent].reverse().find((a) => cardOf(a))) as CardJson;
const press = async (chat: Chat, from: Person, action: Action) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: action.data, replyToId: h.teams.cardMessageId(chat.conversationId, action.verb) }));
  expect(res.status).toBe(200);
  return res.body as { type: string; value: CardJson | string };
};
const actionsOf = (c: unknown, type: string): Action[] => {
  const found: Action[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === type) found.push(o as unknown as Action);
      Object.values(o).forEach(walk);
    }
  };
  walk(c);
  return found;
};
/** A card's link, on the spawned app's own port (links carry PUBLIC_BASE_URL). */
const link = (c: CardJson, title: string): string => {
  const a = actionsOf(c, 'Action.OpenUrl').find((x) => x.title === title);
  if (!a?.url) throw new Error(`no link “${title}” in ${cardText(c)}`);
  return `${h.app.url}${new URL(a.url).pathname}`;
};
const tokenFor = (p: Person) => idp.userToken({ tenantId: TENANT, oid: p.aadObjectId, name: p.name, audience: GRAPH_CLIENT_ID });
async function tab(method: 'GET' | 'POST', path: string, who: Person, body?: unknown) {
  const res = await fetch(`${h.app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokenFor(who)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}
const meetingEvent = (chat: Chat, name: 'meetingStart' | 'meetingEnd') =>
  postActivity(h.app, {
    type: 'event',
    name: `application/vnd.microsoft.${name}`,
    id: `${name}-${chat.conversationId.slice(11, 27)}`,
    serviceUrl: h.serviceUrl,
    channelId: 'msteams',
    from: { id: people.sara.id, aadObjectId: people.sara.aadObjectId },
    recipient: BOT,
    conversation: { id: chat.conversationId, conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
    value: { Id: chat.meetingId, JoinUrl: 'https://teams.microsoft.com/l/meetup-join/x', Title: 'Rådsmöte', MeetingType: 'Scheduled', StartTime: new Date().toISOString(), EndTime: new Date().toISOString() },
    channelData: { tenant: { id: TENANT }, meeting: { id: chat.meetingId } },
  });

/** hh:mm:ss.mmm of a WebVTT timestamp. */
const vttTime = (ms: number) => new Date(ms).toISOString().slice(11, 23);
/** A transcript as Teams writes it: cues at instants, `<v Speaker>` voice tags, `&` and `<` as character references. */
function vtt(startedAt: number, cues: ReadonlyArray<{ at: number; speaker: string; text: string }>): string {
  const blocks = cues.map((c, i) => `${randomUUID()}/${i}-0\n${vttTime(c.at - startedAt)} --> ${vttTime(c.at - startedAt + 400)}\n<v ${c.speaker}>${c.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</v>`);
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

it('fetches two transcripts, files every cue under its item, takes a passage into the minutes, keeps it from members and the public, and deletes it after retention', async () => {
  const group = aGroupChat();
  await say(group, people.sara, '/setup Digitaliseringsrådet');
  const chat = aMeetingChat();
  const graphMeetingId = 'MSp0cmFuc2NyaXB0LW1lZXRpbmc';
  // Booked around now, within one Stockholm day (a meeting cannot run past midnight): at least 31 minutes long.
  const now = Date.now();
  const today = utcToStockholm(new Date(now)).date;
  const start = Math.max(now - 30 * 60_000, stockholmToUtc(today, '00:01').getTime());
  const end = Math.min(now + 90 * 60_000, stockholmToUtc(addDays(today, 1), '00:00').getTime() - 60_000);
  h.teams.meetingInfo = { title: 'Rådsmöte', scheduledStartTime: new Date(start).toISOString(), scheduledEndTime: new Date(end).toISOString(), organizer: people.sara, graphResourceId: graphMeetingId };
  await say(chat, people.sara, '/setup Digitaliseringsrådet');
  const repos = createRepositories(store);
  const meeting = await eventually(async () => {
    const m = await repos.meetings.findByTeamsId(TENANT, chat.meetingId!);
    expect(m?.graphMeetingId).toBe(graphMeetingId);
    return m!;
  });
  await say(chat, people.sara, '/secretary @Titti Andersson');
  await say(chat, people.sara, '/adjuster Håkan Sundberg');
  await say(chat, people.sara, '/agenda clear');
  // The agenda's planned times lie within the booked meeting, in Stockholm time.
  const at = (minutes: number) => utcToStockholm(new Date(new Date(meeting.startsAt!).getTime() + minutes * 60_000)).time;
  for (const row of [`I ${at(0)} Föregående protokoll — Sara`, `D ${at(10)} Budget 2027 — Håkan`, `A ${at(20)} E-arkivet — Titti`]) {
    const reply = await say(chat, people.sara, `/agenda add ${row}`);
    expect([row, reply.map((a) => (typeof a.text === 'string' ? a.text : cardText(cardOf(a)))).join('\n')]).toEqual([row, expect.stringContaining(row.split(' ').slice(2).join(' ').split(' — ')[0]!)]);
  }

  // ---- the meeting: three items, /next between them and past the last --------------------------------
  await meetingEvent(chat, 'meetingStart');
  await say(chat, people.sara, '/start');
  await say(chat, people.sara, '/next');
  await say(chat, people.sara, '/next');
  await say(chat, people.sara, '/next');
  const agenda = await repos.agendas.list(TENANT, meeting.id);
  const [t1, t2, t3] = agenda.map((e) => new Date(e.actualStart!).getTime());
  const done = new Date((await repos.meetings.get(TENANT, meeting.id))!.agendaDoneAt!).getTime();
  expect(agenda).toHaveLength(3);
  expect(t1! < t2! && t2! < t3! && t3! < done).toBe(true);

  // Transcript A from before the agenda into item 2; transcript B (no speakers allowed) from item 2 to after it.
  const aStart = t1! - 60_000;
  const bStart = t2! + Math.floor((t3! - t2!) / 2);
  const cuesA = [
    { at: t1! - 30_000, speaker: 'Sara Herrman', text: 'Välkomna, vi börjar om en halv minut.' },
    { at: t1! + Math.floor((t2! - t1!) / 2), speaker: 'håkan sundberg', text: 'Protokollet från förra mötet är lagt till handlingarna.' },
    { at: t2!, speaker: 'Johan Högne', text: 'Budgeten för 2027 ligger på samma nivå som i år: drift & <förvaltning>.' },
  ];
  const cuesB = [
    { at: bStart, speaker: 'Titti Andersson', text: 'Vi behöver mer tid för e-arkivets upphandling.' },
    { at: t3! + Math.floor((done - t3!) / 2), speaker: 'Titti Andersson', text: 'E-arkivet tas i drift i mars.' },
    { at: done + 5_000, speaker: 'Sara Herrman', text: 'Tack alla, vi ses i april.' },
  ];
  h.graph.setTranscripts(people.sara.aadObjectId, graphMeetingId, chat.conversationId, [
    { id: 'transcript-a', createdDateTime: new Date(aStart).toISOString(), endDateTime: new Date(t2! + 1000).toISOString(), vtt: vtt(aStart, cuesA) },
    { id: 'transcript-b', createdDateTime: new Date(bStart).toISOString(), endDateTime: new Date(done + 6000).toISOString(), vtt: vtt(bStart, cuesB), speakerAttribution: false },
  ]);

  // Without the app in the meeting chat (no RSC grant) Graph refuses: no card, nothing in the chat but the jobs set.
  const refusedEnd = await meetingEvent(chat, 'meetingEnd');
  expect(refusedEnd.status).toBe(200);
  expect(h.graph.requestsTo('GET', /\/transcripts$/).map((r) => r.status)).toEqual([403]);
  const fetchJobs = await repos.jobs.list({ kind: 'transcript-fetch' });
  expect(fetchJobs.map((j) => j.uniqueKey.split(':').at(-1))).toEqual(['15', '120', '1440']);

  // The app is then added to the meeting chat (RSC OnlineMeetingTranscript.Read.Chat consented); the list is
  // throttled once. The first durable fetch (end + 15 min) is made due now, and the app restarted to poll every second.
  h.graph.installedApps.set(chat.conversationId, new Set([CATALOG_ID]));
  h.graph.throttleNext(1, { status: 429, retryAfterSeconds: 1, path: /\/transcripts$/ });
  const before = h.teams.sent().length;
  await sql`update jobs set run_at = ${new Date().toISOString()} where unique_key = ${`transcript-fetch:${meeting.id}:15`}`.execute(store.db);
  pollSeconds = '1';
  await h.restart();
  const card = await eventually(() => {
    const found = h.teams.sent().slice(before).map((a) => cardOf(a) as CardJson | undefined).find((c) => c && cardText(c).includes('Transcript of the meeting'));
    expect(found).toBeDefined();
    return found!;
    // The job runs on the restarted app's first polls, after Graph's Retry-After: more than the default wait.
  }, 20_000);
  expect(h.graph.requestsTo('GET', /\/transcripts$/).map((r) => r.status)).toEqual([403, 429, 200]);
  // Transcript B: the attributed format refused, fetched again without a format.
  const contentB = h.graph.requestsTo('GET', /transcript-b\/content$/);
  expect(contentB.map((r) => [r.query.get('$format'), r.status])).toEqual([
    ['text/vtt', 403],
    [null, 200],
  ]);
  expect(cardText(card)).toContain('it covers 3 agenda items');
  // The runner marks the job done after its handler posted the card: a moment later.
  await eventually(async () => expect((await repos.jobs.list({ uniqueKey: `transcript-fetch:${meeting.id}:15` }))[0]!.status).toBe('done'));
  expect(actionsOf(card, 'Action.OpenUrl').map((a) => a.title)).toEqual(['Open the transcript']);
  expect(new URL(actionsOf(card, 'Action.OpenUrl')[0]!.url!).searchParams.get('webUrl')).toContain(`/tab/transcript?meeting=${meeting.id}`);

  // ---- the tab: every cue under the item whose actual time it falls in ---------------------------------
  const page = await tab('GET', `/api/tab/meetings/${meeting.id}/transcript`, people.sara);
  expect(page.status).toBe(200);
  const view = page.body as TranscriptPageView;
  expect(view.items.map((i) => [i.number, i.place, i.title, i.cues.map((c) => [c.speaker, c.text])])).toEqual([
    [null, 'before', '', [['Sara Herrman', cuesA[0]!.text]]],
    [1, 'item', 'Föregående protokoll', [['Håkan Sundberg', cuesA[1]!.text]]],
    [2, 'item', 'Budget 2027', [['Johan Högne', cuesA[2]!.text], [null, cuesB[0]!.text]]],
    [3, 'item', 'E-arkivet', [[null, cuesB[1]!.text]]],
    [null, 'after', '', [[null, cuesB[2]!.text]]],
  ]);
  expect(view.attributed).toBe(false);
  expect(view.mayTakeNotes).toBe(true);

  // ---- Add as note: the secretary takes item 2's passages; once per requestId --------------------------
  const item2 = view.items.find((i) => i.number === 2)!;
  const body = { itemNumber: 2, cueIds: item2.cues.map((c) => c.id), requestId: randomUUID() };
  const taken = await tab('POST', `/api/tab/meetings/${meeting.id}/transcript/notes`, people.titti, body);
  expect(taken.status).toBe(201);
  expect(taken.body as TranscriptNoteResult).toMatchObject({ agendaItem: 2, text: `- Johan Högne: ${cuesA[2]!.text}\n- ${cuesB[0]!.text}` });
  expect((await tab('POST', `/api/tab/meetings/${meeting.id}/transcript/notes`, people.titti, body)).status).toBe(200);
  expect((await repos.notes.listForMeeting(TENANT, meeting.id)).map((n) => [n.agendaItem, n.text])).toEqual([[2, `- Johan Högne: ${cuesA[2]!.text}\n- ${cuesB[0]!.text}`]]);
  expect((await tab('POST', `/api/tab/meetings/${meeting.id}/transcript/notes`, people.titti, { ...body, cueIds: ['nope'], requestId: randomUUID() })).status).toBe(400);

  // ---- a member reads only when the group allows it; nobody else ever -----------------------------------
  expect((await tab('GET', `/api/tab/meetings/${meeting.id}/transcript`, people.pia)).status).toBe(403);
  expect((await tab('POST', `/api/tab/meetings/${meeting.id}/transcript/notes`, people.pia, { ...body, requestId: randomUUID() })).status).toBe(403);
  expect((await tab('GET', `/api/tab/meetings/${meeting.id}/transcript`, people.fredric)).status).toBe(403);
  expect(cardText(cardIn(await say(group, people.pia, '/transcripts members on')))).not.toContain('read its meetings');
  expect((await tab('GET', `/api/tab/meetings/${meeting.id}/transcript`, people.pia)).status).toBe(403);
  expect(cardText(cardIn(await say(group, people.sara, '/transcripts members on')))).toContain("The group's members read its meetings' transcripts");
  const asMember = await tab('GET', `/api/tab/meetings/${meeting.id}/transcript`, people.pia);
  expect(asMember.status).toBe(200);
  expect((asMember.body as TranscriptPageView).mayTakeNotes).toBe(false);
  expect((await tab('POST', `/api/tab/meetings/${meeting.id}/transcript/notes`, people.pia, { ...body, requestId: randomUUID() })).status).toBe(403);
  await say(group, people.sara, '/transcripts members off');
  expect((await tab('GET', `/api/tab/meetings/${meeting.id}/transcript`, people.pia)).status).toBe(403);
  expect((await tab('GET', `/api/tab/meetings/${meeting.id}/transcript`, people.fredric)).status).toBe(403);

  // ---- the minutes hold the passage taken; the public version no transcript ------------------------------
  const minutes = cardIn(await say(chat, people.titti, '/minutes'));
  const internal = await (await fetch(link(minutes, 'HTML (print)'))).text();
  expect(internal).toContain(cuesB[0]!.text);
  const publicHtml = await (await fetch(link(minutes, 'Public version (HTML)'))).text();
  for (const c of [...cuesA, ...cuesB].filter((x) => x !== cuesA[2] && x !== cuesB[0])) expect(publicHtml).not.toContain(c.text);

  // ---- approval; the transcripts deleted after the retention time, audited -------------------------------
  const approve = actionsOf(cardIn(await say(chat, people.titti, '/minutes send')), 'Action.Execute')[0]!;
  expect(cardText((await press(chat, people.hakan, approve)).value)).toContain('Approved. Version 1 is locked');
  const approvedAt = new Date((await repos.minutes.latestApproved(TENANT, meeting.id))!.approvedAt!).getTime();
  const [retention] = await repos.jobs.list({ kind: TRANSCRIPT_RETENTION_JOB });
  expect(new Date(retention!.runAt).getTime()).toBe(approvedAt + 30 * 86_400_000);
  // The retention job as the app runs it, on a clock moved past approval: not due a day early, done on time.
  const runJobsAt = async (at: number) => {
    const clock = { now: () => new Date(at) };
    const services = createServices(repos, clock, minutesOptions('k'.repeat(32), h.app.url));
    return new JobRunner(repos.jobs, clock, { [TRANSCRIPT_RETENTION_JOB]: transcriptRetentionHandler(services.transcripts) }, { log: () => undefined }).tick();
  };
  expect(await runJobsAt(approvedAt + 29 * 86_400_000)).toBe(0);
  expect((await repos.transcripts.list(TENANT, meeting.id)).length).toBe(2);
  expect(await runJobsAt(approvedAt + 30 * 86_400_000 + 60_000)).toBe(1);
  expect(await repos.transcripts.list(TENANT, meeting.id)).toEqual([]);
  const gone = (await tab('GET', `/api/tab/meetings/${meeting.id}/transcript`, people.sara)).body as TranscriptPageView;
  expect(gone.deleted).toBe(true);
  expect(gone.items.flatMap((i) => i.cues)).toEqual([]);
  const audit = (await sql<{ entity: string; action: string; actor_name: string; details: string }>`select entity, action, actor_name, details from audit_events where meeting_id = ${meeting.id} and entity = 'transcript'`.execute(store.db)).rows;
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ action: 'delete', actor_name: 'Rådslag (retention)' });
  expect(JSON.parse(audit[0]!.details)).toMatchObject({ reason: 'retention', retentionDays: 30, transcripts: 2 });
  // The note taken from it stays in the minutes.
  expect((await repos.notes.listForMeeting(TENANT, meeting.id)).map((n) => n.agendaItem)).toEqual([2]);
}, 120_000);

