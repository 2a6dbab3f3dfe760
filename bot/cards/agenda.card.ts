import { overrunMinutes } from '../../src/domain/agenda';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import type { MeetingView } from '../../src/app/meeting-run-service';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

export const NEXT_ITEM_VERB = 'agenda.next';

/**
 * The agenda as the seeds type it (number, type, description, responsible, time), with the item in
 * progress marked, when each began, and a quiet note when it runs over. Updated in place as it moves.
 */
export function agendaCard(view: MeetingView, now: Date, cardId: string, t: Translate, withNextButton: boolean): AdaptiveCard {
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
  return card(body, withNextButton && !atEnd ? [execute(t('agenda.next'), NEXT_ITEM_VERB, { cardId, meetingId: meeting.id })] : []);
}
