/**
 * The charter's meeting rules (seed 004, "Bilaga 2 – Mötesfrekvens"): the council meets about 6 times a
 * year, about 2 months apart; its preparation group meets 2 weeks before; every notice goes out at the
 * latest 2 weeks before the meeting. Scheduling that breaks a blocking rule needs an explicit override
 * with a reason (only the notice period can be overridden), and the minutes note it.
 */
import { DomainError } from './errors';
import {
  addDays,
  daysBetween,
  formatStockholm,
  isSwedishWorkingDay,
  nearestSwedishWorkingDay,
  utcToStockholm,
  type IsoDate,
} from './stockholm-time';

export interface CharterRules {
  /** A notice goes out at least this many calendar days before the meeting ("senast 2 veckor innan"). */
  noticeDays: number;
  /** The preparation group meets this many calendar days before the meeting ("2 veckor innan"). */
  preparationDaysBefore: number;
  /** How often the group meets in a calendar year ("6 gånger om året"). */
  meetingsPerYear: number;
}

export const DEFAULT_CHARTER_RULES: Readonly<CharterRules> = Object.freeze({
  noticeDays: 14,
  preparationDaysBefore: 14,
  meetingsPerYear: 6,
});

/** council = e-råd; steering = styrgrupp; network = nätverk; preparation = beredning(sgrupp). */
export type GroupKind = 'council' | 'steering' | 'network' | 'preparation';

export type ScheduleRule = 'NOTICE_PERIOD' | 'END_BEFORE_START' | 'IN_THE_PAST' | 'YEARLY_COUNT' | 'NO_PREPARATION_MEETING';

export interface RuleFinding {
  rule: ScheduleRule;
  params: Record<string, string | number>;
}

export interface ScheduleCheck {
  /** Rules the meeting breaks; it may be scheduled only if each of them is overridable and overridden. */
  blocking: RuleFinding[];
  /** Rules worth a second look; they never stop scheduling. */
  warnings: RuleFinding[];
}

export interface ScheduleCheckInput {
  now: Date;
  start: Date;
  end: Date;
  kind: GroupKind;
  rules: CharterRules;
  /** Meetings of the same group already scheduled in the start's calendar year, not counting this one. */
  meetingsThatYear: number;
  /** Starts of the meetings of the group's preparation group (empty if it names none). */
  preparationMeetingDates: Date[];
  hasPreparationGroup: boolean;
}

/** The blocking rules an organizer may override with a reason; the others describe impossible meetings. */
export const OVERRIDABLE_RULES: readonly ScheduleRule[] = ['NOTICE_PERIOD'];

/** A preparation meeting counts if it is this many days either side of `start − preparationDaysBefore`. */
export const PREPARATION_TOLERANCE_DAYS = 2;

/**
 * Which warnings apply to which kind of group. The charter calls the e-råd the steering group
 * ("Styrgrupp (E-RÅD)") and sets the preparation meeting "2 veckor innan avsatt tid för
 * styrgruppsmöte", so council and steering group get both. A network (seed 003) has no frequency rule in
 * the charter, and a preparation group's rhythm follows its council's, so counting its meetings against
 * `meetingsPerYear` or asking it for a preparation meeting of its own would only produce noise.
 * The blocking rules apply to every kind: the charter sets the same notice period for preparation
 * meetings, and a group that wants none sets `noticeDays` to 0.
 */
export const WARNINGS_BY_KIND: Readonly<Record<GroupKind, readonly ScheduleRule[]>> = {
  council: ['YEARLY_COUNT', 'NO_PREPARATION_MEETING'],
  steering: ['YEARLY_COUNT', 'NO_PREPARATION_MEETING'],
  network: [],
  preparation: [],
};

const RULE_LIMITS: Record<keyof CharterRules, { min: number; max: number }> = {
  noticeDays: { min: 0, max: 90 },
  preparationDaysBefore: { min: 1, max: 90 },
  meetingsPerYear: { min: 1, max: 24 },
};

/** Checks rules that came from storage or a settings card: whole numbers in a sensible range. */
export function validateCharterRules(rules: CharterRules): CharterRules {
  for (const rule of Object.keys(RULE_LIMITS) as (keyof CharterRules)[]) {
    const value: unknown = rules[rule];
    const { min, max } = RULE_LIMITS[rule];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new DomainError('CHARTER.BAD_RULE', { rule, value: String(value).slice(0, 20), min, max });
    }
  }
  return rules;
}

/**
 * Checks a meeting to be scheduled against the group's charter rules. Pure: `now` is the caller's clock.
 *
 * Blocking: IN_THE_PAST (starts now or earlier; it then says nothing about the notice period, which is
 * moot), END_BEFORE_START (ends at or before its start), NOTICE_PERIOD (fewer than `noticeDays` calendar
 * days from today to the meeting's day, Stockholm calendar; overridable, see `assertOverrideReason`).
 * Warnings, for the kinds in `WARNINGS_BY_KIND`: YEARLY_COUNT (this meeting would be number
 * `meetingsPerYear + 1` or later in its year), NO_PREPARATION_MEETING (the group names a preparation group
 * and none of its meetings falls 12–16 days before, with the defaults).
 */
