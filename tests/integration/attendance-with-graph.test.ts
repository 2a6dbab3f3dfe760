/**
 * Attendance as Teams and Graph drive it: two meetings run in their chats (start event, check-in, an
 * excuse, end event) against the HTTPS fake Graph serving attendance reports with paging and a throttle;
 * the second meeting's report is empty at first and imported later with /attendance import. The h.app is
 * its own process (real MSAL and Graph clients), killed with SIGKILL and restarted at the end.
 */
import { cardOf, cardText } from '../fakes/bot-connector';
import { useGraphApp } from '../helpers/graph-harness';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, BOT, people, TENANT, type Chat } from '../helpers/activities';
import { eventually } from '../helpers/eventually';
import { postActivity } from '../helpers/test-app';
import { loadConfig } from '../../src/config';
import { createRepositories, openStore, type OpenStore } from '../../src/store';

const OTHER_TENANT = '4e3d2c1b-2222-4a5b-8c7d-6e5f4a3b2c11';
const h = useGraphApp({ JOB_POLL_SECONDS: '3600' });
let store: OpenStore;

beforeAll(async () => {
  h.teams.members = [people.sara, people.hakan, people.titti, people.pia, people.fredric];
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});

afterAll(() => store?.close());

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown> };

const send = async (chat: Chat, from: Person, text: string) => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text }))).status).toBe(200);
  return h.teams.sent().slice(before);
};
const cardTextIn = (sent: Array<Record<string, unknown>>) => cardText(cardOf([...sent].reverse().find((a) => cardOf(a))));
const event = (chat: Chat, name: 'application/vnd.microsoft.meetingStart' | 'application/vnd.microsoft.meetingEnd') =>
  postActivity(h.app, {
    type: 'event',
    name,
    id: `${name.split('.').pop()}-${chat.conversationId.slice(11, 27)}`,
    serviceUrl: h.serviceUrl,
    channelId: 'msteams',
    from: { id: people.sara.id, aadObjectId: people.sara.aadObjectId },
    recipient: BOT,
    conversation: { id: chat.conversationId, conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
    value: { Id: chat.meetingId, JoinUrl: 'https://h.teams.microsoft.com/l/meetup-join/x', Title: 'Nätverksmöte', MeetingType: 'Scheduled', StartTime: new Date().toISOString(), EndTime: new Date().toISOString() },
    channelData: { tenant: { id: TENANT }, meeting: { id: chat.meetingId } },
  });

/** A Graph attendance record as the reports carry it. */
const record = (id: string, name: string, seconds: number, extra: { email?: string | null; tenantId?: string; role?: string } = {}) => ({
  id,
  emailAddress: extra.email === undefined ? null : extra.email,
  totalAttendanceInSeconds: seconds,
  role: extra.role ?? 'Attendee',
  identity: { id, displayName: name, tenantId: extra.tenantId ?? TENANT },
  attendanceIntervals: [{ joinDateTime: '2026-12-17T08:00:00Z', leaveDateTime: '2026-12-17T09:00:00Z', durationInSeconds: seconds }],
});
const report = (id: string) => ({ id, totalParticipantCount: 0, meetingStartDateTime: '2026-12-17T08:00:00Z', meetingEndDateTime: '2026-12-17T11:00:00Z' });

/** Sets organisations through the roster card, as a manager would. */
async function setOrganisation(group: Chat, person: Person, organisation: string) {
  const roster = cardOf((await send(group, people.sara, '/members')).at(-1)) as { body: unknown[]; actions: Action[] };
  const memberId = new RegExp(`"title":"${person.name}","value":"([^"]+)"`).exec(JSON.stringify(roster.body))![1];
  const save = roster.actions.find((a) => a.verb === 'member.update')!;
  await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat: group, from: people.sara, verb: save.verb, data: { ...save.data, memberId, organisation } }));
}

async function meetingIn(group: string, graphId: string): Promise<Chat> {
  const chat = aMeetingChat();
  const start = new Date(Date.now() - 40 * 60_000).toISOString();
  h.teams.meetingInfo = { title: 'Nätverksmöte', scheduledStartTime: start, scheduledEndTime: new Date(Date.now() + 20 * 60_000).toISOString(), organizer: people.sara, graphResourceId: graphId };
  await send(chat, people.sara, `/setup ${group}`);
  // Teams' meeting details (with the Graph id) arrive in the background.
  await eventually(async () => {
    const m = await createRepositories(store).meetings.findByTeamsId(TENANT, chat.meetingId!);
    expect(m?.graphMeetingId).toBe(graphId);
  });
  return chat;
}

