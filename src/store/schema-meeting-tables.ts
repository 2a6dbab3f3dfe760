/** Tables of what a meeting holds and records: its agenda, answers, attendance, decisions, notes, actions, minutes. */
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
  agenda_done_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  notice_activity_id: string | null;
  notice_sent_at: string | null;
  checkin_activity_id: string | null;
  graph_meeting_id: string | null;
  attendance_imported_at: string | null;
  attendance_denied_at: string | null;
  /** When the booking was cancelled (migration 0015). */
  cancelled_at: string | null;
  /** Where the notice card was posted (migration 0017). */
  notice_conversation_reference: string | null;
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
  /** null: a numbered item; `break` or `end`: a row without number or type (stored with a negative number). */
  kind: string | null;
  /** The item's heading in the minutes, when it differs from its title. */
  heading: string | null;
  /** 1 while the row is the untouched template. */
  from_template: number;
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
  /** Who comes instead (migration 0017). */
  substitute: string | null;
}

export interface CheckinAnswersTable extends AnswerColumns {
  mood: string;
  text: string | null;
  in_room: number;
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
  heading: string | null;
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

export interface AttachmentsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  agenda_item: number | null;
  title: string;
  url: string | null;
  origin: string;
  added_by_id: string;
  added_by_aad_object_id: string | null;
  added_by_name: string;
  added_at: string;
  source_key: string;
}