export function checkSchedule(input: ScheduleCheckInput): ScheduleCheck {
  const { now, start, end, kind } = input;
  const rules = validateCharterRules(input.rules);
  const blocking: RuleFinding[] = [];
  const warnings: RuleFinding[] = [];

  if (start.getTime() <= now.getTime()) {
    blocking.push({ rule: 'IN_THE_PAST', params: { start: formatStockholm(start), now: formatStockholm(now) } });
  }
  if (end.getTime() <= start.getTime()) {
    blocking.push({ rule: 'END_BEFORE_START', params: { start: formatStockholm(start), end: formatStockholm(end) } });
  }
  const daysAhead = daysBetween(now, start);
  if (start.getTime() > now.getTime() && daysAhead < rules.noticeDays) {
    const today = utcToStockholm(now).date;
    blocking.push({
      rule: 'NOTICE_PERIOD',
      params: {
        daysAhead,
        noticeDays: rules.noticeDays,
        // The last day a notice could have gone out for this date, and the first date today's notice allows.
        latestNoticeDate: addDays(utcToStockholm(start).date, -rules.noticeDays),
        earliestStartDate: addDays(today, rules.noticeDays),
      },
    });
  }

  const applies = WARNINGS_BY_KIND[kind];
  if (applies.includes('YEARLY_COUNT') && input.meetingsThatYear + 1 > rules.meetingsPerYear) {
    warnings.push({
      rule: 'YEARLY_COUNT',
      params: { year: Number(utcToStockholm(start).date.slice(0, 4)), count: input.meetingsThatYear + 1, meetingsPerYear: rules.meetingsPerYear },
    });
  }
  if (applies.includes('NO_PREPARATION_MEETING') && input.hasPreparationGroup) {
    const prepared = input.preparationMeetingDates.some((p) => {
      const daysBefore = daysBetween(p, start);
      return Math.abs(daysBefore - rules.preparationDaysBefore) <= PREPARATION_TOLERANCE_DAYS;
    });
    if (!prepared) {
      const target = addDays(utcToStockholm(start).date, -rules.preparationDaysBefore);
      warnings.push({
        rule: 'NO_PREPARATION_MEETING',
        params: {
          expectedDate: proposedPreparationDate(start, rules),
          earliestDate: addDays(target, -PREPARATION_TOLERANCE_DAYS),
          latestDate: addDays(target, PREPARATION_TOLERANCE_DAYS),
          daysBefore: rules.preparationDaysBefore,
        },
      });
    }
  }
  return { blocking, warnings };
}

export const OVERRIDE_REASON_MIN = 5;
export const OVERRIDE_REASON_MAX = 500;

/** An override needs a real reason (it goes into the minutes): 5–500 characters after trimming. */
export function assertOverrideReason(reason: string | undefined | null): string {
  const text = (reason ?? '').trim();
  const length = [...text].length;
  if (length < OVERRIDE_REASON_MIN || length > OVERRIDE_REASON_MAX) {
    throw new DomainError('SCHEDULE.OVERRIDE_REASON', { min: OVERRIDE_REASON_MIN, max: OVERRIDE_REASON_MAX, length });
  }
  return text;
}

/**
 * The day to propose for the preparation meeting: the working day (Monday–Friday, not a Swedish holiday
 * or de facto holiday, see `isSwedishHoliday`) nearest to `start − preparationDaysBefore` in Stockholm's
 * calendar; on a tie the earlier day.
 */
export function proposedPreparationDate(start: Date, rules: CharterRules): IsoDate {
  return nearestSwedishWorkingDay(addDays(utcToStockholm(start).date, -rules.preparationDaysBefore));
}

/**
 * The preparation meeting's day as offered on a booked meeting's card: the charter's day
 * (`proposedPreparationDate`) when it is after today; when that has passed (a meeting booked at short
 * notice), the first working day after today that is still before the meeting's day; undefined when none is.
 */
export function offeredPreparationDate(start: Date, rules: CharterRules, now: Date): IsoDate | undefined {
  const today = utcToStockholm(now).date;
  const meetingDay = utcToStockholm(start).date;
  const proposed = proposedPreparationDate(start, rules);
  if (proposed > today && proposed < meetingDay) return proposed;
  for (let day = addDays(today, 1); day < meetingDay; day = addDays(day, 1)) if (isSwedishWorkingDay(day)) return day;
  return undefined;
}

/** The last day the notice may go out: `noticeDays` calendar days before the meeting's day (Stockholm calendar). */
export function latestNoticeDate(start: Date, rules: CharterRules): IsoDate {
  return addDays(utcToStockholm(start).date, -rules.noticeDays);
}
