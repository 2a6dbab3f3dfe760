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
}

export interface RiskRegistersTable {
  id: string;
  tenant_id: string;
  conversation_id: string | null;
  created_at: string;
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

export interface Database {
  meetings: MeetingsTable;
  decisions: DecisionsTable;
  risk_registers: RiskRegistersTable;
  risks: RisksTable;
  meeting_secretaries: MeetingSecretariesTable;
}
