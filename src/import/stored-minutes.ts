/**
 * An imported meeting as stored, as a `CouncilMinutes` tree again (`--out`): the approved version's content
 * (agenda, sections with their notes, decisions, risks and follow-ups, sign-offs, attachments), the people
 * with their status that day, and the layout kept with the import (headings as written, columns, the order
 * of the blocks under each item). Records the layout does not know — added after the import — follow the
 * ones it does, so what is stored is written, all of it.
 */
import type { StoredImport } from '../app/history-import';
import type { ImportBlock, ImportLayout } from '../app/ports';
import { sectionIsEmpty, type MinutesDecision, type MinutesRiskReview, type MinutesRiskRow, type MinutesSection } from '../domain/minutes';
import { noteBlocks } from '../domain/note';
import { normaliseName } from '../domain/person';
import { timeSpanText } from './council-text';
import { key } from './minutes-cursor';
import type { AgendaRow, CouncilMinutes, ItemBlock, ItemSection, NoteBlock, PeopleTable, Person, RiskRow } from './minutes-tree';

const DEFAULT_RISK_COLUMNS = ['ID', 'Hot', 'Sårbarhet', 'Konsekvens', 'S', 'K', 'R', 'Åtgärd'];
const EMAIL_COLUMN = /^(e-?post|e-?mail|mail)$/i;

/** A stored note (or a follow-up's note) as the blocks the minutes wrote. */
function blocksOfNote(text: string | undefined): NoteBlock[] {
  return noteBlocks(text ?? '').map((b): NoteBlock => {
    if (b.kind === 'heading') return { kind: 'subheading', line: 0, text: b.text };
    if (b.kind === 'list') return { kind: 'bullets', line: 0, items: b.items };
    return { kind: 'paragraph', line: 0, text: b.text };
  });
}

function riskRow(r: MinutesRiskRow): RiskRow {
  return {
    line: 0,
    id: r.code,
    threat: r.threat,
    vulnerability: r.vulnerability ?? '',
    consequence: r.consequence ?? '',
    probability: r.probability,
    impact: r.impact,
    score: r.score,
    action: r.action ?? (r.actionNeeded ? 'Ja' : 'Nej'),
  };
}

function peopleTables(s: StoredImport): PeopleTable[] {
  const presenters = new Set(s.layout.presenters);
  const isPresenter = (name: string) => presenters.has(normaliseName(name));
  const sorted = [...s.people].sort((a, b) => (a.organisation ?? '').localeCompare(b.organisation ?? '', 'sv') || a.name.localeCompare(b.name, 'sv'));
  const done = new Set<PeopleTable['role']>();
  return s.layout.people.flatMap((table): PeopleTable[] => {
    // The minutes' second table of one kind (rare) would list the same people again.
    if (done.has(table.role)) return [];
    done.add(table.role);
    const who = sorted.filter((p) =>
      table.role === 'presenters' ? p.status === 'present' && isPresenter(p.name) : p.status === table.role && !(table.role === 'present' && isPresenter(p.name)),
    );
    const emailAt = table.columns.findIndex((c) => EMAIL_COLUMN.test(key(c)));
    const people = who.map((p): Person => {
      const more = table.columns.slice(2).map((_, i) => (i + 2 === emailAt ? (p.email ?? '') : ''));
      return { line: 0, name: p.name, ...(p.organisation ? { organisation: p.organisation } : {}), more };
    });
    return [{ line: 0, role: table.role, heading: table.heading, columns: table.columns, people }];
  });
}

/** Takes a section's records in order, as the layout's blocks ask for them. */
class SectionCursor {
  private notes = 0;
  private decisions = 0;
  private raised = new Set<string>();
  private reviewed = new Set<number>();

  constructor(
    private readonly section: MinutesSection,
    private readonly stored: StoredImport,
    private readonly decision: (d: MinutesDecision) => ItemBlock,
  ) {}

  private note(): NoteBlock[] {
    const text = this.section.notes[this.notes++];
    return text === undefined ? [] : blocksOfNote(text);
  }

  private review(code: string | undefined): MinutesRiskReview | undefined {
    const i = this.section.riskReviews.findIndex((r, k) => r.code === code && !this.reviewed.has(k));
    if (i < 0) return undefined;
    this.reviewed.add(i);
    return this.section.riskReviews[i];
  }

  private followUp(r: MinutesRiskReview, heading?: string): ItemBlock {
    return { kind: 'riskFollowUp', line: 0, id: r.code, heading: heading ?? r.heading, blocks: blocksOfNote(r.note) };
  }

  take(b: ImportBlock, codes: ImportLayout['riskCodes']): ItemBlock[] {
    switch (b.kind) {
      case 'note':
        return this.note();
      case 'decision': {
        const d = this.section.decisions[this.decisions++];
        return d ? [this.decision(d)] : [];
      }
      case 'risks': {
        const rows = b.ids.flatMap((id) => {
          const code = codes[id];
          const row = this.section.risksRaised.find((r) => r.code === code) ?? this.stored.reviewedRisks.find((r) => r.code === code);
          if (row && this.section.risksRaised.includes(row)) this.raised.add(row.code);
          return row ? [riskRow(row)] : [];
        });
        return rows.length === 0 ? [] : [{ kind: 'risks', line: 0, ...(b.caption === undefined ? {} : { caption: b.caption }), columns: b.columns, risks: rows }];
      }
      case 'followUp': {
        const code = codes[b.id];
        // A follow-up of a risk the register did not have was stored as a note under its heading.
        if (code === undefined) return this.note();
        const r = this.review(code);
        return r ? [this.followUp(r, b.heading)] : [];
      }
    }
  }

