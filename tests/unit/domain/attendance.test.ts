import workspace from '../../../src/demo/demo-workspace.json';
import {
  DEFAULT_MINIMUM_SECONDS,
  calendarYear,
  formatRate,
  matchRecords,
  meetingAttendance,
  parseAttendanceStatus,
  periodFigures,
  type AttendanceRecord,
  type AttendanceStatus,
  type Correction,
  type Matched,
  type MeetingAttendance,
} from '../../../src/domain/attendance';
import { parseRole, type Member } from '../../../src/domain/group';
import type { PersonRef } from '../../../src/domain/person';
import recordsPage from '../../fakes/graph-fixtures/attendance-records-page.json';
import reports from '../../fakes/graph-fixtures/attendance-reports.json';
import { domainErrorOf } from '../../helpers/domain-error';

/** The tenant that runs the council (Fyrbodal, as in the Graph fixture); every roster row carries it. */
const HOST_TENANT = '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00';
/** Centigo AB's tenant: the presenter Johan Högne joins from it (seed 003, Graph fixture). */
const CENTIGO_TENANT = '77aa88bb-3333-4c4d-9e5f-6a7b8c9d0e11';
const FARGELANDA_TENANT = 'f4a9e0c1-2222-4d5e-8f6a-7b8c9d0e1f22';
const MEETING_DATE = '2026-12-17';

const slug = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-');

function aMember(name: string, overrides: Partial<Omit<Member, 'person'>> & { person?: Partial<Member['person']> } = {}): Member {
  const { person, ...rest } = overrides;
  return { id: `m-${slug(name)}`, tenantId: HOST_TENANT, groupId: 'e-rad-fyrbodal', person: { id: '', name, ...person }, role: 'member', from: '2019-03-01', ...rest };
}

/**
 * The seed council's roster (E-råd Fyrbodal): 12 counted (chair, vice chair, organizer, 9 members) and 3 co-opted,
 * imported without Teams ids. `identities` gives chosen people ids, e-mail or a period.
 */
function councilRoster(identities: Record<string, Partial<Omit<Member, 'person'>> & { person?: Partial<Member['person']> }> = {}): Member[] {
  return workspace.councilRoster.map((r) => aMember(r.name, { organisation: r.organisation, role: parseRole(r.role), ...identities[r.name] }));
}

const memberNamed = (roster: readonly Member[], name: string): Member => {
  const m = roster.find((x) => x.person.name === name);
  if (!m) throw new Error(`no ${name} in the roster`);
  return m;
};

let recordNumber = 0;
function aRecord(overrides: Partial<AttendanceRecord> = {}): AttendanceRecord {
  recordNumber += 1;
  return { reportId: 'report-1', recordId: `record-${recordNumber}`, displayName: 'Håkan Sundberg', role: 'Attendee', seconds: 3600, ...overrides };
}

interface GraphRecord {
  id: string;
  emailAddress: string | null;
  totalAttendanceInSeconds: number;
  role: string;
  identity: { id: string; displayName: string; tenantId: string | null };
}

/** The test's own reading of Graph's attendanceRecord (src/graph does this for the app). */
function fromGraph(reportId: string, r: GraphRecord): AttendanceRecord {
  return {
    reportId,
    recordId: r.id,
    aadObjectId: r.identity.id,
    ...(r.identity.tenantId ? { tenantId: r.identity.tenantId } : {}),
    ...(r.emailAddress ? { email: r.emailAddress } : {}),
    displayName: r.identity.displayName,
    role: r.role as AttendanceRecord['role'],
    seconds: r.totalAttendanceInSeconds,
  };
}

const noAnswers = { checkedIn: [] as PersonRef[], excused: [] as PersonRef[], corrections: [] as Correction[] };
const nobodyInReports = (): Matched => ({ seconds: new Map(), guests: [] });
const statusOf = (a: MeetingAttendance, name: string) => a.members.find((m) => m.member.person.name === name);

