import {
  isCheckInItem,
  currentItemAt,
  defaultAgendaTemplate,
  MAX_AGENDA_ITEMS,
  overrunMinutes,
  parseAgendaQuickAdd,
  renumber,
  validateAgenda,
  type AgendaItem,
  type AgendaQuickAdd,
} from '../../../src/domain/agenda';
import type { ErrorCode } from '../../../src/domain/errors';
import { stockholmToUtc } from '../../../src/domain/stockholm-time';
import { domainErrorOf } from '../../helpers/domain-error';


/**
 * Seed 003, the network meeting of 2020-05-14, 13.00–16.00: its "Mötespunkter" as the organizer would type
 * them in the chat (PAUS at 14.30 and AVSLUT at 16.00 are not items).
 */
const SEED_003_MEETING = { start: '13:00', end: '16:00' };
const SEED_003_LINES = [
  'I 13.00 Tidigare mötesprotokoll — Sara',
  'D 13.05 Hur står det till i Corona-tider? — Alla',
  'D 13.45 Våra förmågor, hur tar vi det vidare? — Johan Högne',
  'I 14.00 Presentation av ”Snabbutredning – Politiska sammanträden på distans” — Christian Lund',
  'D 14.45 Presentation och diskussion av utkast till direktiv ”Digitala möten” — Sara',
  'I 15.00 Regional IdP inom Västra Götaland — Christian Bonfré',
  'D 15.15 Förändrad roll för VästKom i digitaliseringsområdet — Sara',
  'I 15.40 Information från det regionala Digitaliseringsrådet — Sara',
  'D 15.50 Övrigt — Alla',
];
const seedAgenda = (): AgendaItem[] => SEED_003_LINES.map((line, i) => ({ number: i + 1, ...parseAgendaQuickAdd(line) }));

/** The seed agenda with one item changed. */
function withItem(number: number, change: Partial<AgendaItem>): AgendaItem[] {
  return seedAgenda().map((item) => (item.number === number ? { ...item, ...change } : item));
}

describe('the seed 003 agenda', () => {
  it('reads from the chat form with the seed’s own times, titles and responsible persons', () => {
    const agenda = seedAgenda();
    expect(agenda.map((i) => [i.number, i.type, i.plannedStart, i.responsible])).toEqual([
      [1, 'I', '13:00', 'Sara'],
      [2, 'D', '13:05', 'Alla'],
      [3, 'D', '13:45', 'Johan Högne'],
      [4, 'I', '14:00', 'Christian Lund'],
      [5, 'D', '14:45', 'Sara'],
      [6, 'I', '15:00', 'Christian Bonfré'],
      [7, 'D', '15:15', 'Sara'],
      [8, 'I', '15:40', 'Sara'],
      [9, 'D', '15:50', 'Alla'],
    ]);
    expect(agenda[3]!.title).toBe('Presentation av ”Snabbutredning – Politiska sammanträden på distans”');
  });

  it('passes validateAgenda', () => {
    expect(() => validateAgenda(seedAgenda(), SEED_003_MEETING)).not.toThrow();
  });
});

