/** Attendance: the records kept (src/store), Graph's attendance reports (src/graph), and the view of them. */
import type { AttendanceRecord, Correction, MeetingAttendance } from '../../domain/attendance';
import type { Group } from '../../domain/group';
import type { Meeting } from '../../domain/meeting';

/** A meeting's attendance as the cards and the API show it. */
export interface AttendanceView extends MeetingAttendance {
  meeting: Meeting;
  group?: Group;
}

/** One record of one attendance report, translated from Graph (the domain's attendance record). */
export type FetchedAttendanceRecord = AttendanceRecord;

export interface AttendanceRepository {
  /** Stores the records not stored before (by report and record id); returns how many were new. */
  saveRecords(tenantId: string, meetingId: string, records: readonly FetchedAttendanceRecord[], at: string): Promise<number>;
  records(tenantId: string, meetingId: string): Promise<FetchedAttendanceRecord[]>;
  addCorrection(tenantId: string, meetingId: string, correction: Correction & { byId: string }): Promise<void>;
  corrections(tenantId: string, meetingId: string): Promise<Correction[]>;
}

/** Graph's attendance reports (implemented in src/graph). */
export interface AttendanceSource {
  /** Every record of every attendance report of the online meeting (a meeting left and re-joined has several reports), following paging. Empty when Graph has no report yet. */
  fetchRecords(organizerUserId: string, onlineMeetingId: string): Promise<FetchedAttendanceRecord[]>;
  /** The Graph online-meeting id of a meeting from its join URL (GET /users/{id}/onlineMeetings?$filter=JoinWebUrl eq '…'), when Teams did not tell it. */
  onlineMeetingIdByJoinUrl(organizerUserId: string, joinUrl: string): Promise<string | undefined>;
}

/**
 * Thrown by an AttendanceSource when Graph refused because the tenant's Teams application access policy
 * does not cover the organizer. Asking again does not help: a Teams admin must grant the policy
 * (New-/Grant-CsApplicationAccessPolicy) first.
 */
export class AttendanceAccessDenied extends Error {
  override readonly name = 'AttendanceAccessDenied';

  constructor(
    readonly organizerUserId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
