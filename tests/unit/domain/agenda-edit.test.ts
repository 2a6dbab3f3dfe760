import { isItem, itemsOf, validateAgenda, type AgendaEntry } from '../../../src/domain/agenda';
import { addRow, assertStartedItemsKept, moveItem, numberAgenda, parseAgendaCommand, parseAgendaRow, removeRow, sectionHeading, setHeading, templateAgenda } from '../../../src/domain/agenda-edit';
import { domainErrorOf } from '../../helpers/domain-error';

/** Seed 003's "Mötespunkter" typed row by row, PAUS 14.30 and AVSLUT 16.00 included. */
const SEED_003_ROWS = [
  'I 13.00 Tidigare mötesprotokoll — Sara',
  'D 13.05 Hur står det till i Corona-tider? — Alla',
  'D 13.45 Våra förmågor, hur tar vi det vidare? — Johan Högne',
  'I 14.00 Presentation av ”Snabbutredning – Politiska sammanträden på distans” — Christian Lund',
  'paus 14.30',
  'D 14.45 Presentation och diskussion av utkast till direktiv ”Digitala möten” — Sara',
  'I 15.00 Regional IdP inom Västra Götaland — Christian Bonfré',
  'D 15.15 Förändrad roll för VästKom i digitaliseringsområdet — Sara',
  'I 15.40 Information från det regionala Digitaliseringsrådet — Sara',
  'D 15.50 Övrigt — Alla',
  'avslut 16.00',
];
const MEETING = { start: '13:00', end: '16:00' };
const seedAgenda = (): AgendaEntry[] => SEED_003_ROWS.reduce<AgendaEntry[]>((rows, line) => addRow(rows, parseAgendaRow(line)), []);
/** The agenda as the table of the minutes reads it: number or PAUS/AVSLUT, type, time. */
const table = (rows: readonly AgendaEntry[]) => rows.map((r) => (isItem(r) ? `${r.number} ${r.type} ${r.plannedStart}` : `${r.kind} ${r.plannedStart}`));

describe('breaks and the closing row', () => {
  it('reads seed 003’s agenda with PAUS and AVSLUT unnumbered, the items numbered 1–9 around them', () => {
    const rows = seedAgenda();
    expect(table(rows)).toEqual(['1 I 13:00', '2 D 13:05', '3 D 13:45', '4 I 14:00', 'break 14:30', '5 D 14:45', '6 I 15:00', '7 D 15:15', '8 I 15:40', '9 D 15:50', 'end 16:00']);
    expect(itemsOf(rows).map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => validateAgenda(rows, MEETING)).not.toThrow();
  });

  it('reads the words in either language and case, with a label', () => {
    expect(parseAgendaRow('PAUS 14.30')).toEqual({ kind: 'break', plannedStart: '14:30' });
    expect(parseAgendaRow('break 12:00 Lunch')).toEqual({ kind: 'break', plannedStart: '12:00', title: 'Lunch' });
    expect(parseAgendaRow('Avslut 16.00')).toEqual({ kind: 'end', plannedStart: '16:00' });
    expect(parseAgendaRow('end 16:00')).toEqual({ kind: 'end', plannedStart: '16:00' });
    // An item is still an item: a type letter first.
    expect(parseAgendaRow('D 14:30 Paus i arbetet')).toMatchObject({ type: 'D', title: 'Paus i arbetet' });
    expect(domainErrorOf(() => parseAgendaRow('paus 25.00'))).toMatchObject({ code: 'SCHEDULE.BAD_TIME', params: { value: '25.00' } });
    expect(domainErrorOf(() => parseAgendaRow('kaffe 14:30'))).toMatchObject({ code: 'AGENDA.QUICK_FORM', params: { value: 'kaffe 14:30' } });
  });

  it('refuses a break outside the meeting, a closing row before the last item, and a break at an item’s time', () => {
    expect(domainErrorOf(() => validateAgenda(addRow(seedAgenda(), parseAgendaRow('paus 16.00')), MEETING))).toMatchObject({ code: 'AGENDA.BREAK_OUTSIDE', params: { time: '16:00', start: '13:00', end: '16:00' } });
    expect(domainErrorOf(() => validateAgenda(addRow(seedAgenda(), parseAgendaRow('avslut 15.45')), MEETING))).toMatchObject({ code: 'AGENDA.END_NOT_LAST', params: { time: '15:45' } });
    expect(domainErrorOf(() => validateAgenda(addRow(seedAgenda(), parseAgendaRow('avslut 16.30')), MEETING))).toMatchObject({ code: 'AGENDA.BREAK_OUTSIDE', params: { time: '16:30' } });
    expect(domainErrorOf(() => validateAgenda(addRow(seedAgenda(), parseAgendaRow('paus 15.00')), MEETING))).toMatchObject({ code: 'AGENDA.BREAK_CLASH', params: { time: '15:00' } });
  });

  it('keeps one closing row: a second replaces the first', () => {
    const rows = addRow(seedAgenda(), parseAgendaRow('avslut 15.55'));
    expect(rows.filter((r) => r.kind === 'end').map((r) => r.plannedStart)).toEqual(['15:55']);
  });
});

