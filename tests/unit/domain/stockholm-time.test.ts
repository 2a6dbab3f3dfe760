import Holidays from 'date-holidays';
import type { ErrorCode } from '../../../src/domain/errors';
import {
  addDays,
  dateDiffDays,
  daysBetween,
  formatStockholm,
  isoWeekday,
  isSwedishHoliday,
  isSwedishWorkingDay,
  minutesToTime,
  nearestSwedishWorkingDay,
  parseDate,
  parseTime,
  stockholmToUtc,
  timeToMinutes,
  utcToStockholm,
} from '../../../src/domain/stockholm-time';
import { domainErrorOf } from '../../helpers/domain-error';


const utc = (iso: string): Date => new Date(iso);

describe('parseDate', () => {
  it.each(['2027-03-28', '2028-02-29', '2027-12-31', ' 2027-01-01 '])('accepts %p', (value) => {
    expect(parseDate(value)).toBe(value.trim());
  });

  it.each(['2027-02-29', '2027-13-01', '2027-00-10', '2027-04-31', '27-01-01', '2027-1-1', '2027/01/01', '', '   ', 'tomorrow'])(
    'refuses %p and names the field',
    (value) => {
      const e = domainErrorOf(() => parseDate(value, 'firstDate'));
      expect(e.code).toBe<ErrorCode>('SCHEDULE.BAD_DATE');
      expect(e.params).toEqual({ field: 'firstDate', value: value.trim() });
    },
  );

  it('calls a missing value empty, with the default field name', () => {
    expect(domainErrorOf(() => parseDate(undefined)).params).toEqual({ field: 'date', value: '' });
  });
});

describe('parseTime', () => {
  it.each([
    ['13:05', '13:05'],
    ['9:05', '09:05'],
    ['13.05', '13:05'],
    [' 00:00 ', '00:00'],
    ['23:59', '23:59'],
  ])('reads %p as %p', (value, expected) => {
    expect(parseTime(value)).toBe(expected);
  });

  it.each(['24:00', '12:60', '1305', '12:5', '123:00', 'noon', '', '-1:00'])('refuses %p', (value) => {
    const e = domainErrorOf(() => parseTime(value, 'start'));
    expect(e.code).toBe<ErrorCode>('SCHEDULE.BAD_TIME');
    expect(e.params).toEqual({ field: 'start', value });
  });

  it('converts to and from minutes since midnight', () => {
    expect(timeToMinutes('13:05')).toBe(785);
    expect(timeToMinutes('13.05')).toBe(785);
    expect(minutesToTime(785)).toBe('13:05');
    expect(minutesToTime(0)).toBe('00:00');
    expect(domainErrorOf(() => minutesToTime(24 * 60)).code).toBe('SCHEDULE.BAD_TIME');
  });
});

describe('stockholmToUtc', () => {
  it.each([
    // winter (CET, UTC+1) and summer (CEST, UTC+2)
    ['2027-01-15', '13:00', '2027-01-15T12:00:00.000Z'],
    ['2027-06-15', '13:00', '2027-06-15T11:00:00.000Z'],
    ['2027-01-01', '00:00', '2026-12-31T23:00:00.000Z'],
    // spring forward, Sunday 2027-03-28: 02:00 CET becomes 03:00 CEST
    ['2027-03-27', '13:00', '2027-03-27T12:00:00.000Z'],
    ['2027-03-28', '01:30', '2027-03-28T00:30:00.000Z'],
    ['2027-03-28', '03:00', '2027-03-28T01:00:00.000Z'],
    ['2027-03-28', '03:30', '2027-03-28T01:30:00.000Z'],
    ['2027-03-28', '13:00', '2027-03-28T11:00:00.000Z'],
    // fall back, Sunday 2027-10-31: 03:00 CEST becomes 02:00 CET
    ['2027-10-30', '13:00', '2027-10-30T11:00:00.000Z'],
    ['2027-10-31', '01:30', '2027-10-30T23:30:00.000Z'],
    ['2027-10-31', '03:30', '2027-10-31T02:30:00.000Z'],
    ['2027-10-31', '13:00', '2027-10-31T12:00:00.000Z'],
  ])('%s %s in Stockholm is %s', (date, time, expected) => {
    expect(stockholmToUtc(date, time).toISOString()).toBe(expected);
  });

  it('moves a time in the spring-forward gap forward by the gap (02:30 → 03:30 CEST)', () => {
    expect(stockholmToUtc('2027-03-28', '02:30').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(utcToStockholm(stockholmToUtc('2027-03-28', '02:30')).time).toBe('03:30');
  });

  it('reads a time that occurs twice in October as the first one (summer time)', () => {
    expect(stockholmToUtc('2027-10-31', '02:30').toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('round-trips every quarter hour of both switch days, except the hour that does not exist', () => {
    for (const date of ['2027-03-28', '2027-10-31']) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const time = minutesToTime(m);
        if (date === '2027-03-28' && time >= '02:00' && time < '03:00') continue;
        const back = utcToStockholm(stockholmToUtc(date, time));
        expect({ date: back.date, time: back.time }).toEqual({ date, time });
      }
    }
  });

  it('refuses a bad date or time', () => {
    expect(domainErrorOf(() => stockholmToUtc('2027-02-30', '13:00')).code).toBe('SCHEDULE.BAD_DATE');
    expect(domainErrorOf(() => stockholmToUtc('2027-02-10', '13:60')).code).toBe('SCHEDULE.BAD_TIME');
  });
});

describe('utcToStockholm', () => {
  it.each([
    ['2027-03-27T23:30:00Z', '2027-03-28', '00:30', 7],
    ['2027-03-28T00:59:00Z', '2027-03-28', '01:59', 7],
    ['2027-03-28T01:00:00Z', '2027-03-28', '03:00', 7],
    ['2027-10-31T00:30:00Z', '2027-10-31', '02:30', 7],
    ['2027-10-31T01:30:00Z', '2027-10-31', '02:30', 7],
    ['2027-05-06T22:15:59Z', '2027-05-07', '00:15', 5],
    ['2027-01-04T08:00:00Z', '2027-01-04', '09:00', 1],
  ])('%s is %s %s (weekday %d) in Stockholm', (iso, date, time, weekday) => {
    expect(utcToStockholm(utc(iso))).toEqual({ date, time, weekday });
  });

  it('formats an instant for messages', () => {
    expect(formatStockholm(utc('2027-05-14T11:00:00Z'))).toBe('2027-05-14 13:00');
  });
});

describe('daysBetween (Stockholm calendar days)', () => {
  it.each([
    ['same day', '2027-02-01T08:00:00Z', '2027-02-01T15:00:00Z', 0],
    ['23:59 Monday to 00:01 Tuesday', '2027-02-01T22:59:00Z', '2027-02-01T23:01:00Z', 1],
    ['over the spring switch (23 hours)', '2027-03-27T12:00:00Z', '2027-03-28T11:00:00Z', 1],
    ['over the autumn switch (25 hours)', '2027-10-30T11:00:00Z', '2027-10-31T12:00:00Z', 1],
    ['two weeks over the spring switch', '2027-03-20T12:00:00Z', '2027-04-03T11:00:00Z', 14],
    ['backwards', '2027-02-15T12:00:00Z', '2027-02-10T12:00:00Z', -5],
  ])('%s', (_name, a, b, expected) => {
    expect(daysBetween(utc(a), utc(b))).toBe(expected);
  });
});

describe('calendar arithmetic', () => {
  it('adds days over month, year and leap-day boundaries', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-03-28', 14)).toBe('2027-04-11');
    expect(dateDiffDays('2027-03-14', '2027-03-28')).toBe(14);
    expect(dateDiffDays('2027-03-28', '2027-03-14')).toBe(-14);
  });

  it.each([
    ['2027-03-28', 7],
    ['2027-03-29', 1],
    ['2027-05-06', 4],
    ['2027-06-25', 5],
  ])('%s is ISO weekday %d', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });
});

