import { riskBand, riskCode, riskScore, type Risk } from '../../src/domain/risk';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';
import type { ListPage } from './decision-list.card';
import { byteSize, openInTab, rowsThatFit, SHOW_MORE_VERB } from './paging';
import { bandColour } from './risk.card';

/**
 * The register as the seeds' table: ID, threat, S, K, R, action needed — highest R first (already sorted);
 * as many as fit in one Teams message, then "Show more" (page.offset risks are already shown).
 */
export function riskRegisterCard(risks: Risk[], t: Translate, page: ListPage = { cardId: '' }): AdaptiveCard {
  const body: CardElement[] = [heading(t('risks.title'))];
  if (risks.length === 0) {
    body.push({ type: 'TextBlock', text: t('risks.empty'), wrap: true });
    body.push(note(t('common.example', { example: t('usage.risk') })));
    return card(body);
  }
  body.push(note(t('risks.summary', { count: risks.length, needAction: risks.filter((r) => r.actionNeeded).length })));
  const offset = Math.min(Math.max(page.offset ?? 0, 0), risks.length - 1);
  const header = (text: string, width: string) => ({ type: 'Column', width, items: [{ type: 'TextBlock', text, weight: 'Bolder', size: 'Small' }] });
  const columns: CardElement = {
    type: 'ColumnSet',
    columns: [header('ID', '40px'), header(t('risk.threat'), 'stretch'), header('S', '24px'), header('K', '24px'), header('R', '32px')],
  };
  const rows: CardElement[] = [];
  for (const r of risks.slice(offset)) {
    const R = riskScore(r);
    const small = (text: string, extra: CardElement = {}) => ({ type: 'TextBlock', text, size: 'Small', ...extra });
    rows.push({
      type: 'ColumnSet',
      separator: true,
      columns: [
        { type: 'Column', width: '40px', items: [small(riskCode(r), { weight: 'Bolder' })] },
        {
          type: 'Column',
          width: 'stretch',
          items: [userText(r.threat), ...(r.actionNeeded ? [note(t('risks.needsAction'), { color: 'Warning' })] : [])],
        },
        { type: 'Column', width: '24px', items: [small(String(r.probability))] },
        { type: 'Column', width: '24px', items: [small(String(r.impact))] },
        { type: 'Column', width: '32px', items: [small(String(R), { weight: 'Bolder', color: bandColour[riskBand(R)] })] },
      ],
    });
  }
  const more = (n: number) => [
    ...(offset + n < risks.length ? [execute(t('list.showMore'), SHOW_MORE_VERB, { cardId: page.cardId, list: 'risks', offset: offset + n })] : []),
    ...openInTab(page.tabLink, t),
  ];
  const window = (n: number) => note(t('list.window', { from: offset + 1, to: offset + n, total: risks.length }));
  const n = rowsThatFit(rows, byteSize(card([...body, window(1), columns], more(1))));
  if (offset > 0 || n < risks.length) body.push(window(n));
  body.push(columns, ...rows.slice(0, n));
  return card(body, more(n));
}
