import type { UpcomingMeetings } from '../../src/app/upcoming-meetings';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';
import { whenWithDay } from './schedule.card';

export const CANCEL_MEETING_VERB = 'meetings.cancel';

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
        ...(view.mayManage ? [{ type: 'ActionSet', actions: [execute(t('meetings.cancel'), CANCEL_MEETING_VERB, { cardId, meetingId: meeting.id, when }, { style: 'destructive' })] }] : []),
      ],
    });
  }
  return card(body);
}
