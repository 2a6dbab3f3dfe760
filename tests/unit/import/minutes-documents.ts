/**
 * Minutes documents the import tests build: one in the council's .txt format with every section the seeds
 * have and the ones they lack (breaks, decisions with §, a decision heading, two adjusters), the same content
 * as Markdown, and a way to lay council text out as a Word document (docx) for the mammoth path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';

export const seed = (name: '001' | '003'): string => {
  const file = fs.readdirSync(path.join(__dirname, '../../fixtures/minutes')).find((f) => f.startsWith(`${name}_`) && f.endsWith('.txt'));
  if (!file) throw new Error(`seed ${name} is missing from tests/fixtures/minutes`);
  return fs.readFileSync(path.join(__dirname, '../../fixtures/minutes', file), 'utf8');
};

const T = '\t';

/** Every section of the format: line numbers below are asserted in the tests. */
export const FULL_TEXT = [
  'Minnesanteckningar', // 1
  '',
  'Styrgruppen för e-rådet', // 3
  '',
  'Information om möte', // 5
  '',
  `Kallade${T}Styrgruppen`, // 7
  `Datum${T}2024-03-12`, // 8
  `Tid${T}09.00-12.00`, // 9
  `Plats${T}Kommunhuset, Uddevalla`, // 10
  `Diarienummer${T}2024/17`, // 11
  '',
  'Deltagare', // 13
  '',
  `Namn${T}Kommun/Organisation`, // 15
  `Anna Berg${T}Uddevalla kommun`, // 16
  `Bo Ek${T}Fyrbodals kommunalförbund`, // 17
  `Cecilia Dahl${T}`, // 18
  '',
  'Förhindrade', // 20
  '',
  `Namn${T}Kommun/Organisation`, // 22
  `David Fors${T}Lysekils kommun`, // 23
  '',
  'Föredragande', // 25
  '',
  `Namn${T}Organisation`, // 27
  `Eva Gran${T}Centigo AB`, // 28
  '',
  'Dagordning', // 30
  '',
  'Mötespunktens typ anges som [I] för informationspunkt, [D] för diskussionspunkt, [A] för arbetsmoment.', // 32
  '',
  ['Punkt', 'Typ', 'Beskrivning', 'Ansvarig', 'Ca tid'].join(T), // 34
  ['1', 'I', 'Incheckning', 'Anna Berg', '09.00'].join(T), // 35
  ['2', 'D', 'Budget 2025', 'Bo Ek', '09.15'].join(T), // 36
  ['PAUS', '', '', '', '10.00'].join(T), // 37
  ['3', 'A', 'Riskhantering', 'Anna Berg', '10.15'].join(T), // 38
  ['LUNCH', '', 'Gemensam lunch', '', '11.00'].join(T), // 39
  ['4', 'D', 'Övrigt', 'Alla', '11.45'].join(T), // 40
  ['AVSLUT', '', '', '', '12.00'].join(T), // 41
  '',
  '1) Incheckning', // 43
  '',
  'Kommunerna berättar', // 45
  '',
  '- Uddevalla: bra – full fart med e-arkivet', // 47
  '- Fyrbodal: okej',
  '- Lysekil: ansträngt',
  '',
  '2) Budget 2025', // 51
  '',
  'Bo föredrar förslaget till budget för 2025.', // 53
  '',
  'Diskussion: Räcker ramen för e-arkivet? Ja, med de besparingar som redan gjorts.', // 55
  '',
  'Beslut §1:', // 57
  '',
  'Styrgruppen fastställer budgeten för 2025.', // 59
  '',
  'Beslut §2: Beslut om ramar', // 61
  'Ramarna gäller från den 1 januari.', // 62
  '',
  'Beslut om uppföljning', // 64
  '',
  'Uppföljning sker varje kvartal i styrgruppen.', // 66
  '',
  '3) Riskhantering', // 68
  '',
  ['Risker', '', '', '', '', '', '', ''].join(T), // 70
  ['ID', 'Hot', 'Sårbarhet', 'Konsekvens', 'S', 'K', 'R', 'Åtgärd'].join(T), // 71
  ['R1', 'Nyckelperson slutar', 'Kunskapen finns hos en person', 'Arbetet stannar', '3', '4', '12', 'Ja'].join(T), // 72
  ['R2', 'Låg svarsfrekvens', 'Analysen bygger på svaren', 'Felaktigt underlag', '2', '2', '4', 'Nej'].join(T), // 73
  '',
  'R1 Arbetet stannar', // 75
  '',
  'Kunskapen ska dokumenteras under våren.', // 77
  '',
  'Åtgärd: Ta fram en överlämningsplan.', // 79
  '',
  '4) Övrigt', // 81
  '',
  'Inga övriga frågor anmäldes.', // 83
  '',
  'Antecknat av', // 85
  'Bo Ek',
  '',
  'Justeras av', // 88
  'Anna Berg',
  'Cecilia Dahl',
  '',
  'Bilagor', // 92
  '',
  '- 2024-03-12 - Bilaga 1-Budgetförslag', // 94
  '- 2024-03-12 - Bilaga 2-Riskregister',
  '',
].join('\n');

