/**
 * The agenda in the minutes as the council writes it (seed 003's "Mötespunkter"): breaks and the closing
 * row without number or type, the items numbered around them, and an item's own heading over its section.
 */
import { itemsOf } from '../../../src/domain/agenda';
import { addRow, parseAgendaRow, setHeading } from '../../../src/domain/agenda-edit';
import type { AgendaEntry } from '../../../src/domain/agenda';
import { assembleMinutes, minutesSummary, type MinutesRecords } from '../../../src/domain/minutes';
import { minutesOutline, type Block } from '../../../src/minutes/outline';

const rows = ['I 13.00 Tidigare mötesprotokoll — Sara', 'D 13.05 Hur står det till i Corona-tider? — Alla', 'paus 14.30', 'D 14.45 Digitala möten — Sara', 'avslut 16.00'];
const agenda = (): AgendaEntry[] => setHeading(rows.reduce<AgendaEntry[]>((a, line) => addRow(a, parseAgendaRow(line)), []), 2, 'Läget i kommunerna');

function records(): MinutesRecords {
  const sara = { id: '29:sara', name: 'Sara Herrman' };
  return {
    groupName: 'Fyrbodals nätverk för e-samhälle',
    meeting: { id: 'm', tenantId: 't', teamsMeetingId: 'tm', conversationId: 'c', createdAt: '2020-05-01T00:00:00.000Z', startsAt: '2020-05-14T11:00:00.000Z', endsAt: '2020-05-14T14:00:00.000Z', groupId: 'g' },
    agenda: agenda(),
    attendance: { date: '2020-05-14', members: [], guests: [], rate: { present: 0, expected: 0 } },
    checkIns: [],
    notes: [{ id: 'n', tenantId: 't', meetingId: 'm', agendaItem: 3, text: 'Johan Högne presenterade förslag.', recordedBy: sara, recordedAt: '2020-05-14T12:50:00.000Z' }],
    decisions: [],
    risksRaised: [],
    reviews: [],
    actions: [],
    carried: [],
  };
}

it('keeps the breaks in the agenda table, unnumbered, and numbers the items around them', () => {
  const c = assembleMinutes(records());
  expect(c.agenda.map((r) => (r.kind ? `${r.kind} ${r.plannedStart}` : `${r.number} ${r.type} ${r.plannedStart}`))).toEqual(['1 I 13:00', '2 D 13:05', 'break 14:30', '3 D 14:45', 'end 16:00']);
  // Sections are the items only, under their numbers; the note is under item 3 (after the break).
  expect(c.sections.map((s) => `${s.number}) ${s.title}`)).toEqual(['1) Tidigare mötesprotokoll', '2) Läget i kommunerna', '3) Digitala möten']);
  expect(c.sections[2]!.notes).toEqual(['Johan Högne presenterade förslag.']);
  expect(minutesSummary(c).items).toBe(3);
  expect(itemsOf(agenda())[1]!.title).toBe('Hur står det till i Corona-tider?');
});

it('writes the rows as seed 003 does: "PAUS … 14.30", "AVSLUT … 16.00", and the item’s own heading over its section', () => {
  const content = assembleMinutes(records());
  const blocks = minutesOutline({ version: { version: 1, status: 'draft', contentHash: 'h' }, content, locale: 'sv', audience: 'internal' });
  const table = blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.headers.includes('Typ'))!;
  expect(table.rows).toEqual([
    ['1', 'I', 'Tidigare mötesprotokoll', 'Sara', '13.00'],
    ['2', 'D', 'Hur står det till i Corona-tider?', 'Alla', '13.05'],
    ['PAUS', '', '', '', '14.30'],
    ['3', 'D', 'Digitala möten', 'Sara', '14.45'],
    ['AVSLUT', '', '', '', '16.00'],
  ]);
  const headings = blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
  expect(headings).toContain('2) Läget i kommunerna');
  const english = minutesOutline({ version: { version: 1, status: 'draft', contentHash: 'h' }, content, locale: 'en', audience: 'internal' });
  expect(JSON.stringify(english)).toContain('["BREAK","","","","14:30"]');
});
