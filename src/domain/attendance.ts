/**
 * Attendance (närvaro) of a meeting and over a period. It combines Graph's attendance reports (who joined,
 * for how long; one report per session, so a person who left and re-joined a restarted meeting has several
 * records), the check-in round (people in a shared conference room are not in the report individually),
 * the excuses given to the notice, and the secretary's corrections.
 *
 * Precedence per member: the secretary's latest correction; else present (in the reports for at least the
 * minimum time, summed over all records, or checked in); else excused (answered the notice "I can't
 * attend"); else absent. Rates count the members who held membership on the meeting's date, except
 * co-opted ones; co-opted members, presenters and guests are listed, not counted.
 */
import { DomainError } from './errors';
import { countsForAttendance, isMemberOn, membershipOf, type Member } from './group';
import type { TeamsMeetingRole } from './meeting';
import { normaliseName, type PersonRef } from './person';
import { parseDate, type IsoDate } from './stockholm-time';

export type AttendanceStatus = 'present' | 'excused' | 'absent';
export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'excused', 'absent'];

/** One attendance record of one report, as src/graph translates it from Graph's `attendanceRecord`. */
export interface AttendanceRecord {
  reportId: string;
  recordId: string;
  /** `identity.id`: the Entra object id in the participant's own (home) tenant. */
  aadObjectId?: string;
  /** `identity.tenantId`: often another organisation's tenant than the one that runs the council. */
  tenantId?: string;
  /** `emailAddress`; Graph leaves it null for many external and anonymous participants. */
  email?: string;
  displayName: string;
  role: TeamsMeetingRole;
  /** `totalAttendanceInSeconds` within this report. */
  seconds: number;
}

/** Someone in the reports (or the check-in) who is not in the roster. */
export interface Guest {
  displayName: string;
  email?: string;
  tenantId?: string;
  organisation?: string;
  seconds: number;
  role: AttendanceRecord['role'];
  /** Answered the check-in without being in the roster. */
  checkedIn?: boolean;
  /** The name fits several members who cannot be told apart: the secretary decides (by a correction). */
  ambiguousWith?: string[];
}

export interface Matched {
  /** Seconds in the reports per member id, summed over all records and reports. */
  seconds: Map<string, number>;
  guests: Guest[];
}

export interface MatchContext {
  organisationByTenant?: Readonly<Record<string, string>>;
  organisationByDomain?: Readonly<Record<string, string>>;
  /**
   * A member's home tenant, by member id, where known. `Member.tenantId` is the tenant that runs the
   * council (it scopes the row), not the person's own tenant, so it is not used for this.
   */
  memberTenants?: Readonly<Record<string, string>>;
  /**
   * The meeting's date (YYYY-MM-DD). When given, only memberships that cover it match, so a former member
   * who attends is listed as a guest instead of being credited to a membership that has ended.
   */
  date?: IsoDate;
}

const lower = (s: string | undefined): string | undefined => {
  const t = s?.trim().toLowerCase();
  return t ? t : undefined;
};

/** Teams appends these to the names of guests and unverified participants. */
const PARTICIPANT_TAG = /\s*\((?:guest|gast|external|extern|unverified|ej verifierad|overifierad)\)$/;

/** A display name for matching: folded as `normaliseName` does, without Teams' "(Guest)"-style tags. */
export const nameKey = (name: string): string => normaliseName(name).replace(PARTICIPANT_TAG, '').trim();

const emailDomain = (email: string | undefined): string | undefined => {
  const e = lower(email);
  const at = e?.lastIndexOf('@') ?? -1;
  return e !== undefined && at > 0 && at < e.length - 1 ? e.slice(at + 1) : undefined;
};

function lowerKeys(map: Readonly<Record<string, string>> | undefined): Map<string, string> {
  return new Map(Object.entries(map ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]));
}

/** Two roster rows that are provably different people (different Entra ids, e-mails or channel ids). */
function differentPeople(a: Member, b: Member): boolean {
  const aad = [lower(a.person.aadObjectId), lower(b.person.aadObjectId)];
  const mail = [lower(a.person.email), lower(b.person.email)];
  const id = [a.person.id, b.person.id];
  return (!!aad[0] && !!aad[1] && aad[0] !== aad[1]) || (!!mail[0] && !!mail[1] && mail[0] !== mail[1]) || (!!id[0] && !!id[1] && id[0] !== id[1]);
}

type Match = { kind: 'members'; members: Member[] } | { kind: 'ambiguous'; members: Member[] } | { kind: 'none' };

