/**
 * Proposes a year's meetings for a group: `meetingsPerYear` meetings about 12/meetingsPerYear months apart
 * (the charter: "6 gånger om året med ca 2 månaders mellanrum"), each with its preparation meeting. A
 * proposal only: the organizer edits it, and each meeting is still checked by `checkSchedule`.
 */
import { proposedPreparationDate, validateCharterRules, type CharterRules } from './charter';
import { DomainError } from './errors';
import {
  addDays,
  dateDiffDays,
  daysInMonth,
  isoWeekday,
  isSwedishWorkingDay,
  minutesToTime,
  parseDate,
  parseTime,
  stockholmToUtc,
  timeToMinutes,
  utcToStockholm,
  type ClockTime,
  type IsoDate,
} from './stockholm-time';

export { isSwedishHoliday } from './stockholm-time';

export interface SeriesInput {
  year: number;
  rules: CharterRules;
  /** The first meeting's day (within `year`); default mid-February, see `proposeSeries`. */
  firstDate?: IsoDate;
  /** Hold every meeting on this weekday (1 = Monday … 5 = Friday); default any working day. */
  weekday?: 1 | 2 | 3 | 4 | 5;
  time: { start: ClockTime; end: ClockTime };
  /** The preparation meetings' time; default one hour from the meeting's own start time. */
  preparationTime?: { start: ClockTime; end: ClockTime };
  now: Date;
}

export interface ProposedSlot {
  date: IsoDate;
  start: Date;
  end: Date;
}

export interface ProposedMeeting extends ProposedSlot {
  /** 1, 2, … in date order. */
  number: number;
  preparation: ProposedSlot;
}

/**
 * Periods no meeting is proposed in (month-day, inclusive): July, when Sweden is on its summer holiday,
 * and the Christmas and New Year weeks, from 20 December to Epiphany (6 January).
 */
export const SERIES_BLACKOUTS: readonly { from: string; to: string; name: string }[] = [
  { from: '01-01', to: '01-06', name: 'New Year' },
  { from: '07-01', to: '07-31', name: 'summer holiday' },
  { from: '12-20', to: '12-31', name: 'Christmas' },
];

export const isInSeriesBlackout = (date: IsoDate): boolean => {
  const monthDay = parseDate(date).slice(5);
  return SERIES_BLACKOUTS.some((b) => b.from <= monthDay && monthDay <= b.to);
};

/** Where the series begins by default: mid-February, after January's budget and holiday weeks. */
const DEFAULT_FIRST_POSITION = 1.5;
/** Where it must end: mid-December, before the Christmas weeks. */
const LAST_POSITION = 11.5;
/** To fit the year, meetings may close up to this share of the regular interval, no further. */
const MIN_SPACING_SHARE = 0.75;
/** However a meeting moves, it stays at least this share of the regular interval after the one before. */
const MIN_GAP_SHARE = 0.5;
const DAYS_PER_MONTH = 365.25 / 12;
/** How far from its target a meeting may move to find a free day. */
const SEARCH_DAYS = 35;

/**
 * The year's meetings, deterministic for the same input.
 *
 * 1. Targets: the first meeting on `firstDate` (SCHEDULE.SERIES_TOO_EARLY if the notice period from
 *    `now` does not allow it), or by default in mid-February (earlier only if `meetingsPerYear` is so
 *    high the series would run past mid-December) but no earlier than the notice period allows
 *    (`now` + `noticeDays`, Stockholm calendar; SCHEDULE.SERIES_NO_ROOM if that is past mid-December). The others
 *    follow every 12/meetingsPerYear months (positions are fractions of months: 1.5 = 15 February).
 * 2. If they do not all fit before mid-December, the interval closes up to ¾ of the regular one; if they
 *    still do not fit, the series has fewer meetings (a series proposed in the autumn covers the rest of
 *    the year, not six meetings in ten weeks).
 * 3. Each meeting moves to the nearest day (ties: the earlier) that is Monday–Friday (or `weekday`), not
 *    a Swedish holiday or de facto holiday (`isSwedishHoliday`), outside July and the Christmas and New
 *    Year weeks (`SERIES_BLACKOUTS`), at least half the regular interval after the previous meeting (so
 *    a meeting pushed out of July does not land next to its neighbour), no earlier than the notice period
 *    allows, and whose preparation meeting is neither before today nor in July or the Christmas weeks
 *    (the preparation group is the chair, the vice chair and the organizer: they are on holiday too).
 *
 * Each meeting's preparation meeting is on `proposedPreparationDate`.
 */
