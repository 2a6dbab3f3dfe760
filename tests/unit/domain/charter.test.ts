import {
  assertOverrideReason,
  checkSchedule,
  DEFAULT_CHARTER_RULES,
  OVERRIDABLE_RULES,
  proposedPreparationDate,
  validateCharterRules,
  WARNINGS_BY_KIND,
  type CharterRules,
  type GroupKind,
  type ScheduleCheckInput,
} from '../../../src/domain/charter';
import type { ErrorCode } from '../../../src/domain/errors';
import { addDays, stockholmToUtc, utcToStockholm } from '../../../src/domain/stockholm-time';
import { domainErrorOf } from '../../helpers/domain-error';


/** Monday 11 January 2027, 10:00 in Stockholm. */
const NOW = stockholmToUtc('2027-01-11', '10:00');
const TODAY = '2027-01-11';

/** A council meeting 13:00–16:00 Stockholm time, `days` calendar days after TODAY. */
function meetingIn(days: number, time = '13:00', endTime = '16:00'): Pick<ScheduleCheckInput, 'start' | 'end'> {
  const date = addDays(TODAY, days);
  return { start: stockholmToUtc(date, time), end: stockholmToUtc(date, endTime) };
}

function aCheck(overrides: Partial<ScheduleCheckInput> = {}): ScheduleCheckInput {
  return {
    now: NOW,
    ...meetingIn(77),
    kind: 'council',
    rules: DEFAULT_CHARTER_RULES,
    meetingsThatYear: 0,
    preparationMeetingDates: [],
    hasPreparationGroup: false,
    ...overrides,
  };
}

const rulesOf = (check: { blocking: { rule: string }[]; warnings: { rule: string }[] }) => ({
  blocking: check.blocking.map((f) => f.rule),
  warnings: check.warnings.map((f) => f.rule),
});

describe('DEFAULT_CHARTER_RULES (charter, Bilaga 2)', () => {
  it('is notice 2 weeks before, preparation 2 weeks before, 6 meetings a year', () => {
    expect(DEFAULT_CHARTER_RULES).toEqual({ noticeDays: 14, preparationDaysBefore: 14, meetingsPerYear: 6 });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_CHARTER_RULES)).toBe(true);
  });
});

