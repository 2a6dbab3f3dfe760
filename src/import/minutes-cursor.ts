/**
 * What the minutes parser walks with: a cursor over the lines, the words that open each section of the
 * council's format, and the readers of its values (dates, clock times). Headings are matched without case
 * and without a trailing colon; Rådslag's English headings (Participants, Agenda …) are accepted too.
 */
import { MinutesFormatError, type ClockTime, type PeopleRole, type RiskRow } from './minutes-tree';
import type { SourceLine } from './minutes-lines';

export class Cursor {
  constructor(
    private readonly lines: readonly SourceLine[],
    /** Markdown wraps a paragraph over lines (they join with a space); in .txt and Word a line break is kept. */
    readonly softWrap = false,
    private i = 0,
  ) {}

  /** A cursor at the same place, to look ahead without moving this one. */
  clone(): Cursor {
    return new Cursor(this.lines, this.softWrap, this.i);
  }

  /** The lines of one paragraph as its text. */
  join(parts: readonly string[]): string {
    return parts.join(this.softWrap ? ' ' : '\n');
  }

  peek(): SourceLine | undefined {
    return this.lines[this.i];
  }

  next(): SourceLine {
    const l = this.lines[this.i];
    if (!l) throw new Error('Cursor.next past the end'); // callers peek first
    this.i++;
    return l;
  }

  skipBlank(): void {
    while (this.lines[this.i]?.text === '') this.i++;
  }

  /** The line at the cursor has a blank line (or nothing) before and after it: a block of its own. */
  alone(): boolean {
    const before = this.lines[this.i - 1];
    const after = this.lines[this.i + 1];
    return (!before || before.text === '') && (!after || after.text === '');
  }

  /** The first non-blank line after the one at the cursor. */
  peekNextBlock(): SourceLine | undefined {
    let j = this.i + 1;
    while (this.lines[j]?.text === '') j++;
    return this.lines[j];
  }

  /** The document's last line with text, for "expected …, found the end" messages. */
  endLine(): number {
    return [...this.lines].reverse().find((l) => l.text !== '')?.line ?? 1;
  }

  expected(what: string): MinutesFormatError {
    const l = this.peek();
    return l ? new MinutesFormatError(l.line, what, l.text.replace(/\t/g, ' | ')) : new MinutesFormatError(this.endLine(), what, 'the end of the document');
  }
}

/** A heading's words: lower case, one space, no trailing colon. */
export const key = (s: string): string =>
  s
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*:$/, '')
    .trim();

export const TITLE = /^(minnesanteckningar|protokoll|minutes)\b/i;
export const INFO_HEADINGS = new Set(['information om möte', 'information om mötet', 'mötesinformation', 'meeting information']);
export const AGENDA_HEADINGS = new Set(['dagordning', 'mötespunkter', 'agenda']);
export const ATTACHMENT_HEADINGS = new Set(['bilagor', 'bilaga', 'attachments']);
export const PEOPLE_HEADINGS: ReadonlyMap<string, PeopleRole> = new Map<string, PeopleRole>([
  ['deltagare', 'present'],
  ['närvarande', 'present'],
  ['participants', 'present'],
  ['förhindrade', 'excused'],
  ['anmält förhinder', 'excused'],
  ['excused', 'excused'],
  ['frånvarande', 'absent'],
  ['absent', 'absent'],
  ['föredragande', 'presenters'],
  ['adjungerade', 'presenters'],
  ['adjungerade och föredragande', 'presenters'],
  ['co-opted and presenters', 'presenters'],
]);

/** The agenda's columns by what they hold; the header row may name them any of these ways. */
export const AGENDA_COLUMNS = {
  number: ['punkt', 'nr', 'item'],
  type: ['typ', 'type'],
  title: ['beskrivning', 'mötespunkt', 'rubrik', 'ärende', 'description'],
  responsible: ['ansvarig', 'föredragande', 'responsible'],
  time: ['ca tid', 'tid', 'starttid', 'approx. time', 'time'],
} as const;

/** The risk table's columns by the field they fill. */
export const RISK_COLUMNS: Record<keyof Omit<RiskRow, 'line'>, readonly string[]> = {
  id: ['id', 'nr'],
  threat: ['hot', 'threat'],
  vulnerability: ['sårbarhet', 'vulnerability'],
  consequence: ['konsekvens', 'consequence'],
  probability: ['s'],
  impact: ['k'],
  score: ['r'],
  action: ['åtgärd', 'action'],
};

