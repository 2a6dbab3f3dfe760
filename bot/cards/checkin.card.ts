import { MOODS, type CheckInAnswer } from '../../src/domain/attendance-answers';
import { samePerson, type PersonRef } from '../../src/domain/person';
import type { MessageKey, Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

export const CHECKIN_ANSWER_VERB = 'checkin.answer';
export const CHECKIN_REFRESH_VERB = 'checkin.refresh';

const moodKey = (m: string): MessageKey => `checkin.mood.${m}` as MessageKey;

/**
 * The check-in round: three choices, a few words, and "I am in the meeting room" (people in a shared room
 * are not in the attendance report one by one). The shared card counts answers; each person who answered
 * sees and can change their own (per-user refresh).
 */
export function checkInCard(meetingId: string, answers: CheckInAnswer[], cardId: string, t: Translate, viewer?: PersonRef): AdaptiveCard {
  const mine = viewer ? answers.find((a) => samePerson(a.person, viewer)) : undefined;
  const body: CardElement[] = [heading(t('checkin.title')), note(t('checkin.intro')), note(t('checkin.count', { count: answers.length }), { weight: 'Bolder' })];
  if (mine) body.push(userText(t('checkin.yours', { mood: `${t(moodKey(mine.mood))}${mine.text ? ` — ${mine.text}` : ''}` }), { color: 'Good' }));
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: 'mood',
      label: t('checkin.mood'),
      style: 'expanded',
      isRequired: true,
      errorMessage: t('checkin.mood'),
      choices: MOODS.map((m) => ({ title: t(moodKey(m)), value: m })),
      ...(mine ? { value: mine.mood } : {}),
    },
    { type: 'Input.Text', id: 'text', label: t('checkin.text'), maxLength: 500, ...(mine?.text ? { value: mine.text } : {}) },
    { type: 'Input.Toggle', id: 'inRoom', title: t('checkin.inRoom'), valueOn: 'true', valueOff: 'false', value: mine?.inRoom ? 'true' : 'false' },
  );
  const data = { cardId, meetingId };
  const c = card(body, [execute(t('checkin.submit'), CHECKIN_ANSWER_VERB, data, { style: 'positive' })]);
  const userIds = answers.map((a) => a.person.id).filter(Boolean).slice(0, 60);
  return userIds.length > 0 ? { ...c, refresh: { action: execute('', CHECKIN_REFRESH_VERB, data), userIds } } : c;
}
