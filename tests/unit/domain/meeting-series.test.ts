import { DEFAULT_CHARTER_RULES, proposedPreparationDate } from '../../../src/domain/charter';
import type { ErrorCode } from '../../../src/domain/errors';
import { isInSeriesBlackout, isSwedishHoliday, proposeSeries, type ProposedMeeting, type SeriesInput } from '../../../src/domain/meeting-series';
import { addDays, dateDiffDays, isoWeekday, stockholmToUtc, utcToStockholm } from '../../../src/domain/stockholm-time';
import { domainErrorOf } from '../../helpers/domain-error';


/** Planning next year in late autumn, as an organizer would. */
const NOW = stockholmToUtc('2026-11-20', '10:00');

function aSeries(overrides: Partial<SeriesInput> = {}): SeriesInput {
  return { year: 2027, rules: DEFAULT_CHARTER_RULES, time: { start: '13:00', end: '16:00' }, now: NOW, ...overrides };
}

/** What must hold for every proposed series, whatever the input. */
function expectSoundSeries(series: ProposedMeeting[], input: SeriesInput): void {
  const today = utcToStockholm(input.now).date;
  series.forEach((m, i) => {
    const where = { number: m.number, date: m.date };
    expect({ ...where, n: m.number }).toEqual({ ...where, n: i + 1 });
    expect(m.date.startsWith(`${input.year}-`)).toBe(true);
    expect({ ...where, weekday: isoWeekday(m.date) <= 5 }).toEqual({ ...where, weekday: true });
    if (input.weekday !== undefined) expect({ ...where, weekday: isoWeekday(m.date) }).toEqual({ ...where, weekday: input.weekday });
    expect({ ...where, holiday: isSwedishHoliday(m.date) }).toEqual({ ...where, holiday: false });
    expect({ ...where, july: m.date.slice(5, 7) === '07' }).toEqual({ ...where, july: false });
    expect({ ...where, christmas: m.date.slice(5) >= '12-20' || m.date.slice(5) <= '01-06' }).toEqual({ ...where, christmas: false });
    expect({ ...where, noticeDays: dateDiffDays(today, m.date) >= input.rules.noticeDays }).toEqual({ ...where, noticeDays: true });
    expect(utcToStockholm(m.start)).toEqual({ date: m.date, time: input.time.start, weekday: isoWeekday(m.date) });
    expect(utcToStockholm(m.end).time).toBe(input.time.end);
    // Its preparation meeting: 14 ± 2 days before, on a working day, as proposedPreparationDate says.
    const prep = m.preparation;
    expect({ ...where, prep: prep.date }).toEqual({ ...where, prep: proposedPreparationDate(m.start, input.rules) });
    expect(Math.abs(dateDiffDays(prep.date, m.date) - input.rules.preparationDaysBefore)).toBeLessThanOrEqual(2);
    expect(isoWeekday(prep.date)).toBeLessThanOrEqual(5);
    expect(isSwedishHoliday(prep.date)).toBe(false);
    expect(prep.date >= today).toBe(true);
    expect(utcToStockholm(prep.start).date).toBe(prep.date);
    expect(prep.end.getTime()).toBeGreaterThan(prep.start.getTime());
    const previous = series[i - 1];
    if (previous) expect({ ...where, ascending: previous.date < m.date }).toEqual({ ...where, ascending: true });
  });
}

describe('proposeSeries for 2027 with the charter’s rules', () => {
  const input = aSeries();
  const series = proposeSeries(input);

  it('proposes 6 sound meetings', () => {
    expect(series).toHaveLength(6);
    expectSoundSeries(series, input);
  });

  it('spaces them about 2 months apart', () => {
    for (let i = 1; i < series.length; i++) {
      const gap = dateDiffDays(series[i - 1]!.date, series[i]!.date);
      expect({ i, gap, about2Months: gap >= 50 && gap <= 70 }).toEqual({ i, gap, about2Months: true });
    }
  });

  it('spreads them over the year: mid-February to mid-December, one in each even month', () => {
    expect(series.map((m) => m.date)).toEqual(['2027-02-15', '2027-04-16', '2027-06-16', '2027-08-16', '2027-10-15', '2027-12-16']);
    expect(series.map((m) => m.preparation.date)).toEqual(['2027-02-01', '2027-04-02', '2027-06-02', '2027-08-02', '2027-10-01', '2027-12-02']);
  });

  it('is deterministic', () => {
    expect(proposeSeries(aSeries())).toEqual(series);
  });

  it('gives every meeting Stockholm wall-clock times across the DST switches', () => {
    expect(series[0]!.start.toISOString()).toBe('2027-02-15T12:00:00.000Z'); // CET
    expect(series[1]!.start.toISOString()).toBe('2027-04-16T11:00:00.000Z'); // CEST
  });

  it('holds the preparation meetings for an hour from the meeting’s own start time by default', () => {
    expect(utcToStockholm(series[0]!.preparation.start).time).toBe('13:00');
    expect(utcToStockholm(series[0]!.preparation.end).time).toBe('14:00');
  });

  it('takes the preparation meetings’ time when given', () => {
    const custom = proposeSeries(aSeries({ preparationTime: { start: '9.00', end: '10:30' } }));
    expect(utcToStockholm(custom[0]!.preparation.start).time).toBe('09:00');
    expect(utcToStockholm(custom[0]!.preparation.end).time).toBe('10:30');
  });
});

