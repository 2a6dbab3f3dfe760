/** Tables of a group: its roster, and its registers of risks and capabilities. */
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
  /** 1: decisions are numbered §1, §2, …; 0: written "Beslut:" without a number. */
  decision_numbering: number;
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
