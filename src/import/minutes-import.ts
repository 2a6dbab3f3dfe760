/**
 * A read document (`CouncilMinutes`) as what the history import stores (`HistoryImportInput`): the meeting's
 * times, its people, the agenda as domain entries (times filled in where the minutes give none), the records
 * under each item in the note format, and the layout the store has no place for. Whatever the store would
 * refuse is refused here, naming the document's line, so nothing is stored from a document that cannot be.
 */
import { createHash } from 'node:crypto';
import type { HistoryImportInput, HistoryPerson, HistoryRecord } from '../app/history-import';
import type { ImportBlock, ImportLayout } from '../app/ports';
import { validateAgenda, type AgendaEntry } from '../domain/agenda';
import { MAX_DECISION_HEADING } from '../domain/decision';
import { isDomainError } from '../domain/errors';
import { normaliseName } from '../domain/person';
import { validateNewRisk } from '../domain/risk';
import { minutesToTime, timeToMinutes } from '../domain/stockholm-time';
import { errorKey, translator } from '../i18n';
import { renderCouncilText, timeSpanText } from './council-text';
import { key } from './minutes-cursor';
import { MinutesFormatError, type AgendaRow, type CouncilMinutes, type Decision, type ItemBlock, type NoteBlock, type PeopleTable } from './minutes-tree';

const t = translator('en');

/** A domain refusal at a line of the document, in words. */
function atLine<T>(line: number, what: string, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (!isDomainError(e)) throw e;
    throw new MinutesFormatError(line, what, t(errorKey(e.code), e.params));
  }
}

/** The source key: the hash of what the document says (not of its bytes), so a .docx and its .txt are one meeting. */
export const minutesSourceKey = (m: CouncilMinutes): string => `minutes:${createHash('sha256').update(renderCouncilText(m), 'utf8').digest('hex').slice(0, 40)}`;

const EMAIL_COLUMN = /^(e-?post|e-?mail|mail)$/i;

function peopleOf(tables: readonly PeopleTable[], role: PeopleTable['role']): HistoryPerson[] {
  return tables
    .filter((p) => p.role === role)
    .flatMap((table) => {
      const emailAt = table.columns.findIndex((c) => EMAIL_COLUMN.test(key(c)));
      return table.people.map((p) => {
        const email = emailAt >= 2 ? p.more[emailAt - 2]?.trim() : undefined;
        return { name: p.name, ...(p.organisation ? { organisation: p.organisation } : {}), ...(email ? { email } : {}) };
      });
    });
}

/** A run of note blocks as one note: `# ` sub-headings, `- ` bullets, paragraphs (tables as tab-separated lines). */
export function noteTextOf(blocks: readonly NoteBlock[]): string {
  return blocks
    .map((b) => {
      if (b.kind === 'paragraph') return b.label === undefined ? b.text : `${b.label}: ${b.text}`;
      if (b.kind === 'subheading') return `# ${b.text}`;
      if (b.kind === 'bullets') return b.items.map((i) => `- ${i}`).join('\n');
      if (b.kind === 'table') return b.rows.map((r) => r.join('\t')).join('\n');
      return '';
    })
    .filter((s) => s !== '')
    .join('\n\n');
}

/** An agenda row to store: an item by its stored number, or a break. `line` for messages. */
interface PlannedRow {
  line: number;
  entry: AgendaEntry;
  time?: string;
}

const isClosing = (r: AgendaRow, last: boolean): boolean => r.kind === 'break' && last && /^(avslut|slut|end)\b/i.test(r.label);

/**
 * Start times for rows the minutes gave none: the first row at the meeting's start, the closing row at its
 * end, the rest spread evenly between the times around them.
 */
