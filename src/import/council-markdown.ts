/**
 * A `CouncilMinutes` tree as Markdown, for `--out <file.md>`: the same blocks as the text format, with `#`
 * headings and pipe tables, and what Markdown would read as markup escaped, so that `parseCouncilMinutes(…,
 * 'md')` reads back the tree it was made from. (Markdown joins a paragraph's lines: a paragraph written over
 * several lines reads back as one line.)
 */
import { councilBlocks } from './council-text';
import type { CouncilMinutes } from './minutes-tree';

/** Characters Markdown (and our reader, minutes-lines.ts) would take as emphasis, escapes or a table's pipe. */
const escapeInline = (s: string): string => s.replace(/[\\*_|]/g, '\\$&');

/** A text line: inline escapes, and a line start that would read as a heading, a list, a table or a rule. */
function escapeLine(line: string): string {
  const bullet = /^- (.*)$/.exec(line);
  if (bullet) return `- ${escapeInline(bullet[1]!)}`;
  const escaped = escapeInline(line);
  if (/^(#|\+\s|>)/.test(escaped)) return `\\${escaped}`;
  if (/^-{3,}\s*$/.test(escaped)) return escaped.replace(/-/g, '\\-');
  return escaped;
}

const pipeRow = (cells: readonly string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : escapeInline(c))).join(' | ')} |`;

export function renderCouncilMarkdown(m: CouncilMinutes): string {
  const out = councilBlocks(m).map((b) => {
    if (b.heading !== undefined) return `${'#'.repeat(b.heading)} ${escapeInline(b.lines[0]!)}`;
    if (b.lines.every((l) => l.includes('\t'))) {
      const rows = b.lines.map((l) => l.split('\t'));
      const width = Math.max(...rows.map((r) => r.length));
      const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
      return [pipeRow(padded[0]!), `|${' --- |'.repeat(width)}`, ...padded.slice(1).map(pipeRow)].join('\n');
    }
    return b.lines.map(escapeLine).join('\n');
  });
  return `${out.join('\n\n')}\n`;
}
