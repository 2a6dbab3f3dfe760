/**
 * Councils plan in Swedish wall-clock time: "13.00 on 14 May" means 13:00 in Europe/Stockholm, whatever
 * the server's zone. Instants are `Date`s (UTC); plans are a calendar date and a clock time. The offset
 * comes from the runtime's time-zone database (Intl), so daylight saving time is right without a library.
 *
 * The Swedish holiday calendar lives here too (it is the lowest layer both the charter rules and the
 * series planner need; putting it in meeting-series.ts would make charter.ts and meeting-series.ts import
 * each other). `date-holidays` is a pure calendar library and is reached through `swedishHolidaysOf` only.
 */
import type HolidaysType from 'date-holidays';
import { DomainError } from './errors';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A wall-clock time, `HH:MM` (24-hour, zero-padded). */
export type ClockTime = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const STOCKHOLM_TIME_ZONE = 'Europe/Stockholm';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `13:05`, `9:05`, and the Swedish `13.05` (as in the seed agendas). */
const TIME_PATTERN = /^(\d{1,2})[:.](\d{2})$/;

const clip = (value: string): string => value.slice(0, 20);

/**
 * Checks a `YYYY-MM-DD` date that exists in the calendar (no 2027-02-30) and returns it trimmed.
 * `field` names the input in the error.
 */
export function parseDate(value: string | undefined | null, field = 'date'): IsoDate {
  const text = (value ?? '').trim();
  const m = DATE_PATTERN.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) return text;
  }
  throw new DomainError('SCHEDULE.BAD_DATE', { field, value: clip(text) });
}

/**
 * Checks a clock time from 00:00 to 23:59 and returns it as `HH:MM`. Accepts `9:05` and the Swedish
 * `13.05` too, since people type times that way.
 */
export function parseTime(value: string | undefined | null, field = 'time'): ClockTime {
  const text = (value ?? '').trim();
  const m = TIME_PATTERN.exec(text);
  if (m) {
    const [h, mi] = [Number(m[1]), Number(m[2])];
    if (h <= 23 && mi <= 59) return minutesToTime(h * 60 + mi);
  }
  throw new DomainError('SCHEDULE.BAD_TIME', { field, value: clip(text) });
}

/** Minutes since midnight of a valid time (`13:05` → 785). */
export function timeToMinutes(time: ClockTime): number {
  const canonical = parseTime(time);
  return Number(canonical.slice(0, 2)) * 60 + Number(canonical.slice(3, 5));
}

/** `785` → `13:05`. Minutes outside one day are refused (a meeting does not run past midnight). */
export function minutesToTime(minutes: number): ClockTime {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60) {
    throw new DomainError('SCHEDULE.BAD_TIME', { field: 'time', value: String(minutes) });
  }
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * The instant at which Stockholm's clocks show `time` on `date`.
 *
 * Around a DST switch this follows the "compatible" rule of Temporal and of most calendars: a time that
 * does not exist (02:30 on the last Sunday of March) moves forward by the gap (03:30 CEST); a time that
 * occurs twice (02:30 on the last Sunday of October) is the earlier one (CEST).
 */
export function stockholmToUtc(date: IsoDate, time: ClockTime): Date {
  const [y, mo, d] = splitDate(parseDate(date));
  const minutes = timeToMinutes(time);
  const wall = Date.UTC(y, mo - 1, d) + minutes * MINUTE_MS;
  // The offset on either side of any switch that could affect this wall time.
  const before = offsetMinutesAt(wall - 14 * 3_600_000);
  const after = offsetMinutesAt(wall + 14 * 3_600_000);
  const fits = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => wall - offsetMinutesAt(instant) * MINUTE_MS === instant)
    .sort((a, b) => a - b);
  // Nothing fits: the time falls in the spring-forward gap; read it with the offset from before the gap.
  return new Date(fits[0] ?? wall - before * MINUTE_MS);
}

/** Stockholm's calendar date, clock time (to the minute, seconds dropped) and ISO weekday at an instant. */
export function utcToStockholm(d: Date): { date: IsoDate; time: ClockTime; weekday: IsoWeekday } {
  const p = wallClockParts(d.getTime());
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return { date, time: `${pad(p.hour)}:${pad(p.minute)}`, weekday: isoWeekday(date) };
}

/** Stockholm's `YYYY-MM-DD HH:MM` at an instant, for messages. */
export function formatStockholm(d: Date): string {
  const s = utcToStockholm(d);
  return `${s.date} ${s.time}`;
}

/**
 * Calendar days from `a` to `b` as Stockholm's calendar counts them (negative if `b` is earlier):
 * 23:59 on Monday to 00:01 on Tuesday is 1 day; 00:01 to 23:59 on the same day is 0.
 */
