/** The notice as the Outlook event's body. */
import { isItem, type AgendaEntry } from '../domain/agenda';
import type { Group } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import { utcToStockholm } from '../domain/stockholm-time';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The notice as the event body: the group, the time and the agenda (breaks as the council writes them), all text escaped. */
export function noticeHtml(group: Group, meeting: Meeting, agenda: readonly AgendaEntry[]): string {
  const when = meeting.startsAt ? utcToStockholm(new Date(meeting.startsAt)) : undefined;
  const row = (cells: string[]) => `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  const rows = agenda
    .map((i) => (isItem(i) ? row([String(i.number), i.type, i.title, i.responsible ?? '', i.plannedStart]) : row([i.kind === 'end' ? 'AVSLUT' : 'PAUS', '', i.title ?? '', '', i.plannedStart])))
    .join('');
  return (
    `<h2>${escapeHtml(meeting.title ?? group.name)}</h2>` +
    (when ? `<p>${when.date} ${when.time}</p>` : '') +
    `<table><tr><th>Punkt</th><th>Typ</th><th>Beskrivning</th><th>Ansvarig</th><th>Ca tid</th></tr>${rows}</table>`
  );
}
