/**
 * Reads the council's minutes (seeds 001 and 003) into a `CouncilMinutes` tree: the title, the body's name,
 * "Information om möte", the people tables, the agenda, the items and what follows them. The sections come in
 * the council's order; a line that fits none of them is an error naming that line and what could stand there,
 * so nothing is silently dropped. Pure: text in, tree out (a .docx comes here through `linesFromHtml`).
 */
import {
  AGENDA_COLUMNS,
  Cursor,
  ITEM_DOT,
  ITEM_PAREN,
  TITLE,
  isAgendaHeading,
  isAttachmentsHeading,
  isInfoHeading,
  isRecording,
  isSingle,
  isSignOff,
  isTail,
  key,
  peopleRole,
  readClock,
  readDate,
  readTimeSpan,
  signOff,
} from './minutes-cursor';
import { normaliseLine, timeSpanText } from './council-text';
import { parseItemBlocks } from './minutes-items';
import { linesFromMarkdown, linesFromText, type SourceLine } from './minutes-lines';
import {
  MinutesFormatError,
  type Agenda,
  type AgendaItemType,
  type AgendaRow,
  type Attachments,
  type CouncilMinutes,
  type ItemSection,
  type MeetingInfo,
  type PeopleTable,
  type SignOff,
} from './minutes-tree';

export type MinutesTextFormat = 'txt' | 'md';

/** The minutes in a .txt (tab-separated tables) or .md (pipe tables, `#` headings) file. */
export function parseCouncilMinutes(text: string, format: MinutesTextFormat = 'txt'): CouncilMinutes {
  return format === 'md' ? parseMinutesLines(linesFromMarkdown(text), { softWrap: true }) : parseMinutesLines(linesFromText(text));
}

const SECTIONS = '“Deltagare”, “Förhindrade”, “Föredragande”, “Dagordning” (or “Mötespunkter”), or the first item “1) …”';
const cellsShown = (l: SourceLine): string => l.text.replace(/\t/g, ' | ');

/** softWrap: the source wraps paragraphs over lines (Markdown), so they join with a space, not a line break. */
export function parseMinutesLines(lines: readonly SourceLine[], options: { softWrap?: boolean } = {}): CouncilMinutes {
  const c = new Cursor(lines, options.softWrap ?? false);
  c.skipBlank();
  const titleLine = c.peek();
  const titleWord = titleLine && !titleLine.row ? TITLE.exec(titleLine.text) : null;
  if (!titleLine || !titleWord) throw c.expected('the title “Minnesanteckningar” (or “Protokoll”) on the first line');
  c.next();
  c.skipBlank();
  const isSection = (l: SourceLine): boolean => l.row || isInfoHeading(l) || peopleRole(l) !== undefined || isAgendaHeading(l);
  // "Minnesanteckningar – Digital motor Fyrbodal" on one line: the body's name is the rest of it.
  const sameLine = titleLine.text.slice(titleWord[0].length).replace(/^[\s:–—-]+/, '');
  let title = titleLine.text;
  let body: string;
  if (c.peek() && isSection(c.peek()!) && sameLine !== '') {
    [title, body] = [titleWord[0], sameLine];
  } else {
    const bodyLine = c.peek();
    if (!bodyLine || isSection(bodyLine)) throw c.expected('the name of the body that met (“Digital motor Fyrbodal”) after the title');
    body = c.next().text;
  }

  const preamble: string[] = [];
  for (c.skipBlank(); c.peek() && !isInfoHeading(c.peek()!); c.skipBlank()) {
    const l = c.peek()!;
    if (l.row || peopleRole(l) || isAgendaHeading(l) || isTail(l)) break;
    preamble.push(c.next().text);
  }
  const info = parseInfo(c);

  const people: PeopleTable[] = [];
  let agenda: Agenda | undefined;
  for (c.skipBlank(); c.peek(); c.skipBlank()) {
    const l = c.peek()!;
    const role = peopleRole(l);
    if (role) people.push(parsePeople(c, role));
    else if (isAgendaHeading(l) && !agenda) agenda = parseAgenda(c);
    else break;
  }

  const agendaItems = (agenda?.rows ?? []).flatMap((r) => (r.kind === 'item' ? [r] : []));
  const numbers = new Set(agendaItems.map((r) => r.number));
  const titles = new Map(agendaItems.map((r) => [key(r.title), r.number]));
  /** The heading of an item after item `after`, at the cursor, if that is what stands there. */
  const itemHeading = (at: Cursor, after: number): { number: number; heading: string } | undefined => {
    const l = at.peek();
    if (!l || l.row || l.text.length > 200) return undefined;
    // Alone in its block, a heading, or the number of an agenda item: a text without blank lines has no blocks.
    const marked = at.alone() || l.heading !== undefined;
    const paren = ITEM_PAREN.exec(l.text);
    if (paren && Number(paren[1]) > after && (marked || numbers.has(Number(paren[1])))) return { number: Number(paren[1]), heading: paren[2]! };
    const dot = ITEM_DOT.exec(l.text);
    if (dot && Number(dot[1]) > after && (l.heading !== undefined || (marked && numbers.has(Number(dot[1]))))) return { number: Number(dot[1]), heading: dot[2]! };
    // A Word heading numbered by the list style (mammoth drops the number) is found by its agenda title.
    const byTitle = l.heading === undefined ? undefined : titles.get(key(l.text));
    return byTitle !== undefined && byTitle > after ? { number: byTitle, heading: l.text } : undefined;
  };

  const items: ItemSection[] = [];
  for (c.skipBlank(); c.peek() && !isTail(c.peek()!); c.skipBlank()) {
    const after = items[items.length - 1]?.number ?? -1;
    const found = itemHeading(c, after);
    if (!found) throw c.expected(items.length === 0 ? SECTIONS : `an item heading “${after + 1}) …”, “Antecknat av”, “Justerat av” or “Bilagor”`);
    const line = c.next().line;
    const blocks = parseItemBlocks(c, (at) => isTail(at.peek()!) || itemHeading(at, found.number) !== undefined);
    items.push({ line, number: found.number, heading: found.heading, blocks });
  }

  let recordedBy: SignOff | undefined;
  let approvedBy: SignOff | undefined;
  let attachments: Attachments | undefined;
  for (c.skipBlank(); c.peek(); c.skipBlank()) {
    const l = c.peek()!;
    if (isAttachmentsHeading(l) && !attachments) attachments = parseAttachments(c);
    else if (isSignOff(l)) {
      const s = parseSignOff(c);
      const merged = (prior: SignOff | undefined): SignOff => (prior ? { ...prior, names: [...prior.names, ...s.names] } : s);
      if (isRecording(s.heading)) recordedBy = merged(recordedBy);
      else approvedBy = merged(approvedBy);
    } else throw c.expected('“Antecknat av”, “Justerat av” (or “Justeras av”) or “Bilagor” after the last item');
  }

  return {
    title,
    body,
    preamble,
    info,
    people,
    ...(agenda ? { agenda } : {}),
    items,
    ...(recordedBy ? { recordedBy } : {}),
    ...(approvedBy ? { approvedBy } : {}),
    ...(attachments ? { attachments } : {}),
  };
}

