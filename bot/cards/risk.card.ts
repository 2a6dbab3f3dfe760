import { riskBand, riskCode, riskScore, type Risk, type RiskReview } from '../../src/domain/risk';
import type { Locale, Translate } from '../../src/i18n';
import { openInTab } from './paging';
import { card, formatTime, heading, labelled, note, userText, type AdaptiveCard, type CardElement } from './card';

/** Card colours of the R bands on the 5×5 map. */
export const bandColour = { low: 'Good', medium: 'Default', high: 'Warning', critical: 'Attention' } as const;

/** S, K and R side by side, R coloured by its band on the 5×5 map. */
export function scoreColumns(r: Risk, t: Translate): CardElement {
  const R = riskScore(r);
  const cell = (label: string, value: string, extra: CardElement = {}) => ({
    type: 'Column',
    width: 'auto',
    items: [
      { type: 'TextBlock', text: label, isSubtle: true, size: 'Small' },
      { type: 'TextBlock', text: value, weight: 'Bolder', size: 'Large', ...extra },
    ],
  });
  return {
    type: 'ColumnSet',
    columns: [
      cell(t('risk.S'), String(r.probability)),
      cell(t('risk.K'), String(r.impact)),
      cell(t('risk.R'), `${R} (${t(`risk.band.${riskBand(R)}`)})`, { color: bandColour[riskBand(R)] }),
    ],
  };
}

/** The confirmation of a raised risk, with every field that was given. */
export function riskCard(r: Risk, t: Translate, locale: Locale, tabLink?: string): AdaptiveCard {
  const body: CardElement[] = [heading(t('risk.title', { code: riskCode(r) })), labelled(t('risk.threat'), r.threat)];
  if (r.vulnerability) body.push(labelled(t('risk.vulnerability'), r.vulnerability));
  if (r.consequence) body.push(labelled(t('risk.consequence'), r.consequence));
  body.push(scoreColumns(r, t));
  body.push(labelled(t('risk.actionNeeded'), r.actionNeeded ? t('common.yes') : t('common.no')));
  if (r.action) body.push(labelled(t('risk.action'), r.action));
  if (r.owner) body.push(labelled(t('risk.owner'), r.owner));
  body.push(note(`${t('risk.raisedBy', { name: r.raisedBy.name })} · ${formatTime(r.raisedAt, locale)}`));
  return card(body, openInTab(tabLink, t));
}

/** A follow-up: what changed, the new status, the note, and the risk's history of follow-ups. */
export function riskReviewCard(before: Risk, after: Risk, history: RiskReview[], t: Translate, locale: Locale, tabLink?: string): AdaptiveCard {
  const body: CardElement[] = [
    heading(t('riskReview.title', { code: riskCode(after) })),
    labelled(t('risk.threat'), after.threat),
    userText(t('riskReview.change', { s0: before.probability, s1: after.probability, k0: before.impact, k1: after.impact, r0: riskScore(before), r1: riskScore(after) }), { weight: 'Bolder' }),
    scoreColumns(after, t),
    note(t('riskReview.status', { status: t(`risk.status.${after.status}`) })),
  ];
  const latest = history.at(-1);
  if (latest?.note) body.push(userText(latest.note));
  if (history.length > 0) {
    body.push({ type: 'TextBlock', text: t('riskReview.history'), weight: 'Bolder', separator: true, wrap: true });
    for (const r of history.slice(-10)) {
      body.push(note(`${formatTime(r.reviewedAt, locale)} · S ${r.probability}, K ${r.impact}, R ${r.probability * r.impact} · ${t(`risk.status.${r.status}`)}${r.note ? ` · ${r.note}` : ''} · ${r.reviewedBy.name}`));
    }
  }
  return card(body, openInTab(tabLink, t));
}
