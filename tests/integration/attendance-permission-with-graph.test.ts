/**
 * An app registration without the attendance reports' permission (no admin consent for
 * OnlineMeetingArtifact.Read.All): the fake Graph refuses as Graph does (403 "Missing role permissions"),
 * and `/attendance import` answers with a card that names the permission and the administrator's step —
 * not a 500, which Teams would deliver again and again.
 */
import { cardOf, cardText } from '../fakes/bot-connector';
import { readmeGraphPermissions, useGraphApp } from '../helpers/graph-harness';
import { aMeetingChat, aMessage, people, TENANT } from '../helpers/activities';
import { eventually } from '../helpers/eventually';
import { postActivity } from '../helpers/test-app';
import { loadConfig } from '../../src/config';
import { createRepositories, openStore, type OpenStore } from '../../src/store';

const h = useGraphApp({ JOB_POLL_SECONDS: '3600' }, { roles: readmeGraphPermissions().filter((r) => r !== 'OnlineMeetingArtifact.Read.All') });
let store: OpenStore;
beforeAll(async () => {
  h.teams.members = [people.sara, people.hakan];
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store?.close());

it('names the missing permission on a card and answers 200 to /attendance import', async () => {
  expect(readmeGraphPermissions()).toContain('OnlineMeetingArtifact.Read.All');
  const chat = aMeetingChat();
  h.teams.setRole(chat.meetingId!, people.sara.aadObjectId, 'Organizer');
  h.teams.meetingInfo = { title: 'Nätverksmöte', scheduledStartTime: new Date(Date.now() - 3_600_000).toISOString(), scheduledEndTime: new Date().toISOString(), organizer: people.sara, graphResourceId: 'graph-meeting-denied' };
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text: '/note Mötet öppnas' }))).status).toBe(200);
  // Teams' meeting details (with the Graph id) arrive in the background.
  await eventually(async () => expect((await createRepositories(store).meetings.findByTeamsId(TENANT, chat.meetingId!))?.graphMeetingId).toBe('graph-meeting-denied'));

  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text: '/attendance import' }))).status).toBe(200);
  expect(h.graph.requestsTo('GET', /\/attendanceReports$/).map((r) => r.status)).toEqual([403]);
  const text = h.teams
    .sent()
    .slice(before)
    .map((a) => cardText(cardOf(a)))
    .join('\n');
  expect(text).toContain('lacks the Microsoft Graph application permission OnlineMeetingArtifact.Read.All');
});