it('imports paged, throttled reports once, merges check-ins and excuses, and gives the hand-computed rates across a restart', async () => {
  const group = aGroupChat();
  await send(group, people.sara, '/setup Fyrbodals nätverk för e-samhälle');
  await setOrganisation(group, people.sara, 'Fyrbodals kommunalförbund');
  await setOrganisation(group, people.hakan, 'Munkedal');
  await setOrganisation(group, people.pia, 'Åmål');
  await setOrganisation(group, people.fredric, 'Vänersborg');
  await setOrganisation(group, people.titti, 'Fyrbodals kommunalförbund');

  // ---- meeting 1: 1,000 records over three pages, one 429 on the way --------------------------------
  const m1 = await meetingIn('Fyrbodals nätverk för e-samhälle', 'graph-meeting-1');
  await event(m1, 'application/vnd.microsoft.meetingStart');
  // The check-in round asked for explicitly (the card that comes with the check-in item depends on the time of day).
  const checkin = cardOf((await send(m1, people.sara, '/checkin')).find((a) => cardText(cardOf(a)).includes('Check-in'))) as { actions: Action[] };
  await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat: m1, from: people.titti, verb: checkin.actions[0]!.verb, data: { ...checkin.actions[0]!.data, mood: 'good', inRoom: 'true' } }));
  const notice = cardOf((await send(group, people.sara, '/notice')).find((a) => cardOf(a))) as { actions: Action[] };
  await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat: group, from: people.pia, verb: notice.actions[1]!.verb, data: { ...notice.actions[1]!.data, note: 'Semester' } }));

  const guests = Array.from({ length: 995 }, (_, i) => record(`guest-${i}`, `Webbinariedeltagare ${i}`, 600, { email: `deltagare${i}@example.org`, tenantId: OTHER_TENANT }));
  h.graph.attendancePageSize = 350;
  h.graph.setAttendance(people.sara.aadObjectId, 'graph-meeting-1', [report('r1'), report('r2')], {
    r1: [
      record(people.sara.aadObjectId, 'Sara Herrman', 7200, { email: people.sara.email, role: 'Organizer' }),
      record(people.hakan.aadObjectId, 'Håkan Sundberg', 200),
      // Fredric joins from his own tenant; only his e-mail ties him to the roster.
      record('f-other-tenant-id', 'Fredric C.', 1800, { email: people.fredric.email, tenantId: OTHER_TENANT }),
      record('johan-hogne', 'Johan Högne', 3600, { email: 'johan.hogne@centigo.se', tenantId: OTHER_TENANT, role: 'Presenter' }),
      ...guests,
    ],
    // Håkan left and came back: a second report, and 200 + 200 s make him present.
    r2: [record(people.hakan.aadObjectId, 'Håkan Sundberg', 200)],
  });
  h.graph.throttleNext(1, { status: 429, retryAfterSeconds: 1, path: /attendanceRecords/ });

  const ended = await event(m1, 'application/vnd.microsoft.meetingEnd');
  expect(ended.status).toBe(200);
  const card1 = cardText(cardOf(h.teams.sent().at(-1)));
  expect(card1).toContain('1000 records read from Teams’ attendance reports, 1000 of them new.');
  expect(card1).toMatch(/Attendance 80\s%\s\(4 of 5 members\)/);
  const present1 = /Present \(4\)\n([\s\S]*?)\nExcused/.exec(card1)![1]!.split('\n').sort();
  expect(present1).toEqual([
    'Fredric Carlsson — Vänersborg',
    'Håkan Sundberg — Munkedal',
    'Sara Herrman — Fyrbodals kommunalförbund',
    'Titti Andersson — Fyrbodals kommunalförbund (checked in)',
  ]);
  expect(card1).toMatch(/Excused \(1\)\nPia Carlsson — Åmål/);
  expect(card1).toMatch(/Absent \(0\)/);
  expect(card1).toMatch(/Presenters and co-opted \(1\)\nJohan Högne — centigo\.se/);
  expect(card1).toMatch(/Guests \(995\)[\s\S]*… and 970 more/);
  expect(h.graph.requestsTo('GET', /attendanceRecords/).filter((r) => r.status === 429)).toHaveLength(1);

  // A second import changes nothing.
  expect(cardTextIn(await send(m1, people.sara, '/attendance import'))).toContain('1000 records read from Teams’ attendance reports, 0 of them new.');

  // ---- meeting 2: the report is empty at first ------------------------------------------------------
  const m2 = await meetingIn('Fyrbodals nätverk för e-samhälle', 'graph-meeting-2');
  await event(m2, 'application/vnd.microsoft.meetingStart');
  h.graph.setAttendance(people.sara.aadObjectId, 'graph-meeting-2', [], {});
  await event(m2, 'application/vnd.microsoft.meetingEnd');
  expect(cardTextIn(await send(m2, people.sara, '/attendance import'))).toContain('Teams has no attendance report for this meeting yet');
  h.graph.setAttendance(people.sara.aadObjectId, 'graph-meeting-2', [report('r3')], {
    r3: [record(people.sara.aadObjectId, 'Sara Herrman', 3600, { role: 'Organizer' }), record(people.hakan.aadObjectId, 'Håkan Sundberg', 3000), record(people.pia.aadObjectId, 'Pia Carlsson', 120)],
  });
  const card2 = cardTextIn(await send(m2, people.sara, '/attendance import'));
  // Pia's 2 minutes are under the 5-minute minimum: absent.
  expect(card2).toMatch(/Attendance 40\s%\s\(2 of 5 members\)/);
  expect(card2).toMatch(/Absent \(3\)\n[\s\S]*Pia Carlsson — Åmål/);

  // The secretary corrects: Titti was in the room after all.
  expect(cardTextIn(await send(m2, people.sara, '/present Titti Andersson'))).toMatch(/Attendance 60\s%\s\(3 of 5 members\)[\s\S]*Titti Andersson — Fyrbodals kommunalförbund \(corrected\)/);

  // ---- the group's figures: meeting 1 has 4 of 5, meeting 2 has 3 of 5 → 7 of 10 = 70 % ------------
  const figures = cardTextIn(await send(group, people.sara, '/attendance'));
  expect(figures).toMatch(/In total 70\s%\s\(7 of 10 member-meetings\)/);
  // Fyrbodals kommunalförbund: Sara 2 + Titti 2 of 4 = 100 %; Munkedal 2 of 2; Åmål 0 of 2; Vänersborg 1 of 2.
  expect(figures).toMatch(/Fyrbodals kommunalförbund\n100\s%/);
  expect(figures).toMatch(/Munkedal\n100\s%/);
  expect(figures).toMatch(/Vänersborg\n50\s%/);
  expect(figures).toMatch(/Åmål\n0\s%/);

  // ---- killed the hard way in the middle of an import: nothing lost, nothing counted twice -----------
  // Graph throttles the records with a long Retry-After; the h.app is killed while it waits.
  h.graph.setAttendance(people.sara.aadObjectId, 'graph-meeting-2', [report('r3'), report('r4')], {
    r3: [record(people.sara.aadObjectId, 'Sara Herrman', 3600, { role: 'Organizer' }), record(people.hakan.aadObjectId, 'Håkan Sundberg', 3000), record(people.pia.aadObjectId, 'Pia Carlsson', 120)],
    r4: [record(people.pia.aadObjectId, 'Pia Carlsson', 400)],
  });
  h.graph.throttleNext(1, { status: 429, retryAfterSeconds: 30, path: /attendanceReports\/r4\/attendanceRecords/ });
  const inFlight = postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat: m2, from: people.sara, text: '/attendance import' })).catch(() => undefined);
  await eventually(() => expect(h.graph.requestsTo('GET', /attendanceReports\/r4\/attendanceRecords/).some((r) => r.status === 429)).toBe(true));
  const restarted = h.restart();
  await inFlight;
  await restarted;
  // The import runs again from the start: Pia's second session (400 s) lifts her over the minimum.
  const resumed = cardTextIn(await send(m2, people.sara, '/attendance import'));
  expect(resumed).toContain('4 records read from Teams’ attendance reports, 1 of them new.');
  expect(resumed).toMatch(/Attendance 80\s%\s\(4 of 5 members\)/);
  expect(cardTextIn(await send(m2, people.sara, '/attendance import'))).toContain('4 records read from Teams’ attendance reports, 0 of them new.');
  // 4 of 5 in each meeting now: 8 of 10.
  expect(cardTextIn(await send(group, people.sara, '/attendance'))).toMatch(/In total 80\s%\s\(8 of 10 member-meetings\)/);

  // ---- and once more after a plain restart -----------------------------------------------------------
  await h.restart();
  const afterRestart = cardTextIn(await send(m1, people.sara, '/attendance import'));
  expect(afterRestart).toContain('1000 records read from Teams’ attendance reports, 0 of them new.');
  expect(afterRestart).toMatch(/Attendance 80\s%\s\(4 of 5 members\)/);
  expect(cardTextIn(await send(group, people.sara, '/attendance'))).toMatch(/In total 80\s%\s\(8 of 10 member-meetings\)/);
}, 120_000);
