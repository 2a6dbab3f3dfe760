/**
 * A meeting's attendance: each listed member's status and what decided it. Precedence: the secretary's
 * latest correction; else present (in the reports for at least the minimum time, or checked in); else
 * excused (answered the notice "I can't attend"); else absent.
 */
import { answeringMember, nameKey, type Guest, type Matched } from './attendance-records';
import { DomainError } from './errors';
import { countsForAttendance, isMemberOn, type Member } from './group';
import type { PersonRef } from './person';
import type { SettledFacts } from './privacy';
import { parseDate, type IsoDate } from './stockholm-time';

export type AttendanceStatus = 'present' | 'excused' | 'absent';
export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'excused', 'absent'];

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
  /** Facts frozen per member before raw data was deleted or pseudonymised (src/domain/privacy.ts): they stand in for the reports and answers. */
  settled?: ReadonlyMap<string, SettledFacts>;
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
    const frozen = input.settled?.get(member.id);
    const seconds = frozen?.seconds ?? input.matched.seconds.get(member.id) ?? 0;
    const correction = latest.get(member.id);
    const facts = {
      member,
      seconds,
      counted: countsForAttendance(member.role),
      checkedIn: frozen?.checkedIn ?? checkedIn.has(member.id),
      gaveNotice: frozen?.gaveNotice ?? gaveNotice.has(member.id),
    };
    if (correction) return { ...facts, status: correction.status, reason: 'correction', correction };
    if (seconds >= minimum) return { ...facts, status: 'present', reason: 'report' };
    if (facts.checkedIn) return { ...facts, status: 'present', reason: 'checkin' };
    if (facts.gaveNotice) return { ...facts, status: 'excused', reason: 'notice' };
    return { ...facts, status: 'absent', reason: 'none' };
  });

  const counted = members.filter((m) => m.counted);
  return { date, members, guests, rate: rateOf(counted.filter((m) => m.status === 'present').length, counted.length) };
}
