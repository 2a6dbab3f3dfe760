import { isItem } from '../../src/domain/agenda';
import type { NoticeAnswer } from '../../src/domain/attendance-answers';
import { samePerson, type PersonRef } from '../../src/domain/person';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import type { MeetingView } from '../../src/app/meeting-run-service';
import type { Translate } from '../../src/i18n';
import { breakText } from './agenda.card';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

export const NOTICE_ANSWER_VERB = 'notice.answer';
export const NOTICE_REFRESH_VERB = 'notice.refresh';

/**
 * The notice (kallelse) with the agenda; members answer with Action.Execute. The shared card shows the
 * counts; a person who answered sees their own answer (per-user refresh, at most 60 user ids).
 */
export function noticeCard(view: MeetingView, answers: NoticeAnswer[], memberCount: number, cardId: string, t: Translate, viewer?: PersonRef): AdaptiveCard {
  const { meeting, agenda } = view;
  const title = meeting.title ?? view.group?.name ?? '';
  const body: CardElement[] = [heading(t('notice.title', { title }))];
  if (meeting.startsAt && meeting.endsAt) {
    const s = utcToStockholm(new Date(meeting.startsAt));
    body.push(userText(t('schedule.when', { date: s.date, start: s.time, end: utcToStockholm(new Date(meeting.endsAt)).time }), { weight: 'Bolder' }));
  }
  body.push(userText(t('notice.intro', { group: view.group?.name ?? title })));
  if (agenda.length > 0) {
    body.push(note(t('agenda.typesNote')));
    for (const item of agenda) {
      const line = isItem(item) ? `${item.number}. [${item.type}] ${item.title}${item.responsible ? ` — ${item.responsible}` : ''}` : breakText(item, t);
      body.push(note(`${line} · ${item.plannedStart}`, { isSubtle: false }));
    }
  }
  const attending = answers.filter((a) => a.attending).length;
  const declining = answers.length - attending;
  body.push({ ...note(t('notice.counts', { attending, declining, unanswered: Math.max(0, memberCount - answers.length) }), { weight: 'Bolder' }), separator: true });
  const mine = viewer ? answers.find((a) => samePerson(a.person, viewer)) : undefined;
  if (mine) body.push(userText(t('notice.yourAnswer', { answer: `${mine.attending ? t('notice.attend') : t('notice.decline')}${mine.note ? ` (${mine.note})` : ''}` }), { color: 'Good' }));
  body.push({ type: 'Input.Text', id: 'note', label: t('notice.note'), maxLength: 500, ...(mine?.note ? { value: mine.note } : {}) });
  body.push(note(t('notice.linkHint')));
  const data = { cardId, meetingId: meeting.id };
  const c = card(body, [
    execute(t('notice.attend'), NOTICE_ANSWER_VERB, { ...data, attending: 'yes' }, { style: 'positive' }),
    execute(t('notice.decline'), NOTICE_ANSWER_VERB, { ...data, attending: 'no' }),
  ]);
  const userIds = answers.map((a) => a.person.id).filter(Boolean).slice(0, 60);
  return userIds.length > 0 ? { ...c, refresh: { action: execute('', NOTICE_REFRESH_VERB, data), userIds } } : c;
}
