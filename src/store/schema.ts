/**
 * Table types for Kysely. Timestamps are ISO-8601 text and booleans 0/1, so both stores read the same.
 * The tables themselves are created and changed by src/store/migrations/.
 */
import type {
  CapabilitiesTable,
  CapabilityAssessmentsTable,
  CapabilityMapsTable,
  CapabilityRequestsTable,
  GroupsTable,
  MembersTable,
  RiskRegistersTable,
  RiskReviewsTable,
  RisksTable,
} from './schema-group-tables';
import type {
  ActionsTable,
  AgendaItemsTable,
  AttachmentsTable,
  AttendanceCorrectionsTable,
  AttendanceRecordsTable,
  CheckinAnswersTable,
  DecisionsTable,
  MeetingSecretariesTable,
  MeetingsTable,
  MinutesVersionsTable,
  NotesTable,
  NoticeResponsesTable,
} from './schema-meeting-tables';
import type { AttendanceSettledTable, ErasuresTable, RetentionPurgesTable } from './schema-privacy-tables';
import type { TranscriptGroupSettingsTable, TranscriptMeetingsTable, TranscriptsTable } from './schema-transcript-tables';

// The tables' row types, for the repositories.
export type * from './schema-group-tables';
export type * from './schema-meeting-tables';
export type * from './schema-privacy-tables';
export type * from './schema-transcript-tables';

/** A meeting imported from minutes (migration 0014); `layout` is JSON text. */
export interface MeetingImportsTable {
  meeting_id: string;
  tenant_id: string;
  group_id: string;
  source_key: string;
  members_from_minutes: number;
  layout: string;
  started_at: string;
  completed_at: string | null;
}

export interface JobsTable {
  id: string;
  tenant_id: string;
  kind: string;
  unique_key: string;
  run_at: string;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  locked_until: string | null;
  last_error: string | null;
  done_at: string | null;
}

export interface AuditEventsTable {
  id: string;
  tenant_id: string;
  at: string;
  actor_id: string;
  actor_aad_object_id: string | null;
  actor_name: string;
  entity: string;
  entity_id: string;
  action: string;
  meeting_id: string | null;
  details: string;
}

/** The last § given in a meeting (migration 0019; PostgreSQL's numbering, see decision-repository.ts). */
export interface DecisionNumbersTable {
  tenant_id: string;
  meeting_id: string;
  last: number;
}

export interface Database {
  audit_events: AuditEventsTable;
  decision_numbers: DecisionNumbersTable;
  minutes_versions: MinutesVersionsTable;
  capability_maps: CapabilityMapsTable;
  capabilities: CapabilitiesTable;
  capability_assessments: CapabilityAssessmentsTable;
  capability_requests: CapabilityRequestsTable;
  risk_reviews: RiskReviewsTable;
  attendance_records: AttendanceRecordsTable;
  attendance_corrections: AttendanceCorrectionsTable;
  agenda_items: AgendaItemsTable;
  notice_responses: NoticeResponsesTable;
  checkin_answers: CheckinAnswersTable;
  jobs: JobsTable;
  groups: GroupsTable;
  members: MembersTable;
  meetings: MeetingsTable;
  decisions: DecisionsTable;
  risk_registers: RiskRegistersTable;
  risks: RisksTable;
  meeting_secretaries: MeetingSecretariesTable;
  meeting_adjusters: MeetingSecretariesTable;
  notes: NotesTable;
  actions: ActionsTable;
  attachments: AttachmentsTable;
  meeting_imports: MeetingImportsTable;
  transcripts: TranscriptsTable;
  transcript_meetings: TranscriptMeetingsTable;
  transcript_group_settings: TranscriptGroupSettingsTable;
  attendance_settled: AttendanceSettledTable;
  retention_purges: RetentionPurgesTable;
  erasures: ErasuresTable;
}
