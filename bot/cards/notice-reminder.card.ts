import type { Notification } from '../../src/app/ports';
import type { Translate } from '../../src/i18n';
import { card, heading, userText, type AdaptiveCard } from './card';

/** The reminder to the group's chat that a meeting's notice has not gone out and when it must. */
export function noticeReminderCard(n: Extract<Notification, { kind: 'noticeReminder' }>, t: Translate): AdaptiveCard {
  return card([
    heading(t('noticeReminder.title')),
    // The title is typed by people: a TextRun, so it is never read as markdown.
    userText(t('noticeReminder.text', { title: n.title, date: n.meetingDate, deadline: n.noticeDeadline })),
  ]);
}
