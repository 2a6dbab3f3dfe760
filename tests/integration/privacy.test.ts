/**
 * Personal data after a meeting run through the bot and Graph (members, a guest, attendance imported, a
 * check-in answered, an excuse with a note, minutes approved): the export holds the member's attendance,
 * answers and excuse; the CLI exports and dry-runs; erasure leaves the name and address in no table but the
 * approved minutes and the audit trail — found by reading the database's own catalog — and no attendance
 * rate changes; retention at 0 days deletes raw sessions and answers and keeps statuses; each step is audited.
 * A second tenant holds namesakes (the same name, even the same address): export and erasure in the first
 * tenant neither read nor change its rows, and a name that finds two people in one tenant is refused.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { cardOf, cardText } from '../fakes/bot-connector';
import { useGraphApp } from '../helpers/graph-harness';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, TENANT, type Chat } from '../helpers/activities';
import { eventually } from '../helpers/eventually';
import { postActivity } from '../helpers/test-app';
import { createServices, privacyJobHandlers } from '../../src/app';
import { JobRunner } from '../../src/app/job-runner';
import { systemClock, type Repositories } from '../../src/app/ports';
import { erasePerson } from '../../src/app/privacy-erase';
import { exportPerson, type PersonExport } from '../../src/app/privacy-export';
import { AmbiguousPersonError, type PrivacyDeps } from '../../src/app/privacy-person';
import type { AttendanceService } from '../../src/app/attendance-service';
import { RETENTION_JOB, runRetention } from '../../src/app/privacy-retention';
import { loadConfig } from '../../src/config';
import { DEFAULT_CHARTER_RULES } from '../../src/domain/charter';
import { minutesOptions } from '../../src/minutes';
import { createRepositories, openStore, type OpenStore } from '../../src/store';

const root = path.resolve(__dirname, '../..');
const OTHER_TENANT = '4e3d2c1b-2222-4a5b-8c7d-6e5f4a3b2c11';
// The app enqueues today's retention job at start (retention on, its default days).
const h = useGraphApp({ JOB_POLL_SECONDS: '3600' });
const operator = { id: 'operator:dpo', name: 'Dataskyddsombud' };
let store: OpenStore;
let repos: Repositories;
let deps: PrivacyDeps;
let attendance: AttendanceService;
let meetingId: string;
let groupId: string;
/** Tenant B's namesakes: Pia Carlsson with Pia's own address, and another Pia Carlsson. */
const B = { pia: { id: '29:B-PiaCarlsson', name: 'Pia Carlsson', aadObjectId: 'b-aad-pia', email: people.pia.email }, other: { id: '29:B-PiaCarlsson2', name: 'Pia Carlsson', aadObjectId: 'b-aad-pia-2', email: 'pia.carlsson@vanersborg.se' } };
let bMembers: string[];

type Person = (typeof people)[keyof typeof people];
type Action = { verb: string; data: Record<string, unknown> };
type CardJson = { body: unknown[]; actions?: Action[] };

const say = async (chat: Chat, from: Person, text: string) => {
  const before = h.teams.sent().length;
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from, text }))).status).toBe(200);
  return h.teams.sent().slice(before);
};
const cardIn = (sent: Array<Record<string, unknown>>) => cardOf([...sent].reverse().find((a) => cardOf(a))) as CardJson;
const press = async (chat: Chat, from: Person, action: Action, inputs: Record<string, unknown> = {}) => {
  const res = await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat, from, verb: action.verb, data: { ...action.data, ...inputs }, replyToId: h.teams.cardMessageId(chat.conversationId, action.verb) }));
  expect(res.status).toBe(200);
  return res.body as { type: string; value: CardJson | string };
};
/** Every Action.Execute of a card, wherever it sits (card actions or an ActionSet in the body). */
const actionsOf = (c: unknown): Action[] => {
  const found: Action[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute') found.push(o as unknown as Action);
      Object.values(o).forEach(walk);
    }
  };
  walk(c);
  return found;
};
const record = (id: string, name: string, seconds: number, extra: { email?: string; tenantId?: string; role?: string } = {}) => ({
  id,
  emailAddress: extra.email ?? null,
  totalAttendanceInSeconds: seconds,
  role: extra.role ?? 'Attendee',
  identity: { id, displayName: name, tenantId: extra.tenantId ?? TENANT },
  attendanceIntervals: [{ joinDateTime: '2026-12-03T08:00:00Z', leaveDateTime: '2026-12-03T09:00:00Z', durationInSeconds: seconds }],
});

