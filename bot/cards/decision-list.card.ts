import { paragraph, type Decision } from '../../src/domain/decision';
import type { Translate } from '../../src/i18n';
import { card, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

/** Cards have a size limit in Teams: a long meeting shows its latest decisions and says so. */
export const MAX_LISTED_DECISIONS = 50;

export function decisionListCard(decisions: Decision[], t: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(t('decisions.title'))];
  if (decisions.length === 0) {
    body.push({ type: 'TextBlock', text: t('decisions.empty'), wrap: true });
    body.push(note(t('common.example', { example: t('usage.decision') })));
    return card(body);
  }
  const retracted = decisions.filter((d) => d.status === 'retracted').length;
  body.push(note(t('decisions.summary', { active: decisions.length - retracted, retracted })));
  const shown = decisions.slice(-MAX_LISTED_DECISIONS);
  if (shown.length < decisions.length) body.push(note(t('decisions.more', { shown: shown.length, total: decisions.length })));
  for (const d of shown) {
    const isRetracted = d.status === 'retracted';
    body.push({
      type: 'ColumnSet',
      separator: true,
      columns: [
        { type: 'Column', width: '40px', items: [{ type: 'TextBlock', text: paragraph(d), weight: 'Bolder' }] },
        {
          type: 'Column',
          width: 'stretch',
          items: [
            userText(d.text, isRetracted ? { strikethrough: true, isSubtle: true } : {}),
            note(`${d.agendaItem ? `${t('decision.item', { number: d.agendaItem })} · ` : ''}${d.recordedBy.name}${isRetracted ? ` · ${t('decisions.retracted')}` : ''}`, isRetracted ? { color: 'Attention' } : {}),
          ],
        },
      ],
    });
  }
  return card(body);
}
