/** The tab API's shapes for a meeting's transcript (GET …/transcript, POST …/transcript/notes). */

/** One cue of a meeting's transcript: its times (ISO instants), the speaker (a member's roster name where matched). */
export interface TranscriptCueRow {
  id: string;
  start: string;
  end: string;
  speaker: string | null;
  text: string;
}

/**
 * GET /api/tab/meetings/:meetingId/transcript: the cues per agenda item, by the items' actual times;
 * `number` null (with `place`) for what was said before the agenda began and after it was done.
 */
export interface TranscriptPageView {
  meeting: { id: string; title: string; groupId?: string; date?: string };
  /** False when the tenant gives transcripts without speakers. */
  attributed: boolean;
  /** The transcripts were deleted after the retention time. */
  deleted: boolean;
  /** The caller may take passages as notes (secretary, chair, vice chair, organizer). */
  mayTakeNotes: boolean;
  /** The local reader (no sign-in) sees the items, never what was said. */
  withheld: boolean;
  items: Array<{ number: number | null; place: 'before' | 'item' | 'after'; title: string; cues: TranscriptCueRow[] }>;
}

/** POST /api/tab/meetings/:meetingId/transcript/notes: the chosen cues as a note on the item (null: none). */
export interface TranscriptNoteRequest {
  itemNumber: number | null;
  cueIds: string[];
  requestId: string;
}

export interface TranscriptNoteResult {
  noteId: string;
  agendaItem: number | null;
  text: string;
}
