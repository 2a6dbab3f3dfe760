/** The dry run's account of a document: every section, with values and counts a secretary can check. */
import { parseCouncilMinutes } from '../../../src/import/council-minutes';
import { describeMinutes } from '../../../src/import/minutes-summary';
import { FULL_TEXT, seed } from './minutes-documents';

it('tells seed 001’s date, people, agenda, items with counts, risks, sign-offs and attachments', () => {
  const lines = describeMinutes(parseCouncilMinutes(seed('001')));
  expect(lines).toEqual(
    expect.arrayContaining([
      'Minnesanteckningar: Digital motor Fyrbodal',
      'Date 2020-11-27, time 11:00–12:00, place Via Microsoft Teams; called: Taktisk styrgrupp',
      'Participants (“Deltagare”, 5):',
      '  Håkan Sundberg, Munkedals kommun',
      'Excused (“Förhindrade”, 1):',
      '  Lis Palm, Fyrbodals kommunalförbund',
      'Agenda (“Dagordning”, 4 items, 0 breaks):',
      '  3 [D] Riskhantering — Sara',
      'Items (3):',
      '  2) Aktiviteter: 5 paragraphs, 2 sub-headings  [line 48]',
      '  3) Riskhantering: 11 paragraphs, a risk table of 5 risks, 5 risk follow-ups  [line 64]',
      '  Agenda items with no section of their own: 4',
      'Risks (5):',
      '  R4 S 5 × K 4 = R 20: Vikande intresse och deltagande mot slutet av förstudien pg… (åtgärd: Ja)',
      'Decisions (0):',
      'Recorded by: Sara Herrman',
      'Approved by: not given',
      'Attachments (1):',
      '  2020-11-30 Bilaga 1-Presentation av möte',
    ]),
  );
});

it('tells seed 003’s breaks, presenters, bullets and its decision without §', () => {
  const lines = describeMinutes(parseCouncilMinutes(seed('003')));
  expect(lines).toEqual(
    expect.arrayContaining([
      'Presenters (“Föredragande”, 3):',
      '  Christian Bonfré, Eventsia Infomaton/VästKom',
      'Agenda (“Mötespunkter”, 9 items, 2 breaks):',
      '  PAUS at 14:30',
      '  AVSLUT at 16:00',
      '  2) Hur står det till i Corona-tider?: 0 paragraphs, 12 sub-headings, 63 bullets in 12 lists  [line 68]',
      'Decisions (1):',
      '  item 3, Beslut: Sara och Johan tar fram ett konkret erbjudande som kommer att skickas…',
      'Approved by: Sara Herrman (“Justerat av”)',
    ]),
  );
  // A heading that differs from its agenda title only in its quotes is not reported as different.
  expect(lines.filter((l) => l.includes('(agenda:'))).toEqual([]);
});

it('tells decisions with § and heading, other info rows, and a heading that differs from the agenda', () => {
  const lines = describeMinutes(parseCouncilMinutes(FULL_TEXT.replace('2) Budget 2025', '2) Budgeten för nästa år')));
  expect(lines).toEqual(
    expect.arrayContaining([
      'Diarienummer: 2024/17',
      '  LUNCH Gemensam lunch at 11:00',
      '  2) Budgeten för nästa år (agenda: “Budget 2025”): 2 paragraphs, 3 decisions  [line 51]',
      '  item 2, Beslut §1: Styrgruppen fastställer budgeten för 2025.',
      '  item 2, Beslut §2: Beslut om ramar — Ramarna gäller från den 1 januari.',
      'Approved by: Anna Berg, Cecilia Dahl (“Justeras av”)',
    ]),
  );
});
