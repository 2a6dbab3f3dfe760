import type { UpcomingMeetings } from '../../src/app/upcoming-meetings';
import type { Meeting } from '../../src/domain/meeting';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';
import { whenWithDay } from './schedule.card';

export const CANCEL_MEETING_VERB = 'meetings.cancel';
export const MOVE_FORM_VERB = 'meetings.moveForm';
export const MOVE_MEETING_VERB = 'meetings.move';
export const MEETINGS_BACK_VERB = 'meetings.back';

/**
 * `/meetings` (`/möten`): the group's booked meetings from now on, each with its weekday and time;
 * preparation meetings marked; **Cancel** on each for those who manage the group. `notice` says what was just done.
 */
export function meetingsCard(view: UpcomingMeetings, cardId: string, t: Translate, notice?: string): AdaptiveCard {
  const body: CardElement[] = [heading(t('meetings.title', { group: view.group.name }))];
  if (notice) body.push(userText(notice, { color: 'Good' }));
  if (view.meetings.length === 0) return card([...body, userText(t('meetings.none'))]);
  for (const { meeting, group, preparation } of view.meetings) {
    const when = whenWithDay(meeting, t);
    body.push({
      type: 'Container',
      separator: true,
      items: [
        userText(when, { weight: 'Bolder' }),
        userText(meeting.title ?? group.name),
        ...(preparation ? [note(t('meetings.preparation', { group: group.name }))] : []),
        ...(meeting.noticeSentAt ? [note(t('meetings.noticeSent'))] : []),
        ...(view.mayManage
          ? [
              {
                type: 'ActionSet',
                actions: [execute(t('meetings.move'), MOVE_FORM_VERB, { cardId, meetingId: meeting.id }), execute(t('meetings.cancel'), CANCEL_MEETING_VERB, { cardId, meetingId: meeting.id, when }, { style: 'destructive' })],
              },
            ]
          : []),
      ],
    });
  }
  return card(body);
}

/** Told in the group's chat when a booked meeting is cancelled, or moved (`to`): one card. */
export function meetingChangedCard(n: { title: string; from: { date: string; start: string; end?: string }; to?: { date: string; start: string; end?: string } }, t: Translate): AdaptiveCard {
  const span = (w: { date: string; start: string; end?: string }) => (w.end ? t('meetings.span', { date: w.date, start: w.start, end: w.end }) : t('meetings.spanStart', { date: w.date, start: w.start }));
  return card([
    heading(n.to ? t('meetings.movedTitle', { title: n.title }) : t('meetings.cancelledTitle', { title: n.title })),
    userText(n.to ? t('meetings.movedBody', { from: span(n.from), to: span(n.to) }) : t('meetings.cancelledBody', { when: span(n.from) })),
  ]);
}

/**
 * Moving a booked meeting: a new date (none before `today`, Stockholm) and times, the current ones (or what
 * was typed, `values`) filled in; `problem` says what was wrong with the last try.
 */
export function moveMeetingCard(
  meeting: Pick<Meeting, 'id'> & Partial<Pick<Meeting, 'title' | 'startsAt' | 'endsAt'>>,
  today: string,
  cardId: string,
  t: Translate,
  typed?: { values: { date?: string; start?: string; end?: string }; problem: string },
): AdaptiveCard {
  const start = meeting.startsAt ? utcToStockholm(new Date(meeting.startsAt)) : undefined;
  const date = typed?.values.date ?? (start && start.date >= today ? start.date : undefined);
  const startTime = typed?.values.start ?? start?.time;
  const endTime = typed?.values.end ?? (meeting.endsAt ? utcToStockholm(new Date(meeting.endsAt)).time : undefined);
  const body: CardElement[] = [heading(t('meetings.moveTitle', { title: meeting.title ?? '' }))];
  if (meeting.startsAt) body.push(userText(whenWithDay(meeting as Meeting, t)));
  if (typed) body.push(userText(typed.problem, { color: 'Attention' }));
  body.push(
    { type: 'Input.Date', id: 'date', label: t('meetings.moveDate'), min: today, isRequired: true, errorMessage: t('meetings.moveDateMissing'), ...(date ? { value: date } : {}) },
    { type: 'Input.Time', id: 'start', label: t('meetings.moveStart'), isRequired: true, errorMessage: t('meetings.moveTimeMissing'), ...(startTime ? { value: startTime } : {}) },
    { type: 'Input.Time', id: 'end', label: t('meetings.moveEnd'), isRequired: true, errorMessage: t('meetings.moveTimeMissing'), ...(endTime ? { value: endTime } : {}) },
    note(t('meetings.moveHint')),
  );
  const data = { cardId, meetingId: meeting.id };
  return card(body, [execute(t('meetings.moveConfirm'), MOVE_MEETING_VERB, data, { style: 'positive' }), execute(t('meetings.back'), MEETINGS_BACK_VERB, { cardId })]);
}