describe('validateAgenda: each failure names the item', () => {
  it.each<[string, AgendaItem[], ErrorCode, Record<string, string | number>]>([
    ['item 5 starts when item 4 does', withItem(5, { plannedStart: '14:00' }), 'AGENDA.TIME_NOT_RISING', { item: 5, time: '14:00', previousItem: 4, previousTime: '14:00' }],
    ['item 3 starts before item 2', withItem(3, { plannedStart: '13:00' }), 'AGENDA.TIME_NOT_RISING', { item: 3, time: '13:00', previousItem: 2, previousTime: '13:05' }],
    ['item 1 starts before the meeting', withItem(1, { plannedStart: '12:55' }), 'AGENDA.OUTSIDE_MEETING', { item: 1, time: '12:55', start: '13:00', end: '16:00' }],
    ['item 9 starts when the meeting ends', withItem(9, { plannedStart: '16:00' }), 'AGENDA.OUTSIDE_MEETING', { item: 9, time: '16:00', start: '13:00', end: '16:00' }],
    ['item 9 starts after the meeting', withItem(9, { plannedStart: '16:10' }), 'AGENDA.OUTSIDE_MEETING', { item: 9, time: '16:10', start: '13:00', end: '16:00' }],
    ['item 4 has no title', withItem(4, { title: '   ' }), 'TEXT.EMPTY', { field: 'title', item: 4 }],
    ['item 2 has a title of 301 characters', withItem(2, { title: 'x'.repeat(301) }), 'TEXT.TOO_LONG', { field: 'title', max: 300, length: 301, item: 2 }],
    ['item 6 has a responsible of 201 characters', withItem(6, { responsible: 'y'.repeat(201) }), 'TEXT.TOO_LONG', { field: 'responsible', max: 200, length: 201, item: 6 }],
    ['item 7 has a description of 2001 characters', withItem(7, { description: 'z'.repeat(2001) }), 'TEXT.TOO_LONG', { field: 'description', max: 2000, length: 2001, item: 7 }],
    ['item 7 has an unknown type', withItem(7, { type: 'X' as AgendaItem['type'] }), 'AGENDA.BAD_TYPE', { item: 7, value: 'X' }],
    ['item 8 has a lower-case type', withItem(8, { type: 'i' as AgendaItem['type'] }), 'AGENDA.BAD_TYPE', { item: 8, value: 'i' }],
    ['item 3 has an impossible time', withItem(3, { plannedStart: '25:00' }), 'SCHEDULE.BAD_TIME', { field: 'plannedStart', value: '25:00', item: 3 }],
    ['item 3 has a time written 13.45', withItem(3, { plannedStart: '13.45' }), 'SCHEDULE.BAD_TIME', { field: 'plannedStart', value: '13.45', item: 3 }],
    ['item 2 links to a script', withItem(2, { links: ['javascript:alert(1)'] }), 'AGENDA.BAD_LINK', { item: 2, value: 'javascript:alert(1)' }],
    ['item 2 links to a bare word', withItem(2, { links: ['https://example.org/ok', 'bilaga-1'] }), 'AGENDA.BAD_LINK', { item: 2, value: 'bilaga-1' }],
    ['item 2 has 11 links', withItem(2, { links: Array.from({ length: 11 }, (_, i) => `https://example.org/${i}`) }), 'AGENDA.TOO_MANY_LINKS', { item: 2, count: 11, max: 10 }],
    ['item 5 is numbered 6', withItem(5, { number: 6 }), 'AGENDA.NUMBERING', { item: 6, expected: 5 }],
  ])('%s', (_name, items, code, params) => {
    const e = domainErrorOf(() => validateAgenda(items, SEED_003_MEETING));
    expect({ code: e.code, params: e.params }).toEqual({ code, params });
  });

  it('refuses more than 40 items before looking at any of them', () => {
    const items = Array.from({ length: MAX_AGENDA_ITEMS + 1 }, (_, i): AgendaItem => ({ number: i + 1, type: 'D', title: '', plannedStart: '00:00' }));
    const e = domainErrorOf(() => validateAgenda(items, { start: '08:00', end: '18:00' }));
    expect(e.code).toBe<ErrorCode>('AGENDA.TOO_MANY');
    expect(e.params).toEqual({ count: 41, max: 40 });
  });

  it('accepts 40 items, a 300-character title, a 200-character responsible and web links', () => {
    const items = Array.from({ length: 40 }, (_, i): AgendaItem => ({ number: i + 1, type: 'A', title: `Punkt ${i + 1}`, plannedStart: `${String(8 + Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}` }));
    items[0] = { ...items[0]!, title: 't'.repeat(300), responsible: 'r'.repeat(200), links: ['https://digitaliseringfyrbodals.se/', 'http://intranet.example/bilaga?id=2'] };
    expect(() => validateAgenda(items, { start: '08:00', end: '18:00' })).not.toThrow();
  });

  it('accepts an empty agenda', () => {
    expect(() => validateAgenda([], SEED_003_MEETING)).not.toThrow();
  });

  it('refuses a meeting that ends before it starts', () => {
    const e = domainErrorOf(() => validateAgenda(seedAgenda(), { start: '16:00', end: '13:00' }));
    expect(e.code).toBe<ErrorCode>('SCHEDULE.BAD_TIME_RANGE');
    expect(e.params).toEqual({ start: '16:00', end: '13:00' });
  });
});

