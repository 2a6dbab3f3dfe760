/**
 * Booking a meeting installs Rådslag in the meeting's chat as Graph accepts it (the catalog id looked up by
 * the manifest id, the manifest's RSC consented, under the permission the README names), against a fake
 * Graph that refuses as Graph does. A refused installation tells the organizer why and how to add the app
 * by hand, and durable jobs try again later; adding the app by hand links the chat and ends the retries.
 */
import { sql } from 'kysely';
import { appInstallHandler } from '../../src/app/app-install';
import { loadConfig } from '../../src/config';
import { addDays, utcToStockholm } from '../../src/domain/stockholm-time';
import { createRepositories, openStore, type OpenStore } from '../../src/store';
import { cardOf, cardText } from '../fakes/bot-connector';
import { startCalendarChild, type CalendarChild } from '../fakes/calendar-in-child';
import { aChat, aGroupChat, aMessage, BOT, people, TENANT, type Chat } from '../helpers/activities';
import { CATALOG_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET, manifestRsc, useGraphApp } from '../helpers/graph-harness';
import { postActivity } from '../helpers/test-app';

const h = useGraphApp();
const TEAMS_APP_ID = loadConfig({ role: 'tool' }).teamsAppId;
let store: OpenStore;
let child: CalendarChild;

beforeAll(async () => {
  h.teams.members = [people.sara, people.hakan];
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
  child = await startCalendarChild({ caFile: h.tls.caFile });
});
afterAll(async () => {
  await child?.stop();
  await store?.close();
});
afterEach(() => {
  h.graph.installOverride = undefined;
});

const say = async (chat: Chat, text: string) => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text }))).status).toBe(200);
  return h.teams.sent().slice(before);
};
const today = utcToStockholm(new Date()).date;
let n = 0;
const book = async () => {
  const group = aGroupChat();
  const name = `Installationsrådet ${++n}`;
  await say(group, `/setup ${name}`);
  const replies = await say(group, `/schedule ${addDays(today, 60 + n * 7)} 09:00-10:00 ${name}`);
  const meeting = (await createRepositories(store).meetings.listByGroup(TENANT, (await createRepositories(store).groups.findByName(TENANT, name))!.id, '2000-01-01', '2100-01-01'))[0]!;
  return { group, name, text: cardText(cardOf(replies.find((a) => cardOf(a)))), meeting };
};
const installJobs = async (meetingId: string) =>
  (await sql<{ unique_key: string; run_at: string }>`select unique_key, run_at from jobs where kind = 'app-install' and payload like ${`%${meetingId}%`} order by run_at`.execute(store.db)).rows;

it('installs the app in the booked meeting’s chat by its catalog id, consenting to the manifest’s RSC', async () => {
  const { meeting } = await book();
  expect(meeting.installStatus).toBe('installed');
  const [install] = h.graph.requestsTo('POST', /\/installedApps$/).filter((r) => r.path === `/chats/${meeting.conversationId}/installedApps`);
  expect(install!.status).toBe(201);
  expect(install!.body).toEqual({
    'teamsApp@odata.bind': `${h.graph.baseUrl}/appCatalogs/teamsApps/${CATALOG_ID}`,
    consentedPermissionSet: { resourceSpecificPermissions: manifestRsc().map((name) => ({ permissionValue: name, permissionType: 'Application' })) },
  });
  expect(h.graph.installedApps.get(meeting.conversationId)).toEqual(new Set([CATALOG_ID]));
  expect(await installJobs(meeting.id)).toEqual([]);
});

it('tells the organizer how to add the app by hand when Graph refuses, tries again later, and stops once it is installed', async () => {
  h.graph.installOverride = 403;
  const { text, meeting } = await book();
  expect(meeting.installStatus).toBe('refused');
  expect(text).toContain('Open the meeting in Teams, choose Apps (+) and add Rådslag');
  expect(text).toContain("blocked by the organization's app permission policy");
  expect(text).toContain('tries again by itself in 15 minutes');
  // Three tries later: 15 minutes, 2 hours, a day.
  const jobs = await installJobs(meeting.id);
  expect(jobs.map((j) => j.unique_key.split(':').at(-1))).toEqual(['15', '120', '1440']);

  // The first retry, run as the job runner would (in a process that trusts the fake Graph's certificate).
  h.graph.installOverride = undefined;
  const calendar = await child.createCalendar({ clientId: GRAPH_CLIENT_ID, clientSecret: GRAPH_CLIENT_SECRET, tenantId: TENANT, authorityHost: h.authority.host, baseUrl: h.graph.baseUrl });
  const retry = appInstallHandler(createRepositories(store), calendar, TEAMS_APP_ID);
  const job = { id: 'job-1', tenantId: TENANT, kind: 'app-install', uniqueKey: jobs[0]!.unique_key, runAt: jobs[0]!.run_at, payload: { meetingId: meeting.id }, attempts: 0, status: 'running' as const };
  await retry(job);
  expect((await createRepositories(store).meetings.get(TENANT, meeting.id))!.installStatus).toBe('installed');
  expect(h.graph.installedApps.get(meeting.conversationId)).toEqual(new Set([CATALOG_ID]));
  // The later ones find it installed and leave Graph alone.
  const installs = h.graph.requestsTo('POST', /\/installedApps$/).length;
  await retry({ ...job, id: 'job-2', uniqueKey: jobs[1]!.unique_key });
  expect(h.graph.requestsTo('POST', /\/installedApps$/)).toHaveLength(installs);
});

it('links the chat and ends the retries when someone adds the app to the meeting by hand', async () => {
  h.graph.installOverride = 403;
  const { meeting } = await book();
  expect(meeting.installStatus).toBe('refused');
  // Teams tells the bot it was added to the meeting's chat.
  const chat = aChat({ conversationId: meeting.conversationId, conversationType: 'groupChat', meetingId: `MCMxOTptZWV0aW5nX2luc3RhbGwt${n}` });
  const added = {
    type: 'installationUpdate',
    action: 'add',
    id: `install-${n}`,
    serviceUrl: h.serviceUrl,
    channelId: 'msteams',
    from: { id: people.sara.id, aadObjectId: people.sara.aadObjectId },
    recipient: BOT,
    conversation: { id: chat.conversationId, conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
    channelData: { tenant: { id: TENANT }, meeting: { id: chat.meetingId } },
  };
  expect((await postActivity(h.app, added)).status).toBe(200);
  const linked = (await createRepositories(store).meetings.get(TENANT, meeting.id))!;
  expect(linked.installStatus).toBe('installed');
  expect(linked.teamsMeetingId).toBe(chat.meetingId);
  // A retry now does nothing.
  const installs = h.graph.requestsTo('POST', /\/installedApps$/).length;
  const calendar = await child.createCalendar({ clientId: GRAPH_CLIENT_ID, clientSecret: GRAPH_CLIENT_SECRET, tenantId: TENANT, authorityHost: h.authority.host, baseUrl: h.graph.baseUrl });
  await appInstallHandler(createRepositories(store), calendar, TEAMS_APP_ID)({ id: 'job-3', tenantId: TENANT, kind: 'app-install', uniqueKey: 'k', runAt: new Date().toISOString(), payload: { meetingId: meeting.id }, attempts: 0, status: 'running' });
  expect(h.graph.requestsTo('POST', /\/installedApps$/)).toHaveLength(installs);
});
