import { paragraph, type Decision } from '../../src/domain/decision';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';
import { byteSize, openInTab, rowsThatFit, SHOW_MORE_VERB } from './paging';

/** Which part of a long list a card shows: `offset` rows from the newest are already shown. */
export interface ListPage {
  cardId: string;
  offset?: number;
  /** The tab's page with all of it (a Teams deep link). */
  tabLink?: string;
}

function decisionRow(d: Decision, t: Translate, numbered: boolean): CardElement {
  const isRetracted = d.status === 'retracted';
  const struck = isRetracted ? { strikethrough: true, isSubtle: true } : {};
  return {
    type: 'ColumnSet',
    separator: true,
    columns: [
      ...(numbered ? [{ type: 'Column', width: '40px', items: [{ type: 'TextBlock', text: paragraph(d), weight: 'Bolder' }] }] : []),
      {
        type: 'Column',
        width: 'stretch',
        items: [
          ...(d.heading ? [userText(d.heading, { weight: 'Bolder', ...struck })] : []),
          userText(d.text, struck),
          note(`${d.agendaItem ? `${t('decision.item', { number: d.agendaItem })} · ` : ''}${d.recordedBy.name}${isRetracted ? ` · ${t('decisions.retracted')}` : ''}`, isRetracted ? { color: 'Attention' } : {}),
        ],
      },
    ],
  };
}

/**
 * The decisions, newest last; as many of the latest as fit in one Teams message, then "Show more" for
 * the ones before them (page.offset counts those already shown from the newest). Without § numbers when
 * the group writes its decisions without them.
 */
export function decisionListCard(decisions: Decision[], t: Translate, page: ListPage = { cardId: '' }, numbered = true): AdaptiveCard {
  const body: CardElement[] = [heading(t('decisions.title'))];
  if (decisions.length === 0) {
    body.push({ type: 'TextBlock', text: t('decisions.empty'), wrap: true });
    body.push(note(t('common.example', { example: t('usage.decision') })));
    return card(body);
  }
  const retracted = decisions.filter((d) => d.status === 'retracted').length;
  body.push(note(t('decisions.summary', { active: decisions.length - retracted, retracted })));
  const offset = Math.min(Math.max(page.offset ?? 0, 0), decisions.length - 1);
  // Newest first for the fitting, shown oldest first within the page.
  const candidates = decisions.slice(0, decisions.length - offset).reverse();
  const rows = candidates.map((d) => decisionRow(d, t, numbered));
  const more = (n: number) => [
    ...(offset + n < decisions.length ? [execute(t('list.showMore'), SHOW_MORE_VERB, { cardId: page.cardId, list: 'decisions', offset: offset + n })] : []),
    ...openInTab(page.tabLink, t),
  ];
  const window = (n: number) => note(t('list.window', { from: decisions.length - offset - n + 1, to: decisions.length - offset, total: decisions.length }));
  const base = byteSize(card([...body, window(1)], more(1)));
  const n = rowsThatFit(rows, base);
  if (offset > 0 || n < decisions.length) body.push(window(n));
  body.push(...rows.slice(0, n).reverse());
  return card(body, more(n));
}