export function proposeSeries(input: SeriesInput): ProposedMeeting[] {
  const { year, weekday } = input;
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new DomainError('SCHEDULE.BAD_DATE', { field: 'year', value: String(year).slice(0, 20) });
  if (weekday !== undefined && !(Number.isInteger(weekday) && weekday >= 1 && weekday <= 5)) {
    throw new DomainError('SCHEDULE.BAD_WEEKDAY', { value: String(weekday).slice(0, 20) });
  }
  const rules = validateCharterRules(input.rules);
  const time = timeRange(input.time.start, input.time.end);
  const startMinutes = timeToMinutes(time.start);
  const prepTime = input.preparationTime
    ? timeRange(input.preparationTime.start, input.preparationTime.end)
    : { start: time.start, end: minutesToTime(Math.min(startMinutes + 60, 24 * 60 - 1)) };

  const today = utcToStockholm(input.now).date;
  const earliest = addDays(today, rules.noticeDays);
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;

  const regular = 12 / rules.meetingsPerYear;
  let first: number;
  if (input.firstDate !== undefined) {
    const date = parseDate(input.firstDate, 'firstDate');
    if (!date.startsWith(`${year}-`)) throw new DomainError('SCHEDULE.SERIES_OUTSIDE_YEAR', { date, year });
    if (date < earliest) throw new DomainError('SCHEDULE.SERIES_TOO_EARLY', { date, earliestDate: earliest, noticeDays: rules.noticeDays });
    first = position(date);
  } else {
    first = Math.min(DEFAULT_FIRST_POSITION, LAST_POSITION - (rules.meetingsPerYear - 1) * regular);
    if (earliest > yearStart && earliest <= yearEnd) first = Math.max(first, position(earliest));
  }
  if (earliest > yearEnd || first > LAST_POSITION) throw new DomainError('SCHEDULE.SERIES_NO_ROOM', { year, earliestDate: earliest });

  const room = LAST_POSITION - first;
  let spacing = regular;
  let count = rules.meetingsPerYear;
  if (count > 1 && (count - 1) * regular > room) {
    spacing = Math.max(regular * MIN_SPACING_SHARE, room / (count - 1));
    // The small epsilon keeps 4.999… from dropping a meeting that fits exactly.
    count = Math.min(count, Math.floor(room / spacing + 1e-9) + 1);
  }

  const lowest = earliest > yearStart ? earliest : yearStart;
  const minGapDays = Math.round(regular * MIN_GAP_SHARE * DAYS_PER_MONTH);
  const meetings: ProposedMeeting[] = [];
  let previous: IsoDate | undefined;
  for (let k = 0; k < count; k++) {
    const target = dateAt(year, first + k * spacing);
    const date = nearestFreeDay(
      target,
      (d) =>
        d >= lowest &&
        d <= yearEnd &&
        (previous === undefined || dateDiffDays(previous, d) >= minGapDays) &&
        (weekday === undefined || isoWeekday(d) === weekday) &&
        isSwedishWorkingDay(d) &&
        !isInSeriesBlackout(d) &&
        preparationFits(proposedPreparationDate(stockholmToUtc(d, time.start), rules), today),
    );
    // Only a pathological input leaves no day within five weeks; that meeting is left out.
    if (date === undefined) continue;
    meetings.push(slotWithPreparation(date, time, prepTime, rules));
    previous = date;
  }
  return meetings.map((m, i) => ({ ...m, number: i + 1 }));
}

// ---- internals ----

function slotWithPreparation(
  date: IsoDate,
  time: { start: ClockTime; end: ClockTime },
  prepTime: { start: ClockTime; end: ClockTime },
  rules: CharterRules,
): ProposedMeeting {
  const start = stockholmToUtc(date, time.start);
  const prepDate = proposedPreparationDate(start, rules);
  return {
    number: 0,
    date,
    start,
    end: stockholmToUtc(date, time.end),
    preparation: { date: prepDate, start: stockholmToUtc(prepDate, prepTime.start), end: stockholmToUtc(prepDate, prepTime.end) },
  };
}

/** A preparation day is usable if it has not passed and is outside the blackouts. */
const preparationFits = (date: IsoDate, today: IsoDate): boolean => date >= today && !isInSeriesBlackout(date);

function timeRange(rawStart: string, rawEnd: string): { start: ClockTime; end: ClockTime } {
  const start = parseTime(rawStart, 'start');
  const end = parseTime(rawEnd, 'end');
  if (end <= start) throw new DomainError('SCHEDULE.BAD_TIME_RANGE', { start, end });
  return { start, end };
}

/** A date's place in its year in months: 0 = 1 January, 1.5 = 15 February. */
function position(date: IsoDate): number {
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  return m - 1 + (d - 1) / daysInMonth(y, m);
}

/** The date at a position (inverse of `position`, rounding down to a day). */
function dateAt(year: number, at: number): IsoDate {
  const monthIndex = Math.min(11, Math.floor(at));
  const days = daysInMonth(year, monthIndex + 1);
  const day = Math.min(days, 1 + Math.floor((at - monthIndex) * days + 1e-9));
  return `${year}-${String(monthIndex + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The day nearest `target` that passes `ok`, trying the earlier day first at each distance. */
function nearestFreeDay(target: IsoDate, ok: (d: IsoDate) => boolean): IsoDate | undefined {
  for (let distance = 0; distance <= SEARCH_DAYS; distance++) {
    for (const d of distance === 0 ? [target] : [addDays(target, -distance), addDays(target, distance)]) {
      if (ok(d)) return d;
    }
  }
  return undefined;
}
