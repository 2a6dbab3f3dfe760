/** Attendance over a period: rates in total, per member and per organisation, and the participation matrix. */
import { rateOf, type AttendanceStatus, type MeetingAttendance, type Rate } from './attendance-status';
import { DomainError } from './errors';
import type { Member } from './group';
import { normaliseName } from './person';
import { parseDate, type IsoDate } from './stockholm-time';

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
