/**
 * Minutes from a file's bytes: .txt and .md as text, .docx through mammoth. The Word documents are built
 * here with the docx package and read back by mammoth, so the whole path a council's .docx takes is run.
 */
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { parseCouncilMinutes } from '../../../src/import/council-minutes';
import { renderCouncilText, retainedLines } from '../../../src/import/council-text';
import { decodeText, docxLines, minutesFormatOf, readMinutes } from '../../../src/import/minutes-file';
import { MinutesFormatError } from '../../../src/import/minutes-tree';
import { councilTextAsDocx, FULL_MARKDOWN, FULL_TEXT, seed, withoutLines } from './minutes-documents';

it('knows the formats by file name', () => {
  expect(['a.txt', 'B.DOCX', 'c.md', 'd.markdown', 'e.doc', 'f.pdf', 'g'].map(minutesFormatOf)).toEqual(['txt', 'docx', 'md', 'md', undefined, undefined, undefined]);
});

it('reads UTF-8, and Windows-1252 text from older tools', () => {
  expect(decodeText(Buffer.from('Förhindrade', 'utf8'))).toBe('Förhindrade');
  expect(decodeText(Buffer.from([0x46, 0xf6, 0x72, 0x68, 0x69, 0x6e, 0x64, 0x72, 0x61, 0x64, 0x65]))).toBe('Förhindrade');
});

it('reads .txt and .md bytes as their text forms', async () => {
  await expect(readMinutes('txt', Buffer.from(FULL_TEXT))).resolves.toEqual(parseCouncilMinutes(FULL_TEXT));
  await expect(readMinutes('md', Buffer.from(FULL_MARKDOWN))).resolves.toEqual(parseCouncilMinutes(FULL_MARKDOWN, 'md'));
});

describe('a Word document read through mammoth', () => {
  it('lays tables out as rows of cells, bullets as "- " lines, headings as headings', async () => {
    const lines = await docxLines(await councilTextAsDocx(FULL_TEXT));
    const at = (text: string) => lines.find((l) => l.text === text);
    expect(lines[0]).toEqual({ line: 1, text: 'Minnesanteckningar', row: false, cells: ['Minnesanteckningar'] });
    expect(at('Datum\t2024-03-12')).toMatchObject({ row: true, cells: ['Datum', '2024-03-12'] });
    expect(at('PAUS\t\t\t\t10.00')).toMatchObject({ row: true, cells: ['PAUS', '', '', '', '10.00'] });
    expect(at('Risker')).toMatchObject({ row: true, cells: ['Risker'] });
    expect(at('- Fyrbodal: okej')).toMatchObject({ row: false });
    expect(at('2) Budget 2025')).toMatchObject({ heading: 2 });
  });

  it('reads the same tree as the text it was made from', async () => {
    const fromWord = await readMinutes('docx', await councilTextAsDocx(FULL_TEXT));
    expect(withoutLines(fromWord)).toEqual(withoutLines(parseCouncilMinutes(FULL_TEXT)));
  });

  it('finds items whose Word heading lost its number to a list style, by their agenda title', async () => {
    const fromWord = await readMinutes('docx', await councilTextAsDocx(FULL_TEXT, { unnumberedItemHeadings: true }));
    expect(fromWord.items.map((i) => `${i.number}) ${i.heading}`)).toEqual(['1) Incheckning', '2) Budget 2025', '3) Riskhantering', '4) Övrigt']);
  });

  it.each(['001', '003'] as const)('keeps at least 95 %% of seed %s’s lines from .docx to text', async (name) => {
    const source = seed(name);
    const tree = await readMinutes('docx', await councilTextAsDocx(source));
    const r = retainedLines(source, renderCouncilText(tree));
    expect(r.ratio).toBeGreaterThanOrEqual(0.95);
    expect(r.missing).toEqual([]);
  });

  it('reads a sign-off whose name is a paragraph of its own, a heading style as a sub-heading, and “Datum:” as a paragraph', async () => {
    const p = (text: string, heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, ...(heading ? { heading } : {}) });
    const doc = new Document({
      sections: [
        {
          children: [
            p('Minnesanteckningar', HeadingLevel.TITLE),
            p('Styrgruppen'),
            p('Information om möte', HeadingLevel.HEADING_1),
            p('Datum: 2024-03-12'),
            p('1) Incheckning', HeadingLevel.HEADING_1),
            p('Läget i kommunerna', HeadingLevel.HEADING_3),
            new Paragraph({ children: [new TextRun('Alla rapporterar att det '), new TextRun({ text: 'går bra', bold: true }), new TextRun('.')] }),
            p('Antecknat av'),
            p('Bo Ek'),
            p('Justerat av'),
            p('Anna Berg'),
          ],
        },
      ],
    });
    const m = await readMinutes('docx', await Packer.toBuffer(doc));
    expect(m.info.date).toBe('2024-03-12');
    expect(m.items[0]!.blocks).toEqual([
      { kind: 'subheading', line: expect.any(Number), text: 'Läget i kommunerna' },
      { kind: 'paragraph', line: expect.any(Number), text: 'Alla rapporterar att det går bra.' },
    ]);
    expect([m.recordedBy?.names, m.approvedBy?.names]).toEqual([['Bo Ek'], ['Anna Berg']]);
  });

  it('reads a section heading carried in a Word table as its merged first row', async () => {
    const cell = (text: string, columnSpan = 1) => new TableCell({ children: [new Paragraph(text)], columnSpan });
    const table = (...rows: TableCell[][]) => new Table({ rows: rows.map((children) => new TableRow({ children })) });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('Minnesanteckningar'),
            new Paragraph('Styrgruppen'),
            table([cell('Information om möte', 2)], [cell('Datum'), cell('2024-03-12')]),
            table([cell('Deltagare', 2)], [cell('Namn'), cell('Kommun')], [cell('Anna Berg'), cell('Uddevalla')]),
            new Paragraph('1) Incheckning'),
            new Paragraph('Alla mår bra.'),
          ],
        },
      ],
    });
    const m = await readMinutes('docx', await Packer.toBuffer(doc));
    expect(m.info).toMatchObject({ heading: 'Information om möte', date: '2024-03-12' });
    expect(m.people).toEqual([{ line: expect.any(Number), role: 'present', heading: 'Deltagare', columns: ['Namn', 'Kommun'], people: [{ line: expect.any(Number), name: 'Anna Berg', organisation: 'Uddevalla', more: [] }] }]);
  });

  it('names the line, counted in the text read from the document, that it cannot read', async () => {
    const bad = FULL_TEXT.replace('R1\tNyckelperson slutar\tKunskapen finns hos en person\tArbetet stannar\t3\t4\t12', 'R1\tNyckelperson slutar\tKunskapen finns hos en person\tArbetet stannar\t3\t4\t11');
    const bytes = await councilTextAsDocx(bad);
    const lines = await docxLines(bytes);
    const error = await readMinutes('docx', bytes).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MinutesFormatError);
    const e = error as MinutesFormatError;
    expect(lines[e.line - 1]!.text).toMatch(/^R1\tNyckelperson slutar/);
    expect(e.message).toMatch(new RegExp(`^Line ${e.line} of the text read from the Word document .*: expected R of R1 = S × K = 3 × 4 = 12, found “R 11”\\.$`));
  });

  it('says so when the bytes are not a Word document', async () => {
    await expect(readMinutes('docx', Buffer.from('Minnesanteckningar\n'))).rejects.toThrow(/^Line 1 of the file: expected a Word document \(\.docx\) that can be opened, found /);
  });
});
