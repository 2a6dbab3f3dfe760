/**
 * What the importer understood of a document, in lines a secretary can check against the original before
 * anything is stored (`npm run import:minutes -- … --dry-run`): every section with its values and counts.
 */
import type { CouncilMinutes, ItemBlock, ItemSection, NoteBlock, PeopleRole } from './minutes-tree';

const ROLE_TITLE: Record<PeopleRole, string> = { present: 'Participants', excused: 'Excused', absent: 'Absent', presenters: 'Presenters' };

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
/** Titles compared as read: quotes and dashes of any style alike. */
const sameWords = (s: string): string => s.replace(/[”“„"]/g, '"').replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ').trim();
const short = (s: string, max = 70): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

interface Counts {
  paragraphs: number;
  subheadings: number;
  lists: number;
  bullets: number;
  decisions: number;
  tables: number;
  risks: number;
  followUps: number;
}

function count(blocks: ReadonlyArray<ItemBlock | NoteBlock>, into: Counts): Counts {
  for (const b of blocks) {
    if (b.kind === 'paragraph') into.paragraphs++;
    else if (b.kind === 'subheading') into.subheadings++;
    else if (b.kind === 'bullets') {
      into.lists++;
      into.bullets += b.items.length;
    } else if (b.kind === 'decision') into.decisions++;
    else if (b.kind === 'table') into.tables++;
    else if (b.kind === 'risks') into.risks += b.risks.length;
    else {
      into.followUps++;
      count(b.blocks, into);
    }
  }
  return into;
}

function itemLine(item: ItemSection, agendaTitle: string | undefined): string {
  const c = count(item.blocks, { paragraphs: 0, subheadings: 0, lists: 0, bullets: 0, decisions: 0, tables: 0, risks: 0, followUps: 0 });
  const parts = [
    plural(c.paragraphs, 'paragraph'),
    c.subheadings > 0 ? plural(c.subheadings, 'sub-heading') : '',
    c.lists > 0 ? `${plural(c.bullets, 'bullet')} in ${plural(c.lists, 'list')}` : '',
    c.decisions > 0 ? plural(c.decisions, 'decision') : '',
    c.tables > 0 ? plural(c.tables, 'table') : '',
    c.risks > 0 ? `a risk table of ${plural(c.risks, 'risk')}` : '',
    c.followUps > 0 ? plural(c.followUps, 'risk follow-up') : '',
  ].filter(Boolean);
  const differs = agendaTitle !== undefined && sameWords(agendaTitle) !== sameWords(item.heading) ? ` (agenda: “${short(agendaTitle, 50)}”)` : '';
  const missing = agendaTitle === undefined ? ' (not on the agenda)' : '';
  return `  ${item.number}) ${short(item.heading, 60)}${differs}${missing}: ${parts.join(', ')}  [line ${item.line}]`;
}

export function describeMinutes(m: CouncilMinutes): string[] {
  const out: string[] = [];
  const { info } = m;
  out.push(`${m.title}: ${m.body}`);
  const time = info.time ? `${info.time.start}${info.time.end ? `–${info.time.end}` : ''}` : 'not given';
  out.push(`Date ${info.date}, time ${time}, place ${info.place ?? 'not given'}${info.called ? `; called: ${info.called}` : ''}`);
  for (const o of info.other) out.push(`${o.key}: ${o.value}`);

  for (const table of m.people) {
    out.push(`${ROLE_TITLE[table.role]} (“${table.heading}”, ${table.people.length}):`);
    for (const p of table.people) out.push(`  ${p.name}${p.organisation ? `, ${p.organisation}` : ''}${p.more.length > 0 ? ` (${p.more.join(', ')})` : ''}`);
  }

  const agendaRows = m.agenda?.rows ?? [];
  const agendaItems = agendaRows.flatMap((r) => (r.kind === 'item' ? [r] : []));
  if (m.agenda) {
    out.push(`Agenda (“${m.agenda.heading}”, ${plural(agendaItems.length, 'item')}, ${plural(agendaRows.length - agendaItems.length, 'break')}):`);
    for (const r of agendaRows) {
      const at = r.time ? ` at ${r.time}` : '';
      out.push(r.kind === 'item' ? `  ${r.number} [${r.type}] ${short(r.title)}${r.responsible ? ` — ${r.responsible}` : ''}${at}` : `  ${r.label}${r.text ? ` ${r.text}` : ''}${at}`);
    }
  } else out.push('Agenda: none in the document');

  out.push(`Items (${m.items.length}):`);
  for (const item of m.items) out.push(itemLine(item, agendaItems.find((r) => r.number === item.number)?.title));
  const unwritten = agendaItems.filter((r) => !m.items.some((i) => i.number === r.number)).map((r) => r.number);
  if (unwritten.length > 0) out.push(`  Agenda items with no section of their own: ${unwritten.join(', ')}`);

  const risks = m.items.flatMap((i) => i.blocks.flatMap((b) => (b.kind === 'risks' ? b.risks : [])));
  if (risks.length > 0) {
    out.push(`Risks (${risks.length}):`);
    for (const r of risks) out.push(`  ${r.id} S ${r.probability} × K ${r.impact} = R ${r.score}: ${short(r.threat, 60)}${r.action ? ` (åtgärd: ${short(r.action, 30)})` : ''}`);
  }

  const decisions = m.items.flatMap((i) =>
    [...i.blocks, ...i.blocks.flatMap((b) => (b.kind === 'riskFollowUp' ? b.blocks : []))].flatMap((b) => (b.kind === 'decision' ? [{ item: i.number, d: b }] : [])),
  );
  out.push(`Decisions (${decisions.length}):`);
  for (const { item, d } of decisions) {
    const label = d.paragraph === undefined ? 'Beslut' : `Beslut §${d.paragraph}`;
    out.push(`  item ${item}, ${label}: ${d.heading ? `${short(d.heading, 40)} — ` : ''}${short(d.text)}`);
  }

  out.push(`Recorded by: ${m.recordedBy ? m.recordedBy.names.join(', ') : 'not given'}`);
  out.push(`Approved by: ${m.approvedBy ? `${m.approvedBy.names.join(', ')} (“${m.approvedBy.heading}”)` : 'not given'}`);
  const attachments = m.attachments?.items ?? [];
  out.push(`Attachments (${attachments.length}):`);
  for (const a of attachments) out.push(`  ${a.date ? `${a.date} ` : ''}${a.title}`);
  return out;
}
