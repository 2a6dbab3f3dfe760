/**
 * The agenda (dagordning) of a meeting: numbered items, each of type I (information), D (discussion) or
 * A (work item, "arbetsmoment"), with a responsible person and an approximate start time, as in seed 003:
 * "2 | D | Hur står det till i Corona-tider? | Alla | 13.05"; between them breaks and, last, the closing row,
 * without number or type ("PAUS 14.30", "AVSLUT 16.00"), which leave the items' numbering as it is. Times
 * are Stockholm wall-clock times within one day; a meeting does not run past midnight. Edits are in
 * agenda-edit.ts.
 */
import { DomainError, isDomainError } from './errors';
import { minutesToTime, parseTime, timeToMinutes, type ClockTime } from './stockholm-time';
import { optionalText, requiredText } from './text';

export type AgendaItemType = 'I' | 'D' | 'A';
export const AGENDA_ITEM_TYPES: readonly AgendaItemType[] = ['I', 'D', 'A'];

export interface AgendaItem {
  /** Absent (or `item`): a numbered item; see `AgendaBreak` for the rows without a number. */
  kind?: 'item';
  /** 1, 2, … in agenda order, counting items only (a break does not shift the numbering). */
  number: number;
  type: AgendaItemType;
  title: string;
  /** The item's heading in the minutes, when the council words it differently from the agenda's title. */
  heading?: string;
  responsible?: string;
  /** Approximate start, `HH:MM` ("Ca tid"). */
  plannedStart: ClockTime;
  description?: string;
  links?: string[];
  /** A row of the starting template nobody has edited yet: an item added at its time takes its place. */
  fromTemplate?: boolean;
}

/**
 * A row of the agenda without number or type, as seed 003 writes them: a break ("PAUS 14.30") or the
 * closing row ("AVSLUT 16.00"), with a time and, if the council names it, a label ("Lunch").
 */
export interface AgendaBreak {
  kind: 'break' | 'end';
  /** Always 0: only items are numbered. */
  number: 0;
  plannedStart: ClockTime;
  title?: string;
}

/** A row of the agenda: an item, a break or the closing row. */
export type AgendaEntry = AgendaItem | AgendaBreak;
export type AgendaBreakKind = AgendaBreak['kind'];

export const isItem = <T extends AgendaEntry>(entry: T): entry is T & AgendaItem => entry.kind !== 'break' && entry.kind !== 'end';
export const isBreak = <T extends AgendaEntry>(entry: T): entry is T & AgendaBreak => !isItem(entry);
/** The numbered items of an agenda, in order. */
export const itemsOf = <T extends AgendaEntry>(entries: readonly T[]): Array<T & AgendaItem> => entries.filter(isItem);

/** What the chat's quick form gives: enough for a new item; the number comes from its place. */
export type AgendaQuickAdd = Pick<AgendaItem, 'type' | 'plannedStart' | 'title' | 'responsible'>;

export const MAX_AGENDA_ITEMS = 40;
export const MAX_TITLE_LENGTH = 300;
export const MAX_RESPONSIBLE_LENGTH = 200;
export const MAX_LINKS_PER_ITEM = 10;
const MAX_LINK_LENGTH = 2000;

/**
 * Checks a whole agenda against its meeting; throws a DomainError that names the offending item
 * (`params.item`, its number). In this order: at most 40 rows (AGENDA.TOO_MANY); then row by row: items
 * numbered 1, 2, … (AGENDA.NUMBERING), a known type (AGENDA.BAD_TYPE), title (TEXT.*, max 300),
 * heading (TEXT.TOO_LONG, max 300), responsible (TEXT.TOO_LONG, max 200), description (TEXT.TOO_LONG),
 * links (AGENDA.BAD_LINK, AGENDA.TOO_MANY_LINKS), a `HH:MM` start (SCHEDULE.BAD_TIME), inside the
 * meeting — at or after its start and before its end (AGENDA.OUTSIDE_MEETING) — and later than the
 * previous item (AGENDA.TIME_NOT_RISING). A break lies inside the meeting (AGENDA.BREAK_OUTSIDE); the
 * closing row is the last row, after the start and at the end at the latest (AGENDA.END_NOT_LAST,
 * AGENDA.BREAK_OUTSIDE); a break or the closing row shares its time with no other row (AGENDA.BREAK_CLASH).
 */
