import type { Attachment } from '../../src/domain/attachment';
import type { Locale, Translate } from '../../src/i18n';
import type { SharedFile } from '../shared-files';
import { card, execute, formatTime, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

/** Records the files chosen on the shared-files card: data `{ cardId, files: [{ name, url }] }`, and `file<i>` toggles. */
export const RECORD_FILES_VERB = 'attachment.recordFiles';

const addedLine = (a: Attachment, t: Translate, locale: Locale): string =>
  `${a.agendaItem ? `${t('attachment.item', { number: a.agendaItem })} · ` : ''}${t('attachment.addedBy', { name: a.addedBy.name })} · ${formatTime(a.addedAt, locale)}`;

/** The confirmation of `/attach`: the title, the address, the item, who added it and when. */
export function attachmentCard(a: Attachment, t: Translate, locale: Locale): AdaptiveCard {
  return card([heading(t('attachment.title')), userText(a.title, { weight: 'Bolder' }), ...(a.url ? [userText(a.url, { isSubtle: true })] : []), note(addedLine(a, t, locale))]);
}

/**
 * Files shared in the meeting chat, offered as attachments of the minutes. Each file not yet recorded has
 * a toggle (on), and one button records those left on; a recorded file says so. Pressed, the card is
 * replaced for everyone with the same list, recorded ones marked.
 */
export function sharedFilesCard(files: readonly SharedFile[], recorded: ReadonlyMap<string, Attachment>, cardId: string, t: Translate, locale: Locale): AdaptiveCard {
  const body: CardElement[] = [heading(t('files.title'))];
  const open = files.filter((f) => !recorded.has(f.url));
  if (open.length > 0) body.push(note(t('files.intro')));
  files.forEach((f, i) => {
    const done = recorded.get(f.url);
    if (done) {
      body.push(userText(f.name, { weight: 'Bolder' }), note(`${t('files.recorded')} · ${addedLine(done, t, locale)}`, { color: 'Good' }));
    } else {
      body.push({ type: 'Input.Toggle', id: `file${i}`, title: f.name, value: 'true', valueOn: 'true', valueOff: 'false', wrap: true });
    }
  });
  const title = open.length === 1 ? t('files.record', { name: open[0]!.name.slice(0, 60) }) : t('files.recordChosen');
  return card(body, open.length > 0 ? [execute(title, RECORD_FILES_VERB, { cardId, files: files.map((f) => ({ name: f.name, url: f.url })) })] : []);
}
