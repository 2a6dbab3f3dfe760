/**
 * The editors' part of the notice: answers by name (with notes and substitutes) and who has not answered,
 * kept well under Teams' 28 KB per card ("and N more", the meeting page has them all); the confirmation
 * before a second notice; the private card that carries a personal link; and the editor's list of links
 * for members the bot could not reach.
 */
import type { NoticeOverview } from '../../src/app/notice-overview';
import type { LinkDeliveryReport, LinkMessage } from '../../src/app/personal-link-service';
import type { Meeting } from '../../src/domain/meeting';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

export const NOTICE_REMIND_VERB = 'notice.remind';
export const NOTICE_SEND_VERB = 'notice.send';

/**
 * Names per list, notes and substitutes cut, and each list within a byte budget: with the rest
 * of the notice (agenda, inputs, buttons) the card stays well under 28 KB however many answered.
 */
const MAX_NAMES = 25;
const MAX_NOTE = 100;
/** Per list, so a long first list leaves room for the others. */
const LIST_BUDGET_BYTES = 5 * 1024;
const cut = (text: string): string => (text.length > MAX_NOTE ? `${text.slice(0, MAX_NOTE - 1)}…` : text);

function list(title: string, lines: string[], t: Translate, budget: { left: number }): CardElement[] {
  if (lines.length === 0) return [];
  const out: CardElement[] = [userText(title, { weight: 'Bolder' })];
  let shown = 0;
  for (const line of lines.slice(0, MAX_NAMES)) {
    const element = note(line, { isSubtle: false });
    const size = Buffer.byteLength(JSON.stringify(element));
    if (size > budget.left) break;
    budget.left -= size;
    out.push(element);
    shown += 1;
  }
  if (lines.length > shown) out.push(note(t('notice.andMore', { count: lines.length - shown })));
  return out;
}

export function answersSection(o: NoticeOverview, t: Translate): CardElement[] {
  const line = (a: NoticeOverview['answers'][number]) =>
    `${a.person.name}${a.note ? ` — ${cut(a.note)}` : ''}${a.substitute ? ` · ${t('notice.substituteIs', { name: cut(a.substitute) })}` : ''}${a.via === 'link' ? ` · ${t('notice.viaLink')}` : ''}`;
  const budget = () => ({ left: LIST_BUDGET_BYTES });
  return [
    { ...note(t('notice.overviewHint')), separator: true },
    ...list(t('notice.attendingList'), o.answers.filter((a) => a.attending).map(line), t, budget()),
    ...list(t('notice.decliningList'), o.answers.filter((a) => !a.attending).map(line), t, budget()),
    ...list(t('notice.unansweredList'), o.unanswered.map((m) => m.person.name), t, budget()),
  ];
}

/** A second `/notice`: the first went out already; send it to everyone again, or remind only those who have not answered. */
export function noticeConfirmCard(meeting: Meeting, cardId: string, t: Translate): AdaptiveCard {
  const sent = meeting.noticeSentAt ? utcToStockholm(new Date(meeting.noticeSentAt)) : undefined;
  const data = { cardId, meetingId: meeting.id };
  return card(
    [heading(t('notice.again.title', { title: meeting.title ?? '' })), userText(t('notice.again.body', { date: sent?.date ?? '', time: sent?.time ?? '' }))],
    [execute(t('notice.again.send'), NOTICE_SEND_VERB, { ...data, again: '1' }), execute(t('notice.remind'), NOTICE_REMIND_VERB, { ...data, confirm: '1' })],
  );
}

/** What replaces the confirmation once it was answered. */
export const noticeDoneCard = (text: string): AdaptiveCard => card([userText(text)]);

/** The private message with a personal link: the words, and the link as a button (never a bare address). */
export function personalLinkCard(message: LinkMessage, url: string): AdaptiveCard {
  return card(
    [heading(message.subject), ...message.paragraphs.map((p) => userText(p))],
    [{ type: 'Action.OpenUrl', title: message.action, url }],
  );
}

/**
 * For the editor, privately: the members the bot could not reach, each with their link to copy and pass
 * on (by e-mail or phone). At most 20 links per card, well under 28 KB.
 */
export function unreachableLinksCard(report: Pick<LinkDeliveryReport, 'links'>, meetingTitle: string, t: Translate): AdaptiveCard {
  const shown = report.links.slice(0, 20);
  const body: CardElement[] = [heading(t('notice.links.title', { title: meetingTitle })), userText(t('notice.links.body'))];
  for (const l of shown) {
    body.push(userText(l.name, { weight: 'Bolder' }), { type: 'Input.Text', id: `link${body.length}`, label: t('notice.links.copy', { name: l.name }), value: l.url });
  }
  if (report.links.length > shown.length) body.push(note(t('notice.andMore', { count: report.links.length - shown.length })));
  return card(body);
}