export function validateAgenda(entries: readonly AgendaEntry[], meeting: { start: ClockTime; end: ClockTime }): void {
  const { start, end } = meetingTimes(meeting);
  if (entries.length > MAX_AGENDA_ITEMS) throw new DomainError('AGENDA.TOO_MANY', { count: entries.length, max: MAX_AGENDA_ITEMS });
  let previous: AgendaEntry | undefined;
  let items = 0;
  entries.forEach((entry) => {
    if (isBreak(entry)) {
      checkBreak(entry, { start, end });
      if (previous && entry.plannedStart <= previous.plannedStart) throw new DomainError('AGENDA.BREAK_CLASH', { time: entry.plannedStart, previousTime: previous.plannedStart });
      previous = entry;
      return;
    }
    items += 1;
    const item = entry;
    const n = item.number;
    if (n !== items) throw new DomainError('AGENDA.NUMBERING', { item: n, expected: items });
    if (!AGENDA_ITEM_TYPES.includes(item.type)) throw new DomainError('AGENDA.BAD_TYPE', { item: n, value: String(item.type).slice(0, 20) });
    inItem(n, () => {
      requiredText('title', item.title, MAX_TITLE_LENGTH);
      optionalText('heading', item.heading, MAX_TITLE_LENGTH);
      optionalText('responsible', item.responsible, MAX_RESPONSIBLE_LENGTH);
      optionalText('description', item.description);
    });
    checkLinks(n, item.links);
    const time = inItem(n, () => parseTime(item.plannedStart, 'plannedStart'));
    if (time !== item.plannedStart) throw new DomainError('SCHEDULE.BAD_TIME', { field: 'plannedStart', value: item.plannedStart.slice(0, 20), item: n });
    if (time < start || time >= end) throw new DomainError('AGENDA.OUTSIDE_MEETING', { item: n, time, start, end });
    if (previous && time <= previous.plannedStart) {
      if (isBreak(previous)) throw new DomainError('AGENDA.BREAK_CLASH', { time: previous.plannedStart, item: n });
      throw new DomainError('AGENDA.TIME_NOT_RISING', { item: n, time, previousItem: previous.number, previousTime: previous.plannedStart });
    }
    previous = item;
  });
  // Last, once every row is known to lie inside the meeting: the closing row closes the agenda.
  const closing = entries.findIndex((e) => e.kind === 'end');
  if (closing >= 0 && closing !== entries.length - 1) throw new DomainError('AGENDA.END_NOT_LAST', { time: entries[closing]!.plannedStart });
}

/** A break inside the meeting; the closing row after the start and at the meeting's end at the latest. */
function checkBreak(row: AgendaBreak, meeting: { start: ClockTime; end: ClockTime }): void {
  optionalText('title', row.title, MAX_TITLE_LENGTH);
  const time = parseTime(row.plannedStart, 'plannedStart');
  if (time !== row.plannedStart) throw new DomainError('SCHEDULE.BAD_TIME', { field: 'plannedStart', value: row.plannedStart.slice(0, 20) });
  const inside = row.kind === 'end' ? time > meeting.start && time <= meeting.end : time >= meeting.start && time < meeting.end;
  if (!inside) throw new DomainError('AGENDA.BREAK_OUTSIDE', { time, start: meeting.start, end: meeting.end });
}

/**
 * The chat's quick form: `<I|D|A> <HH:MM> <title> — <responsible>`, e.g.
 * `D 13:05 Hur står det till i Corona-tider? — Alla`.
 *
 * - The type is I, D or A in either case, bracketed or not (`[I]`, as the seed writes it).
 * - The time may be written `13:05`, `9:05` or `13.05`.
 * - The responsible person is optional. The separator is an em dash (spaces optional), else a spaced
 *   en dash (` – `), else a spaced hyphen (` - `), so "IT-säkerhet" and "2027–2028" stay whole. When
 *   several are present the strongest kind wins, and of that kind the last one, so a title may contain a
 *   weaker dash: `I 14:00 ”Snabbutredning – Politiska sammanträden på distans” — Christian Lund`.
 *
 * Anything else is AGENDA.QUICK_FORM; a time like 25:00 is SCHEDULE.BAD_TIME; a title too long TEXT.TOO_LONG.
 */
