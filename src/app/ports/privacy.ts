/** Personal data: export, erasure and retention (implemented in src/store/privacy-repository.ts). */
import type { AuditEvent } from '../../domain/audit';
import type { FetchedAttendanceRecord } from './attendance';
import type { Member } from '../../domain/group';
import type { PersonRef } from '../../domain/person';
import type { PersonIdentity, SettledFacts } from '../../domain/privacy';

/** Who the operator asks about, in one tenant: an e-mail address, a name (folded as the roster folds it), or a roster row. */
export interface PersonQuery {
  /** Every read and every change of an export or erasure is limited to this tenant's rows. */
  tenantId: string;
  email?: string;
  name?: string;
  memberId?: string;
}

/** A stored row as exported: column names as stored, values as stored (other people's identifiers left out). */
export type ExportRow = Record<string, string | number | null>;

/** The sections of the export that the store reads directly, each a list of rows that name the person. */
export const PERSON_SECTIONS = [
  'noticeAnswers',
  'checkInAnswers',
  'attendanceCorrections',
  'secretaryships',
  'decisions',
  'notes',
  'actions',
  'risks',
  'riskReviews',
  'assessments',
  'attachments',
] as const;
export type PersonSection = (typeof PERSON_SECTIONS)[number];
export type PersonRows = Record<PersonSection, ExportRow[]>;

/** An approved minutes version that names the person: referenced (it is a public record), never copied or changed. */
export interface MinutesRef {
  tenantId: string;
  meetingId: string;
  versionId: string;
  version: number;
  approvedAt: string | null;
}

/** Where a raw attendance record is: enough to pseudonymise exactly that row. */
export interface RecordKey {
  tenantId: string;
  meetingId: string;
  reportId: string;
  recordId: string;
}

export interface ErasurePlan {
  /** The tenant whose rows are changed; no other tenant's row is read or changed. */
  tenantId: string;
  who: PersonIdentity;
  /** The person's attendance facts per begun meeting, frozen so statuses and rates stay as they were. */
  settled: Array<{ tenantId: string; meetingId: string; facts: SettledFacts }>;
  /** The person's raw attendance records (matched in src/app with the roster's rules). */
  records: RecordKey[];
  actor: PersonRef;
  /** The request's case number in the organisation's register (diarienummer), for the audit trail. */
  caseReference?: string;
  at: string;
  /** Everything is done in a transaction that is then rolled back: the report says what would change. */
  dryRun: boolean;
}

export interface ErasureReport {
  pseudonym: string;
  /** `table.column` → rows changed (or that would change). */
  changed: Record<string, number>;
  approvedMinutesKept: MinutesRef[];
  dryRun: boolean;
}

/** A meeting with approved minutes whose raw data is due for deletion. */
export interface RetentionCandidate {
  tenantId: string;
  meetingId: string;
  approvedAt: string;
  /** Raw attendance records are due (and not yet deleted). */
  raw: boolean;
  /** Check-in answers and excuse notes are due (and not yet deleted). */
  answers: boolean;
}

export interface PurgeInput {
  tenantId: string;
  meetingId: string;
  /** Every listed member's facts as they stand, frozen in the same transaction as the deletion. */
  settled: SettledFacts[];
  raw: boolean;
  answers: boolean;
  at: string;
  actor: PersonRef;
}

export interface PurgeCounts {
  attendanceRecords: number;
  checkInAnswers: number;
  excuseNotes: number;
}

export interface PrivacyRepository {
  /** The tenants that hold groups, roster rows or meetings, sorted. */
  tenants(): Promise<string[]>;
  /** Roster rows in the query's tenant with that e-mail address (any case), name (folded) or id. */
  findMembers(query: PersonQuery): Promise<Member[]>;
  /** The rows of the tenant that name the person, per section. */
  rowsOf(tenantId: string, who: PersonIdentity): Promise<PersonRows>;
  /** The tenant's raw attendance records carrying one of the person's addresses or Entra ids (also as a guest, in any of its meetings). */
  recordsByIdentifiers(tenantId: string, who: PersonIdentity): Promise<Array<RecordKey & { record: FetchedAttendanceRecord }>>;
  /** The tenant's audit events with the person as actor, or about one of their roster rows. */
  auditEventsOf(tenantId: string, who: PersonIdentity): Promise<AuditEvent[]>;
  /** The tenant's approved minutes versions whose content names the person. */
  approvedMinutesNaming(tenantId: string, who: PersonIdentity): Promise<MinutesRef[]>;
  /** The facts frozen for a meeting's members (erasure, retention), by member id. */
  settled(tenantId: string, meetingId: string): Promise<Map<string, SettledFacts>>;
  /** Pseudonymises the person in the plan's tenant everywhere but approved minutes and the audit trail, in one transaction, audited. */
  erase(plan: ErasurePlan): Promise<ErasureReport>;
  /** Meetings (of every tenant) whose minutes were approved at or before the cut-offs and still hold raw data of that kind. */
  dueForRetention(cutoffs: { raw?: string; answers?: string }): Promise<RetentionCandidate[]>;
  /** Freezes the facts and deletes the meeting's raw data, in one transaction with its audit event (in the meeting's tenant). */
  purge(input: PurgeInput): Promise<PurgeCounts>;
  /** Appends an audit event of its own (an export, a retention run's totals). */
  audit(event: Omit<AuditEvent, 'id'>): Promise<void>;
}
