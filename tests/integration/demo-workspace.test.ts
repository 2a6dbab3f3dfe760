/** The demo workspace `npm start` opens with: the seed minutes' groups, roster, meetings and risk register. */
import { loadConfig } from '../../src/config';
import { demoConversationId, DEMO_TENANT } from '../../src/demo/seed-demo';
import { createRepositories, openStore } from '../../src/store';
import type { AttendanceView, CapabilityMapView, DecisionsView, MeView } from '../../src/contract/tab-api';
import type { RunningApp } from '../../src/main';
import { cardOf, cardText, FakeBotConnector } from '../fakes/bot-connector';
import { aChat, aMessage, people, type Chat } from '../helpers/activities';
import { postActivity, startTestApp } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let teams: FakeBotConnector;
let serviceUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  teams = new FakeBotConnector();
  serviceUrl = await teams.start();
});
afterAll(async () => {
  await teams.stop();
  await db.drop();
});

const chatOf = (group: string): Chat => aChat({ conversationId: demoConversationId(group), conversationType: 'groupChat' });
const ask = async (app: RunningApp, chat: Chat, text: string) => {
  teams.clear();
  // The fixtures' tenant is the demo tenant.
  expect(DEMO_TENANT).toBe('9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00');
  await postActivity(app, aMessage({ serviceUrl, chat, from: people.hakan, text, locale: 'sv-SE' }));
  return cardText(cardOf(teams.sent().at(-1)));
};

let mapBefore: CapabilityMapView | undefined;

/** The steering group's capability map as the tab reads it in local mode (no token: the demo workspace). */
async function capabilityMap(app: RunningApp): Promise<CapabilityMapView> {
  const me = (await (await fetch(`${app.url}/api/tab/me`)).json()) as MeView;
  const steering = me.groups.find((g) => g.name === 'Digital motor Fyrbodal – taktisk styrgrupp')!;
  const res = await fetch(`${app.url}/api/tab/groups/${steering.id}/capabilities`);
  expect(res.status).toBe(200);
  return (await res.json()) as CapabilityMapView;
}

it('opens with the seeds’ groups, roster and risk register, loaded once', async () => {
  const app = await startTestApp(db.url, { DEMO_WORKSPACE: 'on' });
  try {
    const risks = await ask(app, chatOf('Digital motor Fyrbodal – taktisk styrgrupp'), '/risker');
    expect(risks).toContain('Risker: 5. Kräver åtgärd: 5.');
    expect(risks).toMatch(/R4\nVikande intresse och deltagande[\s\S]*R3\nOfullständig information[\s\S]*R2\nProjektmedlemmar[\s\S]*R5\n[\s\S]*R1\n/);
    const roster = await ask(app, chatOf('E-råd Fyrbodal'), '/ledamöter');
    expect(roster).toContain('Ledamöter i E-råd Fyrbodal');
    expect(roster).toMatch(/Henrik Röste\nFärgelanda\nOrdförande/);
    expect(roster).toMatch(/Sara Herrman\nFyrbodals kommunalförbund\nProcessledare/);
    mapBefore = await capabilityMap(app);
    // The minutes' attendance and decisions are there: the network meeting of seed 003 (16 present, 3 excused).
    const me = (await (await fetch(`${app.url}/api/tab/me`)).json()) as MeView;
    const network = me.groups.find((g) => g.name.startsWith('Fyrbodals nätverk'))!;
    const attendance = (await (await fetch(`${app.url}/api/tab/groups/${network.id}/attendance?from=2020-01-01&to=2020-12-31`)).json()) as AttendanceView;
    const column = attendance.cells.map((row) => row[0]);
    expect([column.filter((c) => c === 'present').length, column.filter((c) => c === 'excused').length]).toEqual([16, 3]);
    const decisions = (await (await fetch(`${app.url}/api/tab/groups/${network.id}/decisions`)).json()) as DecisionsView;
    expect(decisions.decisions.map((d) => [d.paragraph, d.agendaItem, d.text])).toEqual([['§1', 3, 'Sara och Johan tar fram ett konkret erbjudande som kommer att skickas ut efter sommaren']]);
  } finally {
    await app.stop();
  }
  // A restart does not load it twice.
  const again = await startTestApp(db.url, { DEMO_WORKSPACE: 'on' });
  try {
    expect(await ask(again, chatOf('Digital motor Fyrbodal – taktisk styrgrupp'), '/risker')).toContain('Risker: 5.');
    expect(await capabilityMap(again)).toEqual(mapBefore);
  } finally {
    await again.stop();
  }
});