describe('proposeSeries: invariants over years and weekdays', () => {
  const years = [2025, 2026, 2027, 2028, 2029, 2030];
  const weekdays: (SeriesInput['weekday'])[] = [undefined, 1, 2, 3, 4, 5];
  it.each(years.flatMap((year) => weekdays.map((weekday) => [year, weekday] as const)))('year %d, weekday %p', (year, weekday) => {
    const input = aSeries({ year, weekday, now: stockholmToUtc(`${year - 1}-11-01`, '09:00') });
    const series = proposeSeries(input);
    expect(series).toHaveLength(6);
    expectSoundSeries(series, input);
  });

  it.each([1, 2, 3, 4, 8, 12])('%d meetings a year', (meetingsPerYear) => {
    const input = aSeries({ rules: { ...DEFAULT_CHARTER_RULES, meetingsPerYear } });
    const series = proposeSeries(input);
    expect(series).toHaveLength(meetingsPerYear);
    expectSoundSeries(series, input);
  });

  it('spaces 4 meetings about 3 months apart', () => {
    const series = proposeSeries(aSeries({ rules: { ...DEFAULT_CHARTER_RULES, meetingsPerYear: 4 } }));
    for (let i = 1; i < series.length; i++) {
      expect(dateDiffDays(series[i - 1]!.date, series[i]!.date)).toBeGreaterThanOrEqual(80);
      expect(dateDiffDays(series[i - 1]!.date, series[i]!.date)).toBeLessThanOrEqual(100);
    }
  });

  it('holds every meeting on the chosen weekday', () => {
    expect(proposeSeries(aSeries({ weekday: 4 })).map((m) => m.date)).toEqual([
      '2027-02-18',
      '2027-04-15',
      '2027-06-17',
      '2027-08-19',
      '2027-10-14',
      '2027-12-16',
    ]);
  });
});

describe('proposeSeries from a first date', () => {
  it('starts on the first date when it is a working day', () => {
    const input = aSeries({ firstDate: '2027-03-01' });
    const series = proposeSeries(input);
    expect(series[0]!.date).toBe('2027-03-01');
    expect(series).toHaveLength(6);
    expectSoundSeries(series, input);
  });

  it('moves a first date on a holiday to the nearest working day', () => {
    expect(proposeSeries(aSeries({ firstDate: '2027-05-06' }))[0]!.date).toBe('2027-05-05');
  });

  it('closes up the interval to fit the year, but not below ¾ of it; then it proposes fewer meetings', () => {
    const input = aSeries({ firstDate: '2027-09-01' });
    const series = proposeSeries(input);
    expect(series.map((m) => m.date)).toEqual(['2027-09-01', '2027-10-15', '2027-12-01']);
    expectSoundSeries(series, input);
  });

  it('refuses a first date in another year', () => {
    const e = domainErrorOf(() => proposeSeries(aSeries({ firstDate: '2028-02-01' })));
    expect(e.code).toBe<ErrorCode>('SCHEDULE.SERIES_OUTSIDE_YEAR');
    expect(e.params).toEqual({ date: '2028-02-01', year: 2027 });
  });

  it('refuses a first date inside the notice period', () => {
    const e = domainErrorOf(() => proposeSeries(aSeries({ firstDate: '2027-02-01', now: stockholmToUtc('2027-01-25', '09:00') })));
    expect(e.code).toBe<ErrorCode>('SCHEDULE.SERIES_TOO_EARLY');
    expect(e.params).toEqual({ date: '2027-02-01', earliestDate: '2027-02-08', noticeDays: 14 });
  });

  it('refuses a first date that is not a date', () => {
    expect(domainErrorOf(() => proposeSeries(aSeries({ firstDate: '2027-02-30' }))).params).toEqual({ field: 'firstDate', value: '2027-02-30' });
  });
});