describe('matchRecords: a record to a member', () => {
  const roster = councilRoster({
    'Henrik Röste': { person: { aadObjectId: 'AAD-HENRIK-0001' } },
    'Niklas Faritzon': { person: { email: 'Niklas.Faritzon@stromstad.se' } },
  });

  it.each<[string, Partial<AttendanceRecord>, string]>([
    ['by Entra id, from another tenant than the council’s', { aadObjectId: 'aad-henrik-0001', tenantId: FARGELANDA_TENANT, displayName: 'H. Röste', email: 'hr@fargelanda.se' }, 'Henrik Röste'],
    ['by e-mail, case-insensitive, without an Entra id', { email: 'niklas.faritzon@STROMSTAD.se', displayName: 'Faritzon, Niklas' }, 'Niklas Faritzon'],
    ['by folded name, with neither e-mail nor Entra id', { displayName: 'HÅKAN  sundberg' }, 'Håkan Sundberg'],
    ['by folded name past an e-mail the roster does not know', { displayName: 'jan-erik samuelsson', email: 'jes@amal.se' }, 'Jan-Erik Samuelsson'],
    ['by name without Teams’ “(Guest)” tag', { displayName: 'Susanne Korduner (Guest)', tenantId: FARGELANDA_TENANT }, 'Susanne Korduner'],
  ])('%s', (_, record, name) => {
    const matched = matchRecords([aRecord({ seconds: 1234, ...record })], roster, {});
    expect(matched.guests).toEqual([]);
    expect([...matched.seconds]).toEqual([[memberNamed(roster, name).id, 1234]]);
  });

  it('checks the Entra id’s tenant when the member’s home tenant is known', () => {
    const record = aRecord({ aadObjectId: 'aad-henrik-0001', tenantId: FARGELANDA_TENANT, displayName: 'Okänd deltagare' });
    const henrik = memberNamed(roster, 'Henrik Röste');
    expect(matchRecords([record], roster, { memberTenants: { [henrik.id]: FARGELANDA_TENANT.toUpperCase() } }).seconds.get(henrik.id)).toBe(3600);
    const elsewhere = matchRecords([record], roster, { memberTenants: { [henrik.id]: HOST_TENANT } });
    expect(elsewhere.seconds.size).toBe(0);
    expect(elsewhere.guests).toEqual([{ displayName: 'Okänd deltagare', tenantId: FARGELANDA_TENANT, seconds: 3600, role: 'Attendee' }]);
  });

  it('reads the Graph fixture: the organizer by Entra id, a record without e-mail still counts, the presenter from Centigo is a guest', () => {
    const [report] = reports.value;
    const records = recordsPage.value.map((r) => fromGraph(report!.id, r));
    const withIds = councilRoster({
      'Sara Herrman': { person: { aadObjectId: '1d7a4b2c-3e5f-4a6b-9c8d-0e1f2a3b4c33', email: 'sara.herrman@fyrbodal.se' } },
      'Håkan Sundberg': { person: { aadObjectId: '0c9e2d44-5a61-4f2b-8d3e-7b1a9c0e5f22' } },
    });
    const matched = matchRecords(records, withIds, { organisationByTenant: { [CENTIGO_TENANT]: 'Centigo AB' } });
    expect(Object.fromEntries(matched.seconds)).toEqual({ 'm-sara-herrman': 7448, 'm-hakan-sundberg': 3120 });
    expect(matched.guests).toEqual([
      { displayName: 'Johan Högne', email: 'johan.hogne@centigo.se', tenantId: CENTIGO_TENANT, organisation: 'Centigo AB', seconds: 1800, role: 'Presenter' },
    ]);
  });

  it.each<[string, Partial<AttendanceRecord>, Parameters<typeof matchRecords>[2], string | undefined]>([
    ['the tenant’s known organisation first', { tenantId: CENTIGO_TENANT, email: 'johan.hogne@centigo.se' }, { organisationByTenant: { [CENTIGO_TENANT]: 'Centigo AB' }, organisationByDomain: { 'centigo.se': 'Centigo (domain)' } }, 'Centigo AB'],
    ['else the e-mail domain’s known organisation', { tenantId: CENTIGO_TENANT, email: 'Johan.Hogne@Centigo.SE' }, { organisationByDomain: { 'centigo.se': 'Centigo AB' } }, 'Centigo AB'],
    ['else the e-mail domain itself', { tenantId: CENTIGO_TENANT, email: 'johan.hogne@centigo.se' }, {}, 'centigo.se'],
    ['else none (anonymous, by phone)', { displayName: 'Christian Bonfré' }, {}, undefined],
  ])('a guest’s organisation: %s', (_, record, known, organisation) => {
    const [guest] = matchRecords([aRecord({ displayName: 'Johan Högne', role: 'Presenter', ...record })], councilRoster(), known).guests;
    expect(guest?.organisation).toBe(organisation);
  });

  it('merges one guest’s records across reports (summing seconds, keeping the strongest role) and keeps different guests apart', () => {
    const matched = matchRecords(
      [
        aRecord({ reportId: 'r1', displayName: 'Christian Lund', aadObjectId: 'aad-lund', tenantId: CENTIGO_TENANT, seconds: 600 }),
        aRecord({ reportId: 'r2', displayName: 'Christian Lund', aadObjectId: 'AAD-LUND', tenantId: CENTIGO_TENANT, email: 'christian.lund@centigo.se', role: 'Presenter', seconds: 900 }),
        aRecord({ reportId: 'r1', displayName: 'Christian Bonfré', seconds: 120 }),
        aRecord({ reportId: 'r2', displayName: 'christian  bonfre', seconds: 60 }),
        aRecord({ reportId: 'r2', displayName: 'Christian Bonfré', email: 'cb@vastkom.se', seconds: 30 }),
      ],
      councilRoster(),
      {},
    );
    expect(matched.seconds.size).toBe(0);
    expect(matched.guests).toEqual([
      { displayName: 'Christian Lund', email: 'christian.lund@centigo.se', tenantId: CENTIGO_TENANT, organisation: 'centigo.se', seconds: 1500, role: 'Presenter' },
      { displayName: 'Christian Bonfré', seconds: 180, role: 'Attendee' },
      // The same name with an e-mail is another identity: not merged by guessing.
      { displayName: 'Christian Bonfré', email: 'cb@vastkom.se', organisation: 'vastkom.se', seconds: 30, role: 'Attendee' },
    ]);
  });

  it('does not guess between two members of one name: the record is a guest naming both', () => {
    const roster = [
      ...councilRoster({ 'Lena Johansson': { person: { email: 'lena.johansson@trollhattan.se' } } }),
      aMember('Lena Johansson', { id: 'm-lena-johansson-2', organisation: 'Uddevalla', person: { email: 'lena.johansson@uddevalla.se' } }),
    ];
    const matched = matchRecords([aRecord({ displayName: 'Lena Johansson', seconds: 900 })], roster, {});
    expect(matched.seconds.size).toBe(0);
    expect(matched.guests).toEqual([{ displayName: 'Lena Johansson', seconds: 900, role: 'Attendee', ambiguousWith: ['m-lena-johansson', 'm-lena-johansson-2'] }]);
  });

  it('credits every membership row of one person; given the date, only the one that covers it', () => {
    // Niklas went from member to vice chair on 2026-07-01: two rows, one person.
    const before = aMember('Niklas Faritzon', { id: 'm-niklas-1', to: '2026-06-30', person: { email: 'niklas.faritzon@stromstad.se' } });
    const after = aMember('Niklas Faritzon', { id: 'm-niklas-2', role: 'viceChair', from: '2026-07-01' });
    const record = aRecord({ displayName: 'Niklas Faritzon', seconds: 700 });
    expect(Object.fromEntries(matchRecords([record], [before, after], {}).seconds)).toEqual({ 'm-niklas-1': 700, 'm-niklas-2': 700 });
    expect(Object.fromEntries(matchRecords([record], [before, after], { date: MEETING_DATE }).seconds)).toEqual({ 'm-niklas-2': 700 });
  });

  it('lists a former member who attends as a guest when the date is given', () => {
    const roster = councilRoster({ 'Per Garenius': { to: '2026-06-30', person: { email: 'per.garenius@lysekil.se' } } });
    const matched = matchRecords([aRecord({ displayName: 'Per Garenius', email: 'per.garenius@lysekil.se', seconds: 2000 })], roster, { date: MEETING_DATE });
    expect(matched.seconds.size).toBe(0);
    expect(matched.guests).toEqual([{ displayName: 'Per Garenius', email: 'per.garenius@lysekil.se', organisation: 'lysekil.se', seconds: 2000, role: 'Attendee' }]);
  });
});