it('gives the steering group a labelled sample capability map under Målbild 2030: 10 of 15 organisations answered', async () => {
  const app = await startTestApp(db.url, { DEMO_WORKSPACE: 'on' });
  try {
    const map = await capabilityMap(app);
    expect(map.vision).toBe('Målbild 2030');
    expect(map.canEdit).toBe(false);
    expect(map.capabilities).toHaveLength(18);
    expect([...new Set(map.capabilities.map((c) => c.area))]).toEqual(['Ledning och styrning', 'Invånare och service', 'Information och data', 'Teknik och infrastruktur', 'Kompetens och samverkan']);
    // The sample says it is invented (the seeds do not list the 55 capabilities).
    expect(map.capabilities[0]!.description).toContain('påhittat');
    expect(map.organisations).toHaveLength(15);
    const answered = Object.fromEntries(map.responses.map((r) => [r.organisation, r.answered]));
    expect(Object.values(answered).filter((n) => n > 0)).toHaveLength(10);
    expect(answered).toMatchObject({ 'SML-IT': 18, 'Tanums kommun': 18, 'Orusts kommun': 10, 'Vänersborgs kommun': 0, 'Bengtsfors kommun': 0 });
    // Who represents an organisation comes from the roster (seed 001's participants).
    expect(map.responses.find((r) => r.organisation === 'Vänersborgs kommun')?.representative).toBe('Fredric Carlsson');
    expect(map.assessments.find((a) => a.organisation === 'Munkedals kommun')?.assessedBy).toBe('Håkan Sundberg');
    expect(map.summary.leadingByOrganisation.find((l) => l.organisation === 'Tanums kommun')).toEqual({ organisation: 'Tanums kommun', leading: 7, total: 18 });
    const code = (id: string) => map.capabilities.find((c) => c.id === id)!.code;
    expect(map.summary.priorities.map((p) => code(p.capabilityId))).toEqual(['3.4', '1.3']);
    expect(map.summary.mostlyWeak.map((w) => code(w.capabilityId))).toEqual(['1.3', '3.3', '3.4']);
  } finally {
    await app.stop();
  }
});

it('gives every group a held meeting with attendance, decisions and approved minutes, and opens attendance on the year it met', async () => {
  const app = await startTestApp(db.url, { DEMO_WORKSPACE: 'on' });
  const opened = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  const store = { repos: createRepositories(opened) };
  try {
    const me = (await (await fetch(`${app.url}/api/tab/me`)).json()) as MeView;
    expect(me.groups).toHaveLength(4);
    for (const group of me.groups) {
      // No period asked: the latest year the group met (2020), not this year.
      const attendance = (await (await fetch(`${app.url}/api/tab/groups/${group.id}/attendance`)).json()) as AttendanceView;
      expect([group.name, attendance.period, attendance.years]).toEqual([group.name, { from: '2020-01-01', to: '2020-12-31' }, [2020]]);
      expect([group.name, attendance.meetings.length]).toEqual([group.name, 1]);
      expect(attendance.cells.some((row) => row[0] === 'present')).toBe(true);
      const decisions = (await (await fetch(`${app.url}/api/tab/groups/${group.id}/decisions`)).json()) as DecisionsView;
      expect([group.name, decisions.decisions.length > 0]).toEqual([group.name, true]);
      // The minutes, approved by the adjuster the minutes name, with the decisions in them.
      const approved = await store.repos.minutes.latestApproved(DEMO_TENANT, attendance.meetings[0]!.id);
      expect([group.name, approved?.status, approved?.content.sections.flatMap((x) => x.decisions).length]).toEqual([group.name, 'approved', decisions.decisions.length]);
      expect(approved?.approvedBy?.name).toMatch(/^(Henrik Röste|Håkan Sundberg|Sara Herrman)$/);
    }
  } finally {
    await opened.close();
    await app.stop();
  }
});