/**
 * The roster rows one record belongs to: by Entra object id (and tenant, when the member's home tenant is
 * known), else by e-mail, else by folded display name. All rows of one person get the time (a person whose
 * role changed has one row per period); rows of different people at the same level are ambiguous.
 */
function matchOne(record: AttendanceRecord, roster: readonly Member[], memberTenants: Map<string, string>): Match {
  const aad = lower(record.aadObjectId);
  const tenant = lower(record.tenantId);
  const byAad = aad
    ? roster.filter((m) => {
        if (lower(m.person.aadObjectId) !== aad) return false;
        const home = lower(memberTenants.get(m.id.toLowerCase()));
        return home === undefined || tenant === undefined || home === tenant;
      })
    : [];
  if (byAad.length > 0) return { kind: 'members', members: byAad };

  const email = lower(record.email);
  const byEmail = email ? roster.filter((m) => lower(m.person.email) === email) : [];
  const name = nameKey(record.displayName);
  const byName = byEmail.length > 0 || name === '' ? [] : roster.filter((m) => nameKey(m.person.name) === name);
  const found = byEmail.length > 0 ? byEmail : byName;
  if (found.length === 0) return { kind: 'none' };
  const ambiguous = found.some((a, i) => found.slice(i + 1).some((b) => differentPeople(a, b)));
  return { kind: ambiguous ? 'ambiguous' : 'members', members: found };
}

const ROLE_RANK: Record<TeamsMeetingRole, number> = { Organizer: 3, Presenter: 2, Attendee: 1, Unknown: 0 };

/** Where a guest comes from: the tenant's known organisation, else the e-mail domain's, else the domain itself. */
function organisationOf(guest: Pick<Guest, 'tenantId' | 'email'>, byTenant: Map<string, string>, byDomain: Map<string, string>): string | undefined {
  const tenant = lower(guest.tenantId);
  const fromTenant = tenant ? byTenant.get(tenant) : undefined;
  if (fromTenant) return fromTenant;
  const domain = emailDomain(guest.email);
  return domain ? (byDomain.get(domain) ?? domain) : undefined;
}

/** The identity guests are merged by: Entra object id, else e-mail, else folded name. */
const guestKey = (g: { aadObjectId?: string; email?: string; displayName: string }): string => {
  const aad = lower(g.aadObjectId);
  if (aad) return `aad:${aad}`;
  const email = lower(g.email);
  return email ? `mail:${email}` : `name:${nameKey(g.displayName)}`;
};

/**
 * Matches the records of all the meeting's reports to the roster. Records that match no member are guests,
 * merged per identity (seconds summed), with their organisation where the tenant or e-mail domain tells it.
 * A record without e-mail or Entra id still counts, by its name.
 */
export function matchRecords(records: readonly AttendanceRecord[], roster: readonly Member[], known: MatchContext = {}): Matched {
  const date = known.date === undefined ? undefined : parseDate(known.date);
  const candidates = date === undefined ? roster : roster.filter((m) => isMemberOn(m, date));
  const memberTenants = lowerKeys(known.memberTenants);
  const byTenant = lowerKeys(known.organisationByTenant);
  const byDomain = lowerKeys(known.organisationByDomain);

  const seconds = new Map<string, number>();
  const guests = new Map<string, Guest>();
  for (const record of records) {
    const time = Number.isFinite(record.seconds) && record.seconds > 0 ? record.seconds : 0;
    const match = matchOne(record, candidates, memberTenants);
    if (match.kind === 'members') {
      for (const m of match.members) seconds.set(m.id, (seconds.get(m.id) ?? 0) + time);
      continue;
    }
    const key = guestKey(record);
    const guest = guests.get(key) ?? { displayName: record.displayName.trim(), seconds: 0, role: record.role };
    guest.seconds += time;
    if (ROLE_RANK[record.role] > ROLE_RANK[guest.role]) guest.role = record.role;
    if (!guest.displayName && record.displayName.trim()) guest.displayName = record.displayName.trim();
    const email = record.email?.trim();
    const tenantId = record.tenantId?.trim();
    if (!guest.email && email) guest.email = email;
    if (!guest.tenantId && tenantId) guest.tenantId = tenantId;
    if (match.kind === 'ambiguous') guest.ambiguousWith = [...new Set([...(guest.ambiguousWith ?? []), ...match.members.map((m) => m.id)])];
    guests.set(key, guest);
  }
  for (const guest of guests.values()) {
    const organisation = organisationOf(guest, byTenant, byDomain);
    if (organisation) guest.organisation = organisation;
  }
  return { seconds, guests: [...guests.values()] };
}