describe('meetingAttendance', () => {
  const roster = councilRoster({
    'Henrik Röste': { person: { id: '29:henrik', aadObjectId: 'aad-henrik' } },
    'Jörgen Haglund': { person: { id: '29:jorgen' } },
  });
  const hakan = memberNamed(roster, 'Håkan Sundberg');

  it('sums a person’s two sessions (two reports) past the minimum, though each alone is under it', () => {
    // 240 s + 120 s = 360 s ≥ 300 s; 240 s alone and 120 s alone are both under.
    const sessions = [aRecord({ reportId: 'morning', displayName: 'Håkan Sundberg', seconds: 240 }), aRecord({ reportId: 'after-break', displayName: 'hakan sundberg', seconds: 120 })];
    expect(DEFAULT_MINIMUM_SECONDS).toBe(300);
    const attendanceOf = (records: AttendanceRecord[]) => statusOf(meetingAttendance({ date: MEETING_DATE, roster, matched: matchRecords(records, roster, {}), ...noAnswers }), 'Håkan Sundberg');
    expect(attendanceOf(sessions)).toMatchObject({ status: 'present', reason: 'report', seconds: 360 });
    expect(attendanceOf([sessions[0]!])).toMatchObject({ status: 'absent', reason: 'none', seconds: 240 });
    expect(attendanceOf([sessions[1]!])).toMatchObject({ status: 'absent', reason: 'none', seconds: 120 });
  });

  type Inputs = { seconds?: number; checkedIn?: boolean; excused?: boolean; correction?: AttendanceStatus };
  it.each<[Inputs, AttendanceStatus, string]>([
    [{ correction: 'absent', seconds: 3600, checkedIn: true }, 'absent', 'correction'],
    [{ correction: 'present', excused: true }, 'present', 'correction'],
    [{ correction: 'excused', seconds: 3600 }, 'excused', 'correction'],
    [{ correction: 'excused' }, 'excused', 'correction'],
    [{ seconds: 300, excused: true }, 'present', 'report'],
    [{ seconds: 3600, checkedIn: true }, 'present', 'report'],
    [{ checkedIn: true, excused: true }, 'present', 'checkin'],
    [{ seconds: 299, checkedIn: true }, 'present', 'checkin'],
    [{ seconds: 299, excused: true }, 'excused', 'notice'],
    [{ excused: true }, 'excused', 'notice'],
    [{ seconds: 299 }, 'absent', 'none'],
    [{}, 'absent', 'none'],
  ])('precedence: %j → %s (%s)', (inputs, status, reason) => {
    const asHakan: PersonRef = { id: `member:${hakan.id}`, name: 'Håkan Sundberg' };
    const attendance = meetingAttendance({
      date: MEETING_DATE,
      roster,
      matched: { seconds: new Map(inputs.seconds === undefined ? [] : [[hakan.id, inputs.seconds]]), guests: [] },
      checkedIn: inputs.checkedIn ? [asHakan] : [],
      excused: inputs.excused ? [asHakan] : [],
      corrections: inputs.correction ? [{ memberId: hakan.id, status: inputs.correction, byName: 'Sara Herrman', at: '2026-12-17T12:00:00.000Z' }] : [],
    });
    expect(statusOf(attendance, 'Håkan Sundberg')).toMatchObject({ status, reason, checkedIn: !!inputs.checkedIn, gaveNotice: !!inputs.excused });
  });

  it('takes a custom minimum', () => {
    const matched = { seconds: new Map([[hakan.id, 600]]), guests: [] };
    expect(statusOf(meetingAttendance({ date: MEETING_DATE, roster, matched, ...noAnswers, minimumSeconds: 601 }), 'Håkan Sundberg')?.status).toBe('absent');
    expect(statusOf(meetingAttendance({ date: MEETING_DATE, roster, matched, ...noAnswers, minimumSeconds: 600 }), 'Håkan Sundberg')?.status).toBe('present');
  });

  it('lets the latest correction win, whatever order they come in', () => {
    const corrections: Correction[] = [
      { memberId: hakan.id, status: 'excused', byName: 'Sara Herrman', at: '2026-12-17T12:30:00.000Z' },
      { memberId: hakan.id, status: 'present', byName: 'Sara Herrman', at: '2026-12-17T12:00:00.000Z' },
      { memberId: 'm-former-member', status: 'present', byName: 'Sara Herrman', at: '2026-12-17T12:45:00.000Z' },
    ];
    const attendance = meetingAttendance({ date: MEETING_DATE, roster, matched: nobodyInReports(), ...noAnswers, corrections });
    expect(statusOf(attendance, 'Håkan Sundberg')).toMatchObject({ status: 'excused', reason: 'correction', correction: corrections[0] });
    expect(attendance.members.map((m) => m.member.id)).not.toContain('m-former-member');
  });

  // Seed 003: Henrik Röste took part, Jörgen Haglund was excused.
  it.each<[string, PersonRef, string]>([
    ['by Entra id', { id: '29:other-device', aadObjectId: 'AAD-HENRIK', name: 'Henrik R' }, 'Henrik Röste'],
    ['by channel id', { id: '29:jorgen', name: 'Jörgen' }, 'Jörgen Haglund'],
    ['by a personal link’s member id', { id: 'member:m-andreas-knutsson', name: 'A. Knutsson' }, 'Andreas Knutsson'],
    ['by folded name when the member has no ids', { id: '29:bjorn', aadObjectId: 'aad-bjorn', name: 'björn  LINDEBERG' }, 'Björn Lindeberg'],
  ])('matches a check-in %s', (_, person, name) => {
    const attendance = meetingAttendance({ date: MEETING_DATE, roster, matched: nobodyInReports(), ...noAnswers, checkedIn: [person] });
    expect(attendance.members.filter((m) => m.checkedIn).map((m) => m.member.person.name)).toEqual([name]);
    expect(attendance.guests).toEqual([]);
  });

  it('matches a notice answer like a check-in: Jörgen Haglund is excused', () => {
    const attendance = meetingAttendance({ date: MEETING_DATE, roster, matched: nobodyInReports(), ...noAnswers, excused: [{ id: '29:jorgen', name: 'Jörgen Haglund' }] });
    expect(statusOf(attendance, 'Jörgen Haglund')).toMatchObject({ status: 'excused', reason: 'notice' });
  });

  it('does not join by name when the ids tell the people apart; such a check-in is a guest', () => {
    const attendance = meetingAttendance({ date: MEETING_DATE, roster, matched: nobodyInReports(), ...noAnswers, checkedIn: [{ id: '29:namesake', aadObjectId: 'aad-someone-else', name: 'Henrik Röste' }] });
    expect(statusOf(attendance, 'Henrik Röste')).toMatchObject({ status: 'absent', checkedIn: false });
    expect(attendance.guests).toEqual([{ displayName: 'Henrik Röste', seconds: 0, role: 'Unknown', checkedIn: true }]);
  });

  it('lists someone in the room who is not in the roster as a guest, once, also when in the reports', () => {
    const matched = matchRecords([aRecord({ displayName: 'Johan Högne', email: 'johan.hogne@centigo.se', role: 'Presenter', seconds: 1800 })], roster, {});
    const attendance = meetingAttendance({ date: MEETING_DATE, roster, matched, ...noAnswers, checkedIn: [{ id: '29:johan', name: 'Johan Högne' }, { id: '29:christian', name: 'Christian Lund' }] });
    expect(attendance.guests).toEqual([
      { displayName: 'Johan Högne', email: 'johan.hogne@centigo.se', organisation: 'centigo.se', seconds: 1800, role: 'Presenter', checkedIn: true },
      { displayName: 'Christian Lund', seconds: 0, role: 'Unknown', checkedIn: true },
    ]);
    expect(matched.guests[0]?.checkedIn).toBeUndefined(); // the input is not changed
  });

  it('lists co-opted members without counting them', () => {
    const matched = { seconds: new Map(roster.map((m) => [m.id, 3600])), guests: [] };
    const attendance = meetingAttendance({ date: MEETING_DATE, roster, matched, ...noAnswers });
    const coopted = attendance.members.filter((m) => !m.counted).map((m) => m.member.person.name);
    expect(coopted).toEqual(['Lena Aggestam', 'Titti Andersson', 'Anna Lärk Ståhlberg']);
    expect(attendance.members.filter((m) => !m.counted).every((m) => m.status === 'present')).toBe(true);
    // 12 counted (chair, vice chair, organizer, 9 members), all present: 12 of 12.
    expect(attendance.rate).toEqual({ present: 12, expected: 12, value: 1 });
  });

  it('lists only members whose period covers the date (both ends inclusive)', () => {
    const changing = councilRoster({
      'Per Garenius': { to: '2026-06-30' },
      'Lena Johansson': { to: MEETING_DATE },
      'Björn Lindeberg': { from: MEETING_DATE },
      'Andreas Knutsson': { from: '2026-12-18' },
    });
    const matched = { seconds: new Map([['m-per-garenius', 3600]]), guests: [] };
    const attendance = meetingAttendance({ date: MEETING_DATE, roster: changing, matched, ...noAnswers });
    const names = attendance.members.map((m) => m.member.person.name);
    expect(names).not.toContain('Per Garenius');
    expect(names).not.toContain('Andreas Knutsson');
    expect(names).toEqual(expect.arrayContaining(['Lena Johansson', 'Björn Lindeberg']));
    // 12 counted less Per and Andreas = 10 expected, nobody present.
    expect(attendance.rate).toEqual({ present: 0, expected: 10, value: 0 });
  });

  it('has no rate value when nobody is expected', () => {
    const onlyCoopted = councilRoster().filter((m) => m.role === 'coopted');
    expect(meetingAttendance({ date: MEETING_DATE, roster: onlyCoopted, matched: nobodyInReports(), ...noAnswers }).rate).toEqual({ present: 0, expected: 0 });
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(domainErrorOf(() => meetingAttendance({ date: '2026-13-01', roster, matched: nobodyInReports(), ...noAnswers })).code).toBe('SCHEDULE.BAD_DATE');
  });
});

