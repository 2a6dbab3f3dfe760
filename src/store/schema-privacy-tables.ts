/** Tables of personal-data handling (migration 0018): frozen attendance facts, deletions done, erasure numbers. */
export interface AttendanceSettledTable {
  tenant_id: string;
  meeting_id: string;
  member_id: string;
  seconds: number;
  checked_in: number;
  gave_notice: number;
  settled_at: string;
}

export interface RetentionPurgesTable {
  tenant_id: string;
  meeting_id: string;
  raw_deleted_at: string | null;
  answers_deleted_at: string | null;
}

export interface ErasuresTable {
  number: number;
  erased_at: string;
}
