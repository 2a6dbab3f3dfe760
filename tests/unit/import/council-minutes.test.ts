/** The council's minutes read into a tree: every section of seeds 001 and 003, the Markdown form, and errors by line. */
import { parseCouncilMinutes } from '../../../src/import/council-minutes';
import { MinutesFormatError, type CouncilMinutes, type ItemBlock, type RiskFollowUp } from '../../../src/import/minutes-tree';
import { FULL_MARKDOWN, FULL_TEXT, seed, withoutLines } from './minutes-documents';

const kinds = (blocks: readonly ItemBlock[]): string[] => blocks.map((b) => b.kind);

function readError(text: string, format: 'txt' | 'md' = 'txt'): MinutesFormatError {
  try {
    parseCouncilMinutes(text, format);
  } catch (e) {
    if (e instanceof MinutesFormatError) return e;
    throw e;
  }
  throw new Error('the document was read without an error');
}

/** FULL_TEXT with its line `n` (1-based) replaced. */
const withLine = (n: number, text: string): string =>
  FULL_TEXT.split('\n')
    .map((l, i) => (i === n - 1 ? text : l))
    .join('\n');

describe('seed 001 (steering group, risk register)', () => {
  const m: CouncilMinutes = parseCouncilMinutes(seed('001'));

  it('reads the title, the body and the meeting information', () => {
    expect(m.title).toBe('Minnesanteckningar');
    expect(m.body).toBe('Digital motor Fyrbodal');
    expect(m.info).toMatchObject({ line: 7, heading: 'Information om möte', called: 'Taktisk styrgrupp', date: '2020-11-27', time: { start: '11:00', end: '12:00' }, place: 'Via Microsoft Teams', other: [] });
  });

  it('reads participants and excused with their organisations', () => {
    expect(m.people.map((p) => [p.role, p.heading, p.people.length])).toEqual([
      ['present', 'Deltagare', 5],
      ['excused', 'Förhindrade', 1],
    ]);
    expect(m.people[0]!.people[1]).toEqual({ line: 18, name: 'Håkan Sundberg', organisation: 'Munkedals kommun', more: [] });
    expect(m.people[1]!.people[0]).toMatchObject({ name: 'Lis Palm', organisation: 'Fyrbodals kommunalförbund' });
  });

  it('reads the agenda without times', () => {
    expect(m.agenda).toMatchObject({ heading: 'Dagordning', columns: ['Punkt', 'Typ', 'Beskrivning', 'Ansvarig'] });
    expect(m.agenda!.legend).toMatch(/^Mötespunktens typ anges som \[I\]/);
    expect(m.agenda!.rows.map((r) => (r.kind === 'item' ? `${r.number} ${r.type} ${r.title} ${r.responsible}` : r.label))).toEqual([
      '1 I Statusrapport Sara',
      '2 I Aktiviteter Sara',
      '3 D Riskhantering Sara',
      '4 D Beslut Sara',
    ]);
  });

  it('reads items with paragraphs and sub-headings; "Diskussion:" is a labelled paragraph', () => {
    expect(m.items.map((i) => `${i.number}) ${i.heading}`)).toEqual(['1) Statusrapport', '2) Aktiviteter', '3) Riskhantering']);
    expect(kinds(m.items[0]!.blocks)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(m.items[1]!.blocks.map((b) => (b.kind === 'subheading' ? b.text : b.kind === 'paragraph' ? (b.label ?? 'p') : b.kind))).toEqual([
      'Nulägesanalys',
      'p',
      'p',
      'Förmågekartläggning',
      'p',
      'p',
      'Diskussion',
    ]);
  });

  it('reads the risk table with R = S × K, and each risk’s follow-up with its Diskussion and Åtgärd', () => {
    const item = m.items[2]!;
    expect(kinds(item.blocks)).toEqual(['paragraph', 'risks', 'riskFollowUp', 'riskFollowUp', 'riskFollowUp', 'riskFollowUp', 'riskFollowUp']);
    const table = item.blocks[1]!;
    if (table.kind !== 'risks') throw new Error('no risk table');
    expect(table.caption).toBe('Risker');
    expect(table.risks.map((r) => [r.id, r.probability, r.impact, r.score, r.action])).toEqual([
      ['R1', 1, 5, 5, 'Ja'],
      ['R2', 4, 3, 12, 'Ja'],
      ['R3', 3, 4, 12, 'Ja'],
      ['R4', 5, 4, 20, 'Ja'],
      ['R5', 2, 3, 6, 'Ja'],
    ]);
    expect(table.risks[0]).toMatchObject({ line: 70, threat: 'Ändrat uppdrag e-samordnarroll från VästKom', consequence: 'Förstudien står utan projektledare' });
    const r2 = item.blocks[3] as RiskFollowUp;
    expect(r2).toMatchObject({ line: 80, id: 'R2', heading: 'Underlaget får en bristande kvalitet och återspeglar inte verkligheten' });
    expect(r2.blocks.map((b) => (b.kind === 'paragraph' ? (b.label ?? 'p') : b.kind))).toEqual(['p', 'p', 'Diskussion', 'Åtgärd']);
  });

  it('reads who recorded and the attachments; there is no adjuster', () => {
    expect(m.recordedBy).toEqual({ line: 106, heading: 'Antecknat av', names: ['Sara Herrman'] });
    expect(m.approvedBy).toBeUndefined();
    expect(m.attachments).toEqual({ line: 109, heading: 'Bilagor', items: [{ line: 111, date: '2020-11-30', title: 'Bilaga 1-Presentation av möte' }] });
  });
});

describe('seed 003 (network, typed agenda with times and breaks)', () => {
  const m = parseCouncilMinutes(seed('003'));

  it('reads three people tables, presenters with their organisation column', () => {
    expect(m.info).toMatchObject({ date: '2020-05-14', time: { start: '13:00', end: '16:00' }, place: 'Microsoft Teams-möte' });
    expect(m.info.called).toBeUndefined();
    expect(m.people.map((p) => [p.role, p.columns.join('|'), p.people.length])).toEqual([
      ['present', 'Namn|Kommun', 16],
      ['excused', 'Namn|Kommun', 3],
      ['presenters', 'Namn|Organisation', 3],
    ]);
    expect(m.people[0]!.people[3]).toMatchObject({ name: 'Anders Siljeholm', organisation: 'Lysekil, Munkedal, Sotenäs' });
  });

  it('reads the agenda’s times, and PAUS and AVSLUT as breaks without number or type', () => {
    const rows = m.agenda!.rows;
    expect(m.agenda!.heading).toBe('Mötespunkter');
    expect(rows).toHaveLength(11);
    expect(rows[1]).toEqual({ kind: 'item', line: 53, number: 2, type: 'D', title: 'Hur står det till i Corona-tider?', responsible: 'Alla', time: '13:05' });
    expect(rows[4]).toEqual({ kind: 'break', line: 56, label: 'PAUS', time: '14:30' });
    expect(rows[10]).toEqual({ kind: 'break', line: 62, label: 'AVSLUT', time: '16:00' });
  });

  it('reads the check-in round as sub-headings over bullet lists', () => {
    const blocks = m.items[1]!.blocks;
    expect(blocks).toHaveLength(24);
    expect(blocks[0]).toEqual({ kind: 'subheading', line: 70, text: 'Anders föredrar läget på SML-IT' });
    expect(blocks[1]).toMatchObject({ kind: 'bullets', line: 72 });
    expect(blocks[1]!.kind === 'bullets' && blocks[1]!.items).toHaveLength(7);
    expect(blocks.filter((b) => b.kind === 'bullets').reduce((n, b) => n + (b.kind === 'bullets' ? b.items.length : 0), 0)).toBe(63);
  });

  it('reads "Beslut:" and the paragraph after it as a decision without §', () => {
    const decision = m.items[2]!.blocks.find((b) => b.kind === 'decision');
    expect(decision).toEqual({ kind: 'decision', line: 177, text: 'Sara och Johan tar fram ett konkret erbjudande som kommer att skickas ut efter sommaren' });
    // An item heading may differ from its agenda title (quotes here).
    expect(m.items[3]!.heading).toBe('Presentation av "Snabbutredning – Politiska sammanträden på distans"');
  });

  it('reads who recorded, who approved and two attachments', () => {
    expect(m.items).toHaveLength(9);
    expect(m.recordedBy?.names).toEqual(['Curt-Göran Crantz']);
    expect(m.approvedBy).toEqual({ line: 224, heading: 'Justerat av', names: ['Sara Herrman'] });
    expect(m.attachments!.items.map((a) => `${a.date} ${a.title}`)).toEqual([
      '2020-05-14 Bilaga 1-Presentation av agenda',
      '2020-05-14 Bilaga 2-Presentation av Snabbutredning digitala sammanträden',
    ]);
  });
});

describe('a document built here, with what the seeds lack', () => {
  const m = parseCouncilMinutes(FULL_TEXT);

  it('keeps info rows with other keys, people without an organisation, and breaks with a description', () => {
    expect(m.info.other).toEqual([{ line: 11, key: 'Diarienummer', value: '2024/17' }]);
    expect(m.people[0]!.people[2]).toEqual({ line: 18, name: 'Cecilia Dahl', more: [] });
    expect(m.agenda!.rows[4]).toEqual({ kind: 'break', line: 39, label: 'LUNCH', text: 'Gemensam lunch', time: '11:00' });
  });

  it('reads decisions with §, with a heading on the same line, and "Beslut om …" as a heading', () => {
    expect(m.items[1]!.blocks.filter((b) => b.kind === 'decision')).toEqual([
      { kind: 'decision', line: 57, paragraph: 1, text: 'Styrgruppen fastställer budgeten för 2025.' },
      { kind: 'decision', line: 61, paragraph: 2, heading: 'Beslut om ramar', text: 'Ramarna gäller från den 1 januari.' },
      { kind: 'decision', line: 64, heading: 'Beslut om uppföljning', text: 'Uppföljning sker varje kvartal i styrgruppen.' },
    ]);
  });

  it('reads two adjusters under "Justeras av"', () => {
    expect(m.approvedBy).toEqual({ line: 88, heading: 'Justeras av', names: ['Anna Berg', 'Cecilia Dahl'] });
  });

  it('reads the same tree from the Markdown form (headings, pipe tables, bold labels, a wrapped line)', () => {
    expect(withoutLines(parseCouncilMinutes(FULL_MARKDOWN, 'md'))).toEqual(withoutLines(m));
  });

  it('reads Swedish prose dates and "kl." times', () => {
    const info = parseCouncilMinutes(withLine(9, 'Tid\tkl. 9.00–12.00').replace('Datum\t2024-03-12', 'Datum\ttisdag 12 mars 2024')).info;
    expect([info.date, info.time]).toEqual(['2024-03-12', { start: '09:00', end: '12:00' }]);
  });
});

describe('variants of the format', () => {
  it('keeps a line break inside a .txt paragraph, and joins a wrapped Markdown paragraph with a space', () => {
    const txt = parseCouncilMinutes(withLine(53, 'Bo föredrar förslaget till budget.\nBudgeten är i balans.'));
    expect(txt.items[1]!.blocks[0]).toEqual({ kind: 'paragraph', line: 53, text: 'Bo föredrar förslaget till budget.\nBudgeten är i balans.' });
    const md = parseCouncilMinutes(FULL_MARKDOWN, 'md');
    expect(md.items[1]!.blocks[0]).toMatchObject({ kind: 'paragraph', text: 'Bo föredrar förslaget till budget för 2025.' });
  });

  it.each(['001', '003'] as const)('reads seed %s saved without blank lines (Word’s plain-text export) as the same tree', (name) => {
    const packed = seed(name)
      .split('\n')
      .filter((l) => l.trim() !== '')
      .join('\r\n');
    expect(withoutLines(parseCouncilMinutes(packed))).toEqual(withoutLines(parseCouncilMinutes(seed(name))));
  });

  it('ends a .txt list at a line that is not a bullet', () => {
    const m = parseCouncilMinutes(withLine(49, '- Lysekil: ansträngt\nAnna sammanfattar rundan.'));
    expect(m.items[0]!.blocks.slice(1)).toEqual([
      { kind: 'bullets', line: 47, items: ['Uddevalla: bra – full fart med e-arkivet', 'Fyrbodal: okej', 'Lysekil: ansträngt'] },
      { kind: 'paragraph', line: 50, text: 'Anna sammanfattar rundan.' },
    ]);
  });

  it('reads a sentence that starts like a sign-off as text, and “Sekreterare:” with a name as one', () => {
    const m = parseCouncilMinutes(withLine(83, 'Sekreterare för mötet var Bo Ek.').replace('Antecknat av\nBo Ek', 'Sekreterare: Bo Ek'));
    expect(m.items[3]!.blocks).toEqual([{ kind: 'paragraph', line: 83, text: 'Sekreterare för mötet var Bo Ek.' }]);
    expect(m.recordedBy).toEqual({ line: 85, heading: 'Sekreterare', names: ['Bo Ek'] });
  });

  it('reads the body’s name on the title line, whole hours, and an ISO date inside a longer value', () => {
    const m = parseCouncilMinutes(
      FULL_TEXT.replace('Minnesanteckningar\n\nStyrgruppen för e-rådet\n', 'Minnesanteckningar – Styrgruppen för e-rådet\n\n')
        .replace('Tid\t09.00-12.00', 'Tid\tkl 9-12')
        .replace('Datum\t2024-03-12', 'Datum\t2024-03-12 (tisdag)'),
    );
    expect([m.title, m.body, m.info.date, m.info.time]).toEqual(['Minnesanteckningar', 'Styrgruppen för e-rådet', '2024-03-12', { start: '09:00', end: '12:00' }]);
  });
});

describe('a document it cannot read names the line and what was expected', () => {
  it.each([
    ['no title', withLine(1, 'Anteckningar från mötet'), 1, /the title “Minnesanteckningar”/],
    ['an impossible date', withLine(8, 'Datum\t2024-02-30'), 8, /a date like 2020-11-27 after “Datum”, found “2024-02-30”/],
    ['a time that is not one', withLine(9, 'Tid\tförmiddag'), 9, /a time like 13\.00-16\.00/],
    ['no Datum row', withLine(8, 'Dag\tTisdag'), 13, /a row “Datum<tab>2020-11-27” under “Information om möte” \(line 5\)/],
    ['a people table without its header', withLine(15, 'Anna Berg\tUddevalla kommun'), 15, /the header row “Namn<tab>Kommun\/Organisation” under “Deltagare”/],
    ['an agenda type that is not I, D or A', withLine(36, ['2', 'X', 'Budget 2025', 'Bo Ek', '09.15'].join('\t')), 36, /the type I, D or A of agenda item 2, found “X”/],
    ['agenda numbers out of order', withLine(38, ['2', 'A', 'Riskhantering', 'Anna Berg', '10.15'].join('\t')), 38, /an agenda item numbered after 2/],
    ['a row that is neither item nor break', withLine(37, ['', 'D', 'Fika', '', '10.00'].join('\t')), 37, /a break “PAUS<tab>…<tab>14\.30”/],
    ['a bad agenda time', withLine(37, ['PAUS', '', '', '', 'tio'].join('\t')), 37, /a start time like 14\.30/],
    ['R that is not S × K', withLine(72, ['R1', 'Nyckelperson slutar', 'Kunskapen', 'Arbetet stannar', '3', '4', '7', 'Ja'].join('\t')), 72, /R of R1 = S × K = 3 × 4 = 12, found “R 7”/],
    ['S outside 1–5', withLine(73, ['R2', 'Låg svarsfrekvens', 'Analysen', 'Felaktigt underlag', '6', '2', '12', 'Nej'].join('\t')), 73, /S and K of R2 as whole numbers 1–5/],
    ['a decision without its text', withLine(59, '- Budgeten'), 59, /the decision’s text after “Beslut §1:” \(line 57\)/],
    ['text between the agenda and the first item', withLine(42, 'Mötet öppnades.'), 42, /“Deltagare”, “Förhindrade”, “Föredragande”, “Dagordning” \(or “Mötespunkter”\), or the first item “1\) …”/],
    ['a sign-off without a name', FULL_TEXT.replace('Antecknat av\nBo Ek', 'Antecknat av'), 87, /a name after “Antecknat av” \(line 85\)/],
  ])('%s', (_what, text, line, message) => {
    const e = readError(text);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(new RegExp(`^Line ${line}: expected `));
    expect(e.message).toMatch(message);
  });

  it('names the end of the document when it stops too early', () => {
    const e = readError('Minnesanteckningar\n\nStyrgruppen\n');
    expect(e.message).toBe('Line 3: expected “Information om möte” (the meeting’s date, time and place), found “the end of the document”.');
  });

  it('names the line of a Markdown source, delimiter rows counted', () => {
    const e = readError(FULL_MARKDOWN.replace('| 2 | D | Budget 2025 |', '| 2 | Q | Budget 2025 |'), 'md');
    expect(e.line).toBe(FULL_MARKDOWN.split('\n').findIndex((l) => l.startsWith('| 2 | D |')) + 1);
    expect(e.expected).toBe('the type I, D or A of agenda item 2');
  });
});
