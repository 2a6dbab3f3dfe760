/**
 * Markdown (CommonMark with GitHub tables). Recorded text is escaped so that it reads as typed and makes no
 * markup: no emphasis, link, autolink, HTML, table, heading, list, quote, rule or code block can come from
 * a note, a decision or a title. Indentation at a line's start is dropped (four spaces would be code).
 */
import type { Block } from './outline';

const INLINE = /[\\`*_[\]<>|~&]/g;
/** Text within a line: markup characters escaped, and what GitHub and linkify turn into links broken up. */
const escapeInline = (text: string): string =>
  text
    .replace(INLINE, (c) => `\\${c}`)
    .replace(/\/\//g, '/\\/')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
/** A line that would start a heading, setext underline, table delimiter row, quote, list or numbered list is escaped at its start. */
const escapeLine = (line: string): string =>
  escapeInline(line.replace(/^[ \t\u00a0]+/, ''))
    .replace(/^[#>+=:-]/, (mark) => `\\${mark}`)
    .replace(/^(\d+)([.)])/, (_m, digits: string, mark: string) => `${digits}\\${mark}`);
const escapeText = (text: string): string => text.split(/\r?\n/).map(escapeLine).join('  \n');
const cell = (text: string): string => escapeInline(text.replace(/\s*\r?\n\s*/g, ' ')) || ' ';

export function toMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        out.push(`# ${escapeInline(b.text)}`);
        break;
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${escapeInline(b.text)}`);
        break;
      case 'paragraph': {
        const body = escapeText(b.text);
        out.push(b.label ? `**${escapeInline(b.label)}** ${body}` : b.small ? `*${body}*` : body);
        break;
      }
      case 'list':
        out.push(b.items.map((i) => `- ${escapeText(i)}`).join('\n'));
        break;
      case 'table': {
        const lines: string[] = [];
        if (b.caption) lines.push(`**${escapeInline(b.caption)}**\n`);
        const headers = b.headers.length > 0 ? b.headers : (b.rows[0] ?? []).map(() => ' ');
        lines.push(`| ${headers.map(cell).join(' | ')} |`);
        lines.push(`| ${headers.map(() => '---').join(' | ')} |`);
        for (const row of b.rows) lines.push(`| ${row.map((v, i) => (b.firstColumnHeader && i === 0 ? `**${cell(v)}**` : cell(v))).join(' | ')} |`);
        out.push(lines.join('\n'));
        break;
      }
    }
  }
  return `${out.join('\n\n')}\n`;
}
