/**
 * The secretary's attendance sheet: every member listed on the meeting's day with one status each,
 * pre-filled with what is known (reports, check-ins, notice answers, earlier corrections) and submitted
 * once. Only what the secretary changed becomes a correction, so a later attendance report still counts
 * for the members the secretary left as they were.
 */
import { parseAttendanceStatus, type AttendanceStatus, type MemberAttendance } from './attendance-status';
import { DomainError } from './errors';

/** A sheet's input for one member: `m_<member id>`. */
export const SHEET_FIELD_PREFIX = 'm_';
export const sheetField = (memberId: string): string => `${SHEET_FIELD_PREFIX}${memberId}`;

export interface SheetEntry {
  memberId: string;
  status: AttendanceStatus;
}

/**
 * The statuses a submitted sheet gives, from the card's fields `m_<member id>`: each a known status
 * (ATTENDANCE.BAD_STATUS quotes the value). An empty field says nothing; other fields are ignored.
 */
export function readSheet(fields: Readonly<Record<string, unknown>>): SheetEntry[] {
  return Object.entries(fields).flatMap(([key, value]) => {
    if (!key.startsWith(SHEET_FIELD_PREFIX) || value === undefined || value === '') return [];
    return [{ memberId: key.slice(SHEET_FIELD_PREFIX.length), status: parseAttendanceStatus(value) }];
  });
}

/**
 * The corrections a submitted sheet makes: the members whose status differs from the one they have now.
 * A member the sheet names who is not listed on the meeting's day (the roster changed since the card was
 * made) is refused with ATTENDANCE.BAD_SHEET, and nothing is kept.
 */
export function sheetChanges(current: readonly MemberAttendance[], entries: readonly SheetEntry[]): SheetEntry[] {
  const byId = new Map(current.map((m) => [m.member.id, m]));
  const unknown = entries.filter((e) => !byId.has(e.memberId));
  if (unknown.length > 0) throw new DomainError('ATTENDANCE.BAD_SHEET', { count: unknown.length });
  return entries.filter((e) => byId.get(e.memberId)!.status !== e.status);
}
