/**
 * What is written under an item's heading: paragraphs, sub-headings, bullet lists, decisions, a risk table
 * and the risks' follow-ups. The .txt format marks none of these but by layout, so the rules are the
 * council's habits: a sub-heading is a short line alone before more text, a decision starts "Beslut:" (or
 * "Beslut §n:"), a follow-up starts with the risk's id ("R2 Underlaget …"), a list is "- " lines.
 */
import { Cursor, RISK_COLUMNS, key } from './minutes-cursor';
import { BULLET, type SourceLine } from './minutes-lines';
import {
  MinutesFormatError,
  type BulletList,
  type Decision,
  type ItemBlock,
  type NoteBlock,
  type Paragraph,
  type RiskFollowUp,
  type RiskRow,
  type RiskTable,
  type Table,
} from './minutes-tree';

/** True where the item's text ends: the next item's heading, or the sections after the items. */
export type AtBoundary = (c: Cursor) => boolean;

const DECISION = /^(?:Beslut|Decision)\s*(?:§\s*(\d+))?\s*:\s*(?:§\s*(\d+)\b\s*)?(.*)$/i;
const DECISION_HEADING = /^Beslut om\s+\S/i;
const LABELLED = /^(Diskussion|Åtgärd|Kommentar|Notering|Fråga|Svar|Discussion|Action|Comment)\s*:\s*(\S[\s\S]*)$/;
const RISK_FOLLOW_UP = /^(R\d{1,3})\s*[:.–-]?\s+(\S.*)$/;
/** Longer than this, a line alone is a paragraph without a full stop rather than a heading. */
const SUBHEADING_MAX = 60;

const RISK_HEADER = 'the risk table’s header row “ID, Hot, Sårbarhet, Konsekvens, S, K, R, Åtgärd” (tab-separated)';

export function parseItemBlocks(c: Cursor, atBoundary: AtBoundary): ItemBlock[] {
  const blocks: ItemBlock[] = [];
  for (;;) {
    c.skipBlank();
    if (!c.peek() || atBoundary(c)) return blocks;
    if (startsRiskTable(c)) blocks.push(parseRiskTable(c));
    else if (isRiskFollowUp(c)) blocks.push(parseRiskFollowUp(c, atBoundary));
    else blocks.push(parseNoteBlock(c, atBoundary));
  }
}

/** "Risker" over a header row "ID Hot …", or the header row itself. */
function startsRiskTable(c: Cursor): boolean {
  const l = c.peek();
  if (!l) return false;
  const isHeader = (h: SourceLine | undefined): boolean => !!h && h.row && key(h.cells[0] ?? '') === 'id' && h.cells.some((x) => key(x) === 'r');
  if (isHeader(l)) return true;
  return ['risker', 'risks'].includes(key(l.cells[0] ?? '')) && l.cells.length === 1 && isHeader(c.peekNextBlock());
}

function isRiskFollowUp(c: Cursor): boolean {
  const l = c.peek();
  return !!l && !l.row && (c.alone() || l.heading !== undefined) && RISK_FOLLOW_UP.test(l.text);
}

function parseRiskTable(c: Cursor): RiskTable {
  const first = c.peek()!;
  const caption = first.row && key(first.cells[0] ?? '') === 'id' ? undefined : c.next().cells[0];
  c.skipBlank();
  const header = c.next();
  const index = (names: readonly string[]): number => header.cells.findIndex((h) => names.includes(key(h)));
  const at = Object.fromEntries(Object.entries(RISK_COLUMNS).map(([field, names]) => [field, index(names)])) as Record<keyof typeof RISK_COLUMNS, number>;
  if (at.id < 0 || at.probability < 0 || at.impact < 0 || at.score < 0) throw new MinutesFormatError(header.line, RISK_HEADER, header.text.replace(/\t/g, ' | '));
  const risks: RiskRow[] = [];
  for (let l = c.peek(); l?.row; l = c.peek()) {
    c.next();
    const cell = (i: number): string => (i < 0 ? '' : (l.cells[i] ?? ''));
    const id = cell(at.id);
    if (id === '') throw new MinutesFormatError(l.line, 'a risk’s id (R1, R2 …) in the first column', l.text.replace(/\t/g, ' | '));
    const [s, k, r] = [at.probability, at.impact, at.score].map((i) => (/^\d+$/.test(cell(i)) ? Number(cell(i)) : NaN)) as [number, number, number];
    if (!(s >= 1 && s <= 5 && k >= 1 && k <= 5)) throw new MinutesFormatError(l.line, `S and K of ${id} as whole numbers 1–5`, `S ${cell(at.probability)}, K ${cell(at.impact)}`);
    if (r !== s * k) throw new MinutesFormatError(l.line, `R of ${id} = S × K = ${s} × ${k} = ${s * k}`, `R ${cell(at.score)}`);
    risks.push({
      line: l.line,
      id,
      threat: cell(at.threat),
      vulnerability: cell(at.vulnerability),
      consequence: cell(at.consequence),
      probability: s,
      impact: k,
      score: r,
      action: cell(at.action),
    });
  }
  return { kind: 'risks', line: first.line, ...(caption === undefined ? {} : { caption }), columns: header.cells, risks };
}