export function parseAgendaQuickAdd(args: string): AgendaQuickAdd {
  const text = (args ?? '').trim().replace(/\s+/g, ' ');
  const quickFormError = () => new DomainError('AGENDA.QUICK_FORM', { value: text.slice(0, 80) });
  const m = /^\[?([a-zA-Z])\]? (\d{1,2}[:.]\d{2}) (.*)$/.exec(text);
  const type = m?.[1]?.toUpperCase();
  if (!m || !isAgendaItemType(type)) throw quickFormError();
  const plannedStart = parseTime(m[2], 'plannedStart');
  const [rawTitle, rawResponsible] = splitResponsible(m[3] ?? '');
  if (rawTitle.trim() === '') throw quickFormError();
  const title = requiredText('title', rawTitle, MAX_TITLE_LENGTH);
  const responsible = optionalText('responsible', rawResponsible, MAX_RESPONSIBLE_LENGTH);
  return responsible === undefined ? { type, plannedStart, title } : { type, plannedStart, title, responsible };
}

const TEMPLATE: Record<'sv' | 'en', readonly { type: AgendaItemType; title: string; share: number }[]> = {
  // `share`: where in the meeting the item starts, as a share of its length.
  sv: [
    { type: 'I', title: 'Incheckning', share: 0 },
    { type: 'I', title: 'Föregående minnesanteckningar', share: 0.1 },
    { type: 'D', title: 'Uppföljning av risker och åtgärder', share: 0.15 },
    { type: 'D', title: 'Aktuella ärenden', share: 0.3 },
    { type: 'D', title: 'Övriga frågor', share: 0.85 },
  ],
  en: [
    { type: 'I', title: 'Check-in', share: 0 },
    { type: 'I', title: 'Previous minutes', share: 0.1 },
    { type: 'D', title: 'Follow-up of risks and actions', share: 0.15 },
    { type: 'D', title: 'Current matters', share: 0.3 },
    { type: 'D', title: 'Any other business', share: 0.85 },
  ],
};

/** The shortest meeting the default template fits in: each item gets at least a minute. */
export const MIN_TEMPLATE_MINUTES = 20;

/**
 * A starting agenda for a new meeting, in the meeting's language: check-in, previous minutes, follow-up of
 * risks and actions (risks are followed up from meeting to meeting), current matters, and any other
 * business last. The start times rise through the meeting (check-in at its start, any other business in
 * its last 15 %), on five-minute marks where they fit, else on whole minutes. No one is responsible yet.
 *
 * The titles live here rather than in the message catalogues because they become the organizer's own
 * editable text, not interface labels.
 */
export function defaultAgendaTemplate(locale: 'sv' | 'en', meeting: { start: ClockTime; end: ClockTime }): AgendaItem[] {
  const { start, end } = meetingTimes(meeting);
  const from = timeToMinutes(start);
  const minutes = timeToMinutes(end) - from;
  if (minutes < MIN_TEMPLATE_MINUTES) throw new DomainError('AGENDA.MEETING_TOO_SHORT', { minutes, min: MIN_TEMPLATE_MINUTES });
  const template = TEMPLATE[locale];
  // On five-minute marks if they fit, else whole minutes; each item starts at least one mark after the last.
  for (const grid of [5, 1]) {
    const offsets: number[] = [];
    for (const t of template) {
      const previous = offsets[offsets.length - 1];
      const planned = Math.floor((t.share * minutes) / grid) * grid;
      offsets.push(previous === undefined ? planned : Math.max(planned, previous + grid));
    }
    if ((offsets[offsets.length - 1] ?? minutes) < minutes) {
      return template.map((t, i) => ({ number: i + 1, type: t.type, title: t.title, plannedStart: minutesToTime(from + (offsets[i] ?? 0)) }));
    }
  }
  throw new DomainError('AGENDA.MEETING_TOO_SHORT', { minutes, min: MIN_TEMPLATE_MINUTES });
}

