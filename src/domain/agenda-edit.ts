/**
 * Changes to an agenda as the chat and the agenda card make them: a row added where its time puts it, a
 * break or the closing row, an item removed or moved, an item's heading in the minutes. Pure: each takes the
 * agenda as it is and gives the agenda as it will be, numbered; `validateAgenda` then checks the whole.
 */
import { defaultAgendaTemplate, isBreak, isItem, parseAgendaQuickAdd, type AgendaBreak, type AgendaEntry, type AgendaItem, type AgendaQuickAdd } from './agenda';
import { DomainError } from './errors';
import { parseTime, type ClockTime } from './stockholm-time';
import { optionalText } from './text';

/** A row to remove: item `n`, or a break (at a time, when there are several) or the closing row. */
export type RowTarget = { item: number } | { kind: AgendaBreak['kind']; time?: ClockTime; typed?: string };

/** What `/agenda …` asks for, read before anything is looked up. */
export type AgendaCommand =
  | { kind: 'show' }
  | { kind: 'add'; text: string }
  | { kind: 'remove'; target: RowTarget }
  | { kind: 'move'; item: number; to: number }
  | { kind: 'heading'; item: number; heading?: string }
  | { kind: 'clear' };

const BREAK_WORDS: Record<string, AgendaBreak['kind']> = { paus: 'break', break: 'break', avslut: 'end', end: 'end', slut: 'end' };

const badEdit = (value: string) => new DomainError('AGENDA.BAD_EDIT', { value: value.slice(0, 80) });

/**
 * `/agenda` (show), `add <row>` (`lägg till`, `ny`), `remove <n>|paus [HH:MM]|avslut` (`ta bort`),
 * `move <n> <position>` (`flytta`), `heading <n> [text]` (`rubrik`; no text: the agenda title again),
 * `clear` (`töm`). Anything else is AGENDA.BAD_EDIT quoting what was typed.
 */
export function parseAgendaCommand(args: string): AgendaCommand {
  const text = (args ?? '').trim().replace(/\s+/g, ' ');
  if (text === '') return { kind: 'show' };
  const m = /^(add|lägg till|ny|remove|ta bort|delete|move|flytta|heading|rubrik|clear|töm|tom)(?:\s+([\s\S]*))?$/iu.exec(text);
  if (!m) throw badEdit(text);
  const verb = m[1]!.toLowerCase();
  const rest = (m[2] ?? '').trim();
  if (['add', 'lägg till', 'ny'].includes(verb)) return { kind: 'add', text: rest };
  if (['clear', 'töm', 'tom'].includes(verb)) {
    if (rest !== '') throw badEdit(text);
    return { kind: 'clear' };
  }
  if (['remove', 'ta bort', 'delete'].includes(verb)) return { kind: 'remove', target: parseTarget(rest, text) };
  if (['move', 'flytta'].includes(verb)) {
    const move = /^(\d{1,3}) (?:(?:to|till) )?(\d{1,3})$/iu.exec(rest);
    if (!move) throw badEdit(text);
    return { kind: 'move', item: Number(move[1]), to: Number(move[2]) };
  }
  const heading = /^(\d{1,3})(?: ([\s\S]+))?$/u.exec(rest);
  if (!heading) throw badEdit(text);
  const value = optionalText('heading', heading[2], 300);
  return { kind: 'heading', item: Number(heading[1]), ...(value !== undefined ? { heading: value } : {}) };
}

function parseTarget(rest: string, whole: string): RowTarget {
  if (/^\d{1,3}$/.test(rest)) return { item: Number(rest) };
  const m = /^(\p{L}+)(?: (\S+))?$/u.exec(rest);
  const kind = m ? BREAK_WORDS[m[1]!.toLowerCase()] : undefined;
  if (!m || !kind) throw badEdit(whole);
  return { kind, ...(m[2] ? { time: parseTime(m[2], 'time') } : {}), typed: rest };
}

/**
 * A row in the chat's quick form: an item (`D 13.05 <title> — <responsible>`, see `parseAgendaQuickAdd`),
 * or a break or the closing row: `paus 14.30 [label]`, `avslut 16.00` (English `break`, `end`).
 */
export function parseAgendaRow(args: string): AgendaQuickAdd | Omit<AgendaBreak, 'number'> {
  const text = (args ?? '').trim().replace(/\s+/g, ' ');
  const m = /^(\p{L}+) (\d{1,2}[:.]\d{2})(?: ([\s\S]+))?$/u.exec(text);
  const kind = m && m[1]!.length > 1 ? BREAK_WORDS[m[1]!.toLowerCase()] : undefined;
  if (!m || !kind) return parseAgendaQuickAdd(text);
  const title = optionalText('title', m[3], 300);
  return { kind, plannedStart: parseTime(m[2], 'plannedStart'), ...(title !== undefined ? { title } : {}) };
}