  /** What the layout did not ask for: records added after the import. */
  rest(): ItemBlock[] {
    const out: ItemBlock[] = [];
    while (this.notes < this.section.notes.length) out.push(...this.note());
    while (this.decisions < this.section.decisions.length) out.push(this.decision(this.section.decisions[this.decisions++]!));
    const raised = this.section.risksRaised.filter((r) => !this.raised.has(r.code));
    if (raised.length > 0) out.push({ kind: 'risks', line: 0, columns: DEFAULT_RISK_COLUMNS, risks: raised.map(riskRow) });
    this.section.riskReviews.forEach((r, k) => {
      if (!this.reviewed.has(k)) out.push(this.followUp(r));
    });
    return out;
  }
}

function agendaOf(s: StoredImport, written: (n: number) => number): CouncilMinutes['agenda'] {
  const layout = s.layout.agenda;
  if (!layout) return undefined;
  let breaks = 0;
  // A time moved to rise past the row before is written as the minutes had it, while it is still the moved one.
  const timeOf = (r: (typeof s.content.agenda)[number], i: number): string => layout.moved?.find((x) => x.row === i && x.stored === r.plannedStart)?.written ?? r.plannedStart;
  const rows = s.content.agenda.flatMap((r, i): AgendaRow[] => {
    if (r.kind !== undefined) {
      const label = layout.breakLabels[breaks++] ?? (r.kind === 'end' ? 'AVSLUT' : 'PAUS');
      return [{ kind: 'break', line: 0, label, ...(r.title ? { text: r.title } : {}), time: timeOf(r, i) }];
    }
    if (layout.omitted.includes(r.number)) return [];
    return [{ kind: 'item', line: 0, number: written(r.number), type: r.type ?? 'I', title: r.title, ...(r.responsible ? { responsible: r.responsible } : {}), time: timeOf(r, i) }];
  });
  return { line: 0, heading: layout.heading, ...(layout.legend === undefined ? {} : { legend: layout.legend }), columns: layout.columns, rows };
}

export function councilMinutesOf(s: StoredImport): CouncilMinutes {
  const { content, layout } = s;
  const writtenAs = new Map(layout.items.flatMap((i) => (i.written === undefined ? [] : [[i.number, i.written] as const])));
  const written = (n: number): number => writtenAs.get(n) ?? n;
  // The § as the minutes wrote it; decisions recorded after the import as the store numbers them.
  let nth = 0;
  const decision = (d: MinutesDecision): ItemBlock => {
    const i = nth++;
    const stored = d.paragraph ? Number(d.paragraph.replace('§', '')) : undefined;
    const paragraph = i < layout.decisionNumbers.length ? layout.decisionNumbers[i] : stored;
    return { kind: 'decision', line: 0, ...(paragraph === null || paragraph === undefined ? {} : { paragraph }), ...(d.heading ? { heading: d.heading } : {}), text: d.text };
  };

  const items: ItemSection[] = [];
  const laidOut = new Set(layout.items.map((i) => i.number));
  // Items the minutes had no section for get one once something is recorded under them.
  const added = content.sections.filter((x) => x.number !== 0 && !laidOut.has(x.number) && !sectionIsEmpty(x)).map((x) => ({ number: x.number, blocks: [] }));
  for (const item of [...layout.items, ...added]) {
    const section = content.sections.find((x) => x.number === item.number);
    if (!section) continue;
    const cursor = new SectionCursor(section, s, decision);
    const blocks = [...item.blocks.flatMap((b) => cursor.take(b, layout.riskCodes)), ...cursor.rest()];
    items.push({ line: 0, number: written(section.number), heading: section.title, blocks });
  }

  const signOff = (name: string | undefined, kept: ImportLayout['recordedBy'], heading: string) =>
    name === undefined ? undefined : { line: 0, heading: kept?.heading ?? heading, names: [name, ...(kept?.more ?? [])] };
  const recordedBy = signOff(content.recordedBy, layout.recordedBy, 'Antecknat av');
  const approvedBy = signOff(content.adjuster, layout.approvedBy, 'Justerat av');
  const undated = new Set(layout.attachments?.undated ?? []);
  const time = layout.info.time !== 'none' && content.startTime ? { start: content.startTime, ...(layout.info.time === 'span' && content.endTime ? { end: content.endTime } : {}) } : undefined;
  // "Datum" and "Tid" as the minutes wrote them, while the meeting's are the ones they said.
  const as = layout.info.written;
  const writtenDate = as?.date && as.date.value === content.date ? as.date.text : undefined;
  const writtenTime = as?.time && time && as.time.value === timeSpanText(time) ? as.time.text : undefined;
  const agenda = agendaOf(s, written);
  return {
    title: layout.title,
    body: content.meetingTitle,
    preamble: layout.preamble,
    info: {
      line: 0,
      heading: layout.info.heading,
      ...(layout.info.called === undefined ? {} : { called: layout.info.called }),
      date: content.date,
      ...(time ? { time } : {}),
      ...(layout.info.place === undefined ? {} : { place: layout.info.place }),
      other: layout.info.other.map((o) => ({ line: 0, ...o })),
      ...(writtenDate || writtenTime ? { written: { ...(writtenDate ? { date: writtenDate } : {}), ...(writtenTime ? { time: writtenTime } : {}) } } : {}),
    },
    people: peopleTables(s),
    ...(agenda ? { agenda } : {}),
    items,
    ...(recordedBy ? { recordedBy } : {}),
    ...(approvedBy ? { approvedBy } : {}),
    ...(layout.attachments || content.attachments.length > 0
      ? {
          attachments: {
            line: 0,
            heading: layout.attachments?.heading ?? 'Bilagor',
            items: content.attachments.map((a) => ({ line: 0, ...(a.date && !undated.has(a.title) ? { date: a.date } : {}), title: a.title })),
          },
        }
      : {}),
  };
}