describe('periodFigures over 2026', () => {
  // Five counted members per meeting: Liselott leaves on 2026-06-30 and Marianne Olofsson (seed 003) takes her seat.
  const roster = [
    aMember('Henrik Röste', { role: 'chair', organisation: 'Färgelanda' }),
    aMember('Sara Herrman', { role: 'organizer', organisation: 'Fyrbodals kommunalförbund' }),
    aMember('Håkan Sundberg', { organisation: 'Munkedal' }),
    aMember('Susanne Korduner', { organisation: 'Färgelanda' }),
    aMember('Liselott Sörensen-Ringi', { organisation: 'Munkedal', to: '2026-06-30' }),
    aMember('Marianne Olofsson', { organisation: 'munkedal', from: '2026-07-01' }),
    aMember('Lena Aggestam', { role: 'coopted', organisation: 'Kommunakademin Väst' }),
  ];
  const id = (name: string) => memberNamed(roster, name).id;
  const person = (name: string): PersonRef => ({ id: `member:${id(name)}`, name });

  /** Present by the report (1 h) or by check-in, excused by the notice, else absent. */
  function aMeeting(date: string, plan: { report?: string[]; checkIn?: string[]; excused?: string[] }): MeetingAttendance {
    const matched = { seconds: new Map((plan.report ?? []).map((n): [string, number] => [id(n), 3600])), guests: [] };
    return meetingAttendance({ date, roster, matched, checkedIn: (plan.checkIn ?? []).map(person), excused: (plan.excused ?? []).map(person), corrections: [] });
  }

  // Given out of order, with one meeting outside the period.
  const meetings = [
    { id: 'oct', attendance: aMeeting('2026-10-08', { report: ['Sara Herrman', 'Håkan Sundberg', 'Lena Aggestam'], excused: ['Henrik Röste'] }) },
    { id: 'feb', attendance: aMeeting('2026-02-12', { report: ['Henrik Röste', 'Sara Herrman', 'Lena Aggestam'], checkIn: ['Håkan Sundberg'], excused: ['Susanne Korduner'] }) },
    { id: 'dec-2025', attendance: aMeeting('2025-12-11', { report: roster.map((m) => m.person.name) }) },
    { id: 'jun', attendance: aMeeting('2026-06-11', { report: ['Henrik Röste', 'Sara Herrman', 'Susanne Korduner', 'Lena Aggestam'], excused: ['Liselott Sörensen-Ringi'] }) },
  ];
  const { from, to } = calendarYear(2026);
  const figures = periodFigures(meetings, from, to);

  it('rates each meeting', () => {
    // February 3 of 5 (Henrik, Sara, Håkan) = 60 %; June 3 of 5 (Henrik, Sara, Susanne) = 60 %; October 2 of 5 (Sara, Håkan) = 40 %.
    const byId = Object.fromEntries(meetings.map((m) => [m.id, formatRate(m.attendance.rate)]));
    expect(byId).toEqual({ feb: '60\u00a0%', jun: '60\u00a0%', oct: '40\u00a0%', 'dec-2025': '100\u00a0%' });
  });

  it('rates the period: 8 present of 15 expected = 53 %', () => {
    // 3 + 3 + 2 = 8 present; 5 + 5 + 5 = 15 expected; 8/15 = 0.533… → 53 %. Lena Aggestam (co-opted) and December 2025 are left out.
    expect(figures.overall).toEqual({ present: 8, expected: 15, value: 8 / 15 });
    expect(formatRate(figures.overall)).toBe('53\u00a0%');
  });

  it('rates each member only inside their membership', () => {
    // Henrik 2/3, Sara 3/3, Håkan 2/3, Susanne 1/3, Liselott 0/2 (a member in Feb and Jun), Marianne 0/1 (Oct only).
    // Sum: 2 + 3 + 2 + 1 + 0 + 0 = 8 of 3 + 3 + 3 + 3 + 2 + 1 = 15, as overall. Lena Aggestam is never counted.
    expect(figures.byMember.map((r) => [r.member.person.name, r.rate.present, r.rate.expected, formatRate(r.rate)])).toEqual([
      ['Henrik Röste', 2, 3, '67\u00a0%'],
      ['Sara Herrman', 3, 3, '100\u00a0%'],
      ['Håkan Sundberg', 2, 3, '67\u00a0%'],
      ['Susanne Korduner', 1, 3, '33\u00a0%'],
      ['Liselott Sörensen-Ringi', 0, 2, '0\u00a0%'],
      ['Marianne Olofsson', 0, 1, '0\u00a0%'],
    ]);
  });

  it('rates each organisation, in Swedish order, with differently written names as one', () => {
    // Fyrbodals kommunalförbund: Sara 3/3 = 100 %. Färgelanda: Henrik 2 + Susanne 1 = 3 of 6 = 50 %.
    // Munkedal (“munkedal” for Marianne): Håkan 2 + Liselott 0 + Marianne 0 = 2 of 3 + 2 + 1 = 6 → 33 %. Sum 8 of 15.
    expect(figures.byOrganisation.map((o) => [o.organisation, o.rate.present, o.rate.expected, formatRate(o.rate)])).toEqual([
      ['Fyrbodals kommunalförbund', 3, 3, '100\u00a0%'],
      ['Färgelanda', 3, 6, '50\u00a0%'],
      ['Munkedal', 2, 6, '33\u00a0%'],
    ]);
  });

  it('builds the matrix members × meetings in date order, with co-opted rows and “not a member then”', () => {
    expect(figures.matrix.meetings).toEqual([
      { id: 'feb', date: '2026-02-12' },
      { id: 'jun', date: '2026-06-11' },
      { id: 'oct', date: '2026-10-08' },
    ]);
    expect(figures.matrix.rows.map((r) => [r.member.person.name, ...r.cells])).toEqual([
      ['Henrik Röste', 'present', 'present', 'excused'],
      ['Sara Herrman', 'present', 'present', 'present'],
      ['Håkan Sundberg', 'present', 'absent', 'present'],
      ['Susanne Korduner', 'excused', 'present', 'absent'],
      ['Liselott Sörensen-Ringi', 'absent', 'excused', 'notMember'],
      ['Lena Aggestam', 'present', 'present', 'present'],
      ['Marianne Olofsson', 'notMember', 'notMember', 'absent'],
    ]);
  });

  it('takes a membership term as the period and refuses one that ends before it starts', () => {
    // Liselott’s term, 2019-03-01 – 2026-06-30: December 2025 (5 of 5), February (3 of 5) and June (3 of 5) = 11 of 15 = 73 %.
    const term = periodFigures(meetings, '2019-03-01', '2026-06-30');
    expect(term.matrix.meetings.map((m) => m.id)).toEqual(['dec-2025', 'feb', 'jun']);
    expect([term.overall.present, term.overall.expected, formatRate(term.overall)]).toEqual([11, 15, '73\u00a0%']);
    // First half of 2026: 3 + 3 = 6 of 10 = 60 %.
    expect(periodFigures(meetings, '2026-01-01', '2026-06-30').overall).toEqual({ present: 6, expected: 10, value: 0.6 });
    expect(periodFigures(meetings, '2027-01-01', '2027-12-31')).toEqual({ overall: { present: 0, expected: 0 }, byMember: [], byOrganisation: [], matrix: { meetings: [], rows: [] } });
    const e = domainErrorOf(() => periodFigures(meetings, '2026-12-31', '2026-01-01'));
    expect(e.code).toBe('ATTENDANCE.BAD_PERIOD');
    expect(e.params).toEqual({ from: '2026-12-31', to: '2026-01-01' });
    expect(domainErrorOf(() => periodFigures(meetings, '2026', '2026-12-31')).params).toMatchObject({ field: 'from' });
  });
});

describe('formatRate', () => {
  it.each<[number, number, string]>([
    [8, 15, '53\u00a0%'],
    [2, 3, '67\u00a0%'],
    [1, 3, '33\u00a0%'],
    [5, 5, '100\u00a0%'],
    [0, 5, '0\u00a0%'],
    [199, 200, '99\u00a0%'], // 99.5 rounds to 100, but not everyone came
    [1, 300, '1\u00a0%'], // 0.3 rounds to 0, but someone came
  ])('%i of %i is “%s”', (present, expected, text) => {
    expect(formatRate({ present, expected, value: present / expected })).toBe(text);
  });

  it('writes “–” when nobody was expected', () => {
    expect(formatRate({ present: 0, expected: 0 })).toBe('–');
  });
});

describe('parseAttendanceStatus', () => {
  it.each(['present', 'excused', ' absent '])('accepts %p', (raw) => {
    expect(parseAttendanceStatus(raw)).toBe(raw.trim());
  });

  it.each([['närvarande'], [''], [undefined], [1]])('refuses %p as ATTENDANCE.BAD_STATUS', (raw) => {
    expect(domainErrorOf(() => parseAttendanceStatus(raw)).code).toBe('ATTENDANCE.BAD_STATUS');
  });
});
