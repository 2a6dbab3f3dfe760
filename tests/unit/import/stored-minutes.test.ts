/** A stored import written back: the layout's order and headings over the stored records, and what came after. */
import type { StoredImport } from '../../../src/app/history-import';
import type { MinutesContent } from '../../../src/domain/minutes';
import { renderCouncilMarkdown } from '../../../src/import/council-markdown';
import { parseCouncilMinutes } from '../../../src/import/council-minutes';
import { renderCouncilText, retainedLines } from '../../../src/import/council-text';
import { councilMinutesOf } from '../../../src/import/stored-minutes';
import { FULL_TEXT, seed } from './minutes-documents';

const section = (number: number, title: string, more: Partial<MinutesContent['sections'][number]> = {}): MinutesContent['sections'][number] => ({
  number,
  title,
  notes: [],
  checkIns: [],
  decisions: [],
  risksRaised: [],
  riskReviews: [],
  actions: [],
  ...more,
});

const content: MinutesContent = {
  groupName: 'Styrgruppen',
  meetingTitle: 'E-rådets styrgrupp',
  date: '2024-03-12',
  startTime: '09:00',
  endTime: '12:00',
  place: 'teams',
  present: [],
  excused: [],
  coopted: [],
  agenda: [
    { number: 1, type: 'I', title: 'Incheckning', plannedStart: '09:00' },
    { number: 0, kind: 'break', title: 'Gemensam lunch', plannedStart: '10:00' },
    { number: 2, type: 'D', title: 'Budget', responsible: 'Bo Ek', plannedStart: '10:30' },
    { number: 3, type: 'D', title: 'Övrigt', plannedStart: '11:00' },
    { number: 0, kind: 'end', title: '', plannedStart: '12:00' },
  ],
  sections: [
    section(1, 'Incheckning', {
      notes: ['Första stycket.', '# R9 Gammal risk\n\nFortfarande öppen.', 'Tillagd efteråt:\n- en punkt'],
      decisions: [
        { paragraph: '§1', text: 'Beslutet.', retracted: false },
        { paragraph: '§2', heading: 'Beslut om tillägg', text: 'Efteråt.', retracted: false },
      ],
    }),
    section(2, 'Budget'),
    section(3, 'Övriga frågor', { notes: ['Inga.'] }),
  ],
  recordedBy: 'Bo Ek',
  adjuster: 'Anna Berg',
  overrides: [],
  attachments: [
    { title: 'Bilaga 1-Budget', date: '2024-03-12' },
    { title: 'Bilaga 2-Utan datum', date: '2024-03-12' },
  ],
};

const stored: StoredImport = {
  meeting: { id: 'm', tenantId: 't', teamsMeetingId: 'x', conversationId: 'x', createdAt: '2024-01-01T00:00:00.000Z' },
  content,
  people: [
    { name: 'Anna Berg', organisation: 'Uddevalla', email: 'anna@example.org', status: 'present', guest: false },
    { name: 'Eva Gran', organisation: 'Centigo AB', status: 'present', guest: true },
    { name: 'David Fors', status: 'excused', guest: false },
    { name: 'Gustav Holm', status: 'absent', guest: false },
  ],
  reviewedRisks: [],
  layout: {
    title: 'Protokoll',
    preamble: ['Sammanträde nr 2'],
    info: { heading: 'Information om möte', place: 'Kommunhuset', time: 'span', other: [{ key: 'Diarienummer', value: '2024/17' }] },
    people: [
      { role: 'present', heading: 'Närvarande', columns: ['Namn', 'Kommun', 'E-post'] },
      { role: 'presenters', heading: 'Föredragande', columns: ['Namn', 'Organisation'] },
    ],
    presenters: ['eva gran'],
    agenda: { heading: 'Dagordning', columns: ['Punkt', 'Typ', 'Beskrivning', 'Ansvarig', 'Ca tid'], breakLabels: ['LUNCH'], omitted: [3] },
    items: [
      { number: 1, blocks: [{ kind: 'note' }, { kind: 'decision' }, { kind: 'followUp', id: 'R9', heading: 'Gammal risk' }] },
      { number: 3, written: 5, blocks: [{ kind: 'note' }] },
    ],
    decisionNumbers: [4],
    riskCodes: {},
    recordedBy: { heading: 'Sekreterare', more: [] },
    approvedBy: { heading: 'Justeras av', more: ['Cecilia Dahl'] },
    attachments: { heading: 'Bilagor', undated: ['Bilaga 2-Utan datum'] },
  },
};

it('writes the stored meeting in the layout’s order and words, then what was recorded after the import', () => {
  expect(renderCouncilText(councilMinutesOf(stored))).toBe(
    [
      'Protokoll',
      'E-rådets styrgrupp',
      'Sammanträde nr 2',
      'Information om möte',
      'Datum\t2024-03-12\nTid\t09.00-12.00\nPlats\tKommunhuset\nDiarienummer\t2024/17',
      'Närvarande',
      'Namn\tKommun\tE-post\nAnna Berg\tUddevalla\tanna@example.org',
      'Föredragande',
      'Namn\tOrganisation\nEva Gran\tCentigo AB',
      'Dagordning',
      'Punkt\tTyp\tBeskrivning\tAnsvarig\tCa tid\n1\tI\tIncheckning\t\t09.00\nLUNCH\t\tGemensam lunch\t\t10.00\n2\tD\tBudget\tBo Ek\t10.30\nAVSLUT\t\t\t\t12.00',
      '1) Incheckning',
      'Första stycket.',
      'Beslut §4:',
      'Beslutet.',
      'R9 Gammal risk',
      'Fortfarande öppen.',
      'Tillagd efteråt:',
      '- en punkt',
      'Beslut §2: Beslut om tillägg\nEfteråt.',
      '5) Övriga frågor',
      'Inga.',
      'Sekreterare\nBo Ek',
      'Justeras av\nAnna Berg\nCecilia Dahl',
      'Bilagor',
      '- 2024-03-12 - Bilaga 1-Budget\n- Bilaga 2-Utan datum',
    ].join('\n\n') + '\n',
  );
});

describe('Markdown', () => {
  it.each([
    ['001', seed('001')],
    ['003', seed('003')],
    ['built', FULL_TEXT],
  ])('reads back as the same minutes (%s)', (_name, text) => {
    const tree = parseCouncilMinutes(text);
    expect(retainedLines(renderCouncilText(tree), renderCouncilText(parseCouncilMinutes(renderCouncilMarkdown(tree), 'md')))).toMatchObject({ ratio: 1, missing: [] });
  });

  it('escapes what Markdown would read as markup', () => {
    const tree = parseCouncilMinutes(FULL_TEXT.replace('Inga övriga frågor anmäldes.', '# 5 *viktiga* frågor | _två_ \\ tre'));
    const markdown = renderCouncilMarkdown(tree);
    expect(markdown).toContain('\\# 5 \\*viktiga\\* frågor \\| \\_två\\_ \\\\ tre');
    expect(markdown).toContain('| R1 | Nyckelperson slutar | Kunskapen finns hos en person | Arbetet stannar | 3 | 4 | 12 | Ja |');
    expect(renderCouncilText(parseCouncilMinutes(markdown, 'md'))).toContain('\n# 5 *viktiga* frågor | _två_ \\ tre\n');
  });
});
