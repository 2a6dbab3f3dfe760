/**
 * The parse tree of the council's minutes (seeds 001 and 003): what `parseCouncilMinutes` reads from a .txt,
 * .md or .docx and what `renderCouncilText` writes back. It keeps the headings as the document wrote them
 * ("Kommun" or "Kommun/Organisation", "Justerat av" or "Justeras av") so a round trip loses nothing, beside
 * the typed values (ISO date, HH:MM times, S × K = R) that an import into the store needs.
 * Every node carries the 1-based line it began on, for messages.
 */

/** The agenda's item types: [I] information, [D] discussion, [A] work item (arbetsmoment). */
export type AgendaItemType = 'I' | 'D' | 'A';

/** A clock time as `HH:MM` (the council writes 13.00; both are read). */
export type ClockTime = string;

export interface CouncilMinutes {
  /** "Minnesanteckningar" (or "Protokoll"), as written. */
  title: string;
  /** The body that met: "Digital motor Fyrbodal", "Fyrbodals nätverk för e-samhälle". */
  body: string;
  /** Lines between the body's name and the meeting information, if any (kept, not interpreted). */
  preamble: string[];
  info: MeetingInfo;
  /** Deltagare, Förhindrade, Föredragande… in the document's order. */
  people: PeopleTable[];
  agenda?: Agenda;
  items: ItemSection[];
  recordedBy?: SignOff;
  approvedBy?: SignOff;
  attachments?: Attachments;
}

export interface MeetingInfo {
  line: number;
  /** "Information om möte", as written. */
  heading: string;
  /** Kallade: who was called (a group, not a list of people). */
  called?: string;
  /** Datum, as `YYYY-MM-DD`. */
  date: string;
  /** Tid: "13.00-16.00" → { start: '13:00', end: '16:00' }. */
  time?: { start: ClockTime; end?: ClockTime };
  /** Plats. */
  place?: string;
  /** Rows with other keys, kept as written. */
  other: InfoRow[];
  /** "Datum" and "Tid" as written, when not in the plain form (`kl. 13.00–16.00`, `fredag 27 november 2020`). */
  written?: { date?: string; time?: string };
}

export interface InfoRow {
  line: number;
  key: string;
  value: string;
}

/** present: Deltagare; excused: Förhindrade; absent: Frånvarande; presenters: Föredragande, Adjungerade. */
export type PeopleRole = 'present' | 'excused' | 'absent' | 'presenters';

export interface PeopleTable {
  line: number;
  role: PeopleRole;
  heading: string;
  /** The header row as written: ["Namn", "Kommun"], ["Namn", "Kommun/Organisation", "E-post"]. */
  columns: string[];
  people: Person[];
}

export interface Person {
  line: number;
  name: string;
  /** The Kommun/Organisation cell; "Lysekil, Munkedal, Sotenäs" stays one string. */
  organisation?: string;
  /** Cells after the organisation (an e-mail column), as written. */
  more: string[];
}

export interface Agenda {
  line: number;
  /** "Dagordning" or "Mötespunkter". */
  heading: string;
  /** "Mötespunktens typ anges som [I] för informationspunkt, …". */
  legend?: string;
  /** The header row as written: Punkt, Typ, Beskrivning, Ansvarig[, Ca tid]. */
  columns: string[];
  rows: AgendaRow[];
}

export type AgendaRow = AgendaItemRow | AgendaBreakRow;

export interface AgendaItemRow {
  kind: 'item';
  line: number;
  number: number;
  type: AgendaItemType;
  title: string;
  responsible?: string;
  /** Ca tid: the planned start. */
  time?: ClockTime;
}

/** A row without number and type: "PAUS … 14.30", "AVSLUT … 16.00". */
export interface AgendaBreakRow {
  kind: 'break';
  line: number;
  /** "PAUS", "AVSLUT", as written. */
  label: string;
  /** The description cell, when the row has one. */
  text?: string;
  time?: ClockTime;
}

/** "1) Statusrapport" and what is written under it; its heading may differ from the agenda's title. */
export interface ItemSection {
  line: number;
  number: number;
  heading: string;
  blocks: ItemBlock[];
}

/** What notes are made of: the blocks a risk follow-up may hold too. */
export type NoteBlock = Paragraph | SubHeading | BulletList | Decision | Table;
export type ItemBlock = NoteBlock | RiskTable | RiskFollowUp;

export interface Paragraph {
  kind: 'paragraph';
  line: number;
  /** "Diskussion", "Åtgärd", "Kommentar" when the paragraph starts "Diskussion: …". */
  label?: string;
  text: string;
}

/** A short line standing alone before paragraphs or a list ("Nulägesanalys"). */
export interface SubHeading {
  kind: 'subheading';
  line: number;
  text: string;
}

export interface BulletList {
  kind: 'bullets';
  line: number;
  items: string[];
}

/** "Beslut:" / "Beslut §3:" and what was decided; a heading when the text follows on the next line. */
export interface Decision {
  kind: 'decision';
  line: number;
  /** The § number, when the minutes number decisions. */
  paragraph?: number;
  heading?: string;
  text: string;
}

/** A table inside an item that is not a risk table: cells as written. */
export interface Table {
  kind: 'table';
  line: number;
  rows: string[][];
}

export interface RiskTable {
  kind: 'risks';
  line: number;
  /** "Risker", as written (absent when the table starts at its header row). */
  caption?: string;
  /** ID, Hot, Sårbarhet, Konsekvens, S, K, R, Åtgärd as written. */
  columns: string[];
  risks: RiskRow[];
}

export interface RiskRow {
  line: number;
  /** "R1". */
  id: string;
  threat: string;
  vulnerability: string;
  consequence: string;
  /** S, sannolikhet, 1–5. */
  probability: number;
  /** K, konsekvens, 1–5. */
  impact: number;
  /** R = S × K (checked when read). */
  score: number;
  /** The Åtgärd cell: "Ja", "Nej", or a text. */
  action: string;
}

/** "R1 Förstudien står utan projektledare" and the paragraphs that follow it. */
export interface RiskFollowUp {
  kind: 'riskFollowUp';
  line: number;
  id: string;
  heading: string;
  blocks: NoteBlock[];
}

export interface SignOff {
  line: number;
  /** "Antecknat av", "Justerat av" or "Justeras av", as written. */
  heading: string;
  /** One name a line; two adjusters are two names. */
  names: string[];
}

export interface Attachments {
  line: number;
  heading: string;
  items: Attachment[];
}

/** "- 2020-11-30 - Bilaga 1-Presentation av möte". */
export interface Attachment {
  line: number;
  date?: string;
  title: string;
}

/** A document that cannot be read as minutes: the line, what was expected there, and what was found. */
export class MinutesFormatError extends Error {
  override name = 'MinutesFormatError';
  constructor(
    readonly line: number,
    readonly expected: string,
    readonly found?: string,
    /** Whose lines are counted, when not the file's own (" of the text read from the Word document"). */
    readonly of = '',
  ) {
    super(`Line ${line}${of}: expected ${expected}${found === undefined ? '' : `, found “${found.length > 80 ? `${found.slice(0, 77)}…` : found}”`}.`);
  }
}
