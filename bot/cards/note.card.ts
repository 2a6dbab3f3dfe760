import type { Note } from '../../src/domain/note';
import type { Locale, Translate } from '../../src/i18n';
import { card, formatTime, heading, note, userText, type AdaptiveCard } from './card';

/** The confirmation of a note: its text, the item it belongs to, who took it and when. */
export function noteCard(n: Note, t: Translate, locale: Locale): AdaptiveCard {
  return card([
    heading(t('note.title')),
    userText(n.text),
    note(`${n.agendaItem ? `${t('note.item', { number: n.agendaItem })} · ` : ''}${t('note.recordedBy', { name: n.recordedBy.name })} · ${formatTime(n.recordedAt, locale)}`),
  ]);
}