describe('checkSchedule: blocking rules', () => {
  it('blocks a meeting 5 days ahead by NOTICE_PERIOD, with daysAhead 5', () => {
    const result = checkSchedule(aCheck(meetingIn(5)));
    expect(result.blocking).toEqual([
      {
        rule: 'NOTICE_PERIOD',
        params: { daysAhead: 5, noticeDays: 14, latestNoticeDate: '2027-01-02', earliestStartDate: '2027-01-25' },
      },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('passes a meeting 11 weeks ahead', () => {
    expect(checkSchedule(aCheck(meetingIn(77)))).toEqual({ blocking: [], warnings: [] });
  });

  it.each([
    [0, true],
    [1, true],
    [13, true],
    [14, false],
    [15, false],
    [77, false],
  ])('a meeting %d calendar days ahead is blocked by the notice period: %p', (days, blocked) => {
    const result = checkSchedule(aCheck(meetingIn(days)));
    expect(result.blocking.some((f) => f.rule === 'NOTICE_PERIOD')).toBe(blocked);
  });

  it('counts calendar days in Stockholm, not 24-hour periods', () => {
    const lateMonday = stockholmToUtc('2027-01-11', '23:50');
    // 13 days and about 8 hours later, but 14 calendar days.
    const start = stockholmToUtc('2027-01-25', '08:00');
    const result = checkSchedule(aCheck({ now: lateMonday, start, end: stockholmToUtc('2027-01-25', '09:00') }));
    expect(result.blocking).toEqual([]);
  });

  it('counts calendar days across the spring DST switch', () => {
    const now = stockholmToUtc('2027-03-20', '13:00');
    const start = stockholmToUtc('2027-04-03', '09:00');
    const result = checkSchedule(aCheck({ now, start, end: stockholmToUtc('2027-04-03', '10:00') }));
    expect(result.blocking).toEqual([]);
  });

  it('uses the group’s own notice period; 0 turns it off', () => {
    const rules: CharterRules = { ...DEFAULT_CHARTER_RULES, noticeDays: 0 };
    expect(checkSchedule(aCheck({ ...meetingIn(0, '15:00', '16:00'), rules })).blocking).toEqual([]);
    const weekly: CharterRules = { ...DEFAULT_CHARTER_RULES, noticeDays: 7 };
    expect(checkSchedule(aCheck({ ...meetingIn(6), rules: weekly })).blocking[0]).toMatchObject({ rule: 'NOTICE_PERIOD', params: { daysAhead: 6, noticeDays: 7 } });
  });

  it('blocks a meeting in the past by IN_THE_PAST only (the notice period is moot)', () => {
    const result = checkSchedule(aCheck(meetingIn(-3)));
    expect(result.blocking).toEqual([{ rule: 'IN_THE_PAST', params: { start: '2027-01-08 13:00', now: '2027-01-11 10:00' } }]);
  });

  it('calls a meeting that starts right now in the past', () => {
    expect(rulesOf(checkSchedule(aCheck({ start: NOW, end: new Date(NOW.getTime() + 3_600_000) }))).blocking).toEqual(['IN_THE_PAST']);
  });

  it.each([
    ['ends at its start', '13:00'],
    ['ends before its start', '12:00'],
  ])('blocks a meeting that %s by END_BEFORE_START', (_name, endTime) => {
    const result = checkSchedule(aCheck(meetingIn(77, '13:00', endTime)));
    expect(result.blocking).toEqual([{ rule: 'END_BEFORE_START', params: { start: '2027-03-29 13:00', end: `2027-03-29 ${endTime}` } }]);
  });

  it('reports every blocking rule at once', () => {
    expect(rulesOf(checkSchedule(aCheck(meetingIn(3, '13:00', '12:00')))).blocking).toEqual(['END_BEFORE_START', 'NOTICE_PERIOD']);
    expect(rulesOf(checkSchedule(aCheck(meetingIn(-3, '13:00', '12:00')))).blocking).toEqual(['IN_THE_PAST', 'END_BEFORE_START']);
  });

  it('lets only the notice period be overridden', () => {
    expect(OVERRIDABLE_RULES).toEqual(['NOTICE_PERIOD']);
  });

  it('refuses broken rules', () => {
    const e = domainErrorOf(() => checkSchedule(aCheck({ rules: { ...DEFAULT_CHARTER_RULES, meetingsPerYear: 0 } })));
    expect(e.code).toBe<ErrorCode>('CHARTER.BAD_RULE');
    expect(e.params).toEqual({ rule: 'meetingsPerYear', value: '0', min: 1, max: 24 });
  });
});

describe('checkSchedule: warnings', () => {
  it('warns YEARLY_COUNT for a 7th council meeting in a year', () => {
    const result = checkSchedule(aCheck({ meetingsThatYear: 6 }));
    expect(result.blocking).toEqual([]);
    expect(result.warnings).toEqual([{ rule: 'YEARLY_COUNT', params: { year: 2027, count: 7, meetingsPerYear: 6 } }]);
  });

  it('does not warn for the 6th', () => {
    expect(checkSchedule(aCheck({ meetingsThatYear: 5 })).warnings).toEqual([]);
  });

  it('warns NO_PREPARATION_MEETING with the expected date when the preparation group has not met', () => {
    // Monday 2027-03-29 is Easter Monday, so the meeting is on Tuesday 2027-03-30; 14 days before is Tuesday 2027-03-16.
    const start = stockholmToUtc('2027-03-30', '13:00');
    const result = checkSchedule(aCheck({ start, end: stockholmToUtc('2027-03-30', '16:00'), hasPreparationGroup: true }));
    expect(result.warnings).toEqual([
      {
        rule: 'NO_PREPARATION_MEETING',
        params: { expectedDate: '2027-03-16', earliestDate: '2027-03-14', latestDate: '2027-03-18', daysBefore: 14 },
      },
    ]);
  });

  it('proposes a working day as the expected preparation date (Ascension Day is skipped)', () => {
    const start = stockholmToUtc('2027-05-20', '13:00');
    const result = checkSchedule(aCheck({ start, end: stockholmToUtc('2027-05-20', '16:00'), hasPreparationGroup: true }));
    expect(result.warnings[0]?.params).toMatchObject({ expectedDate: '2027-05-05', earliestDate: '2027-05-04', latestDate: '2027-05-08' });
  });

  it.each([
    [11, true],
    [12, false],
    [14, false],
    [16, false],
    [17, true],
    [-1, true],
  ])('a preparation meeting %d days before: warns %p', (daysBefore, warns) => {
    const meeting = meetingIn(77);
    const prepDate = addDays(utcToStockholm(meeting.start).date, -daysBefore);
    const result = checkSchedule(aCheck({ ...meeting, hasPreparationGroup: true, preparationMeetingDates: [stockholmToUtc(prepDate, '15:00')] }));
    expect(result.warnings.some((f) => f.rule === 'NO_PREPARATION_MEETING')).toBe(warns);
  });

  it('is satisfied by any one preparation meeting in the window', () => {
    const meeting = meetingIn(77); // 2027-03-29
    const dates = [stockholmToUtc('2027-01-20', '09:00'), stockholmToUtc('2027-03-15', '09:00')];
    expect(checkSchedule(aCheck({ ...meeting, hasPreparationGroup: true, preparationMeetingDates: dates })).warnings).toEqual([]);
  });

  it('does not ask for a preparation meeting when the group has no preparation group', () => {
    expect(checkSchedule(aCheck({ hasPreparationGroup: false })).warnings).toEqual([]);
  });

  it.each<[GroupKind, string[]]>([
    ['council', ['YEARLY_COUNT', 'NO_PREPARATION_MEETING']],
    ['steering', ['YEARLY_COUNT', 'NO_PREPARATION_MEETING']],
    ['network', []],
    ['preparation', []],
  ])('a %s gets the warnings %p', (kind, expected) => {
    const result = checkSchedule(aCheck({ kind, meetingsThatYear: 9, hasPreparationGroup: true }));
    expect(rulesOf(result).warnings).toEqual(expected);
    expect(WARNINGS_BY_KIND[kind]).toEqual(expected);
  });

  it.each<GroupKind>(['council', 'steering', 'network', 'preparation'])('a %s is held to the notice period', (kind) => {
    expect(rulesOf(checkSchedule(aCheck({ kind, ...meetingIn(5) }))).blocking).toEqual(['NOTICE_PERIOD']);
  });
});

describe('validateCharterRules', () => {
  it.each<[keyof CharterRules, unknown]>([
    ['noticeDays', -1],
    ['noticeDays', 1.5],
    ['preparationDaysBefore', 0],
    ['meetingsPerYear', 25],
    ['meetingsPerYear', '6'],
    ['meetingsPerYear', undefined],
  ])('refuses %s = %p', (rule, value) => {
    const e = domainErrorOf(() => validateCharterRules({ ...DEFAULT_CHARTER_RULES, [rule]: value }));
    expect(e.code).toBe<ErrorCode>('CHARTER.BAD_RULE');
    expect(e.params).toMatchObject({ rule, value: String(value) });
  });

  it('accepts the defaults and returns them', () => {
    expect(validateCharterRules(DEFAULT_CHARTER_RULES)).toBe(DEFAULT_CHARTER_RULES);
  });
});

describe('assertOverrideReason', () => {
  it('returns the reason trimmed', () => {
    expect(assertOverrideReason('  Extrainsatt möte om budgeten  ')).toBe('Extrainsatt möte om budgeten');
  });

  it.each([
    ['', 0],
    ['   ', 0],
    ['  kort ', 4],
    ['x'.repeat(501), 501],
  ])('refuses %p (%d characters after trimming)', (reason, length) => {
    const e = domainErrorOf(() => assertOverrideReason(reason));
    expect(e.code).toBe<ErrorCode>('SCHEDULE.OVERRIDE_REASON');
    expect(e.params).toEqual({ min: 5, max: 500, length });
  });

  it('calls a missing reason empty', () => {
    expect(domainErrorOf(() => assertOverrideReason(undefined)).params).toEqual({ min: 5, max: 500, length: 0 });
  });

  it('accepts exactly 5 and exactly 500 characters, counting å, ä, ö as one each', () => {
    expect(assertOverrideReason('åäöÅÖ')).toBe('åäöÅÖ');
    expect(assertOverrideReason('y'.repeat(500))).toHaveLength(500);
  });
});

describe('proposedPreparationDate', () => {
  it.each([
    ['2027-03-01', '2027-02-15', 'an ordinary Monday two weeks before'],
    ['2027-05-20', '2027-05-05', 'start − 14 is Ascension Day (Thursday 2027-05-06): the earlier of Wednesday and Friday'],
    ['2027-04-12', '2027-03-30', 'start − 14 is Easter Monday 2027-03-29 (and the Friday before is Good Friday): Tuesday'],
    ['2027-02-20', '2027-02-05', 'start − 14 is a Saturday: Friday'],
    ['2027-02-21', '2027-02-08', 'start − 14 is a Sunday: Monday'],
    ['2027-07-09', '2027-06-24', 'start − 14 is midsummer eve: Thursday'],
    ['2028-01-07', '2027-12-23', 'start − 14 is Christmas eve: Thursday'],
  ])('for a meeting on %s it is %s (%s)', (meetingDate, expected) => {
    expect(proposedPreparationDate(stockholmToUtc(meetingDate, '13:00'), DEFAULT_CHARTER_RULES)).toBe(expected);
  });

  it('takes the meeting’s date in Stockholm, not in UTC', () => {
    // 00:30 on 20 May in Stockholm is still 19 May in UTC.
    const start = stockholmToUtc('2027-05-20', '00:30');
    expect(start.toISOString().slice(0, 10)).toBe('2027-05-19');
    expect(proposedPreparationDate(start, DEFAULT_CHARTER_RULES)).toBe('2027-05-05');
  });

  it('follows the group’s own preparationDaysBefore', () => {
    expect(proposedPreparationDate(stockholmToUtc('2027-03-01', '13:00'), { ...DEFAULT_CHARTER_RULES, preparationDaysBefore: 7 })).toBe('2027-02-22');
  });
});
