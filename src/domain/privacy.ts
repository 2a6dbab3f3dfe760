/**
 * Personal data (GDPR art. 15, 17 and 5(1)(e)): the pseudonym an erased person gets, the attendance facts
 * kept when raw data goes, and how long raw data is kept. Approved minutes are public records and are never
 * rewritten; everything else about a person can be exported, pseudonymised or deleted.
 */
import { matchRecords, nameKey, type AttendanceRecord, type MatchContext } from './attendance-records';
import type { Member } from './group';

/**
 * The one pseudonym scheme: "Tidigare ledamot <n>" ("former member"), Swedish like the minutes, numbered
 * per store in order of erasure, so two erased people never share a name and attendance still tells them apart.
 */
export const pseudonym = (number: number): string => `Tidigare ledamot ${number}`;

/** What decided a member's status in one meeting, frozen before the raw data behind it is deleted or pseudonymised. */
export interface SettledFacts {
  memberId: string;
  /** Seconds in Teams' attendance reports. */
  seconds: number;
  checkedIn: boolean;
  /** Answered the notice "I can't attend". */
  gaveNotice: boolean;
}

/** Days raw data is kept after the meeting's minutes are approved; `never` keeps it (no decision to cull, gallringsbeslut). */
export type RetentionDays = number | 'never';

export interface RetentionPolicy {
  /** Attendance reports' records (join/leave sessions and their seconds). */
  attendanceRawDays: RetentionDays;
  /** Check-in answers and the notes of notice answers (excuses). */
  answersDays: RetentionDays;
}

/** Minutes approved at or before this instant are due; undefined: never. */
export function retentionCutoff(days: RetentionDays, now: Date): string | undefined {
  return days === 'never' ? undefined : new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** How a person is known in the store: every roster row and every identifier found for them. */
export interface PersonIdentity {
  members: Member[];
  names: string[];
  emails: string[];
  aadObjectIds: string[];
  /** Channel account ids (29:…), never a personal link's `member:<id>`. */
  personIds: string[];
}

/** Folds the identifiers of roster rows (and those asked for) into one identity; empty ones are dropped. */
export function identityOf(members: readonly Member[], asked: { name?: string; email?: string } = {}, otherNames: readonly string[] = []): PersonIdentity {
  const unique = (values: ReadonlyArray<string | undefined>, fold: (s: string) => string) => {
    const seen = new Map<string, string>();
    for (const v of values) {
      const t = v?.trim();
      if (t && !seen.has(fold(t))) seen.set(fold(t), t);
    }
    return [...seen.values()];
  };
  const lower = (s: string) => s.toLowerCase();
  return {
    members: [...members],
    names: unique([...members.map((m) => m.person.name), asked.name, ...otherNames], nameKey),
    emails: unique([...members.map((m) => m.person.email), asked.email], lower),
    aadObjectIds: unique(members.map((m) => m.person.aadObjectId), lower),
    personIds: unique(
      members.map((m) => m.person.id).filter((id) => !id.startsWith('member:')),
      (s) => s,
    ),
  };
}

/**
 * Roster rows told apart as people: rows that share an address, an Entra object id or a channel account id
 * are one person (in several groups, say); rows with none of these, only a name, are one more. A name that
 * finds more than one person is ambiguous: the operator must say which (by member id or address).
 */
export function distinctPeople(members: readonly Member[]): Member[][] {
  const keysOf = (m: Member) =>
    [m.person.email && `e:${m.person.email.trim().toLowerCase()}`, m.person.aadObjectId && `a:${m.person.aadObjectId.trim().toLowerCase()}`, !m.person.id.startsWith('member:') && m.person.id.trim() !== '' && `p:${m.person.id}`].filter(
      (k): k is string => typeof k === 'string' && k.length > 2,
    );
  const people: Array<{ keys: Set<string>; rows: Member[] }> = [];
  for (const m of members) {
    const keys = keysOf(m);
    const own = keys.length === 0 ? ['name-only'] : keys;
    const joined = people.filter((p) => own.some((k) => p.keys.has(k)));
    const merged = { keys: new Set([...own, ...joined.flatMap((p) => [...p.keys])]), rows: [...joined.flatMap((p) => p.rows), m] };
    for (const p of joined) people.splice(people.indexOf(p), 1);
    people.push(merged);
  }
  return people.map((p) => p.rows);
}

/**
 * The attendance records that are the person's: those the roster matching credits to one of their
 * memberships, and those that carry one of their identifiers (as a guest, or before they were listed).
 */
export function recordsOfPerson(records: readonly AttendanceRecord[], roster: readonly Member[], who: PersonIdentity, known: MatchContext = {}): AttendanceRecord[] {
  const memberIds = new Set(who.members.map((m) => m.id));
  const aads = new Set(who.aadObjectIds.map((a) => a.toLowerCase()));
  const emails = new Set(who.emails.map((e) => e.toLowerCase()));
  const names = new Set(who.names.map(nameKey));
  return records.filter((r) => {
    if (r.aadObjectId && aads.has(r.aadObjectId.toLowerCase())) return true;
    if (r.email && emails.has(r.email.toLowerCase())) return true;
    if (names.has(nameKey(r.displayName))) return true;
    const credited = matchRecords([r], roster, known).seconds;
    return [...credited.keys()].some((id) => memberIds.has(id));
  });
}
