/**
 * A meeting begun in the day's last minutes, and running past midnight, still starts on an agenda: agenda
 * times are of one day, so the template takes the day's last twenty minutes and the first item is in progress.
 */
import { loadConfig } from '../../../src/config';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aMeetingChat, aMessage, people, TENANT } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity } from '../../helpers/test-app';

// 23:50 in Stockholm (UTC+1 in December).
const now = new Date('2026-12-03T22:50:00.000Z');
const h = useHarness({}, { now: () => now });
let store: OpenStore;
beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store.close());

it('starts a meeting at 23:50 that runs past midnight on the template, placed in the day’s last twenty minutes', async () => {
  h.teams.members = [people.sara, people.hakan];
  h.teams.defaultRoles.set(people.sara.aadObjectId, 'Organizer');
  h.teams.meetingInfo = { title: 'Sent möte', scheduledStartTime: '2026-12-03T22:45:00.000Z', scheduledEndTime: '2026-12-04T00:45:00.000Z', organizer: people.sara };
  const chat = aMeetingChat();
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text: '/start' }))).status).toBe(200);
  const text = h.teams
    .sent()
    .slice(before)
    .map((a) => cardText(cardOf(a)))
    .join('\n');
  expect(text).not.toContain('No items yet');
  const meeting = await createRepositories(store).meetings.findByTeamsId(TENANT, chat.meetingId!);
  expect(meeting?.currentItem).toBe(1);
  const agenda = await createRepositories(store).agendas.list(TENANT, meeting!.id);
  const starts = agenda.map((e) => ('plannedStart' in e ? e.plannedStart : undefined)).filter(Boolean);
  expect(starts[0]).toBe('23:39');
  expect(starts.every((s) => s! >= '23:39' && s! <= '23:59')).toBe(true);
});

it('starts a meeting begun three minutes before its booked end on the template too', async () => {
  h.teams.meetingInfo = { title: 'Sent möte', scheduledStartTime: '2026-12-03T21:00:00.000Z', scheduledEndTime: '2026-12-03T22:53:00.000Z', organizer: people.sara };
  const chat = aMeetingChat();
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text: '/start' }))).status).toBe(200);
  const meeting = await createRepositories(store).meetings.findByTeamsId(TENANT, chat.meetingId!);
  expect(meeting?.currentItem).toBe(1);
  expect((await createRepositories(store).agendas.list(TENANT, meeting!.id)).length).toBeGreaterThanOrEqual(5);
});
