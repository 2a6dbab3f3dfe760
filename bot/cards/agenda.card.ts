import { isItem, itemsOf, overrunMinutes, type AgendaEntry } from '../../src/domain/agenda';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import type { MeetingView } from '../../src/app/meeting-run-service';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

export const NEXT_ITEM_VERB = 'agenda.next';
export const SAVE_ITEM_VERB = 'agenda.saveItem';
export const REMOVE_ITEM_VERB = 'agenda.removeItem';

/** How the form names a row: an item's number, or a break or the closing row by its time (`break@14:30`). */
export const rowValue = (e: AgendaEntry): string => (isItem(e) ? String(e.number) : `${e.kind}@${e.plannedStart}`);

/** A break or the closing row as the council writes it: "PAUS", "AVSLUT", with its label if it has one. */
export const breakText = (e: Extract<AgendaEntry, { kind: 'break' | 'end' }>, t: Translate): string => `${t(e.kind === 'end' ? 'agenda.end' : 'agenda.break')}${e.title ? ` — ${e.title}` : ''}`;

/**
 * The agenda as the seeds type it (number, type, description, responsible, time), with the item in
 * progress marked, when each began, and a quiet note when it runs over. Updated in place as it moves.
 */
export function agendaCard(view: MeetingView, now: Date, cardId: string, t: Translate, mayEdit: boolean): AdaptiveCard {
  const { meeting, agenda } = view;
  const title = meeting.title ?? view.group?.name ?? '';
  const body: CardElement[] = [heading(t('agenda.title', { title }))];
  if (meeting.startsAt && meeting.endsAt) {
    const s = utcToStockholm(new Date(meeting.startsAt));
    body.push(note(t('schedule.when', { date: s.date, start: s.time, end: utcToStockholm(new Date(meeting.endsAt)).time })));
  }
  body.push(note(t('agenda.typesNote')));
  if (agenda.length === 0) return card([...body, userText(t('agenda.empty'))]);
  const done = Boolean(meeting.agendaDoneAt);
  // Once the agenda is done no item is in progress: the last one has ended too.
  const current = done ? undefined : meeting.currentItem;
  const items = itemsOf(agenda);
  for (const item of agenda) {
    if (!isItem(item)) {
      // A break or the closing row: no number, no type, a time.
      body.push({
        type: 'ColumnSet',
        separator: true,
        columns: [
          { type: 'Column', width: '64px', items: [] },
          { type: 'Column', width: 'stretch', items: [userText(breakText(item, t), { isSubtle: true, weight: 'Bolder' })] },
          { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: item.plannedStart, isSubtle: true }] },
        ],
      });
      continue;
    }
    const isCurrent = item.number === current;
    const isDone = done || (current !== undefined && item.number < current);
    const lines: CardElement[] = [userText(item.title, isCurrent ? { weight: 'Bolder' } : isDone ? { isSubtle: true } : {})];
    if (item.responsible) lines.push(note(item.responsible));
    if (isCurrent && item.actualStart) {
      lines.push(note(t('agenda.inProgress', { time: utcToStockholm(new Date(item.actualStart)).time, planned: item.plannedStart }), { color: 'Accent' }));
      const next = items.find((i) => i.number === item.number + 1);
      const endTime = meeting.endsAt ? utcToStockholm(new Date(meeting.endsAt)).time : undefined;
      // The last item runs until the meeting's end.
      const until = next ?? (endTime ? { plannedStart: endTime } : undefined);
      const over = until ? overrunMinutes(item, until, new Date(item.actualStart), now) : 0;
      if (over > 0) lines.push(note(t('agenda.overrun', { minutes: over }), { color: 'Warning' }));
    } else if (isDone && item.actualStart) lines.push(note(t('agenda.done', { time: utcToStockholm(new Date(item.actualStart)).time })));
    body.push({
      type: 'ColumnSet',
      separator: true,
      ...(isCurrent ? { style: 'emphasis' } : {}),
      columns: [
        { type: 'Column', width: '28px', items: [{ type: 'TextBlock', text: `${isCurrent ? '▶' : ''}${item.number}`, weight: 'Bolder' }] },
        { type: 'Column', width: '28px', items: [{ type: 'TextBlock', text: `[${item.type}]`, isSubtle: true }] },
        { type: 'Column', width: 'stretch', items: lines },
        { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: item.plannedStart, isSubtle: true }] },
      ],
    });
  }
  if (current === undefined && !done) body.push(note(t('agenda.notStarted')));
  if (done) body.push(note(t('agenda.finished', { count: items.length }), { color: 'Good' }));
  if (!mayEdit) return card(body);
  const actions: CardElement[] = [];
  // On the last item the button ends it: the agenda is then done.
  if (current !== undefined && !done) actions.push(execute(t(current >= items.length ? 'agenda.finish' : 'agenda.next'), NEXT_ITEM_VERB, { cardId, meetingId: meeting.id }));
  actions.push({ type: 'Action.ShowCard', title: t('agenda.edit'), card: agendaForm(view, cardId, t) });
  return card(body, actions);
}

/** The agenda's form (behind "Edit the agenda"): change, add or remove one item. */
function agendaForm(view: MeetingView, cardId: string, t: Translate): CardElement {
  const data = { cardId, meetingId: view.meeting.id };
  return {
    type: 'AdaptiveCard',
    body: [
      {
        type: 'Input.ChoiceSet',
        id: 'item',
        label: t('agenda.itemChoice'),
        value: 'new',
        choices: [{ title: t('agenda.newItem'), value: 'new' }, ...view.agenda.map((i) => ({ title: isItem(i) ? `${i.number}. ${i.title}` : `${breakText(i, t)} ${i.plannedStart}`, value: rowValue(i) }))],
      },
      {
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            items: [{ type: 'Input.ChoiceSet', id: 'type', label: t('agenda.type'), value: 'D', choices: (['I', 'D', 'A', 'break', 'end'] as const).map((k) => ({ title: t(`agenda.type.${k}`), value: k })) }],
          },
          { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: 'time', label: t('agenda.time') }] },
        ],
      },
      { type: 'Input.Text', id: 'title', label: t('agenda.itemTitle'), maxLength: 300 },
      { type: 'Input.Text', id: 'responsible', label: t('agenda.responsible'), maxLength: 200 },
    ],
    actions: [
      execute(t('agenda.saveItem'), SAVE_ITEM_VERB, data, { style: 'positive' }),
      execute(t('agenda.removeItem'), REMOVE_ITEM_VERB, data, { associatedInputs: 'auto' }),
    ],
  };
}