/** Runs the CLI as `npm run privacy` would, on the test's store; env files are kept out. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/privacy.ts', ...args],
      { cwd: root, env: { ...process.env, TEAMSFX_ENV: 'privacy-test', DATABASE_URL: h.db.url }, timeout: 25_000, maxBuffer: 10_000_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Every text value of every table, with where it is, read from the database's catalog (not a list of
 * tables): approved minutes versions and the audit trail left out, as the erasure leaves them.
 */
async function everyText(tenantId = TENANT): Promise<Array<{ at: string; value: string }>> {
  const db = store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const tenanted = new Set((await tenantTables()).map((t) => t));
  const columns =
    store.kind === 'postgres'
      ? (await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema() and data_type in ('text', 'character varying')`.execute(db)).rows
      : (await sql<{ t: string; c: string }>`select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and lower(p.type) = 'text'`.execute(db)).rows;
  expect(new Set(columns.map((c) => c.t)).size).toBeGreaterThan(25);
  const found: Array<{ at: string; value: string }> = [];
  for (const { t, c } of columns) {
    if (t === 'audit_events') continue;
    const conditions = [...(t === 'minutes_versions' ? [sql`status <> 'approved'`] : []), ...(tenanted.has(t) ? [sql`tenant_id = ${tenantId}`] : [])];
    const keep = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
    const rows = (await sql<{ v: string | null }>`select ${sql.ref(c)} as v from ${sql.table(t)} ${keep}`.execute(db)).rows;
    for (const r of rows) if (r.v) found.push({ at: `${t}.${c}`, value: r.v });
  }
  return found;
}
/** The tables with a tenant_id column, from the catalog. */
async function tenantTables(): Promise<string[]> {
  const q =
    store.kind === 'postgres'
      ? sql<{ t: string }>`select table_name as t from information_schema.columns where table_schema = current_schema() and column_name = 'tenant_id'`
      : sql<{ t: string }>`select m.name as t from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and p.name = 'tenant_id'`;
  return [...new Set((await q.execute(store.db)).rows.map((r) => r.t))].sort();
}

/** Every row of a tenant in every table that has a tenant_id, the audit trail too: what must not change. */
async function rowsOfTenant(tenantId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await tenantTables()) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)} where tenant_id = ${tenantId}`.execute(store.db)).rows;
    out[t] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort();
  }
  return out;
}

/** Tenant B: two groups, a namesake with Pia's address in one and another Pia Carlsson in the other, a begun meeting with her answers, attendance and a decision. */
async function seedOtherTenant(): Promise<void> {
  const at = new Date(Date.now() - 30 * 60_000).toISOString();
  const group = (name: string, creator: typeof B.pia) => repos.groups.create({ tenantId: OTHER_TENANT, name, kind: 'council', conversationId: `19:b-${name.length}@thread.v2`, rules: { ...DEFAULT_CHARTER_RULES }, createdBy: creator, createdAt: at }, []);
  const g1 = await group('Kommunstyrelsen', B.pia);
  const g2 = await group('Socialnämnden', B.other);
  const m1 = await repos.groups.addMember({ tenantId: OTHER_TENANT, groupId: g1.id, person: B.pia, role: 'member', organisation: 'Åmål', from: '2026-01-01' });
  const m2 = await repos.groups.addMember({ tenantId: OTHER_TENANT, groupId: g2.id, person: B.other, role: 'member', organisation: 'Vänersborg', from: '2026-01-01' });
  bMembers = [m1.id, m2.id];
  const { value: meeting } = await repos.meetings.ensure({ tenantId: OTHER_TENANT, teamsMeetingId: 'b-meeting', conversationId: g1.conversationId, at });
  await repos.meetings.linkToGroup(OTHER_TENANT, meeting.id, g1.id);
  await repos.meetings.update(OTHER_TENANT, meeting.id, { startedAt: at });
  const who = { id: B.pia.id, name: B.pia.name, aadObjectId: B.pia.aadObjectId };
  await repos.answers.saveNotice(OTHER_TENANT, meeting.id, { person: who, attending: false, note: 'Semester på Mallorca', answeredAt: at, via: 'card' });
  await repos.answers.saveCheckIn(OTHER_TENANT, meeting.id, { person: who, mood: 'good', text: 'Sitter på tåget från Åmål', inRoom: false, answeredAt: at, via: 'card' });
  await repos.attendance.saveRecords(OTHER_TENANT, meeting.id, [{ reportId: 'r1', recordId: 'b-pia', aadObjectId: B.pia.aadObjectId, email: B.pia.email, displayName: 'Pia Carlsson', role: 'Attendee', seconds: 1200 }], at);
  await repos.decisions.record({ tenantId: OTHER_TENANT, meetingId: meeting.id, text: 'Pia Carlsson utses till ordförande', recordedBy: who, recordedAt: at, sourceKey: 'b-decision-1' });
}