describe('parseAgendaQuickAdd', () => {
  it.each<[string, AgendaQuickAdd]>([
    ['D 13:05 Hur står det till? — Alla', { type: 'D', plannedStart: '13:05', title: 'Hur står det till?', responsible: 'Alla' }],
    ['d 13.05 Hur står det till? – Alla', { type: 'D', plannedStart: '13:05', title: 'Hur står det till?', responsible: 'Alla' }],
    ['a 9:00 Workshop om förmågekartan - Johan Högne', { type: 'A', plannedStart: '09:00', title: 'Workshop om förmågekartan', responsible: 'Johan Högne' }],
    ['[I] 14:00 Regional IdP—Christian Bonfré', { type: 'I', plannedStart: '14:00', title: 'Regional IdP', responsible: 'Christian Bonfré' }],
    ['  I   14:00   Lägesbild   —   Sara  ', { type: 'I', plannedStart: '14:00', title: 'Lägesbild', responsible: 'Sara' }],
    ['I 10:00 IT-säkerhet vid distansarbete', { type: 'I', plannedStart: '10:00', title: 'IT-säkerhet vid distansarbete' }],
    ['I 10:00 Budget 2027–2028', { type: 'I', plannedStart: '10:00', title: 'Budget 2027–2028' }],
    ['I 10:00 Snabbutredning – distansmöten — Christian Lund', { type: 'I', plannedStart: '10:00', title: 'Snabbutredning – distansmöten', responsible: 'Christian Lund' }],
    ['I 10:00 Öppna data - status — Sara', { type: 'I', plannedStart: '10:00', title: 'Öppna data - status', responsible: 'Sara' }],
    ['I 10:00 Två – delar – Sara', { type: 'I', plannedStart: '10:00', title: 'Två – delar', responsible: 'Sara' }],
    ['D 15:50 Övrigt —', { type: 'D', plannedStart: '15:50', title: 'Övrigt' }],
  ])('reads %p', (input, expected) => {
    expect(parseAgendaQuickAdd(input)).toEqual(expected);
  });

  it.each([
    [''],
    ['X 13:00 Lägesbild'],
    ['Å 13:00 Lägesbild'],
    ['ID 13:00 Lägesbild'],
    ['I Lägesbild — Sara'],
    ['I 13:00'],
    ['I 13:00 — Sara'],
    ['I 1300 Lägesbild'],
    ['13:00 I Lägesbild'],
  ])('refuses %p with the quick form’s help', (input) => {
    const e = domainErrorOf(() => parseAgendaQuickAdd(input));
    expect(e.code).toBe<ErrorCode>('AGENDA.QUICK_FORM');
    expect(e.params).toEqual({ value: input.trim() });
  });

  it('refuses an impossible time as a bad time', () => {
    expect(domainErrorOf(() => parseAgendaQuickAdd('I 25:00 Lägesbild')).params).toEqual({ field: 'plannedStart', value: '25:00' });
  });

  it('refuses a title or responsible that is too long', () => {
    expect(domainErrorOf(() => parseAgendaQuickAdd(`I 10:00 ${'t'.repeat(301)}`)).params).toMatchObject({ field: 'title', length: 301 });
    expect(domainErrorOf(() => parseAgendaQuickAdd(`I 10:00 Titel — ${'r'.repeat(201)}`)).params).toMatchObject({ field: 'responsible', length: 201 });
  });

  it('quotes at most 80 characters of the input in the error', () => {
    expect(domainErrorOf(() => parseAgendaQuickAdd(`X ${'y'.repeat(200)}`)).params['value']).toHaveLength(80);
  });
});

describe('defaultAgendaTemplate', () => {
  it('in Swedish: check-in, previous minutes, …, any other business last', () => {
    expect(defaultAgendaTemplate('sv', SEED_003_MEETING)).toEqual([
      { number: 1, type: 'I', title: 'Incheckning', plannedStart: '13:00' },
      { number: 2, type: 'I', title: 'Föregående minnesanteckningar', plannedStart: '13:15' },
      { number: 3, type: 'D', title: 'Uppföljning av risker och åtgärder', plannedStart: '13:25' },
      { number: 4, type: 'D', title: 'Aktuella ärenden', plannedStart: '13:50' },
      { number: 5, type: 'D', title: 'Övriga frågor', plannedStart: '15:30' },
    ]);
  });

  it('in English', () => {
    expect(defaultAgendaTemplate('en', { start: '09:00', end: '10:00' }).map((i) => [i.type, i.title, i.plannedStart])).toEqual([
      ['I', 'Check-in', '09:00'],
      ['I', 'Previous minutes', '09:05'],
      ['D', 'Follow-up of risks and actions', '09:10'],
      ['D', 'Current matters', '09:15'],
      ['D', 'Any other business', '09:50'],
    ]);
  });

  it.each([
    ['sv', '10:00', '10:20'],
    ['en', '08:30', '09:15'],
    ['sv', '13:00', '14:30'],
    ['en', '13:00', '16:00'],
    ['sv', '09:00', '17:00'],
    ['en', '22:00', '23:59'],
  ] as const)('%s %s–%s passes validateAgenda', (locale, start, end) => {
    const items = defaultAgendaTemplate(locale, { start, end });
    expect(items[0]!.plannedStart).toBe(start);
    expect(() => validateAgenda(items, { start, end })).not.toThrow();
  });

  it('uses whole minutes when five-minute marks do not fit', () => {
    expect(defaultAgendaTemplate('sv', { start: '10:00', end: '10:20' }).map((i) => i.plannedStart)).toEqual(['10:00', '10:02', '10:03', '10:06', '10:17']);
  });

  it('refuses a meeting shorter than 20 minutes', () => {
    const e = domainErrorOf(() => defaultAgendaTemplate('sv', { start: '10:00', end: '10:19' }));
    expect(e.code).toBe<ErrorCode>('AGENDA.MEETING_TOO_SHORT');
    expect(e.params).toEqual({ minutes: 19, min: 20 });
  });

  it('refuses a meeting that ends before it starts', () => {
    expect(domainErrorOf(() => defaultAgendaTemplate('en', { start: '10:00', end: '09:00' })).code).toBe<ErrorCode>('SCHEDULE.BAD_TIME_RANGE');
  });
});

