/**
 * A `CouncilMinutes` tree written back in the council's text format (seeds 001 and 003): the same sections in
 * the same order, tab-separated tables, a blank line between blocks. What `parseCouncilMinutes` reads from
 * this output is the tree it was made from (the round trip the importer's `--out` relies on).
 */
import { AGENDA_COLUMNS, RISK_COLUMNS, key } from './minutes-cursor';
import type { AgendaRow, CouncilMinutes, Decision, ItemBlock, MeetingInfo, NoteBlock, PeopleTable, RiskRow } from './minutes-tree';

/** The council writes clock times 13.00. */
const clock = (time: string): string => time.replace(':', '.');

const DEFAULT_PEOPLE_COLUMNS = ['Namn', 'Kommun/Organisation'];

/** A block of lines between blank lines; `heading` marks a heading line (its level, for Markdown). */
export interface CouncilBlock {
  lines: string[];
  heading?: 1 | 2 | 3;
}

/** The minutes as blocks, in the council's order. */
export function councilBlocks(m: CouncilMinutes): CouncilBlock[] {
  const blocks: CouncilBlock[] = [];
  const text = (...list: string[][]): void => void blocks.push(...list.map((lines) => ({ lines })));
  const heading = (level: 1 | 2 | 3, line: string): void => void blocks.push({ lines: [line], heading: level });
  /** A section: its heading line, then its blocks. */
  const section = ([head, ...rest]: string[][]): void => {
    heading(2, head![0]!);
    text(...rest);
  };
  heading(1, m.title);
  heading(2, m.body);
  text(...m.preamble.map((l) => [l]));
  section(infoBlocks(m.info));
  for (const p of m.people) section(peopleBlocks(p));
  if (m.agenda) {
    const { legend, columns, rows } = m.agenda;
    heading(2, m.agenda.heading);
    if (legend !== undefined) text([legend]);
    text([columns.join('\t'), ...rows.map((r) => agendaCells(r, columns).join('\t'))]);
  }
  for (const item of m.items) {
    heading(2, `${item.number}) ${item.heading}`);
    for (const b of item.blocks) {
      if (b.kind === 'subheading') heading(3, b.text);
      else text(...itemBlockLines(b));
    }
  }
  for (const s of [m.recordedBy, m.approvedBy]) if (s) text([s.heading, ...s.names]);
  if (m.attachments) {
    heading(2, m.attachments.heading);
    if (m.attachments.items.length > 0) text(m.attachments.items.map((a) => `- ${a.date ? `${a.date} - ` : ''}${a.title}`));
  }
  return blocks;
}

export function renderCouncilText(m: CouncilMinutes): string {
  return `${councilBlocks(m)
    .map((b) => b.lines.join('\n'))
    .join('\n\n')}\n`;
}

/** "13.00-16.00": the plain form of a meeting's time. */
export const timeSpanText = (time: { start: string; end?: string }): string => `${clock(time.start)}${time.end ? `-${clock(time.end)}` : ''}`;

function infoBlocks(info: MeetingInfo): string[][] {
  const rows: Array<[string, string]> = [];
  if (info.called !== undefined) rows.push(['Kallade', info.called]);
  rows.push(['Datum', info.written?.date ?? info.date]);
  if (info.time) rows.push(['Tid', info.written?.time ?? timeSpanText(info.time)]);
  if (info.place !== undefined) rows.push(['Plats', info.place]);
  for (const o of info.other) rows.push([o.key, o.value]);
  return [[info.heading], rows.map((r) => r.join('\t'))];
}

function peopleBlocks(p: PeopleTable): string[][] {
  if (p.people.length === 0) return [[p.heading], ['Inga.']];
  const columns = p.columns.length > 0 ? p.columns : DEFAULT_PEOPLE_COLUMNS;
  return [[p.heading], [columns.join('\t'), ...p.people.map((x) => [x.name, x.organisation ?? '', ...x.more].join('\t'))]];
}

