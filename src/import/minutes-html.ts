/**
 * mammoth's HTML of a Word document as the lines the minutes parser reads: a paragraph or heading is a
 * block of its own (a line break in it starts a new line of the block), a table row is a row of cells, a
 * list item is a "- " line. mammoth writes a small, well-formed subset of HTML (p, h1–h6, table/tr/td,
 * ul/ol/li, strong, em, a, br, img), so a tag scanner suffices and no HTML parser is needed.
 */
import { rowLine, textLine, type SourceLine } from './minutes-lines';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The laid-out lines; blank lines between blocks, none inside a table or a list. */
export function linesFromHtml(html: string): SourceLine[] {
  const out: SourceLine[] = [];
  const emit = (make: (line: number) => SourceLine): void => {
    out.push(make(out.length + 1));
  };
  const blank = (): void => {
    if (out.length > 0 && out[out.length - 1]!.text !== '') emit((n) => textLine(n, ''));
  };

  let text: string | undefined; // the open paragraph, heading or list item
  let heading: number | undefined;
  let cell: string | undefined;
  let cells: string[] | undefined;
  let listDepth = 0;
  let tableDepth = 0;

  const flushText = (): void => {
    if (text === undefined) return;
    const t = text.replace(/\s+/g, ' ').trim();
    if (t !== '') emit((n) => textLine(n, listDepth > 0 ? `- ${t}` : t, heading));
    text = undefined;
  };

  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>|([^<]+)/g)) {
    const [, closing, rawTag, , chars] = m;
    if (chars !== undefined) {
      const s = decodeEntities(chars);
      if (cell !== undefined) cell += s;
      else if (text !== undefined) text += s;
      continue;
    }
    const tag = rawTag!.toLowerCase();
    const open = closing !== '/';
    // Inside a table cell everything is the cell's text; nested tables are flattened into it.
    if (cell !== undefined && !(tag === 'td' || tag === 'th') && tag !== 'table') {
      if (open && (tag === 'p' || tag === 'br' || tag === 'li') && cell.trim() !== '') cell += ' ';
      continue;
    }
    switch (tag) {
      case 'p':
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        if (listDepth > 0) {
          if (open) text = text === undefined ? '' : `${text} `;
          break;
        }
        if (open) {
          blank();
          text = '';
          heading = tag === 'p' ? undefined : Number(tag.slice(1));
        } else {
          flushText();
          heading = undefined;
          blank();
        }
        break;
      case 'br':
        if (text !== undefined) {
          flushText();
          text = '';
        }
        break;
      case 'ul':
      case 'ol':
        if (open) {
          if (listDepth === 0) blank();
          flushText(); // an item's own text before its sub-list
          listDepth++;
        } else {
          listDepth = Math.max(0, listDepth - 1);
          if (listDepth === 0) blank();
        }
        break;
      case 'li':
        if (open) {
          flushText();
          text = '';
        } else flushText();
        break;
      case 'table':
        if (open) {
          if (tableDepth === 0) blank();
          tableDepth++;
        } else {
          tableDepth = Math.max(0, tableDepth - 1);
          if (tableDepth === 0) blank();
        }
        break;
      case 'tr':
        if (open) cells = [];
        else if (cells) {
          const row = cells;
          emit((n) => rowLine(n, row));
          cells = undefined;
        }
        break;
      case 'td':
      case 'th':
        if (open) cell = '';
        else {
          cells?.push((cell ?? '').replace(/\s+/g, ' '));
          cell = undefined;
        }
        break;
      default:
        break; // strong, em, a, sup, sub, img: their text (if any) is the paragraph's
    }
  }
  flushText();
  while (out.length > 0 && out[out.length - 1]!.text === '') out.pop();
  return out;
}
