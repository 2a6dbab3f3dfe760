/**
 * Who in the attendance reports and the answers is which member: Graph's records (one per session, so a
 * person who left and re-joined has several) and the check-in and notice answers, matched to the roster.
 */
import { isMemberOn, membershipOf, type Member } from './group';
import type { TeamsMeetingRole } from './meeting';
import { normaliseName, type PersonRef } from './person';
import { parseDate, type IsoDate } from './stockholm-time';

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
export function answeringMember(person: PersonRef, listed: readonly Member[], date: IsoDate): Member | undefined {
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
