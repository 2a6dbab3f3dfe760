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
 *
 * Matching people to the roster is in attendance-records.ts, a meeting's statuses in attendance-status.ts,
 * the figures over a period in attendance-figures.ts.
 */
export { nameKey, matchRecords, type AttendanceRecord, type Guest, type MatchContext, type Matched } from './attendance-records';
export {
  ATTENDANCE_STATUSES,
  DEFAULT_MINIMUM_SECONDS,
  meetingAttendance,
  parseAttendanceStatus,
  rateOf,
  type AttendanceStatus,
  type Correction,
  type MeetingAttendance,
  type MemberAttendance,
  type Rate,
} from './attendance-status';
export { calendarYear, formatRate, periodFigures, type PeriodFigures } from './attendance-figures';