/** The same items numbered 1, 2, … in their current order (after an insert, a move or a removal). */
export function renumber<T extends { number: number }>(items: readonly T[]): T[] {
  return items.map((item, i) => ({ ...item, number: i + 1 }));
}

/**
 * The item that should be under way at `now` (`HH:MM`) by the plan: the last one that has started.
 * None before the first item, and none from `meetingEnd` on when it is given. Items in agenda order.
 */
export function currentItemAt<T extends Pick<AgendaItem, 'plannedStart'>>(items: readonly T[], now: ClockTime, meetingEnd?: ClockTime): T | undefined {
  const at = parseTime(now, 'now');
  if (meetingEnd !== undefined && at >= parseTime(meetingEnd, 'end')) return undefined;
  let current: T | undefined;
  for (const item of items) {
    if (item.plannedStart <= at) current = item;
    else break;
  }
  return current;
}

/**
 * Whole minutes an item has run past its planned length, 0 if it has not. The planned length runs from
 * its planned start to the next item's (pass `{ plannedStart: meeting end }` for the last item); the time
 * used runs from when it actually started (`actualStart`) to `now`. So an item that started late is not
 * over time merely for starting late: the note is about this item, not the schedule.
 */
export function overrunMinutes(
  item: Pick<AgendaItem, 'plannedStart'>,
  next: Pick<AgendaItem, 'plannedStart'>,
  actualStart: Date,
  now: Date,
): number {
  const planned = Math.max(0, timeToMinutes(next.plannedStart) - timeToMinutes(item.plannedStart));
  const used = Math.floor((now.getTime() - actualStart.getTime()) / 60_000);
  return Math.max(0, used - planned);
}

export const isAgendaItemType = (value: unknown): value is AgendaItemType => typeof value === 'string' && (AGENDA_ITEM_TYPES as readonly string[]).includes(value);

// ---- internals ----

function meetingTimes(meeting: { start: ClockTime; end: ClockTime }): { start: ClockTime; end: ClockTime } {
  const start = parseTime(meeting.start, 'start');
  const end = parseTime(meeting.end, 'end');
  if (end <= start) throw new DomainError('SCHEDULE.BAD_TIME_RANGE', { start, end });
  return { start, end };
}

/** Runs a check for one item and adds the item's number to any DomainError it throws. */
function inItem<T>(item: number, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (isDomainError(e)) throw new DomainError(e.code, { ...e.params, item });
    throw e;
  }
}

function checkLinks(item: number, links: readonly string[] | undefined): void {
  if (links === undefined) return;
  if (links.length > MAX_LINKS_PER_ITEM) throw new DomainError('AGENDA.TOO_MANY_LINKS', { item, count: links.length, max: MAX_LINKS_PER_ITEM });
  for (const link of links) {
    if (!isWebLink(link)) throw new DomainError('AGENDA.BAD_LINK', { item, value: String(link).slice(0, 80) });
  }
}

/** An absolute http(s) address: what Teams and a browser can open. */
function isWebLink(link: unknown): boolean {
  if (typeof link !== 'string' || link.length > MAX_LINK_LENGTH || link.trim() !== link) return false;
  if (!URL.canParse(link)) return false;
  const { protocol, hostname } = new URL(link);
  return (protocol === 'https:' || protocol === 'http:') && hostname !== '';
}

/** Splits `title — responsible` at the strongest separator present; see `parseAgendaQuickAdd`. */
function splitResponsible(rest: string): [string, string | undefined] {
  for (const separator of [/\s*—\s*/g, /\s–\s/g, /\s-\s/g]) {
    const matches = [...rest.matchAll(separator)];
    const last = matches[matches.length - 1];
    if (last?.index !== undefined) return [rest.slice(0, last.index), rest.slice(last.index + last[0].length)];
  }
  return [rest, undefined];
}

/** The check-in round's item ("Incheckning", "Check-in"): when it is in progress the check-in card goes out. */
export const isCheckInItem = (item: { kind?: string; title?: string }): boolean => item.kind !== 'break' && item.kind !== 'end' && /^\s*(incheckning|check-?in)\b/iu.test(item.title ?? '');
