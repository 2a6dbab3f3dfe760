import { riskBand, riskCode, riskScore, type Risk } from '../../src/domain/risk';
import type { Translate } from '../../src/i18n';
import { card, heading, note, userText, type AdaptiveCard, type CardElement } from './card';
import { bandColour } from './risk.card';

export const MAX_LISTED_RISKS = 40;

/** The register as the seeds' table: ID, threat, S, K, R, action needed — highest R first (already sorted). */
export function riskRegisterCard(risks: Risk[], t: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(t('risks.title'))];
  if (risks.length === 0) {
    body.push({ type: 'TextBlock', text: t('risks.empty'), wrap: true });
    body.push(note(t('common.example', { example: t('usage.risk') })));
    return card(body);
  }
  body.push(note(t('risks.summary', { count: risks.length, needAction: risks.filter((r) => r.actionNeeded).length })));
  const shown = risks.slice(0, MAX_LISTED_RISKS);
  if (shown.length < risks.length) body.push(note(t('risks.more', { shown: shown.length, total: risks.length })));
  const header = (text: string, width: string) => ({ type: 'Column', width, items: [{ type: 'TextBlock', text, weight: 'Bolder', size: 'Small' }] });
  body.push({
    type: 'ColumnSet',
    columns: [header('ID', '40px'), header(t('risk.threat'), 'stretch'), header('S', '24px'), header('K', '24px'), header('R', '32px')],
  });
  for (const r of shown) {
    const R = riskScore(r);
    const small = (text: string, extra: CardElement = {}) => ({ type: 'TextBlock', text, size: 'Small', ...extra });
    body.push({
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
  return card(body);
}