const INFO_KEY = /^(kallade|datum|tid|plats|möte|lokal|called|date|time|place|meeting)\s*:\s*(.+)$/i;

function parseInfo(c: Cursor): MeetingInfo {
  c.skipBlank();
  const head = c.peek();
  if (!head || !isInfoHeading(head)) throw c.expected('“Information om möte” (the meeting’s date, time and place)');
  c.next();
  const info: MeetingInfo = { line: head.line, heading: head.text, date: '', other: [] };
  for (c.skipBlank(); c.peek(); c.skipBlank()) {
    const l = c.peek()!;
    const colon = l.row ? undefined : INFO_KEY.exec(l.text);
    if (!(l.row && l.cells.length >= 2) && !colon) break;
    c.next();
    const k = colon ? colon[1]! : l.cells[0]!;
    const value = colon ? colon[2]!.trim() : l.cells.slice(1).join(' ').trim();
    switch (key(k)) {
      case 'kallade':
      case 'called':
        info.called = value;
        break;
      case 'datum':
      case 'date': {
        // "2020-05-14, kl 13.00–16.00": the ISO date in a longer value is the date.
        const date = readDate(value) ?? readDate(/\b\d{4}-\d{2}-\d{2}\b/.exec(value)?.[0] ?? '');
        if (!date) throw new MinutesFormatError(l.line, 'a date like 2020-11-27 after “Datum”', value);
        info.date = date;
        if (value !== date) info.written = { ...info.written, date: value };
        break;
      }
      case 'tid':
      case 'time': {
        const time = readTimeSpan(value);
        if (!time) throw new MinutesFormatError(l.line, 'a time like 13.00-16.00 after “Tid”', value);
        info.time = time;
        if (normaliseLine(value) !== normaliseLine(timeSpanText(time))) info.written = { ...info.written, time: value };
        break;
      }
      case 'plats':
      case 'place':
        info.place = value;
        break;
      default:
        info.other.push({ line: l.line, key: k, value });
    }
  }
  if (info.date === '') throw c.expected(`a row “Datum<tab>2020-11-27” under “${head.text}” (line ${head.line})`);
  return info;
}

