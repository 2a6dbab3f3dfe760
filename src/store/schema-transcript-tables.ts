/** The transcript tables (migration 0016). `cues` is JSON text; booleans are 0/1. */
export interface TranscriptsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  graph_id: string;
  started_at: string;
  ended_at: string | null;
  attributed: number;
  fetched_at: string;
  cues: string;
}

export interface TranscriptMeetingsTable {
  tenant_id: string;
  meeting_id: string;
  announced_at: string | null;
  deleted_at: string | null;
}

export interface TranscriptGroupSettingsTable {
  tenant_id: string;
  group_id: string;
  members_read: number;
}