const mentioning = (texts: Array<{ at: string; value: string }>, needle: string) => texts.filter((x) => x.value.toLowerCase().includes(needle.toLowerCase())).map((x) => x.at);

/** Each member's status in the meeting, by member id, and the rate. */
async function statuses() {
  const view = await deps.attendance.attendanceOf(TENANT, meetingId);
  return { rate: view.rate, members: Object.fromEntries(view.members.map((m) => [m.member.id, m.status])) };
}
const auditOf = async (entity: string) => (await sql<{ action: string; details: string; actor_name: string }>`select action, details, actor_name from audit_events where entity = ${entity} order by at, id`.execute(store.db)).rows;

beforeAll(async () => {
  h.teams.members = [people.sara, people.hakan, people.titti, people.pia, people.fredric];
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
  repos = createRepositories(store);
  attendance = createServices(repos, systemClock, minutesOptions('privacy-test-key', 'https://radslag.example.org')).attendance;
  deps = { repos, attendance, clock: systemClock };

  // ---- a group and a meeting run through the bot -------------------------------------------------------
  const group = aGroupChat();
  await say(group, people.sara, '/setup E-råd Dataskydd');
  const chat = aMeetingChat();
  const start = new Date(Date.now() - 40 * 60_000).toISOString();
  h.teams.meetingInfo = { title: 'E-råd Dataskydd', scheduledStartTime: start, scheduledEndTime: new Date(Date.now() + 20 * 60_000).toISOString(), organizer: people.sara, graphResourceId: 'graph-privacy-1' };
  await say(chat, people.sara, '/setup E-råd Dataskydd');
  const meeting = await eventually(async () => {
    const m = await repos.meetings.findByTeamsId(TENANT, chat.meetingId!);
    expect(m?.graphMeetingId).toBe('graph-privacy-1');
    return m!;
  });
  meetingId = meeting.id;
  groupId = meeting.groupId!;
  await say(chat, people.sara, '/secretary @Titti Andersson');
  await say(chat, people.sara, '/adjuster Håkan Sundberg');

  // Pia cannot come (an excuse with a note), then joins by phone for a while and answers the check-in.
  const notice = cardIn(await say(group, people.sara, '/notice'));
  await press(group, people.pia, notice.actions![1]!, { note: 'Semester på Mallorca' });
  const checkin = cardIn(await say(chat, people.sara, '/checkin'));
  await press(chat, people.pia, checkin.actions![0]!, { mood: 'strained', text: 'Sitter på tåget från Åmål', inRoom: 'false' });
  await press(chat, people.titti, checkin.actions![0]!, { mood: 'good', inRoom: 'true' });

  // ---- Graph's attendance report: members, Pia's two sessions, and a guest -----------------------------
  h.graph.setAttendance(people.sara.aadObjectId, 'graph-privacy-1', [{ id: 'r1', totalParticipantCount: 5, meetingStartDateTime: start, meetingEndDateTime: new Date().toISOString() }], {
    r1: [
      record(people.sara.aadObjectId, 'Sara Herrman', 3600, { email: people.sara.email, role: 'Organizer' }),
      record(people.hakan.aadObjectId, 'Håkan Sundberg', 3000),
      record(people.pia.aadObjectId, 'Pia Carlsson', 200, { email: people.pia.email }),
      record('pia-second', 'Pia Carlsson (Guest)', 150, { email: people.pia.email, tenantId: OTHER_TENANT }),
      record('johan-hogne', 'Johan Högne', 1800, { email: 'johan.hogne@centigo.se', tenantId: OTHER_TENANT, role: 'Presenter' }),
    ],
  });
  expect(cardText(cardIn(await say(chat, people.sara, '/attendance import')))).toContain('5 records read');

  // ---- the minutes, sent and approved by the adjuster ----------------------------------------------------
  await say(chat, people.titti, '/minutes');
  const approval = cardIn(await say(chat, people.titti, '/minutes send'));
  const approve = actionsOf(approval).find((a) => a.verb.includes('approve'))!;
  expect(cardText((await press(chat, people.hakan, approve)).value)).toContain('Approved');

  await seedOtherTenant();
}, 90_000);