function parsePeople(c: Cursor, role: PeopleTable['role']): PeopleTable {
  const head = c.next();
  c.skipBlank();
  const header = c.peek();
  if (header && !header.row && /^(inga|ingen|none)\.?$/i.test(header.text)) {
    c.next();
    return { line: head.line, role, heading: head.text, columns: [], people: [] };
  }
  if (!header?.row || !/^(namn|name)$/i.test(header.cells[0] ?? '')) throw c.expected(`the header row “Namn<tab>Kommun/Organisation” under “${head.text}”`);
  c.next();
  const people: PeopleTable['people'] = [];
  for (let l = c.peek(); l?.row; l = c.peek()) {
    c.next();
    const [name = '', organisation = '', ...more] = l.cells;
    if (name === '') throw new MinutesFormatError(l.line, `a name in the first column of “${head.text}”`, cellsShown(l));
    people.push({ line: l.line, name, ...(organisation === '' ? {} : { organisation }), more });
  }
  return { line: head.line, role, heading: head.text, columns: header.cells, people };
}

const AGENDA_HEADER = 'the agenda’s header row “Punkt<tab>Typ<tab>Beskrivning<tab>Ansvarig[<tab>Ca tid]”';

function parseAgenda(c: Cursor): Agenda {
  const head = c.next();
  c.skipBlank();
  let legend: string | undefined;
  const first = c.peek();
  if (first && isSingle(first) && !isTail(first)) {
    legend = c.next().text;
    c.skipBlank();
  }
  const header = c.peek();
  if (!header?.row || !(AGENDA_COLUMNS.number as readonly string[]).includes(key(header.cells[0] ?? ''))) throw c.expected(AGENDA_HEADER);
  c.next();
  const index = (names: readonly string[]): number => header.cells.findIndex((h) => names.includes(key(h)));
  const at = { type: index(AGENDA_COLUMNS.type), title: index(AGENDA_COLUMNS.title), responsible: index(AGENDA_COLUMNS.responsible), time: index(AGENDA_COLUMNS.time) };
  if (at.type < 0 || at.title < 0) throw new MinutesFormatError(header.line, AGENDA_HEADER, cellsShown(header));

  const rows: AgendaRow[] = [];
  let last = 0;
  for (let l = c.peek(); l?.row; l = c.peek()) {
    c.next();
    const cell = (i: number): string => (i < 0 ? '' : (l.cells[i] ?? ''));
    const timeText = cell(at.time);
    const time = timeText === '' ? undefined : readClock(timeText);
    if (timeText !== '' && !time) throw new MinutesFormatError(l.line, 'a start time like 14.30 in the agenda’s time column', timeText);
    const first = cell(0);
    const when = time ? { time } : {};
    if (/^\d+$/.test(first)) {
      const type = cell(at.type).replace(/^\[(.)\]$/, '$1').toUpperCase();
      if (!['I', 'D', 'A'].includes(type)) throw new MinutesFormatError(l.line, `the type I, D or A of agenda item ${first}`, cell(at.type) || 'nothing');
      if (Number(first) <= last) throw new MinutesFormatError(l.line, `an agenda item numbered after ${last}`, first);
      last = Number(first);
      const responsible = cell(at.responsible);
      rows.push({ kind: 'item', line: l.line, number: last, type: type as AgendaItemType, title: cell(at.title), ...(responsible ? { responsible } : {}), ...when });
    } else if (first !== '' && cell(at.type) === '') {
      const text = cell(at.title);
      rows.push({ kind: 'break', line: l.line, label: first, ...(text ? { text } : {}), ...when });
    } else throw new MinutesFormatError(l.line, 'an agenda row “<number><tab><I|D|A><tab><description>…” or a break “PAUS<tab>…<tab>14.30”', cellsShown(l));
  }
  return { line: head.line, heading: head.text, ...(legend === undefined ? {} : { legend }), columns: header.cells, rows };
}

function parseSignOff(c: Cursor): SignOff {
  const l = c.next();
  const { heading, name } = signOff(l.text)!;
  const names = name ? [name] : [];
  // The names follow on the next lines (or the next paragraphs, in Word), up to the next section.
  for (c.skipBlank(); c.peek() && !isTail(c.peek()!) && !c.peek()!.row; c.skipBlank()) names.push(c.next().text);
  if (names.length === 0) throw c.expected(`a name after “${heading}” (line ${l.line})`);
  return { line: l.line, heading, names };
}

const ATTACHMENT = /^(?:[-•–*]\s+)?(?:(\d{4}-\d{2}-\d{2})\s*(?:[-–—:]\s*)?)?(.*)$/;

function parseAttachments(c: Cursor): Attachments {
  const head = c.next();
  const items: Attachments['items'] = [];
  for (c.skipBlank(); c.peek() && !isSignOff(c.peek()!); c.skipBlank()) {
    const l = c.next();
    const m = ATTACHMENT.exec(l.row ? l.cells.join(' - ') : l.text)!;
    const title = (m[2] ?? '').trim();
    if (title === '') throw new MinutesFormatError(l.line, 'an attachment “- 2020-11-30 - Bilaga 1-…”', l.text);
    items.push({ line: l.line, ...(m[1] ? { date: m[1] } : {}), title });
  }
  return { line: head.line, heading: head.text, items };
}
