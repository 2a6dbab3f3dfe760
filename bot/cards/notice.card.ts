import { isItem } from '../../src/domain/agenda';
import { samePerson, type PersonRef } from '../../src/domain/person';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import type { NoticeOverview } from '../../src/app/notice-overview';
import type { Translate } from '../../src/i18n';
import { breakText } from './agenda.card';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';
import { answersSection, NOTICE_REMIND_VERB } from './notice-overview.card';

export const NOTICE_ANSWER_VERB = 'notice.answer';
export const NOTICE_REFRESH_VERB = 'notice.refresh';

/** Teams refreshes a card by itself for at most 60 listed users; others see the shared card. */
const MAX_REFRESH_USERS = 60;

/** Who looks at the card: their own answer is shown; `follows` adds the answers by name (editors). */
export interface NoticeViewer {
  person: PersonRef;
  follows: boolean;
  /** The meeting page in the tab, for editors. */
  meetingLink?: string;
}

/**
 * The notice (kallelse) with the agenda; members answer with Action.Execute. The shared card shows the
 * counts. Per-user refresh: editors (listed first) see who answered what, with notes and substitutes, and a
 * button that reminds those who have not answered; a member who answered sees their own answer.
 */
export function noticeCard(o: NoticeOverview, cardId: string, t: Translate, viewer?: NoticeViewer): AdaptiveCard {
  const { meeting, agenda, answers } = o;
  const title = meeting.title ?? o.group?.name ?? '';
  const body: CardElement[] = [heading(t('notice.title', { title }))];
  if (meeting.startsAt && meeting.endsAt) {
    const s = utcToStockholm(new Date(meeting.startsAt));
    body.push(userText(t('schedule.when', { date: s.date, start: s.time, end: utcToStockholm(new Date(meeting.endsAt)).time }), { weight: 'Bolder' }));
  }
  body.push(userText(t('notice.intro', { group: o.group?.name ?? title })));
  if (agenda.length > 0) {
    body.push(note(t('agenda.typesNote')));
    for (const item of agenda) {
      const line = isItem(item) ? `${item.number}. [${item.type}] ${item.title}${item.responsible ? ` — ${item.responsible}` : ''}` : breakText(item, t);
      body.push(note(`${line} · ${item.plannedStart}`, { isSubtle: false }));
    }
  }
  const attending = answers.filter((a) => a.attending).length;
  const declining = answers.length - attending;
  body.push({ ...note(t('notice.counts', { attending, declining, unanswered: Math.max(0, o.memberCount - answers.length) }), { weight: 'Bolder' }), separator: true });
  const data = { cardId, meetingId: meeting.id };
  const extra: CardElement[] = [];
  if (viewer?.follows) {
    body.push(...answersSection(o, t));
    if (o.unanswered.length > 0) extra.push(execute(t('notice.remind'), NOTICE_REMIND_VERB, data));
    if (viewer.meetingLink) extra.push({ type: 'Action.OpenUrl', title: t('notice.openMeetingPage'), url: viewer.meetingLink });
  }
  const mine = viewer ? answers.find((a) => samePerson(a.person, viewer.person)) : undefined;
  if (mine) {
    const answer = `${mine.attending ? t('notice.attend') : t('notice.decline')}${mine.note ? ` (${mine.note})` : ''}${mine.substitute ? ` · ${t('notice.substituteIs', { name: mine.substitute })}` : ''}`;
    body.push(userText(t('notice.yourAnswer', { answer }), { color: 'Good' }));
  }
  body.push({ type: 'Input.Text', id: 'note', label: t('notice.note'), maxLength: 500, ...(mine?.note ? { value: mine.note } : {}) });
  body.push({ type: 'Input.Text', id: 'substitute', label: t('notice.substitute'), maxLength: 200, ...(mine?.substitute ? { value: mine.substitute } : {}) });
  body.push(note(t('notice.linkHint')));
  const c = card(body, [
    execute(t('notice.attend'), NOTICE_ANSWER_VERB, { ...data, attending: 'yes' }, { style: 'positive' }),
    execute(t('notice.decline'), NOTICE_ANSWER_VERB, { ...data, attending: 'no' }),
    ...extra,
  ]);
  // Editors first, so the detailed view reaches them however many have answered.
  const ids = [...o.editors.map((p) => p.id), ...answers.map((a) => a.person.id)].filter((id) => id !== '' && !id.startsWith('member:'));
  const userIds = [...new Set(ids)].slice(0, MAX_REFRESH_USERS);
  return userIds.length > 0 ? { ...c, refresh: { action: execute('', NOTICE_REFRESH_VERB, data), userIds } } : c;
}