/** The same minutes as Markdown: headings, pipe tables (a blank header over the key/value table), bold labels. */
export const FULL_MARKDOWN = `# Minnesanteckningar

## Styrgruppen för e-rådet

## Information om möte

|   |   |
| --- | --- |
| **Kallade** | Styrgruppen |
| **Datum** | 2024-03-12 |
| **Tid** | 09.00-12.00 |
| **Plats** | Kommunhuset, Uddevalla |
| **Diarienummer** | 2024/17 |

## Deltagare

| Namn | Kommun/Organisation |
| --- | --- |
| Anna Berg | Uddevalla kommun |
| Bo Ek | Fyrbodals kommunalförbund |
| Cecilia Dahl |   |

## Förhindrade

| Namn | Kommun/Organisation |
| --- | --- |
| David Fors | Lysekils kommun |

## Föredragande

| Namn | Organisation |
| --- | --- |
| Eva Gran | Centigo AB |

## Dagordning

*Mötespunktens typ anges som \\[I\\] för informationspunkt, \\[D\\] för diskussionspunkt, \\[A\\] för arbetsmoment.*

| Punkt | Typ | Beskrivning | Ansvarig | Ca tid |
| --- | --- | --- | --- | --- |
| 1 | I | Incheckning | Anna Berg | 09.00 |
| 2 | D | Budget 2025 | Bo Ek | 09.15 |
| PAUS |   |   |   | 10.00 |
| 3 | A | Riskhantering | Anna Berg | 10.15 |
| LUNCH |   | Gemensam lunch |   | 11.00 |
| 4 | D | Övrigt | Alla | 11.45 |
| AVSLUT |   |   |   | 12.00 |

## 1) Incheckning

### Kommunerna berättar

- Uddevalla: bra – full fart med e-arkivet
- Fyrbodal: okej
* Lysekil: ansträngt

## 2) Budget 2025

Bo föredrar förslaget till budget
för 2025.

**Diskussion:** Räcker ramen för e-arkivet? Ja, med de besparingar som redan gjorts.

**Beslut §1:**

Styrgruppen fastställer budgeten för 2025.

**Beslut §2:** Beslut om ramar
Ramarna gäller från den 1 januari.

Beslut om uppföljning

Uppföljning sker varje kvartal i styrgruppen.

## 3) Riskhantering

**Risker**

| ID | Hot | Sårbarhet | Konsekvens | S | K | R | Åtgärd |
| --- | --- | --- | --- | --- | --- | --- | --- |
| R1 | Nyckelperson slutar | Kunskapen finns hos en person | Arbetet stannar | 3 | 4 | 12 | Ja |
| R2 | Låg svarsfrekvens | Analysen bygger på svaren | Felaktigt underlag | 2 | 2 | 4 | Nej |

### R1 Arbetet stannar

Kunskapen ska dokumenteras under våren.

**Åtgärd:** Ta fram en överlämningsplan.

## 4) Övrigt

Inga övriga frågor anmäldes.

**Antecknat av**
Bo Ek

**Justeras av**
Anna Berg
Cecilia Dahl

## Bilagor

- 2024-03-12 - Bilaga 1-Budgetförslag
- 2024-03-12 - Bilaga 2-Riskregister
`;

/** A tree without its line numbers: the same minutes read from another form compare equal. */
export const withoutLines = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'line' ? undefined : v)));

export interface DocxOptions {
  /** Item headings as Word headings without their "n)" (numbered by a list style, as mammoth reads them). */
  unnumberedItemHeadings?: boolean;
}

/**
 * Council text laid out as Word would hold it: a block of tab rows as a table, "- " lines as a bulleted list,
 * "n) …" as a level-2 heading, other blocks as one paragraph with line breaks.
 */
export async function councilTextAsDocx(text: string, options: DocxOptions = {}): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  for (const block of text.trim().split(/\n[ \t]*\n/)) {
    const lines = block.split('\n');
    if (lines.every((l) => l.includes('\t'))) {
      const width = Math.max(...lines.map((l) => l.split('\t').length));
      const rows = lines.map((l) => {
        const cells = l.split('\t');
        while (cells.length < width) cells.push('');
        return new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
      });
      children.push(new Table({ rows }));
    } else if (lines.every((l) => l.startsWith('- '))) {
      for (const l of lines) children.push(new Paragraph({ text: l.slice(2), bullet: { level: 0 } }));
    } else if (lines.length === 1 && /^\d+\) /.test(lines[0]!)) {
      const heading = options.unnumberedItemHeadings ? lines[0]!.replace(/^\d+\) /, '') : lines[0]!;
      children.push(new Paragraph({ text: heading, heading: HeadingLevel.HEADING_2 }));
    } else {
      children.push(new Paragraph({ children: lines.map((l, i) => new TextRun({ text: l, ...(i > 0 ? { break: 1 } : {}) })) }));
    }
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
