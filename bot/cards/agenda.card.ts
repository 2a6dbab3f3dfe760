import { overrunMinutes } from '../../src/domain/agenda';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import type { MeetingView } from '../../src/app/meeting-run-service';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

export const NEXT_ITEM_VERB = 'agenda.next';
export const SAVE_ITEM_VERB = 'agenda.saveItem';
export const REMOVE_ITEM_VERB = 'agenda.removeItem';

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
  const current = meeting.currentItem;
  for (const item of agenda) {
    const isCurrent = item.number === current;
    const isDone = current !== undefined && item.number < current;
    const lines: CardElement[] = [userText(item.title, isCurrent ? { weight: 'Bolder' } : isDone ? { isSubtle: true } : {})];
    if (item.responsible) lines.push(note(item.responsible));
    if (isCurrent && item.actualStart) {
      lines.push(note(t('agenda.inProgress', { time: utcToStockholm(new Date(item.actualStart)).time, planned: item.plannedStart }), { color: 'Accent' }));
      const next = agenda.find((i) => i.number === item.number + 1);
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
  if (current === undefined) body.push(note(t('agenda.notStarted')));
  const atEnd = current !== undefined && current >= agenda.length;
  if (!mayEdit) return card(body);
  const actions: CardElement[] = [];
  if (current !== undefined && !atEnd) actions.push(execute(t('agenda.next'), NEXT_ITEM_VERB, { cardId, meetingId: meeting.id }));
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
        choices: [{ title: t('agenda.newItem'), value: 'new' }, ...view.agenda.map((i) => ({ title: `${i.number}. ${i.title}`, value: String(i.number) }))],
      },
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: [{ type: 'Input.ChoiceSet', id: 'type', label: t('agenda.type'), value: 'D', choices: (['I', 'D', 'A'] as const).map((k) => ({ title: t(`agenda.type.${k}`), value: k })) }] },
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