/** Items numbered 1, 2, … in order, breaks and the closing row 0. */
export function numberAgenda<T extends AgendaEntry>(entries: readonly T[]): T[] {
  let n = 0;
  return entries.map((e) => (isItem(e) ? { ...e, number: ++n } : { ...e, number: 0 }));
}

/** Rows in time order (items before a break at the same time), numbered. */
export function inTimeOrder<T extends AgendaEntry>(entries: readonly T[]): T[] {
  const rank = (e: AgendaEntry) => (e.kind === 'end' ? 2 : isBreak(e) ? 1 : 0);
  return numberAgenda([...entries].sort((a, b) => a.plannedStart.localeCompare(b.plannedStart) || rank(a) - rank(b) || a.number - b.number));
}

/** The template agenda, its rows marked as such: they give way to the council's own. */
export function templateAgenda(locale: 'sv' | 'en', meeting: { start: ClockTime; end: ClockTime }): AgendaItem[] {
  return defaultAgendaTemplate(locale, meeting).map((i) => ({ ...i, fromTemplate: true }));
}

/**
 * Adds a row where its time puts it. A template row nobody has edited, at the same time, gives way: the
 * council's first item is never refused for the template's sake. A second closing row replaces the first.
 */
export function addRow<T extends AgendaEntry>(entries: readonly T[], row: AgendaQuickAdd | Omit<AgendaBreak, 'number'>, started: (e: T) => boolean = () => false): AgendaEntry[] {
  const kept = entries.filter((e) => {
    if (isItem(e) && e.fromTemplate && e.plannedStart === row.plannedStart && !started(e)) return false;
    return !('kind' in row && row.kind === 'end' && e.kind === 'end');
  });
  const added: AgendaEntry = 'type' in row ? { ...row, number: Number.MAX_SAFE_INTEGER } : { ...row, number: 0 as const };
  return inTimeOrder<AgendaEntry>([...kept, added]);
}

/** Removes item `n`, or the break or closing row named. */
export function removeRow<T extends AgendaEntry>(entries: readonly T[], target: RowTarget): T[] {
  if ('item' in target) {
    assertItem(entries, target.item);
    return numberAgenda(entries.filter((e) => !(isItem(e) && e.number === target.item)));
  }
  const candidates = entries.filter((e) => e.kind === target.kind && (target.time === undefined || e.plannedStart === target.time));
  if (candidates.length !== 1) throw new DomainError('AGENDA.NO_SUCH_BREAK', { value: target.typed ?? `${target.kind}${target.time ? ` ${target.time}` : ''}`, count: candidates.length });
  return numberAgenda(entries.filter((e) => e !== candidates[0]));
}

/**
 * Moves item `n` to position `to` among the items. The times stay with the places: the items between take
 * one step, each keeps the start time of the place it lands on, and breaks keep theirs.
 */
export function moveItem<T extends AgendaEntry>(entries: readonly T[], n: number, to: number): T[] {
  const items = entries.filter(isItem);
  assertItem(entries, n);
  if (!Number.isInteger(to) || to < 1 || to > items.length) throw new DomainError('AGENDA.NO_SUCH_ITEM', { number: String(to), count: items.length });
  const order = [...items];
  const [moving] = order.splice(n - 1, 1);
  order.splice(to - 1, 0, moving!);
  const slots = items.map((i) => i.plannedStart);
  let k = 0;
  return numberAgenda(entries.map((e) => (isItem(e) ? { ...order[k]!, plannedStart: slots[k++]! } : e)));
}

/** Item `n`'s heading in the minutes; none: the agenda title is the heading again. */
export function setHeading<T extends AgendaEntry>(entries: readonly T[], n: number, heading: string | undefined): T[] {
  assertItem(entries, n);
  return entries.map((e) => {
    if (!isItem(e) || e.number !== n) return e;
    const { heading: _old, fromTemplate: _template, ...rest } = e;
    return { ...rest, ...(heading !== undefined ? { heading } : {}) } as T;
  });
}

/**
 * Refuses a change that would take away or renumber an item that has begun: what was recorded against it
 * (decisions, notes) keeps its number. A row of `after` is the row of `before` with the same `key`.
 */
export function assertStartedItemsKept<T extends AgendaEntry>(before: readonly T[], after: readonly AgendaEntry[], started: (e: T) => boolean, key: (e: AgendaEntry) => unknown): void {
  for (const e of before) {
    if (!isItem(e) || !started(e)) continue;
    const now = after.find((a) => isItem(a) && key(a) === key(e));
    if (!now || now.number !== e.number) throw new DomainError('AGENDA.ITEM_STARTED', { item: e.number });
  }
}

function assertItem(entries: readonly AgendaEntry[], n: number): void {
  const count = entries.filter(isItem).length;
  if (!Number.isInteger(n) || n < 1 || n > count) throw new DomainError('AGENDA.NO_SUCH_ITEM', { number: String(n), count });
}

/** The title the minutes give an item's section: its own heading, else its agenda title. */
export const sectionHeading = (item: Pick<AgendaItem, 'title' | 'heading'>): string => item.heading ?? item.title;