describe('proposeSeries during the year', () => {
  it('proposes only meetings the notice period still allows, with no preparation meeting in the past', () => {
    const now = stockholmToUtc('2027-05-20', '10:00');
    const input = aSeries({ now });
    const series = proposeSeries(input);
    expect(series.length).toBeGreaterThanOrEqual(4);
    expect(series.length).toBeLessThanOrEqual(6);
    expect(series[0]!.date >= addDays('2027-05-20', 14)).toBe(true);
    expectSoundSeries(series, input);
  });

  it('puts no preparation meeting in July either', () => {
    const series = proposeSeries(aSeries({ now: stockholmToUtc('2027-05-20', '10:00') }));
    expect(series.filter((m) => isInSeriesBlackout(m.preparation.date))).toEqual([]);
  });

  it('moves the first meeting on rather than put its preparation meeting before today', () => {
    // On Ascension Day 2027-05-06 the earliest meeting day is Thursday 2027-05-20, but its preparation day
    // would be Wednesday 2027-05-05 (the holiday itself is skipped): yesterday. So Friday 2027-05-21 it is.
    const input = aSeries({ now: stockholmToUtc('2027-05-06', '10:00') });
    const series = proposeSeries(input);
    expect(proposedPreparationDate(stockholmToUtc('2027-05-20', '13:00'), DEFAULT_CHARTER_RULES)).toBe('2027-05-05');
    expect(series[0]!.date).toBe('2027-05-21');
    expect(series[0]!.preparation.date).toBe('2027-05-07');
    expectSoundSeries(series, input);
  });

  it('has no room left in mid-December', () => {
    const e = domainErrorOf(() => proposeSeries(aSeries({ now: stockholmToUtc('2027-12-10', '10:00') })));
    expect(e.code).toBe<ErrorCode>('SCHEDULE.SERIES_NO_ROOM');
    expect(e.params).toEqual({ year: 2027, earliestDate: '2027-12-24' });
  });

  it('has no room in a year that is over', () => {
    expect(domainErrorOf(() => proposeSeries(aSeries({ year: 2025 }))).code).toBe<ErrorCode>('SCHEDULE.SERIES_NO_ROOM');
  });
});

describe('proposeSeries: bad input', () => {
  it.each([0, 6, 7, 2.5])('refuses weekday %p', (weekday) => {
    const e = domainErrorOf(() => proposeSeries(aSeries({ weekday: weekday as SeriesInput['weekday'] })));
    expect(e.code).toBe<ErrorCode>('SCHEDULE.BAD_WEEKDAY');
    expect(e.params).toEqual({ value: String(weekday) });
  });

  it('refuses a meeting that ends before it starts', () => {
    const e = domainErrorOf(() => proposeSeries(aSeries({ time: { start: '13:00', end: '13:00' } })));
    expect(e.code).toBe<ErrorCode>('SCHEDULE.BAD_TIME_RANGE');
    expect(e.params).toEqual({ start: '13:00', end: '13:00' });
  });

  it('refuses a bad time and names it', () => {
    expect(domainErrorOf(() => proposeSeries(aSeries({ time: { start: '13:00', end: '25:00' } }))).params).toEqual({ field: 'end', value: '25:00' });
  });

  it('refuses a year that is not a whole number', () => {
    expect(domainErrorOf(() => proposeSeries(aSeries({ year: 2027.5 }))).params).toEqual({ field: 'year', value: '2027.5' });
  });

  it('refuses broken rules', () => {
    expect(domainErrorOf(() => proposeSeries(aSeries({ rules: { ...DEFAULT_CHARTER_RULES, meetingsPerYear: 0 } }))).code).toBe<ErrorCode>('CHARTER.BAD_RULE');
  });
});

describe('isInSeriesBlackout', () => {
  it.each([
    ['2027-01-01', true],
    ['2027-01-06', true],
    ['2027-01-07', false],
    ['2027-06-30', false],
    ['2027-07-01', true],
    ['2027-07-31', true],
    ['2027-08-01', false],
    ['2027-12-19', false],
    ['2027-12-20', true],
    ['2027-12-31', true],
  ])('%s: %p', (date, expected) => {
    expect(isInSeriesBlackout(date)).toBe(expected);
  });
});