afterAll(() => store?.close());

let exported: PersonExport;

it('exports everything held about a member: roster, attendance with raw sessions, answers, the excuse, approved minutes by reference', async () => {
  exported = (await exportPerson(deps, { tenantId: TENANT, email: 'PIA.carlsson@amal.se' }, { actor: operator, caseReference: 'KS 2026/123' }))!;
  expect(exported.memberships).toEqual([expect.objectContaining({ groupId, role: 'member', email: people.pia.email })]);
  expect(exported.attendance).toEqual([
    expect.objectContaining({
      meetingId,
      // 200 + 150 s in two sessions: over the 5-minute minimum.
      status: 'present',
      reason: 'report',
      secondsInReports: 350,
      checkedIn: true,
      gaveNotice: true,
      sessions: expect.arrayContaining([expect.objectContaining({ recordId: 'pia-second', seconds: 150, email: people.pia.email })]),
    }),
  ]);
  expect(exported.attendance[0]!.sessions).toHaveLength(2);
  expect(exported.noticeAnswers).toEqual([expect.objectContaining({ meeting_id: meetingId, note: 'Semester på Mallorca' })]);
  expect(Number(exported.noticeAnswers[0]!.attending)).toBe(0);
  expect(exported.checkInAnswers).toEqual([expect.objectContaining({ meeting_id: meetingId, mood: 'strained', text: 'Sitter på tåget från Åmål' })]);
  expect(exported.approvedMinutes).toEqual([expect.objectContaining({ meetingId, version: 1 })]);
  // Referenced, not copied: the document holds no minutes content.
  expect(JSON.stringify(exported)).not.toContain('"content"');
  const audit = await auditOf('person');
  expect(audit.at(-1)).toMatchObject({ action: 'send', actor_name: 'Dataskyddsombud' });
  expect(audit.at(-1)!.details).toContain('"kind":"export"');
  expect(audit.at(-1)!.details).toContain('KS 2026/123');
  expect(audit.at(-1)!.details).not.toMatch(/pia/i);
});

it('runs as `npm run privacy`: export to stdout, and a dry run that lists the approved minutes and changes nothing', async () => {
  // Two tenants hold data: the tenant must be named.
  const unnamed = await cli(['export', '--email', people.pia.email]);
  expect(unnamed).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('pass --tenant <tenantId>') });
  expect(unnamed.stderr).toContain(OTHER_TENANT);

  const out = await cli(['export', '--tenant', TENANT, '--email', people.pia.email, '--case', 'KS 2026/123']);
  expect(out.code).toBe(0);
  const document = JSON.parse(out.stdout) as PersonExport;
  expect(document.checkInAnswers).toHaveLength(1);
  expect(document.attendance[0]).toMatchObject({ meetingId, status: 'present' });

  const before = await statuses();
  const dry = await cli(['erase', '--tenant', TENANT, '--email', people.pia.email, '--dry-run', '--by', 'Dataskyddsombud']);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('Dry run: nothing changed. The person would become “Tidigare ledamot 1”');
  expect(dry.stdout).toMatch(/members: 1/);
  expect(dry.stdout).toMatch(/checkin_answers: 1/);
  expect(dry.stdout).toContain('Approved minutes are not changed');
  expect(dry.stdout).toContain(`meeting ${meetingId}, version 1`);
  expect(mentioning(await everyText(), 'Pia Carlsson')).toContain('members.name');
  expect(await statuses()).toEqual(before);
  expect((await auditOf('person')).filter((e) => e.details.includes('erasure'))).toEqual([]);

  const nobody = await cli(['export', '--tenant', TENANT, '--email', 'nobody@example.org']);
  expect(nobody).toMatchObject({ code: 1, stderr: expect.stringContaining('Nothing is held about that person.') });
}, 60_000);

