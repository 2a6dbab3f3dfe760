/** Meetings brought in from minutes written before Rådslag (implemented in src/store). */
import type { Stored } from './stored';

/** Who the minutes list in one table, as they wrote it. */
export interface ImportPeopleTable {
  role: 'present' | 'excused' | 'absent' | 'presenters';
  /** "Deltagare", "Förhindrade", "Föredragande" … as written. */
  heading: string;
  /** The header row: ["Namn", "Kommun"], ["Namn", "Kommun/Organisation", "E-post"]. */
  columns: string[];
}

/**
 * What stood under an item, in order: a stored note, a decision, the risk table (its rows by the ids the
 * minutes gave them), or a risk's follow-up. Writing the meeting back takes the stored records in this order.
 */
export type ImportBlock =
  | { kind: 'note' }
  | { kind: 'decision' }
  | { kind: 'risks'; caption?: string; columns: string[]; ids: string[] }
  | { kind: 'followUp'; id: string; heading?: string };

/**
 * How imported minutes were laid out, where the store keeps no such thing: headings as written, the table
 * columns, the lines it has no field for. Kept with the meeting so that the stored meeting can be written
 * back in the same format; the meeting's facts (people, agenda, notes, decisions, risks) are in the store.
 */
export interface ImportLayout {
  /** "Minnesanteckningar" as written. */
  title: string;
  /** Lines between the body's name and the meeting information. */
  preamble: string[];
  info: {
    /** "Information om möte". */
    heading: string;
    /** "Kallade": who was called (a body, not a list of people). */
    called?: string;
    /** "Plats" as written ("Via Microsoft Teams", "Kommunhuset"). */
    place?: string;
    /** Whether "Tid" gave a start and end, a start only, or nothing (the stored times are then assumed). */
    time: 'span' | 'start' | 'none';
    other: Array<{ key: string; value: string }>;
    /** "Datum" and "Tid" as written ("kl. 13.00–16.00"), with the plain value they were read as: written so while the meeting keeps it. */
    written?: { date?: { text: string; value: string }; time?: { text: string; value: string } };
  };
  people: ImportPeopleTable[];
  /** Folded names (normaliseName) of those listed as presenters, stored as guests or members present. */
  presenters: string[];
  agenda?: {
    heading: string;
    legend?: string;
    columns: string[];
    /** The first cell of each break row, in order ("PAUS", "LUNCH", "AVSLUT"). */
    breakLabels: string[];
    /** Stored items that the agenda table did not list (the minutes had a section for them only). */
    omitted: number[];
    /** Rows (by place in the agenda) whose time was moved to rise past the row before: the time as written. */
    moved?: Array<{ row: number; written: string; stored: string }>;
  };
  /** The items the minutes wrote a section for, by stored number; `written` when they numbered it otherwise. */
  items: Array<{ number: number; written?: number; blocks: ImportBlock[] }>;
  /** Per stored decision, in order: the § the minutes wrote, or null for "Beslut:". */
  decisionNumbers: Array<number | null>;
  /** The minutes' risk ids ("R1") and the codes the register gave them; filled in by the import. */
  riskCodes: Record<string, string>;
  recordedBy?: { heading: string; more: string[] };
  approvedBy?: { heading: string; more: string[] };
  /** `undated`: the titles of the attachments listed without a date. */
  attachments?: { heading: string; undated: string[] };
}

export interface MeetingImport {
  tenantId: string;
  meetingId: string;
  groupId: string;
  /** From the hash of the document's content: the same document imported twice is one meeting. */
  sourceKey: string;
  /** The group had no roster when the import began: the people listed became its members. */
  membersFromMinutes: boolean;
  layout: ImportLayout;
  startedAt: string;
  /** Unset while an import that failed half-way waits to be run again. */
  completedAt?: string;
}

export type NewMeetingImport = Omit<MeetingImport, 'completedAt'>;

export interface ImportRepository {
  /** Keeps the start of an import; a meeting begun before returns what was kept then (`created` false). */
  begin(input: NewMeetingImport): Promise<Stored<MeetingImport>>;
  /** Marks it done, with its final layout. */
  complete(tenantId: string, meetingId: string, layout: ImportLayout, at: string): Promise<MeetingImport>;
  /** The import of a meeting; its layout checked as it is read (a layout that fails the check is an error). */
  get(tenantId: string, meetingId: string): Promise<MeetingImport | undefined>;
  /** The import of a document, by its source key. */
  findBySource(tenantId: string, sourceKey: string): Promise<MeetingImport | undefined>;
}
