import { paragraph, type Decision } from '../../src/domain/decision';
import type { Locale, Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, formatTime, type AdaptiveCard } from './card';

export const RETRACT_DECISION_VERB = 'decision.retract';

/** The confirmation of a recorded decision; after Undo, the same card shows it retracted. */
export function decisionCard(d: Decision, cardId: string, t: Translate, locale: Locale): AdaptiveCard {
  const retracted = d.status === 'retracted';
  const body = [
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [heading(t('decision.title', { paragraph: paragraph(d) }))] },
        ...(retracted
          ? [{ type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: t('decision.retractedBadge'), color: 'Attention', weight: 'Bolder' }] }]
          : []),
      ],
    },
    userText(d.text, retracted ? { strikethrough: true } : {}),
    note(`${d.agendaItem ? `${t('decision.item', { number: d.agendaItem })} · ` : ''}${t('decision.recordedBy', { name: d.recordedBy.name })} · ${formatTime(d.recordedAt, locale)}`),
    ...(retracted && d.retractedBy
      ? [note(`${t('decision.retractedBy', { name: d.retractedBy.name })}${d.retractedAt ? ` · ${formatTime(d.retractedAt, locale)}` : ''}`, { color: 'Attention' })]
      : []),
  ];
  const actions = retracted ? [] : [execute(t('decision.undo'), RETRACT_DECISION_VERB, { decisionId: d.id, cardId })];
  return card(body, actions);
}
