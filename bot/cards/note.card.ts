import { noteBlocks, type Note } from '../../src/domain/note';
import type { Locale, Translate } from '../../src/i18n';
import { card, formatTime, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

/** A note's sub-headings, bullets and paragraphs as the minutes will show them; every text stays a TextRun. */
function noteBody(text: string): CardElement[] {
  return noteBlocks(text).flatMap((b) => {
    if (b.kind === 'heading') return [userText(b.text, { weight: 'Bolder' })];
    if (b.kind === 'list') return b.items.map((item) => userText(`• ${item}`));
    return [userText(b.text)];
  });
}

/** The confirmation of a note: its text, the item it belongs to, who took it and when. */
export function noteCard(n: Note, t: Translate, locale: Locale): AdaptiveCard {
  return card([
    heading(t('note.title')),
    ...noteBody(n.text),
    note(`${n.agendaItem ? `${t('note.item', { number: n.agendaItem })} · ` : ''}${t('note.recordedBy', { name: n.recordedBy.name })} · ${formatTime(n.recordedAt, locale)}`),
  ]);
}