describe('Swedish holidays', () => {
  it.each([
    ['2027-01-01', 'New Year’s Day'],
    ['2027-01-06', 'Epiphany'],
    ['2027-03-26', 'Good Friday'],
    ['2027-03-29', 'Easter Monday'],
    ['2027-05-01', 'May Day'],
    ['2027-05-06', 'Ascension Day'],
    ['2027-06-06', 'National Day'],
    ['2027-06-25', 'midsummer eve (de facto)'],
    ['2027-06-26', 'midsummer day'],
    ['2027-11-06', 'All Saints’ Day'],
    ['2027-12-24', 'Christmas eve (de facto)'],
    ['2027-12-25', 'Christmas Day'],
    ['2027-12-26', 'Boxing Day'],
    ['2027-12-31', 'New Year’s eve (de facto)'],
    ['2026-06-19', 'midsummer eve 2026'],
  ])('%s (%s) is a holiday', (date) => {
    expect(isSwedishHoliday(date)).toBe(true);
    expect(isSwedishWorkingDay(date)).toBe(false);
  });

  it.each([
    ['2027-03-25', 'Maundy Thursday'],
    ['2027-05-17', 'Whit Monday, not a holiday since 2005'],
    ['2027-04-30', 'Walpurgis night'],
    ['2027-01-05', 'Epiphany eve'],
    ['2027-11-05', 'All Saints’ eve'],
    ['2027-05-05', 'an ordinary Wednesday'],
  ])('%s (%s) is a working day', (date) => {
    expect(isSwedishHoliday(date)).toBe(false);
    expect(isSwedishWorkingDay(date)).toBe(true);
  });

  it('counts the three de facto eves although date-holidays does not call them public holidays', () => {
    const listed = new Holidays('SE').getHolidays(2027);
    for (const date of ['2027-06-25', '2027-12-24', '2027-12-31']) {
      const entry = listed.find((h) => h.date.startsWith(date));
      expect({ date, type: entry?.type }).not.toEqual({ date, type: 'public' });
      expect(isSwedishHoliday(date)).toBe(true);
    }
  });

  it('agrees with every public and bank holiday date-holidays lists, 2020–2035', () => {
    for (let year = 2020; year <= 2035; year++) {
      for (const h of new Holidays('SE').getHolidays(year)) {
        if (h.type === 'public' || h.type === 'bank') expect({ date: h.date, holiday: isSwedishHoliday(h.date.slice(0, 10)) }).toEqual({ date: h.date, holiday: true });
      }
    }
  });

  it('a weekend is not a working day', () => {
    expect(isSwedishWorkingDay('2027-03-27')).toBe(false);
    expect(isSwedishWorkingDay('2027-03-28')).toBe(false);
  });

  it.each([
    ['2027-05-05', '2027-05-05', 'a working day is itself'],
    ['2027-05-06', '2027-05-05', 'Ascension Day: Wednesday and Friday tie, the earlier wins'],
    ['2027-03-29', '2027-03-30', 'Easter Monday: Good Friday is taken, so Tuesday'],
    ['2027-02-06', '2027-02-05', 'a Saturday: Friday'],
    ['2027-02-07', '2027-02-08', 'a Sunday: Monday'],
    ['2027-12-25', '2027-12-23', 'Christmas Day: not Christmas eve, Thursday'],
    ['2027-06-25', '2027-06-24', 'midsummer eve: Thursday'],
  ])('nearest working day to %s is %s (%s)', (date, expected) => {
    expect(nearestSwedishWorkingDay(date)).toBe(expected);
  });
});