/** The secretary's manual status for one member in one meeting; the latest (by `at`) wins. */
export interface Correction {
  memberId: string;
  status: AttendanceStatus;
  byName: string;
  at: string;
}

/** A status as the secretary's card or the tab sends it. */
export function parseAttendanceStatus(raw: unknown): AttendanceStatus {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if ((ATTENDANCE_STATUSES as readonly string[]).includes(value)) return value as AttendanceStatus;
  throw new DomainError('ATTENDANCE.BAD_STATUS', { value: value.slice(0, 40) });
}

export interface MemberAttendance {
  member: Member;
  status: AttendanceStatus;
  /** Seconds in the reports, summed over all of the meeting's reports. */
  seconds: number;
  /** What decided the status. */
  reason: 'correction' | 'report' | 'checkin' | 'notice' | 'none';
  /** Counts for the rate: held membership on the date, not co-opted. */
  counted: boolean;
  checkedIn: boolean;
  /** Answered the notice "I can't attend". */
  gaveNotice: boolean;
  correction?: Correction;
}

export interface Rate {
  present: number;
  expected: number;
  /** present/expected, 0..1, undefined when expected is 0 */
  value?: number;
}

export interface MeetingAttendance {
  date: IsoDate;
  members: MemberAttendance[];
  guests: Guest[];
  rate: Rate;
}

/** Five minutes in the reports make a member present. */
export const DEFAULT_MINIMUM_SECONDS = 300;

export const rateOf = (present: number, expected: number): Rate => (expected > 0 ? { present, expected, value: present / expected } : { present, expected });

/** Can an answer's ids and a member's ids tell them apart? Then a name alone must not join them. */
function idsDiffer(person: PersonRef, member: Member): boolean {
  const aad = [lower(person.aadObjectId), lower(member.person.aadObjectId)];
  if (aad[0] && aad[1]) return aad[0] !== aad[1];
  return !!person.id && !person.id.startsWith('member:') && !!member.person.id && person.id !== member.person.id;
}

/**
 * The listed member who gave an answer (check-in or notice): a personal link's `member:<id>`, else the
 * Entra object id or channel id as `membershipOf` compares them, else the folded name when ids cannot tell
 * (members imported without Teams ids), and only when exactly one member has that name.
 */
function answeringMember(person: PersonRef, listed: readonly Member[], date: IsoDate): Member | undefined {
  if (person.id.startsWith('member:')) {
    const byLink = listed.find((m) => m.id === person.id.slice('member:'.length));
    if (byLink) return byLink;
  }
  const byId = membershipOf(listed, person, date);
  if (byId) return byId;
  const name = nameKey(person.name);
  const byName = name === '' ? [] : listed.filter((m) => nameKey(m.person.name) === name && !idsDiffer(person, m));
  return byName.length === 1 ? byName[0] : undefined;
}

/**
 * A meeting's attendance: every roster member whose membership covers the date, with status and reason,
 * the guests, and the rate over the counted members. Corrections for members not listed on the date are
 * ignored; check-ins by people not in the roster are listed as guests.
 */
export function meetingAttendance(input: {
  date: IsoDate;
  roster: readonly Member[];
  matched: Matched;
  checkedIn: readonly PersonRef[];
  excused: readonly PersonRef[];
  corrections: readonly Correction[];
  minimumSeconds?: number;
}): MeetingAttendance {
  const date = parseDate(input.date);
  const minimum = input.minimumSeconds ?? DEFAULT_MINIMUM_SECONDS;
  const listed = input.roster.filter((m) => isMemberOn(m, date));

  const latest = new Map<string, Correction>();
  for (const c of input.corrections) {
    const before = latest.get(c.memberId);
    if (!before || before.at <= c.at) latest.set(c.memberId, c);
  }

  const checkedIn = new Set<string>();
  const guests = input.matched.guests.map((g) => ({ ...g }));
  for (const person of input.checkedIn) {
    const member = answeringMember(person, listed, date);
    if (member) {
      checkedIn.add(member.id);
      continue;
    }
    // Someone in the room who is not in the roster: a guest, once, whether or not also in the reports.
    const same = guests.find((g) => nameKey(g.displayName) === nameKey(person.name));
    if (same) same.checkedIn = true;
    else guests.push({ displayName: person.name.trim(), seconds: 0, role: 'Unknown', checkedIn: true });
  }
  const gaveNotice = new Set(input.excused.flatMap((p) => answeringMember(p, listed, date)?.id ?? []));

  const members = listed.map((member): MemberAttendance => {
    const seconds = input.matched.seconds.get(member.id) ?? 0;
    const correction = latest.get(member.id);
    const facts = { member, seconds, counted: countsForAttendance(member.role), checkedIn: checkedIn.has(member.id), gaveNotice: gaveNotice.has(member.id) };
    if (correction) return { ...facts, status: correction.status, reason: 'correction', correction };
    if (seconds >= minimum) return { ...facts, status: 'present', reason: 'report' };
    if (facts.checkedIn) return { ...facts, status: 'present', reason: 'checkin' };
    if (facts.gaveNotice) return { ...facts, status: 'excused', reason: 'notice' };
    return { ...facts, status: 'absent', reason: 'none' };
  });

  const counted = members.filter((m) => m.counted);
  return { date, members, guests, rate: rateOf(counted.filter((m) => m.status === 'present').length, counted.length) };
}