it('reads one tenant only: a namesake with the same address in another tenant is not exported; a name that finds two people in a tenant is refused', async () => {
  const otherBefore = await rowsOfTenant(OTHER_TENANT);
  expect(otherBefore.members).toHaveLength(2);
  expect(otherBefore.decisions).toHaveLength(1);

  // By name in tenant A: A's Pia alone, none of B's rows (B's decision names a Pia Carlsson, B's records carry her address).
  const a = (await exportPerson(deps, { tenantId: TENANT, name: 'Pia Carlsson' }, { actor: operator }))!;
  expect(a.memberships).toEqual([expect.objectContaining({ tenantId: TENANT, groupId })]);
  expect(a.decisions).toEqual([]);
  expect(a.noticeAnswers).toEqual([expect.objectContaining({ tenant_id: TENANT })]);
  expect(a.attendance.flatMap((x) => x.sessions.map((r) => r.recordId))).toEqual(expect.arrayContaining(['pia-second']));
  expect(a.attendance.flatMap((x) => x.sessions.map((r) => r.recordId))).not.toContain('b-pia');
  expect(JSON.stringify(a)).not.toContain(OTHER_TENANT);

  // By name in tenant B: two people (different addresses and accounts) — refused, export and dry run alike.
  await expect(exportPerson(deps, { tenantId: OTHER_TENANT, name: 'pia  carlsson' }, { actor: operator })).rejects.toBeInstanceOf(AmbiguousPersonError);
  await expect(erasePerson(deps, { tenantId: OTHER_TENANT, name: 'Pia Carlsson' }, { actor: operator, dryRun: true })).rejects.toThrow(/2 different people/);
  const refused = await cli(['erase', '--tenant', OTHER_TENANT, '--name', 'Pia Carlsson', '--dry-run']);
  expect(refused).toMatchObject({ code: 1, stdout: '' });
  for (const text of [...bMembers, B.pia.email, B.other.email, 'Kommunstyrelsen', 'Socialnämnden', '--member <id> or --email']) expect(refused.stderr).toContain(text);
  const refusedExport = await cli(['export', '--tenant', OTHER_TENANT, '--name', 'Pia Carlsson']);
  expect(refusedExport).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('2 different people') });

  // Nothing of tenant B was changed (not even an audit event: the export was in A, the refusals wrote nothing).
  expect(await rowsOfTenant(OTHER_TENANT)).toEqual(otherBefore);

  // By address in tenant B: her alone, with B's rows only.
  const b = (await exportPerson(deps, { tenantId: OTHER_TENANT, email: B.pia.email }, { actor: operator }))!;
  expect(b.memberships).toEqual([expect.objectContaining({ memberId: bMembers[0], tenantId: OTHER_TENANT })]);
  expect(b.decisions).toEqual([expect.objectContaining({ tenant_id: OTHER_TENANT, text: 'Pia Carlsson utses till ordförande' })]);
  expect(b.approvedMinutes).toEqual([]);
  expect(b.checkInAnswers).toEqual([expect.objectContaining({ tenant_id: OTHER_TENANT })]);
  expect(b.attendance.flatMap((x) => x.sessions.map((r) => r.recordId))).toEqual(['b-pia']);
  expect(JSON.stringify(b)).not.toContain(meetingId);
}, 60_000);

it('erases the member from every table but the approved minutes and the audit trail, and no rate changes', async () => {
  const before = await statuses();
  const otherBefore = await rowsOfTenant(OTHER_TENANT);
  const figuresBefore = await attendance.groupFigures(TENANT, (await repos.groups.get(TENANT, groupId))!, { from: '2000-01-01', to: '2100-12-31' });
  const approvedBefore = (await repos.minutes.latestApproved(TENANT, meetingId))!;
  expect(mentioning(await everyText(), people.pia.email).length).toBeGreaterThan(0);

  const report = (await erasePerson(deps, { tenantId: TENANT, email: people.pia.email }, { actor: operator, caseReference: 'KS 2026/124', dryRun: false }))!;
  expect(report.pseudonym).toBe('Tidigare ledamot 1');
  expect(report.approvedMinutesKept).toEqual([expect.objectContaining({ meetingId, version: 1 })]);

  const texts = await everyText();
  for (const needle of ['Pia Carlsson', people.pia.email, people.pia.aadObjectId, people.pia.id, 'Semester på Mallorca', 'Sitter på tåget']) {
    expect({ needle, at: mentioning(texts, needle) }).toEqual({ needle, at: [] });
  }
  expect(mentioning(texts, 'Tidigare ledamot 1')).toEqual(expect.arrayContaining(['members.name', 'attendance_records.display_name', 'notice_responses.person_name', 'checkin_answers.person_name']));
  // The others are untouched, the guest too.
  expect(mentioning(texts, 'Håkan Sundberg').length).toBeGreaterThan(0);
  expect(mentioning(texts, 'johan.hogne@centigo.se')).toContain('attendance_records.email');
  // Tenant B's namesake (same name, same address) is another tenant's record: not one of its rows changed.
  expect(await rowsOfTenant(OTHER_TENANT)).toEqual(otherBefore);
  expect(mentioning(await everyText(OTHER_TENANT), people.pia.email)).toEqual(expect.arrayContaining(['members.email', 'attendance_records.email']));
  expect(mentioning(await everyText(OTHER_TENANT), 'Tidigare ledamot')).toEqual([]);

  // Approved minutes stay exactly as approved, still naming her.
  const approvedAfter = (await repos.minutes.latestApproved(TENANT, meetingId))!;
  expect(approvedAfter.contentHash).toBe(approvedBefore.contentHash);
  expect(JSON.stringify(approvedAfter.content)).toContain('Pia Carlsson');

  expect(await statuses()).toEqual(before);
  const figuresAfter = await attendance.groupFigures(TENANT, (await repos.groups.get(TENANT, groupId))!, { from: '2000-01-01', to: '2100-12-31' });
  expect(figuresAfter.overall).toEqual(figuresBefore.overall);
  expect(figuresAfter.byOrganisation).toEqual(figuresBefore.byOrganisation);

  const erased = (await auditOf('person')).filter((e) => e.action === 'change');
  expect(erased).toHaveLength(1);
  expect(erased[0]!.details).toContain('KS 2026/124');
  expect(erased[0]!.details).toContain('Tidigare ledamot 1');
  expect(erased[0]!.details).not.toMatch(/pia/i);
  // Asked again by address, only the approved minutes still hold her.
  const again = (await exportPerson(deps, { tenantId: TENANT, email: people.pia.email }, { actor: operator }))!;
  expect(again).toMatchObject({ memberships: [], attendance: [], noticeAnswers: [], checkInAnswers: [], auditEvents: [], approvedMinutes: [expect.objectContaining({ meetingId })] });
});