/**
 * "Antecknat av" / "Justerat av" (the name may follow on the line), or "Sekreterare" / "Justerare" alone or
 * with a colon; a longer line or a sentence starting so ("Sekreterare för mötet var …") is text, not a sign-off.
 */
const SIGN_OFF_BY = /^(antecknat av|antecknad av|justerat av|justerad av|justeras av|recorded by|approved by|to be approved by)\b\s*:?\s*(.*)$/i;
const SIGN_OFF_ROLE = /^(sekreterare|justerare|justeringsperson|vid protokollet)\s*(?::\s*(.*))?$/i;
export function signOff(text: string): { heading: string; name: string } | undefined {
  const m = SIGN_OFF_BY.exec(text) ?? SIGN_OFF_ROLE.exec(text);
  const name = (m?.[2] ?? '').trim();
  if (!m || name.length > 60 || /[.!?]$/.test(name)) return undefined;
  return { heading: m[1]!, name };
}

export const isRecording = (heading: string): boolean => /^(antecknat av|antecknad av|sekreterare|vid protokollet|recorded by)$/i.test(heading.trim());

/** "1) Statusrapport"; "1. Statusrapport" only where the agenda has item 1 or the source marked a heading. */
export const ITEM_PAREN = /^(\d{1,2})\)\s*(\S.*)$/;
export const ITEM_DOT = /^(\d{1,2})\.\s+(\S.*)$/;

/** Text, or a table row of one cell: Word tables often carry their heading as a merged first row. */
export const isSingle = (l: SourceLine): boolean => !l.row || l.cells.length === 1;
export const isInfoHeading = (l: SourceLine): boolean => isSingle(l) && INFO_HEADINGS.has(key(l.text));
export const isAgendaHeading = (l: SourceLine): boolean => isSingle(l) && AGENDA_HEADINGS.has(key(l.text));
export const peopleRole = (l: SourceLine): PeopleRole | undefined => (isSingle(l) ? PEOPLE_HEADINGS.get(key(l.text)) : undefined);
export const isAttachmentsHeading = (l: SourceLine): boolean => isSingle(l) && ATTACHMENT_HEADINGS.has(key(l.text));
export const isSignOff = (l: SourceLine): boolean => !l.row && signOff(l.text) !== undefined;
/** The sections after the items: who recorded, who approved, the attachments. */
export const isTail = (l: SourceLine): boolean => isSignOff(l) || isAttachmentsHeading(l);

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

const isoDate = (y: number, m: number, d: number): string | undefined => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** "2020-11-27", or as Swedish prose writes it: "(fredag) 27 november 2020". */
export function readDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const prose = /^(?:[a-zåäö]+dag\s+)?(\d{1,2})\s+([a-zåäö]+)\s+(\d{4})$/i.exec(text.trim());
  const month = prose ? MONTHS.indexOf(prose[2]!.toLowerCase()) + 1 : 0;
  return prose && month > 0 ? isoDate(Number(prose[3]), month, Number(prose[1])) : undefined;
}

/** "13.00", "13:00" or "13" as "13:00"; undefined for anything else. */
export function readClock(text: string): ClockTime | undefined {
  const m = /^(?:kl\.?\s*)?(\d{1,2})(?:[.:](\d{2}))?$/i.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = m[2] ?? '00';
  return h < 24 && Number(min) < 60 ? `${String(h).padStart(2, '0')}:${min}` : undefined;
}

/** "13.00-16.00", "kl. 13.00–16.00", "13-16", "13.00": a start and maybe an end. */
export function readTimeSpan(text: string): { start: ClockTime; end?: ClockTime } | undefined {
  const m = /^(?:kl\.?\s*)?(\d{1,2}(?:[.:]\d{2})?)(?:\s*[-–—]\s*(\d{1,2}(?:[.:]\d{2})?))?$/i.exec(text.trim());
  if (!m) return undefined;
  const start = readClock(m[1]!);
  const end = m[2] === undefined ? undefined : readClock(m[2]);
  if (!start || (m[2] !== undefined && !end)) return undefined;
  return end ? { start, end } : { start };
}