export interface PeriodFigures {
  overall: Rate;
  byMember: Array<{ member: Member; rate: Rate }>;
  byOrganisation: Array<{ organisation: string; rate: Rate }>;
  matrix: { meetings: Array<{ id: string; date: string }>; rows: Array<{ member: Member; cells: Array<AttendanceStatus | 'notMember'> }> };
}

/** A calendar year as a period for `periodFigures`. */
export const calendarYear = (year: number): { from: IsoDate; to: IsoDate } => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/**
 * Figures over the meetings dated in [from, to]: present member-meetings divided by expected ones, where
 * a member is expected in a meeting only if counted there (a member then, not co-opted). Per member (each
 * membership row; members never counted in the period are in the matrix only), per organisation (members
 * without one count only overall), and the matrix of every listed member × meeting.
 */
export function periodFigures(meetings: ReadonlyArray<{ id: string; attendance: MeetingAttendance }>, from: string, to: string): PeriodFigures {
  const start = parseDate(from, 'from');
  const end = parseDate(to, 'to');
  if (end < start) throw new DomainError('ATTENDANCE.BAD_PERIOD', { from: start, to: end });

  const inPeriod = meetings
    .filter((m) => start <= m.attendance.date && m.attendance.date <= end)
    .sort((a, b) => a.attendance.date.localeCompare(b.attendance.date) || a.id.localeCompare(b.id));

  // Rows in order of first appearance; the member as listed in the latest meeting (role, organisation).
  const rows = new Map<string, { member: Member; cells: Array<AttendanceStatus | 'notMember'>; present: number; expected: number }>();
  inPeriod.forEach((meeting, column) => {
    for (const a of meeting.attendance.members) {
      const row = rows.get(a.member.id) ?? { member: a.member, cells: inPeriod.map((): AttendanceStatus | 'notMember' => 'notMember'), present: 0, expected: 0 };
      row.member = a.member;
      row.cells[column] = a.status;
      if (a.counted) {
        row.expected += 1;
        if (a.status === 'present') row.present += 1;
      }
      rows.set(a.member.id, row);
    }
  });

  const organisations = new Map<string, { organisation: string; present: number; expected: number }>();
  let present = 0;
  let expected = 0;
  for (const meeting of inPeriod) {
    for (const a of meeting.attendance.members.filter((x) => x.counted)) {
      const hit = a.status === 'present' ? 1 : 0;
      present += hit;
      expected += 1;
      const name = a.member.organisation?.trim();
      if (!name) continue;
      const key = normaliseName(name);
      const org = organisations.get(key) ?? { organisation: name, present: 0, expected: 0 };
      org.present += hit;
      org.expected += 1;
      organisations.set(key, org);
    }
  }

  return {
    overall: rateOf(present, expected),
    byMember: [...rows.values()].filter((r) => r.expected > 0).map((r) => ({ member: r.member, rate: rateOf(r.present, r.expected) })),
    byOrganisation: [...organisations.values()]
      .sort((a, b) => a.organisation.localeCompare(b.organisation, 'sv'))
      .map((o) => ({ organisation: o.organisation, rate: rateOf(o.present, o.expected) })),
    matrix: {
      meetings: inPeriod.map((m) => ({ id: m.id, date: m.attendance.date })),
      rows: [...rows.values()].map((r) => ({ member: r.member, cells: r.cells })),
    },
  };
}

/**
 * A rate as a whole percentage in Swedish style, "53 %" (non-breaking space), or "–" when nobody was
 * expected. Never shows 100 % unless all were present, nor 0 % if anyone was.
 */
export function formatRate(rate: Rate): string {
  if (rate.value === undefined) return '–';
  let percent = Math.round(rate.value * 100);
  if (percent === 100 && rate.present < rate.expected) percent = 99;
  if (percent === 0 && rate.present > 0) percent = 1;
  return `${percent}\u00a0%`;
}