describe('renumber', () => {
  it('numbers the items 1, 2, … in their order, keeping everything else, without changing the input', () => {
    const agenda = seedAgenda();
    const withoutThird = agenda.filter((i) => i.number !== 3);
    const renumbered = renumber(withoutThird);
    expect(renumbered.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(renumbered[2]).toEqual({ ...agenda[3], number: 3 });
    expect(withoutThird[2]!.number).toBe(4);
    expect(() => validateAgenda(renumbered, SEED_003_MEETING)).not.toThrow();
  });
});

describe('currentItemAt', () => {
  const agenda = seedAgenda();
  it.each([
    ['12:59', undefined],
    ['13:00', 1],
    ['13:04', 1],
    ['13:05', 2],
    ['14.30', 4],
    ['15:49', 8],
    ['15:50', 9],
    ['16:30', 9],
  ])('at %s the plan is on item %p', (now, expected) => {
    expect(currentItemAt(agenda, now)?.number).toBe(expected);
  });

  it('has no current item from the meeting’s end on, when the end is given', () => {
    expect(currentItemAt(agenda, '15:59', '16:00')?.number).toBe(9);
    expect(currentItemAt(agenda, '16:00', '16:00')).toBeUndefined();
  });

  it('has none in an empty agenda', () => {
    expect(currentItemAt([], '13:00')).toBeUndefined();
  });
});

describe('overrunMinutes', () => {
  const agenda = seedAgenda();
  const item3 = agenda[2]!; // 13:45, "Våra förmågor", planned until item 4 at 14:00: 15 minutes
  const item4 = agenda[3]!;
  const at = (time: string, seconds = 0) => new Date(stockholmToUtc('2020-05-14', time).getTime() + seconds * 1000);

  it.each([
    ['on time, within its 15 minutes', '13:45', '13:59', 0],
    ['on time, exactly 15 minutes', '13:45', '14:00', 0],
    ['on time, 2 minutes over', '13:45', '14:02', 2],
    ['started 5 minutes late, 14 minutes in', '13:50', '14:04', 0],
    ['started 5 minutes late, 17 minutes in', '13:50', '14:07', 2],
  ])('%s', (_name, actualStart, now, expected) => {
    expect(overrunMinutes(item3, item4, at(actualStart), at(now))).toBe(expected);
  });

  it('counts whole minutes only', () => {
    expect(overrunMinutes(item3, item4, at('13:45'), at('14:00', 59))).toBe(0);
    expect(overrunMinutes(item3, item4, at('13:45'), at('14:01', 0))).toBe(1);
  });

  it('measures the last item against the meeting’s end', () => {
    const last = agenda[8]!; // 15:50, 10 minutes to 16:00
    expect(overrunMinutes(last, { plannedStart: SEED_003_MEETING.end }, at('15:52'), at('16:05'))).toBe(3);
  });

  it('is 0 when the item has not started yet (a clock out of step)', () => {
    expect(overrunMinutes(item3, item4, at('13:45'), at('13:40'))).toBe(0);
  });
});

describe('isCheckInItem', () => {
  it.each([
    ['Incheckning', true],
    ['Check-in', true],
    ['checkin: hur är läget?', true],
    ['  INCHECKNING och presentation', true],
    ['Hur står det till i Corona-tider?', false],
    ['Utcheckning', false],
  ])('%s → %s', (title, expected) => {
    expect(isCheckInItem({ title })).toBe(expected);
  });

  it('knows the first item of both default templates', () => {
    for (const locale of ['sv', 'en'] as const) expect(isCheckInItem(defaultAgendaTemplate(locale, { start: '09:00', end: '12:00' })[0]!)).toBe(true);
  });
});
