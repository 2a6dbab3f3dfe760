/**
 * The lines of a message as its writer saw them. Teams may flatten a message's line breaks and lists in
 * its `text`, and sends the message as written in a `text/html` attachment. For a note, that HTML is read
 * into lines — a paragraph, a `<br>` or a list item each a line, an item as "- ", a heading as "# " (the
 * note's own markers, see noteBlocks) — every other tag dropped and entities decoded, so nothing in it
 * becomes markup. It is used only when it says the same as the text, whitespace aside.
 */
import type { IncomingText } from './mentions';

// Markers for what the HTML's structure adds, so the comparison with the text can leave them out.
const BULLET = '\u0001';
const HEADING = '\u0002';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The HTML's text, one line per paragraph, break or list item; BULLET and HEADING mark what its tags made. */
function linesOf(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, `\n${BULLET}`)
    .replace(/<h[1-6]\b[^>]*>/gi, `\n${HEADING}`)
    .replace(/<\/li>/gi, '')
    .replace(/<\/?(p|div|ul|ol|h[1-6]|blockquote|pre|table|tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decode(text)
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const flat = (text: string): string => text.replace(new RegExp(`[${BULLET}${HEADING}]`, 'g'), '').replace(/\s+/g, ' ').trim();

/**
 * A command's arguments with their lines: from the HTML when it holds the same words as `args` (after the
 * command word), else `args` as they came.
 */
export function argumentLines(args: string, incoming: Pick<IncomingText, 'html'>): string {
  if (!incoming.html) return args;
  const lines = linesOf(incoming.html);
  const command = /(^|\s)\/\S+[ \t]*/.exec(lines);
  if (!command) return args;
  const rest = lines.slice(command.index + command[0].length).replace(/^\n+/, '');
  if (flat(rest) !== flat(args)) return args;
  return rest.replace(new RegExp(BULLET, 'g'), '- ').replace(new RegExp(HEADING, 'g'), '# ');
}
