import type { MinutesLinks, MinutesOverview } from '../../src/app/minutes-service';
import type { MinutesVersion } from '../../src/domain/minutes';
import type { Locale, Translate } from '../../src/i18n';
import { card, execute, formatTime, labelled, note, userText, type AdaptiveCard, type CardElement } from './card';

export const APPROVE_MINUTES_VERB = 'minutes.approve';
export const REQUEST_MINUTES_CHANGES_VERB = 'minutes.requestChanges';

const openUrl = (title: string, url: string): CardElement => ({ type: 'Action.OpenUrl', title, url });

function statusLine(v: MinutesVersion, t: Translate, locale: Locale): CardElement {
  const state = t(`minutes.state.${v.status}`);
  const text = t('minutesCard.version', { version: v.version, status: state });
  if (v.status === 'approved' && v.approvedBy && v.approvedAt) {
    return note(`${text} · ${t('minutesCard.approvedBy', { name: v.approvedBy.name, at: formatTime(v.approvedAt, locale) })} · SHA-256 ${v.contentHash.slice(0, 12)}…`, { color: 'Good' });
  }
  if (v.status === 'changesRequested' && v.changesRequestedBy) {
    return note(`${text} · ${t('minutesCard.changesBy', { name: v.changesRequestedBy.name })}`, { color: 'Warning' });
  }
  return note(text);
}

function summaryFacts(o: Pick<MinutesOverview, 'summary'>, t: Translate): CardElement {
  const s = o.summary;
  return {
    type: 'FactSet',
    facts: [
      { title: t('minutes.present'), value: String(s.present) },
      { title: t('minutes.excused'), value: String(s.excused) },
      { title: t('minutesCard.items'), value: String(s.items) },
      { title: t('minutesCard.decisions'), value: String(s.decisions) },
      { title: t('minutes.risks'), value: String(s.risks) },
      { title: t('minutes.actions'), value: String(s.actions) },
      { title: t('minutesCard.notes'), value: String(s.notes) },
    ],
  };
}

function downloads(links: MinutesLinks, t: Translate, locale: Locale): CardElement[] {
  return [
    { type: 'ActionSet', actions: [openUrl(t('minutesCard.word'), links.docx), openUrl(t('minutesCard.html'), links.html), openUrl(t('minutesCard.markdown'), links.md)] },
    { type: 'ActionSet', actions: [openUrl(t('minutesCard.publicWord'), links.publicDocx), openUrl(t('minutesCard.publicHtml'), links.publicHtml)] },
    note(t('minutesCard.linksValid', { until: formatTime(links.expiresAt, locale) })),
  ];
}

/**
 * `/minutes`: what the minutes hold now, the version and its state, and signed download links; with the
 * meeting's Transcript page when the tab is there (the transcript itself is never part of the minutes).
 */
export function minutesCard(o: MinutesOverview, t: Translate, locale: Locale, transcriptLink?: string): AdaptiveCard {
  const v = o.version;
  const body: CardElement[] = [
    // The group's name is typed by people: a TextRun, never markdown.
    userText(t('minutesCard.title', { group: v.content.groupName, date: v.content.date }), { weight: 'Bolder', size: 'Medium' }),
    statusLine(v, t, locale),
    summaryFacts(o, t),
  ];
  if (o.approved && o.approved.version !== v.version) {
    body.push(note(t('minutesCard.changedSinceApproval', { approved: o.approved.version, version: v.version }), { color: 'Warning' }));
  }
  if (v.status === 'changesRequested' && v.changesNote) body.push(labelled(t('minutesCard.changesNote'), v.changesNote));
  if (v.status !== 'approved' && v.status !== 'sent') body.push(note(t('minutesCard.sendHint')));
  body.push(...downloads(o.links, t, locale));
  if (transcriptLink) body.push({ type: 'ActionSet', actions: [openUrl(t('minutesCard.transcript'), transcriptLink)] });
  return card(body);
}

/**
 * The adjuster's card, posted in the chat: read, then Approve or Request changes. Only the adjuster may
 * press (the bot checks); once answered, the card shows the answer to everyone, without buttons.
 */
export function approvalCard(v: MinutesVersion, adjusterName: string, links: MinutesLinks, summary: MinutesOverview['summary'], cardId: string, t: Translate, locale: Locale): AdaptiveCard {
  const body: CardElement[] = [
    userText(t('minutesCard.approvalTitle', { group: v.content.groupName, date: v.content.date }), { weight: 'Bolder', size: 'Medium' }),
    statusLine(v, t, locale),
    labelled(t('minutes.toBeApprovedBy'), adjusterName),
    summaryFacts({ summary }, t),
    ...downloads(links, t, locale),
  ];
  if (v.status === 'changesRequested' && v.changesNote) body.push(labelled(t('minutesCard.changesNote'), v.changesNote));
  if (v.status !== 'sent') return card(body);
  body.push({ type: 'Input.Text', id: 'note', label: t('minutesCard.noteLabel'), placeholder: t('minutesCard.notePlaceholder'), isMultiline: true, maxLength: 2000 });
  const data = { cardId, versionId: v.id };
  return card(body, [execute(t('minutesCard.approve'), APPROVE_MINUTES_VERB, data, { style: 'positive' }), execute(t('minutesCard.requestChanges'), REQUEST_MINUTES_CHANGES_VERB, data)]);
}

/** The reply to /minutes send in the secretary's words: sent to whom. */
export function sentNote(adjusterName: string, version: number, t: Translate): CardElement {
  return userText(t('minutesCard.sent', { name: adjusterName, version }));
}
