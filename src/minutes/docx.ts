/**
 * Word (.docx) with the `docx` package: real headings (so Word's navigation pane and a screen reader find the
 * items) and real tables. Text goes into text runs, which Word shows as typed: a `{ DDE … }` or `<script>`
 * in a note stays text, never a field or markup.
 */
import { BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ITableCellOptions } from 'docx';
import type { Locale } from '../i18n';
import type { Block } from './outline';

const FONT = 'Calibri';
const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border };

/** Each line of a text as its own run with a break before it, so line breaks typed in a note survive. */
function runs(text: string, opts: { bold?: boolean; size?: number; italics?: boolean } = {}): TextRun[] {
  return text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, font: FONT, ...opts }));
}

function cell(text: string, header: boolean): TableCell {
  const options: ITableCellOptions = {
    borders,
    children: [new Paragraph({ children: runs(text, { bold: header, size: 20 }) })],
    ...(header ? { shading: { fill: 'EEEEEE' } } : {}),
  };
  return new TableCell(options);
}

function table(b: Extract<Block, { kind: 'table' }>): Array<Paragraph | Table> {
  const rows: TableRow[] = [];
  if (b.headers.length > 0) rows.push(new TableRow({ tableHeader: true, children: b.headers.map((h) => cell(h, true)) }));
  for (const r of b.rows) rows.push(new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, b.firstColumnHeader === true && i === 0)) }));
  const out: Array<Paragraph | Table> = [];
  if (b.caption) out.push(new Paragraph({ spacing: { before: 160 }, children: runs(b.caption, { bold: true }) }));
  if (rows.length > 0) out.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
  out.push(new Paragraph({ children: [] }));
  return out;
}

/** The file's own properties: what Word shows as its title and author. */
export interface DocxProperties {
  title?: string;
  /** The secretary who recorded the minutes (else who drafted them). */
  author?: string;
}

/** Word's spelling and grammar check, and a screen reader, read the text in this language. */
const LANGUAGE: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

export async function toDocx(blocks: readonly Block[], locale: Locale, properties: DocxProperties = {}): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs(b.text) }));
        break;
      case 'heading':
        children.push(new Paragraph({ heading: b.level === 2 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: runs(b.text) }));
        break;
      case 'paragraph':
        children.push(
          new Paragraph({
            spacing: { after: 120 },
            children: [...(b.label ? [new TextRun({ text: `${b.label} `, bold: true, font: FONT })] : []), ...runs(b.text, b.small ? { size: 18, italics: true } : {})],
          }),
        );
        break;
      case 'list':
        for (const item of b.items) children.push(new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
        break;
      case 'table':
        children.push(...table(b));
        break;
    }
  }
  const title = properties.title ?? blocks.find((b) => b.kind === 'title')?.text ?? '';
  const author = properties.author?.trim() || 'Rådslag';
  const doc = new Document({
    creator: author,
    lastModifiedBy: author,
    title,
    styles: { default: { document: { run: { font: FONT, size: 22, language: { value: LANGUAGE[locale] } } } } },
    sections: [{ properties: {}, children }],
    ...(locale === 'sv' ? { description: 'Minnesanteckningar' } : { description: 'Minutes' }),
  });
  return Packer.toBuffer(doc);
}