function parseRiskFollowUp(c: Cursor, atBoundary: AtBoundary): RiskFollowUp {
  const l = c.next();
  const m = RISK_FOLLOW_UP.exec(l.text)!;
  const blocks: NoteBlock[] = [];
  for (;;) {
    c.skipBlank();
    if (!c.peek() || atBoundary(c) || startsRiskTable(c) || isRiskFollowUp(c)) break;
    blocks.push(parseNoteBlock(c, atBoundary));
  }
  return { kind: 'riskFollowUp', line: l.line, id: m[1]!, heading: m[2]!, blocks };
}

/** The next line continues the text at the cursor's block: same block, plain text, not a new construct. */
function continues(c: Cursor, atBoundary: AtBoundary): boolean {
  const l = c.peek();
  return !!l && l.text !== '' && !l.row && l.heading === undefined && !BULLET.test(l.text) && !DECISION.test(l.text) && !atBoundary(c);
}

function parseNoteBlock(c: Cursor, atBoundary: AtBoundary): NoteBlock {
  const l = c.peek()!;
  if (l.row) return parseTable(c);
  if (BULLET.test(l.text)) return parseBullets(c, atBoundary);
  if (DECISION.test(l.text)) return parseDecision(c, atBoundary);
  if (isDecisionHeading(c, atBoundary)) {
    const heading = c.next().text;
    c.skipBlank();
    return { kind: 'decision', line: l.line, heading, text: paragraphText(c, atBoundary) };
  }
  if (isSubHeading(c, atBoundary)) return { kind: 'subheading', line: c.next().line, text: l.text };
  return paragraph(c, atBoundary);
}

function paragraphText(c: Cursor, atBoundary: AtBoundary): string {
  const parts = [c.next().text];
  while (continues(c, atBoundary)) parts.push(c.next().text);
  return c.join(parts);
}

function paragraph(c: Cursor, atBoundary: AtBoundary): Paragraph {
  const line = c.peek()!.line;
  const text = paragraphText(c, atBoundary);
  const labelled = LABELLED.exec(text);
  return labelled ? { kind: 'paragraph', line, label: labelled[1]!, text: labelled[2]! } : { kind: 'paragraph', line, text };
}

/** What follows the line at the cursor, a block later, is more text of the same item. */
function textFollows(c: Cursor, atBoundary: AtBoundary): boolean {
  const n = c.clone();
  n.next();
  n.skipBlank();
  const next = n.peek();
  return !!next && !next.row && !atBoundary(n) && !startsRiskTable(n) && !isRiskFollowUp(n);
}

function isSubHeading(c: Cursor, atBoundary: AtBoundary): boolean {
  const l = c.peek()!;
  if (l.heading !== undefined) return true; // the source said so (Markdown `###`, a Word heading)
  return (
    c.alone() &&
    l.text.length <= SUBHEADING_MAX &&
    !/[.!?:;,]$/.test(l.text) &&
    !LABELLED.test(l.text) &&
    textFollows(c, atBoundary)
  );
}

/** "Beslut om …" alone, then the sentence that says what was decided. */
function isDecisionHeading(c: Cursor, atBoundary: AtBoundary): boolean {
  const l = c.peek()!;
  if (!(DECISION_HEADING.test(l.text) && c.alone() && l.text.length <= 100 && !/[.:]$/.test(l.text) && textFollows(c, atBoundary))) return false;
  const n = c.clone();
  n.next();
  n.skipBlank();
  const next = n.peek()!;
  return !BULLET.test(next.text) && !DECISION.test(next.text) && next.heading === undefined;
}

function parseDecision(c: Cursor, atBoundary: AtBoundary): Decision {
  const l = c.next();
  const m = DECISION.exec(l.text)!;
  const number = m[1] ?? m[2];
  const base = { kind: 'decision' as const, line: l.line, ...(number === undefined ? {} : { paragraph: Number(number) }) };
  const rest = (m[3] ?? '').trim();
  if (rest !== '') {
    // "Beslut §2: <heading>" with the decision on the next line of the same block; alone, it is the decision.
    const more: string[] = [];
    while (continues(c, atBoundary)) more.push(c.next().text);
    return more.length > 0 ? { ...base, heading: rest, text: c.join(more) } : { ...base, text: rest };
  }
  c.skipBlank();
  const t = c.peek();
  if (!t || t.row || BULLET.test(t.text) || DECISION.test(t.text) || atBoundary(c)) throw c.expected(`the decision’s text after “${l.text}” (line ${l.line})`);
  return { ...base, text: paragraphText(c, atBoundary) };
}

function parseBullets(c: Cursor, atBoundary: AtBoundary): BulletList {
  const line = c.peek()!.line;
  const items: string[] = [];
  for (let l = c.peek(); l && !l.row && BULLET.test(l.text); l = c.peek()) {
    items.push(BULLET.exec(c.next().text)![1]!);
    // A wrapped item (Markdown) continues on the next line; in .txt and Word that line is a paragraph.
    while (c.softWrap && continues(c, atBoundary)) items[items.length - 1] += ` ${c.next().text}`;
  }
  return { kind: 'bullets', line, items };
}

function parseTable(c: Cursor): Table {
  const line = c.peek()!.line;
  const rows: string[][] = [];
  for (let l = c.peek(); l?.row; l = c.peek()) rows.push(c.next().cells);
  return { kind: 'table', line, rows };
}
