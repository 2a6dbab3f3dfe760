/**
 * Meeting transcripts (issue 20): fetched from Graph by a TranscriptSource (src/graph), kept by a
 * TranscriptRepository (src/store) until the retention job deletes them. Cue times are absolute ISO instants:
 * a transcript's own offsets added to when it started, so several transcripts of one meeting join in time.
 */
import type { PersonRef } from '../../domain/person';

/** One cue as Graph's WebVTT gave it: seconds from the transcript's start; `speaker` from its `<v>` tag. */
export interface FetchedCue {
  startSeconds: number;
  endSeconds: number;
  speaker?: string;
  text: string;
}

export interface FetchedTranscript {
  /** Graph's callTranscript id. */
  graphId: string;
  /** Graph's createdDateTime: when the transcription started (the cues' time zero). */
  startedAt: string;
  endedAt?: string;
  /** False when the tenant switched speaker attribution off and the cues came without speakers. */
  attributed: boolean;
  cues: FetchedCue[];
}

export interface TranscriptSource {
  /** Every transcript of the online meeting with its content; none yet is an empty list. */
  fetchTranscripts(organizerUserId: string, onlineMeetingId: string): Promise<FetchedTranscript[]>;
}

/** Graph refused the transcripts (no permission, no RSC grant in the meeting chat, no access policy). */
export class TranscriptAccessDenied extends Error {
  override readonly name = 'TranscriptAccessDenied';
}

export interface TranscriptCue {
  /** Stable across reads: the stored transcript's id and the cue's place in it. */
  id: string;
  start: string;
  end: string;
  speaker?: string;
  text: string;
}

export interface StoredTranscript {
  id: string;
  meetingId: string;
  graphId: string;
  startedAt: string;
  endedAt?: string;
  attributed: boolean;
  fetchedAt: string;
  cues: TranscriptCue[];
}

export interface TranscriptRepository {
  /** Stores the transcripts not stored before (by Graph id); returns how many were new. */
  saveNew(tenantId: string, meetingId: string, transcripts: readonly FetchedTranscript[], at: string): Promise<number>;
  list(tenantId: string, meetingId: string): Promise<StoredTranscript[]>;
  /** When the chat was told, and when the transcripts were deleted (a later fetch stores nothing). */
  state(tenantId: string, meetingId: string): Promise<{ announcedAt?: string; deletedAt?: string }>;
  /** True only for the first caller: the chat gets one card. */
  markAnnounced(tenantId: string, meetingId: string, at: string): Promise<boolean>;
  /** Deletes the meeting's transcripts and appends the audit event, in one transaction; returns how many. */
  deleteForMeeting(tenantId: string, meetingId: string, at: string, by: PersonRef, details: Record<string, unknown>): Promise<number>;
  membersRead(tenantId: string, groupId: string): Promise<boolean>;
  setMembersRead(tenantId: string, groupId: string, on: boolean): Promise<void>;
}
