/** Table types for Kysely. Timestamps are ISO-8601 text and booleans 0/1, so both stores read the same. */
export interface MeetingsTable {
  id: string;
  tenant_id: string;
  teams_meeting_id: string;
  conversation_id: string;
  title: string | null;
  starts_at: string | null;
  ends_at: string | null;
  organizer_aad_object_id: string | null;
  created_at: string;
  group_id: string | null;
  scheduled_by_id: string | null;
  scheduled_by_aad_object_id: string | null;
  scheduled_by_name: string | null;
  schedule_source_key: string | null;
  graph_event_id: string | null;
  join_url: string | null;
  override_rule: string | null;
  override_reason: string | null;
  override_by_name: string | null;
  install_status: string | null;
  conversation_reference: string | null;
  agenda_activity_id: string | null;
  current_item: number | null;
  started_at: string | null;
  ended_at: string | null;
  notice_activity_id: string | null;
  notice_sent_at: string | null;
  checkin_activity_id: string | null;
  graph_meeting_id: string | null;
  attendance_imported_at: string | null;
  attendance_denied_at: string | null;
}

export interface DecisionsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  number: number;
  text: string;
  recorded_by_id: string;
  recorded_by_aad_object_id: string | null;
  recorded_by_name: string;
  recorded_at: string;
  status: 'active' | 'retracted';
  retracted_by_id: string | null;
  retracted_by_aad_object_id: string | null;
  retracted_by_name: string | null;
  retracted_at: string | null;
  source_key: string;
  agenda_item: number | null;
}

export interface RiskRegistersTable {
  id: string;
  tenant_id: string;
  conversation_id: string | null;
  created_at: string;
  group_id: string | null;
}

export interface RisksTable {
  id: string;
  tenant_id: string;
  register_id: string;
  number: number;
  threat: string;
  vulnerability: string | null;
  consequence: string | null;
  probability: number;
  impact: number;
  action_needed: number;
  action: string | null;
  owner: string | null;
  status: 'open' | 'handled' | 'closed';
  meeting_id: string | null;
  raised_by_id: string;
  raised_by_aad_object_id: string | null;
  raised_by_name: string;
  raised_at: string;
  source_key: string;
  agenda_item: number | null;
  raised_probability: number | null;
  raised_impact: number | null;
}

export interface MeetingSecretariesTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  person_id: string;
  person_aad_object_id: string | null;
  person_name: string;
  appointed_by_id: string;
  appointed_by_name: string;
  appointed_at: string;
}

export interface GroupsTable {
  id: string;
  tenant_id: string;
  name: string;
  name_key: string;
  kind: string;
  conversation_id: string;
  conversation_reference: string | null;
  preparation_group_id: string | null;
  notice_days: number;
  preparation_days_before: number;
  meetings_per_year: number;
  created_by_id: string;
  created_by_aad_object_id: string | null;
  created_by_name: string;
  created_at: string;
}

export interface MembersTable {
  id: string;
  tenant_id: string;
  group_id: string;
  person_id: string;
  aad_object_id: string | null;
  name: string;
  email: string | null;
  organisation: string | null;
  role: string;
  valid_from: string;
  valid_to: string | null;
  created_at: string;
}

export interface AgendaItemsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  number: number;
  type: string;
  title: string;
  responsible: string | null;
  planned_start: string;
  description: string | null;
  links: string | null;
  actual_start: string | null;
}

interface AnswerColumns {
  tenant_id: string;
  meeting_id: string;
  person_key: string;
  person_id: string;
  person_aad_object_id: string | null;
  person_name: string;
  answered_at: string;
  via: string;
}

export interface NoticeResponsesTable extends AnswerColumns {
  attending: number;
  note: string | null;
}

export interface CheckinAnswersTable extends AnswerColumns {
  mood: string;
  text: string | null;
  in_room: number;
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

export interface AttendanceRecordsTable {
  tenant_id: string;
  meeting_id: string;
  report_id: string;
  record_id: string;
  aad_object_id: string | null;
  record_tenant_id: string | null;
  email: string | null;
  display_name: string;
  role: string;
  seconds: number;
  imported_at: string;
}

export interface AttendanceCorrectionsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  member_id: string;
  status: string;
  by_id: string;
  by_name: string;
  at: string;
}

export interface RiskReviewsTable {
  id: string;
  tenant_id: string;
  risk_id: string;
  meeting_id: string | null;
  agenda_item: number | null;
  probability: number;
  impact: number;
  status: string;
  note: string | null;
  reviewed_by_id: string;
  reviewed_by_aad_object_id: string | null;
  reviewed_by_name: string;
  reviewed_at: string;
  source_key: string;
}

export interface MinutesVersionsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  version: number;
  content: string;
  content_hash: string;
  status: string;
  created_by_id: string;
  created_by_aad_object_id: string | null;
  created_by_name: string;
  created_at: string;
  sent_by_id: string | null;
  sent_by_aad_object_id: string | null;
  sent_by_name: string | null;
  sent_at: string | null;
  approved_by_id: string | null;
  approved_by_aad_object_id: string | null;
  approved_by_name: string | null;
  approved_at: string | null;
  changes_by_id: string | null;
  changes_by_aad_object_id: string | null;
  changes_by_name: string | null;
  changes_at: string | null;
  changes_note: string | null;
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

export interface CapabilityMapsTable {
  tenant_id: string;
  group_id: string;
  vision: string | null;
  organisations: string | null;
  updated_at: string;
}

export interface CapabilitiesTable {
  id: string;
  tenant_id: string;
  group_id: string;
  code: string;
  code_key: string;
  area: string;
  name: string;
  description: string | null;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface CapabilityAssessmentsTable {
  tenant_id: string;
  group_id: string;
  capability_id: string;
  organisation_key: string;
  organisation: string;
  maturity: number;
  importance: number;
  assessed_by_id: string;
  assessed_by_aad_object_id: string | null;
  assessed_by_name: string;
  assessed_at: string;
  via: string;
}

export interface CapabilityRequestsTable {
  tenant_id: string;
  group_id: string;
  request_id: string;
  kind: string;
  organisation_key: string | null;
  result: string;
  at: string;
}

export interface Database {
  audit_events: AuditEventsTable;
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
}

export interface NotesTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  agenda_item: number | null;
  text: string;
  recorded_by_id: string;
  recorded_by_aad_object_id: string | null;
  recorded_by_name: string;
  recorded_at: string;
  source_key: string;
}

export interface ActionsTable {
  id: string;
  tenant_id: string;
  group_id: string | null;
  meeting_id: string;
  agenda_item: number | null;
  text: string;
  owner: string | null;
  due: string | null;
  status: 'open' | 'done';
  created_by_id: string;
  created_by_aad_object_id: string | null;
  created_by_name: string;
  created_at: string;
  done_by_id: string | null;
  done_by_aad_object_id: string | null;
  done_by_name: string | null;
  done_at: string | null;
  source_key: string;
}