it('the retention job at 0 days deletes raw sessions, check-in answers and excuse notes once the minutes are approved, keeps statuses, audits, and reschedules itself', async () => {
  const before = await statuses();
  const count = async (table: 'attendance_records' | 'checkin_answers') => Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow()).n);
  expect(await count('attendance_records')).toBe(5);
  expect(await count('checkin_answers')).toBe(2);

  // The job the app enqueued at start, claimed and run here with retention at 0 days.
  const [today] = await repos.jobs.list({ kind: RETENTION_JOB });
  expect(today).toMatchObject({ status: 'pending', tenantId: '*' });
  const runner = new JobRunner(repos.jobs, systemClock, privacyJobHandlers(repos, systemClock, { attendance }, { attendanceRawDays: 0, answersDays: 0 }), { log: () => undefined });
  expect(await runner.tick()).toBe(1);

  expect(await count('attendance_records')).toBe(0);
  expect(await count('checkin_answers')).toBe(0);
  const notes = await store.db.selectFrom('notice_responses').select(['note', 'attending']).where('meeting_id', '=', meetingId).execute();
  expect(notes.map((n) => [Number(n.attending), n.note])).toEqual([[0, null]]);
  expect(await statuses()).toEqual(before);

  const jobs = await repos.jobs.list({ kind: RETENTION_JOB });
  expect(jobs.map((j) => j.status)).toEqual(['done', 'pending']);
  expect(jobs[1]!.runAt > jobs[0]!.runAt).toBe(true);

  const audit = await auditOf('retention');
  expect(audit.map((e) => e.action)).toEqual(['delete', 'delete']);
  expect(JSON.parse(audit[0]!.details)).toMatchObject({ attendanceRecords: 5, checkInAnswers: 2, excuseNotes: 0 });
  expect(JSON.parse(audit[1]!.details)).toMatchObject({ meetings: 1, attendanceRecords: 5, checkInAnswers: 2 });
  // Each event in its meeting's tenant (B's meeting has no approved minutes: not due, and its raw data stays).
  const tenants = (await sql<{ tenant_id: string }>`select tenant_id from audit_events where entity = 'retention'`.execute(store.db)).rows;
  expect(tenants.map((r) => r.tenant_id)).toEqual([TENANT, TENANT]);
  expect(await store.db.selectFrom('attendance_records').select('record_id').where('tenant_id', '=', OTHER_TENANT).execute()).toEqual([{ record_id: 'b-pia' }]);

  // Done: a second pass finds nothing, and a later import does not bring the raw records back.
  expect(await runRetention(deps, { attendanceRawDays: 0, answersDays: 0 })).toMatchObject({ meetings: [] });
  expect(await repos.attendance.saveRecords(TENANT, meetingId, [{ reportId: 'r1', recordId: 'again', displayName: 'X', role: 'Attendee', seconds: 1 }], new Date().toISOString())).toBe(0);
});
