/**
 * The first step of reading minutes: a document as numbered lines, each either text or a table row of cells.
 * The .txt format separates cells with tabs; Markdown writes the same content as `#` headings and pipe tables;
 * both come out here as the same lines, so one parser reads them. Blank lines are kept: they separate blocks.
 */

export interface SourceLine {
  /** 1-based line in the source (for .docx: in the lines `linesFromHtml` lays out). */
  line: number;
  /** The text, trimmed; for a row, its cells joined by tabs. Empty for a blank line. */
  text: string;
  /** A table row (tab- or pipe-separated), even with one cell ("Risker\t\t\t"). */
  row: boolean;
  /** The row's cells, trimmed, trailing empty cells dropped; `[text]` for a text line. */
  cells: string[];
  /** The heading level when the source marked the line as a heading (`##`, `<h2>`). */
  heading?: number;
}

/** Non-breaking spaces and decomposed letters (Word, copy-paste) read as the plain text they show. */
export const cleanText = (s: string): string => s.normalize('NFC').replace(/[\u00a0\u2007\u202f]/g, ' ').trim();

export function textLine(line: number, text: string, heading?: number): SourceLine {
  const t = cleanText(text);
  return { line, text: t, row: false, cells: [t], ...(heading === undefined ? {} : { heading }) };
}

export function rowLine(line: number, rawCells: readonly string[]): SourceLine {
  const cells = rawCells.map(cleanText);
  while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
  // A row of empty cells carries nothing (Markdown's blank header row over a key/value table).
  if (cells.every((c) => c === '')) return textLine(line, '');
  return { line, text: cells.join('\t'), row: true, cells };
}

const splitLines = (text: string): string[] => text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

/** The council's .txt: tab-separated tables, one paragraph per line, blank lines between blocks. */
export function linesFromText(text: string): SourceLine[] {
  const lines = splitLines(text).map((raw, i) => (raw.includes('\t') ? rowLine(i + 1, raw.split('\t')) : textLine(i + 1, raw)));
  const blank = lines.filter((l) => l.text === '').length;
  // Word's "plain text" export writes one paragraph a line with no blank line between: each line is then a block.
  return blank < (lines.length - blank) / 4 ? blockPerLine(lines) : lines;
}

/** A list item: "- ", "• ", "– " or "* " before its text. */
export const BULLET = /^[-•–*]\s+(.*)$/;
const isBullet = (l: SourceLine): boolean => !l.row && BULLET.test(l.text);

/** A blank line (numbered as the line before it) between two lines of text, not inside a table or a list. */
function blockPerLine(lines: readonly SourceLine[]): SourceLine[] {
  return lines.flatMap((l, i) => {
    const next = lines[i + 1];
    const together = !next || l.text === '' || next.text === '' || (l.row && next.row) || (isBullet(l) && isBullet(next));
    return together ? [l] : [l, textLine(l.line, '')];
  });
}

/** Markdown's escapes and emphasis: the minutes are plain text, so `\[`, `**Beslut:**` read as typed. */
function plainMarkdown(s: string): string {
  return s
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/^\*(?!\s)(.+?)\*$/, '$1')
    .replace(/^_(?!\s)(.+?)_$/, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>@~&:=])/g, '$1')
    .replace(/\s+$/, '');
}

const DELIMITER_ROW = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

/** Splits `| a | b \| c |` on the pipes that are not escaped. */
function pipeCells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map(plainMarkdown);
}

/** The same minutes written as Markdown: `#` headings, pipe tables (delimiter rows dropped), `*`/`+` bullets. */
export function linesFromMarkdown(text: string): SourceLine[] {
  const out: SourceLine[] = [];
  splitLines(text).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (DELIMITER_ROW.test(trimmed) && trimmed.includes('-')) return;
    if (trimmed.startsWith('|') && trimmed.length > 1) {
      out.push(rowLine(line, pipeCells(trimmed)));
      return;
    }
    const heading = /^(#{1,6})\s+(.*?)(\s+#+)?$/.exec(trimmed);
    if (heading) {
      out.push(textLine(line, plainMarkdown(heading[2] ?? ''), heading[1]!.length));
      return;
    }
    const bullet = /^[*+]\s+(.*)$/.exec(trimmed);
    out.push(textLine(line, bullet ? `- ${plainMarkdown(bullet[1] ?? '')}` : plainMarkdown(trimmed)));
  });
  return out;
}