/** A row's cells in the order of the header the document gave. */
function agendaCells(r: AgendaRow, columns: readonly string[]): string[] {
  const is = (names: readonly string[], column: string): boolean => names.includes(key(column));
  return columns.map((column, i) => {
    if (i === 0 || is(AGENDA_COLUMNS.number, column)) return r.kind === 'item' ? String(r.number) : r.label;
    if (is(AGENDA_COLUMNS.type, column)) return r.kind === 'item' ? r.type : '';
    if (is(AGENDA_COLUMNS.title, column)) return r.kind === 'item' ? r.title : (r.text ?? '');
    if (is(AGENDA_COLUMNS.responsible, column)) return r.kind === 'item' ? (r.responsible ?? '') : '';
    if (is(AGENDA_COLUMNS.time, column)) return r.time ? clock(r.time) : '';
    return '';
  });
}

function riskCells(r: RiskRow, columns: readonly string[]): string[] {
  const fields = Object.entries(RISK_COLUMNS) as Array<[keyof typeof RISK_COLUMNS, readonly string[]]>;
  return columns.map((column) => {
    const field = fields.find(([, names]) => names.includes(key(column)))?.[0];
    return field === undefined ? '' : String(r[field]);
  });
}

function decisionLines(d: Decision): string[][] {
  const label = `Beslut${d.paragraph === undefined ? '' : ` §${d.paragraph}`}:`;
  if (d.heading === undefined) return [[label], [d.text]];
  // "Beslut om …" alone is read back as a decision's heading; any other heading goes after the label.
  if (d.paragraph === undefined && /^Beslut om\s/i.test(d.heading)) return [[d.heading], [d.text]];
  return [[`${label} ${d.heading}`, d.text]];
}

function noteLines(b: NoteBlock): string[][] {
  switch (b.kind) {
    case 'paragraph':
      return [[b.label === undefined ? b.text : `${b.label}: ${b.text}`]];
    case 'subheading':
      return [[b.text]];
    case 'bullets':
      return [b.items.map((i) => `- ${i}`)];
    case 'decision':
      return decisionLines(b);
    case 'table':
      return [b.rows.map((r) => r.join('\t'))];
  }
}

function itemBlockLines(b: ItemBlock): string[][] {
  switch (b.kind) {
    case 'risks': {
      // The caption as a row of the table's width, as the council's documents have it.
      const caption = b.caption === undefined ? [] : [[b.caption, ...b.columns.slice(1).map(() => '')].join('\t')];
      return [[...caption, b.columns.join('\t'), ...b.risks.map((r) => riskCells(r, b.columns).join('\t'))]];
    }
    case 'riskFollowUp':
      return [[`${b.id} ${b.heading}`], ...b.blocks.flatMap(noteLines)];
    default:
      return noteLines(b);
  }
}

/** A line as the round trip compares it: dashes as "-", whitespace (tabs too) as one space, trimmed. */
export const normaliseLine = (line: string): string =>
  line
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * How many of the source's non-empty lines the rendered text has (each counted as often as the source has
 * it), after normalising whitespace and dashes; `missing` lists the ones it lacks, for a report.
 */
export function retainedLines(source: string, rendered: string): { kept: number; total: number; ratio: number; missing: string[] } {
  const have = new Map<string, number>();
  for (const l of rendered.split(/\r?\n/).map(normaliseLine)) if (l !== '') have.set(l, (have.get(l) ?? 0) + 1);
  const missing: string[] = [];
  let total = 0;
  for (const l of source.split(/\r?\n/).map(normaliseLine)) {
    if (l === '') continue;
    total++;
    const n = have.get(l) ?? 0;
    if (n > 0) have.set(l, n - 1);
    else missing.push(l);
  }
  const kept = total - missing.length;
  return { kept, total, ratio: total === 0 ? 1 : kept / total, missing };
}
