/**
 * The tree written back in the council's format: parse → render keeps at least 95 % of the source's
 * non-empty lines (whitespace and dash styles normalised), on seeds 001 and 003 and on documents built here;
 * and what is rendered reads back as the same tree.
 */
import { parseCouncilMinutes } from '../../../src/import/council-minutes';
import { normaliseLine, renderCouncilText, retainedLines } from '../../../src/import/council-text';
import type { CouncilMinutes } from '../../../src/import/minutes-tree';
import { FULL_MARKDOWN, FULL_TEXT, seed, withoutLines } from './minutes-documents';

const roundTrip = (source: string): ReturnType<typeof retainedLines> => retainedLines(source, renderCouncilText(parseCouncilMinutes(source)));

describe('the round-trip measure', () => {
  it('compares lines with dashes and whitespace normalised, tabs included', () => {
    expect(normaliseLine('  Risker\t\t\t')).toBe('Risker');
    expect(normaliseLine('Många jobbar hemma – fungerar bra')).toBe(normaliseLine('Många jobbar hemma - fungerar bra'));
    expect(normaliseLine('a — b\tc')).toBe('a - b c');
  });

  it('counts each source line as often as the source has it, and lists what is missing', () => {
    expect(retainedLines('a\n\nb\nb\nc\n', 'b\na\n')).toEqual({ kept: 2, total: 4, ratio: 0.5, missing: ['b', 'c'] });
    expect(retainedLines('\n\n', 'x').ratio).toBe(1);
  });
});

describe.each([
  ['001', 65],
  ['003', 159],
])('seed %s', (name, lines) => {
  const source = seed(name as '001' | '003');

  it('keeps at least 95 % of its non-empty lines through parse → render', () => {
    const r = roundTrip(source);
    expect(r.total).toBe(lines);
    expect(r.ratio).toBeGreaterThanOrEqual(0.95);
  });

  it('in fact keeps every one of them', () => {
    expect(roundTrip(source).missing).toEqual([]);
  });

  it('renders text that reads back as the same tree, and renders the same again', () => {
    const tree = parseCouncilMinutes(source);
    const text = renderCouncilText(tree);
    expect(withoutLines(parseCouncilMinutes(text))).toEqual(withoutLines(tree));
    expect(renderCouncilText(parseCouncilMinutes(text))).toBe(text);
  });
});

describe('a built document with breaks, bullets, decisions with §, a risk table, two adjusters and attachments', () => {
  it('is rendered line for line as it was written', () => {
    expect(renderCouncilText(parseCouncilMinutes(FULL_TEXT))).toBe(FULL_TEXT);
  });

  it('keeps a paragraph’s line breaks, each line kept', () => {
    const source = FULL_TEXT.replace('Bo föredrar förslaget till budget för 2025.', 'Bo föredrar förslaget till budget.\nBudgeten är i balans.');
    expect(renderCouncilText(parseCouncilMinutes(source))).toBe(source);
  });

  it('keeps its lines when read from Markdown and written as text', () => {
    const fromMarkdown = renderCouncilText(parseCouncilMinutes(FULL_MARKDOWN, 'md'));
    expect(retainedLines(FULL_TEXT, fromMarkdown).missing).toEqual([]);
  });

  it('writes the agenda in the header’s column order, breaks without number and type', () => {
    // Lines 34–41 are the agenda's header and rows: swap its last two columns.
    const swapped = FULL_TEXT.split('\n')
      .map((l, i) => (i >= 33 && i <= 40 ? l.split('\t').map((c, j, all) => (j === 3 ? all[4] : j === 4 ? all[3] : c)).join('\t') : l))
      .join('\n');
    const text = renderCouncilText(parseCouncilMinutes(swapped));
    expect(text).toContain('Punkt\tTyp\tBeskrivning\tCa tid\tAnsvarig\n1\tI\tIncheckning\t09.00\tAnna Berg\n');
    expect(text).toContain('\nPAUS\t\t\t10.00\t\n');
    expect(text).toContain('\nLUNCH\t\tGemensam lunch\t11.00\t\n');
  });
});

describe('rendering a tree made in code (as phase 2 will from a stored meeting)', () => {
  const tree: CouncilMinutes = {
    title: 'Minnesanteckningar',
    body: 'E-råd Fyrbodal',
    preamble: [],
    info: { line: 0, heading: 'Information om möte', date: '2025-01-30', time: { start: '09:00' }, other: [] },
    people: [
      { line: 0, role: 'present', heading: 'Deltagare', columns: [], people: [{ line: 0, name: 'Sara Herrman', organisation: 'Fyrbodals kommunalförbund', more: [] }] },
      { line: 0, role: 'excused', heading: 'Förhindrade', columns: [], people: [] },
    ],
    items: [
      {
        line: 0,
        number: 1,
        heading: 'Beslut',
        blocks: [
          { kind: 'decision', line: 0, paragraph: 3, text: 'Rådet antar handlingsplanen.' },
          { kind: 'decision', line: 0, heading: 'Om mötestider', text: 'Mötena börjar 09.00.' },
        ],
      },
    ],
    attachments: { line: 0, heading: 'Bilagor', items: [{ line: 0, title: 'Handlingsplan 2025' }] },
  };

  it('uses the council’s default headers and "Inga." for an empty table, and reads back as the same tree', () => {
    const text = renderCouncilText(tree);
    expect(text).toContain('Datum\t2025-01-30\nTid\t09.00\n');
    expect(text).toContain('Deltagare\n\nNamn\tKommun/Organisation\nSara Herrman\tFyrbodals kommunalförbund\n');
    expect(text).toContain('Förhindrade\n\nInga.\n');
    expect(text).toContain('Beslut §3:\n\nRådet antar handlingsplanen.\n\nBeslut: Om mötestider\nMötena börjar 09.00.\n');
    expect(text).toContain('Bilagor\n\n- Handlingsplan 2025\n');
    const back = parseCouncilMinutes(text);
    expect(back.items[0]!.blocks).toEqual([
      { kind: 'decision', line: 21, paragraph: 3, text: 'Rådet antar handlingsplanen.' },
      { kind: 'decision', line: 25, heading: 'Om mötestider', text: 'Mötena börjar 09.00.' },
    ]);
    expect(back.people[0]!.columns).toEqual(['Namn', 'Kommun/Organisation']);
    expect(back.people[1]!.people).toEqual([]);
  });
});