describe('the template gives way', () => {
  it('lets the council’s first item take the slot of the template row at its time', () => {
    const template = templateAgenda('sv', MEETING);
    expect(template[0]).toMatchObject({ title: 'Incheckning', plannedStart: '13:00', fromTemplate: true });
    const rows = addRow(template, parseAgendaRow('I 13.00 Tidigare mötesprotokoll — Sara'));
    expect(() => validateAgenda(rows, MEETING)).not.toThrow();
    expect(itemsOf(rows).map((i) => `${i.number} ${i.title}`)).toEqual([
      '1 Tidigare mötesprotokoll',
      '2 Föregående minnesanteckningar',
      '3 Uppföljning av risker och åtgärder',
      '4 Aktuella ärenden',
      '5 Övriga frågor',
    ]);
  });

  it('does not give way once edited or begun, and a clash between the council’s own items is still refused', () => {
    const edited = setHeading(templateAgenda('sv', MEETING), 1, 'Incheckning och presentation');
    expect(domainErrorOf(() => validateAgenda(addRow(edited, parseAgendaRow('I 13.00 Ny punkt')), MEETING))).toMatchObject({ code: 'AGENDA.TIME_NOT_RISING', params: { item: 2, time: '13:00', previousItem: 1 } });
    const begun = addRow(templateAgenda('sv', MEETING), parseAgendaRow('I 13.00 Ny punkt'), (e) => e.number === 1);
    expect(itemsOf(begun).map((i) => i.title).slice(0, 2)).toEqual(['Incheckning', 'Ny punkt']);
  });
});

describe('remove, move, heading', () => {
  it('removes an item (the rest renumbered), a break by its time, and the closing row', () => {
    expect(table(removeRow(seedAgenda(), { item: 3 })).slice(0, 5)).toEqual(['1 I 13:00', '2 D 13:05', '3 I 14:00', 'break 14:30', '4 D 14:45']);
    expect(table(removeRow(seedAgenda(), { kind: 'break', time: '14:30' }))).not.toContain('break 14:30');
    expect(table(removeRow(seedAgenda(), { kind: 'end' })).at(-1)).toBe('9 D 15:50');
    expect(domainErrorOf(() => removeRow(seedAgenda(), { item: 10 }))).toMatchObject({ code: 'AGENDA.NO_SUCH_ITEM', params: { number: '10', count: 9 } });
    expect(domainErrorOf(() => removeRow(seedAgenda(), { kind: 'break', time: '15:00', typed: 'paus 15.00' }))).toMatchObject({ code: 'AGENDA.NO_SUCH_BREAK', params: { value: 'paus 15.00', count: 0 } });
  });

  it('moves an item to another place: the times stay with the places, breaks stay put', () => {
    const moved = moveItem(seedAgenda(), 9, 2);
    expect(itemsOf(moved).map((i) => `${i.number} ${i.plannedStart} ${i.title}`).slice(0, 3)).toEqual(['1 13:00 Tidigare mötesprotokoll', '2 13:05 Övrigt', '3 13:45 Hur står det till i Corona-tider?']);
    expect(table(moved)[4]).toBe('break 14:30');
    expect(() => validateAgenda(moved, MEETING)).not.toThrow();
    expect(domainErrorOf(() => moveItem(seedAgenda(), 2, 12))).toMatchObject({ code: 'AGENDA.NO_SUCH_ITEM', params: { number: '12', count: 9 } });
  });

  it('gives an item its own heading in the minutes, and takes it away again', () => {
    const headed = setHeading(seedAgenda(), 2, 'Läget i kommunerna');
    const item = itemsOf(headed)[1]!;
    expect(sectionHeading(item)).toBe('Läget i kommunerna');
    expect(item.title).toBe('Hur står det till i Corona-tider?');
    expect(sectionHeading(itemsOf(setHeading(headed, 2, undefined))[1]!)).toBe('Hur står det till i Corona-tider?');
  });

  it('refuses to take away or renumber an item that has begun', () => {
    const rows = numberAgenda(seedAgenda()).map((r, key) => ({ ...r, key }));
    const begun = (e: AgendaEntry) => isItem(e) && e.number <= 2;
    const key = (e: AgendaEntry) => (e as { key?: number }).key;
    expect(() => assertStartedItemsKept(rows, removeRow(rows, { item: 5 }), begun, key)).not.toThrow();
    expect(domainErrorOf(() => assertStartedItemsKept(rows, removeRow(rows, { item: 1 }), begun, key))).toMatchObject({ code: 'AGENDA.ITEM_STARTED', params: { item: 1 } });
    expect(domainErrorOf(() => assertStartedItemsKept(rows, moveItem(rows, 5, 1), begun, key))).toMatchObject({ code: 'AGENDA.ITEM_STARTED', params: { item: 1 } });
  });
});

describe('parseAgendaCommand', () => {
  it.each<[string, unknown]>([
    ['', { kind: 'show' }],
    ['add D 13:05 Hur står det till? — Alla', { kind: 'add', text: 'D 13:05 Hur står det till? — Alla' }],
    ['lägg till paus 14.30', { kind: 'add', text: 'paus 14.30' }],
    ['remove 3', { kind: 'remove', target: { item: 3 } }],
    ['ta bort paus 14.30', { kind: 'remove', target: { kind: 'break', time: '14:30', typed: 'paus 14.30' } }],
    ['ta bort avslut', { kind: 'remove', target: { kind: 'end', typed: 'avslut' } }],
    ['move 5 2', { kind: 'move', item: 5, to: 2 }],
    ['flytta 5 till 2', { kind: 'move', item: 5, to: 2 }],
    ['heading 2 Diskussion – läget i kommunerna', { kind: 'heading', item: 2, heading: 'Diskussion – läget i kommunerna' }],
    ['rubrik 2', { kind: 'heading', item: 2 }],
    ['töm', { kind: 'clear' }],
  ])('reads %p', (args, expected) => {
    expect(parseAgendaCommand(args)).toEqual(expected);
  });

  it.each(['remove', 'remove tre', 'flytta 5', 'move 5 to', 'rubrik x Ny rubrik', 'clear all', 'vad som helst'])('refuses %p, quoting it whole', (args) => {
    expect(domainErrorOf(() => parseAgendaCommand(args))).toMatchObject({ code: 'AGENDA.BAD_EDIT', params: { value: args } });
  });
});