function fillTimes(rows: PlannedRow[], start: number, end: number): void {
  const known = (i: number): number | undefined => {
    const r = rows[i]!;
    if (r.time !== undefined) return timeToMinutes(r.time);
    if (i === 0) return start;
    if (i === rows.length - 1 && r.entry.kind === 'end') return end;
    return undefined;
  };
  let from = { at: -1, minutes: start };
  for (let i = 0; i <= rows.length; i++) {
    const minutes = i === rows.length ? end : known(i);
    if (minutes === undefined) continue;
    const gap = i - from.at;
    for (let k = from.at + 1; k < i; k++) rows[k]!.time = minutesToTime(from.minutes + Math.floor(((k - from.at) * (minutes - from.minutes)) / gap));
    if (i < rows.length) rows[i]!.time = minutesToTime(minutes);
    from = { at: i, minutes };
  }
  for (const r of rows) r.entry.plannedStart = r.time!;
}

/** What the history import is given, and what the mapping had to assume (each saying where). */
export interface MappedMinutes {
  input: HistoryImportInput;
  warnings: string[];
}

export function historyInputOf(m: CouncilMinutes, target: { tenantId: string; groupName: string }): MappedMinutes {
  const { info } = m;
  const warnings: string[] = [];
  const agendaRows = m.agenda?.rows ?? [];
  const agendaItems = agendaRows.flatMap((r) => (r.kind === 'item' ? [r] : []));
  const extra = m.items.filter((s) => !agendaItems.some((r) => r.number === s.number));
  // Stored items are numbered 1, 2, … in agenda order; the items with a section only come after them.
  const storedNumber = new Map<number, number>([...agendaItems.map((r) => r.number), ...extra.map((s) => s.number)].map((written, i) => [written, i + 1]));
  const sectionOf = (n: number) => m.items.find((s) => s.number === n);

  const planned: PlannedRow[] = [];
  agendaRows.forEach((r, i) => {
    if (r.kind === 'break') {
      const kind = isClosing(r, i === agendaRows.length - 1) ? 'end' : 'break';
      planned.push({ line: r.line, entry: { kind, number: 0, plannedStart: '', ...(r.text ? { title: r.text } : {}) }, ...(r.time ? { time: r.time } : {}) });
      return;
    }
    const heading = sectionOf(r.number)?.heading;
    const title = r.title.trim() || heading || `${r.number}`;
    const entry: AgendaEntry = { number: storedNumber.get(r.number)!, type: r.type, title, ...(heading && heading !== title ? { heading } : {}), ...(r.responsible ? { responsible: r.responsible } : {}), plannedStart: '' };
    planned.push({ line: r.line, entry, ...(r.time ? { time: r.time } : {}) });
  });
  const closing = planned.length > 0 && planned[planned.length - 1]!.entry.kind === 'end' ? planned.pop() : undefined;
  for (const s of extra) planned.push({ line: s.line, entry: { number: storedNumber.get(s.number)!, type: 'D', title: s.heading, plannedStart: '' } });
  if (closing) planned.push(closing);

  // The meeting's times: as written; else from the agenda's; widened to hold an agenda that runs outside them.
  const times = planned.flatMap((r) => (r.time ? [timeToMinutes(r.time)] : []));
  let start = info.time ? timeToMinutes(info.time.start) : (times[0] ?? 9 * 60);
  // Without an end: the closing row's time, else a quarter of an hour after the last row (an hour at least).
  const closingTime = closing?.time === undefined ? undefined : timeToMinutes(closing.time);
  let end = info.time?.end ? timeToMinutes(info.time.end) : (closingTime ?? Math.max(start + 60, ...times.map((x) => x + 15)));
  start = Math.min(start, ...times);
  const given = new Map(planned.map((r) => [r, r.time]));
  const movedRows: Array<{ row: number; written: string; stored: string }> = [];
  fillTimes(planned, start, Math.max(end, start + planned.length + 1));
  // Times that do not rise (two items at 13.00, a typing slip) are moved a minute past the row before.
  planned.forEach((r, i) => {
    const before = i === 0 ? undefined : timeToMinutes(planned[i - 1]!.entry.plannedStart);
    if (before === undefined || timeToMinutes(r.entry.plannedStart) > before) return;
    const moved = minutesToTime(before + 1);
    const written = given.get(r);
    if (written !== undefined) {
      warnings.push(`Line ${r.line}: the agenda’s ${written.replace(':', '.')} comes after ${minutesToTime(before).replace(':', '.')}; stored as ${moved.replace(':', '.')}.`);
      movedRows.push({ row: i, written, stored: moved });
    }
    r.entry.plannedStart = moved;
  });
  const last = planned.map((r) => timeToMinutes(r.entry.plannedStart));
  const closingAt = closing ? last.pop() : undefined;
  end = Math.max(end, start + 1, ...last.map((x) => x + 1), closingAt ?? 0);
  if (info.time && (end !== (info.time.end ? timeToMinutes(info.time.end) : end) || start !== timeToMinutes(info.time.start))) {
    warnings.push(`Line ${info.line}: the agenda runs outside ${info.time.start}–${info.time.end ?? ''}; the meeting is stored from ${minutesToTime(start)} to ${minutesToTime(end)}.`);
  }
  if (!info.time) warnings.push(`The minutes give no time (“Tid”): the meeting is stored from ${minutesToTime(start)} to ${minutesToTime(end)}.`);
  if (end >= 24 * 60) throw new MinutesFormatError(info.line, 'a meeting that ends before midnight', `${minutesToTime(start)}–${Math.floor(end / 60)}:${String(end % 60).padStart(2, '0')}`);
  const meeting = { start: minutesToTime(start), end: minutesToTime(end) };
  const agenda = planned.map((r) => r.entry);
  try {
    validateAgenda(agenda, meeting);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    const n = typeof e.params?.item === 'number' ? e.params.item : undefined;
    // The row the refusal names (an item by number, a break by its time), else the agenda as a whole.
    const row = planned.find((r) => (n !== undefined ? r.entry.number === n && r.entry.kind === undefined : e.params.time !== undefined && r.entry.plannedStart === e.params.time));
    throw new MinutesFormatError(row?.line ?? m.agenda?.line ?? info.line, `an agenda that fits the meeting (${meeting.start}–${meeting.end})`, t(errorKey(e.code), e.params));
  }

  /** A decision; a heading longer than a decision's heading may be is the first line of its text. */
  const decisionOf = (d: Decision): HistoryRecord => {
    if (d.heading === undefined) return { kind: 'decision', text: d.text };
    if ([...d.heading].length <= MAX_DECISION_HEADING) return { kind: 'decision', heading: d.heading, text: d.text };
    warnings.push(`Line ${d.line}: a decision’s heading is longer than ${MAX_DECISION_HEADING} characters: stored as the first line of its text.`);
    return { kind: 'decision', text: `${d.heading}\n${d.text}` };
  };
  const layoutItems: ImportLayout['items'] = [];
  const records: HistoryImportInput['records'] = [];
  const decisionNumbers: Array<number | null> = [];
  const tableConsequence = new Map<string, string>();
  for (const section of m.items) {
    const item = storedNumber.get(section.number)!;
    const tokens: ImportBlock[] = [];
    let run: NoteBlock[] = [];
    const push = (record: HistoryRecord, token?: ImportBlock): void => {
      records.push({ item, record });
      if (token) tokens.push(token);
    };
    const flush = (): void => {
      const text = noteTextOf(run);
      if (text !== '') push({ kind: 'note', text }, { kind: 'note' });
      run = [];
    };
    const blocks: ItemBlock[] = section.blocks;
    for (const b of blocks) {
      if (b.kind === 'decision') {
        flush();
        push(decisionOf(b), { kind: 'decision' });
        decisionNumbers.push(b.paragraph ?? null);
      } else if (b.kind === 'risks') {
        flush();
        tokens.push({ kind: 'risks', ...(b.caption === undefined ? {} : { caption: b.caption }), columns: b.columns, ids: b.risks.map((r) => r.id) });
        for (const r of b.risks) {
          const action = r.action.trim();
          const needed = !/^(nej|no|-)?$/i.test(action);
          const risk = atLine(r.line, `a risk the register can keep (${r.id})`, () =>
            validateNewRisk({ threat: r.threat || r.consequence || r.vulnerability || r.id, vulnerability: r.vulnerability, consequence: r.consequence, probability: r.probability, impact: r.impact, actionNeeded: needed, ...(needed && !/^(ja|yes)$/i.test(action) ? { action } : {}) }),
          );
          tableConsequence.set(r.id, risk.consequence ?? risk.threat);
          push({ kind: 'risk', id: r.id, risk });
        }
      } else if (b.kind === 'riskFollowUp') {
        flush();
        const note = noteTextOf(b.blocks.filter((x) => x.kind !== 'decision'));
        const same = tableConsequence.get(b.id) === b.heading;
        push({ kind: 'followUp', id: b.id, heading: b.heading, ...(note ? { note } : {}) }, { kind: 'followUp', id: b.id, ...(same ? {} : { heading: b.heading }) });
        for (const d of b.blocks) {
          if (d.kind !== 'decision') continue;
          push(decisionOf(d), { kind: 'decision' });
          decisionNumbers.push(d.paragraph ?? null);
        }
      } else run.push(b);
    }
    flush();
    layoutItems.push({ number: item, ...(item === section.number ? {} : { written: section.number }), blocks: tokens });
  }

  const people = {
    present: peopleOf(m.people, 'present'),
    excused: peopleOf(m.people, 'excused'),
    absent: peopleOf(m.people, 'absent'),
    presenters: peopleOf(m.people, 'presenters'),
  };
  const attachments = m.attachments?.items ?? [];
  const layout: ImportLayout = {
    title: m.title,
    preamble: m.preamble,
    info: {
      heading: info.heading,
      ...(info.called === undefined ? {} : { called: info.called }),
      ...(info.place === undefined ? {} : { place: info.place }),
      time: info.time?.end ? 'span' : info.time ? 'start' : 'none',
      other: info.other.map((o) => ({ key: o.key, value: o.value })),
      ...(info.written
        ? {
            written: {
              ...(info.written.date ? { date: { text: info.written.date, value: info.date } } : {}),
              ...(info.written.time && info.time ? { time: { text: info.written.time, value: timeSpanText(info.time) } } : {}),
            },
          }
        : {}),
    },
    people: m.people.map((p) => ({ role: p.role, heading: p.heading, columns: p.columns })),
    presenters: people.presenters.map((p) => normaliseName(p.name)),
    ...(m.agenda
      ? {
          agenda: {
            heading: m.agenda.heading,
            ...(m.agenda.legend === undefined ? {} : { legend: m.agenda.legend }),
            columns: m.agenda.columns,
            breakLabels: agendaRows.flatMap((r) => (r.kind === 'break' ? [r.label] : [])),
            omitted: extra.map((s) => storedNumber.get(s.number)!),
            ...(movedRows.length > 0 ? { moved: movedRows } : {}),
          },
        }
      : {}),
    items: layoutItems,
    decisionNumbers,
    riskCodes: {},
    ...(m.recordedBy ? { recordedBy: { heading: m.recordedBy.heading, more: m.recordedBy.names.slice(1) } } : {}),
    ...(m.approvedBy ? { approvedBy: { heading: m.approvedBy.heading, more: m.approvedBy.names.slice(1) } } : {}),
    ...(m.attachments ? { attachments: { heading: m.attachments.heading, undated: attachments.flatMap((a) => (a.date ? [] : [a.title])) } } : {}),
  };
  const numbered = decisionNumbers.filter((n) => n !== null).length;
  const input: HistoryImportInput = {
    tenantId: target.tenantId,
    groupName: target.groupName,
    sourceKey: minutesSourceKey(m),
    title: m.body,
    date: info.date,
    start: meeting.start,
    end: meeting.end,
    people,
    agenda,
    records,
    ...(m.recordedBy ? { recordedBy: m.recordedBy.names[0]! } : {}),
    ...(m.approvedBy ? { approvedBy: m.approvedBy.names[0]! } : {}),
    attachments: attachments.map((a) => ({ title: a.title, ...(a.date ? { date: a.date } : {}) })),
    ...(decisionNumbers.length > 0 ? { decisionsNumbered: numbered > 0 } : {}),
    layout,
  };
  return { input, warnings };
}