export function daysBetween(a: Date, b: Date): number {
  return dateDiffDays(utcToStockholm(a).date, utcToStockholm(b).date);
}

/** Calendar days from one date to another (negative if `to` is earlier). */
export function dateDiffDays(from: IsoDate, to: IsoDate): number {
  return Math.round((dayNumber(parseDate(to)) - dayNumber(parseDate(from))) / DAY_MS);
}

/** The date `days` calendar days after (or, negative, before) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const next = new Date(dayNumber(parseDate(date)) + days * DAY_MS);
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): IsoWeekday {
  const sundayZero = new Date(dayNumber(parseDate(date))).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as IsoWeekday;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ---- Swedish holidays ----

/**
 * Days Swedish workplaces are closed: the public holidays (`helgdagar`, type `public` in date-holidays)
 * plus the three eves that are holidays in practice though not in law: midsummer eve, Christmas eve and
 * New Year's eve (date-holidays 3.x lists them as type `bank`). The eves are computed here as well, so a
 * change of type in the library cannot let a meeting slip onto Christmas eve.
 *
 * Not included: Maundy Thursday and the half days (Epiphany eve, Walpurgis night, All Saints' eve), which
 * are working days; Whit Monday, which has not been a public holiday since 2005.
 */
export function isSwedishHoliday(date: IsoDate): boolean {
  const valid = parseDate(date);
  return swedishHolidaysOf(Number(valid.slice(0, 4))).has(valid);
}

/** Monday to Friday and not a Swedish holiday (see `isSwedishHoliday`). */
export function isSwedishWorkingDay(date: IsoDate): boolean {
  return isoWeekday(date) <= 5 && !isSwedishHoliday(date);
}

/**
 * The working day nearest to `date` (itself if it is one); on a tie the earlier one, so a preparation
 * meeting or notice moves ahead of a holiday rather than after it.
 */
export function nearestSwedishWorkingDay(date: IsoDate): IsoDate {
  const valid = parseDate(date);
  // No run of Swedish non-working days is longer than five (Christmas eve to the Sunday after); search wider.
  for (let distance = 0; distance <= 14; distance++) {
    for (const candidate of distance === 0 ? [valid] : [addDays(valid, -distance), addDays(valid, distance)]) {
      if (isSwedishWorkingDay(candidate)) return candidate;
    }
  }
  throw new Error(`no Swedish working day within two weeks of ${valid}`);
}

const holidayCache = new Map<number, ReadonlySet<IsoDate>>();

// Loaded on first use: the library carries every country's rules (some 20 MB in memory), and most
// requests never ask about a holiday.
let HolidaysClass: typeof HolidaysType | undefined;
function holidaysLibrary(): typeof HolidaysType {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load: this API is synchronous
  const loaded = require('date-holidays') as { default?: typeof HolidaysType } & typeof HolidaysType;
  return (HolidaysClass ??= loaded.default ?? loaded);
}

/** The one place that asks `date-holidays`; memoised per year (the answer never changes). */
export function swedishHolidaysOf(year: number): ReadonlySet<IsoDate> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days = new Set<IsoDate>();
  const Holidays = HolidaysClass ?? holidaysLibrary();
  for (const h of new Holidays('SE').getHolidays(year)) {
    if (h.type === 'public' || h.type === 'bank') days.add(h.date.slice(0, 10));
  }
  days.add(`${year}-12-24`);
  days.add(`${year}-12-31`);
  days.add(midsummerEve(year));
  holidayCache.set(year, days);
  return days;
}

/** Midsummer eve is the Friday from 19 to 25 June. */
function midsummerEve(year: number): IsoDate {
  const june19 = `${year}-06-19`;
  return addDays(june19, (5 - isoWeekday(june19) + 7) % 7);
}

// ---- internals ----

const pad = (n: number): string => String(n).padStart(2, '0');

function splitDate(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Midnight UTC of a date, in ms: a day counter that DST cannot disturb. */
function dayNumber(date: IsoDate): number {
  const [y, mo, d] = splitDate(date);
  return Date.UTC(y, mo - 1, d);
}

const stockholmFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: STOCKHOLM_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockParts(instant: number): WallClock {
  const parts: Partial<Record<keyof WallClock, number>> = {};
  for (const p of stockholmFormat.formatToParts(new Date(instant))) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute' || p.type === 'second') {
      parts[p.type] = Number(p.value);
    }
  }
  const { year, month, day, hour, minute, second } = parts;
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) {
    throw new Error(`Intl gave no complete ${STOCKHOLM_TIME_ZONE} time for ${new Date(instant).toISOString()}`);
  }
  return { year, month, day, hour, minute, second };
}

/** Stockholm's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutesAt(instant: number): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const p = wallClockParts(whole);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - whole) / MINUTE_MS);
}
