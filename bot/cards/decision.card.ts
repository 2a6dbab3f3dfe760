import { paragraph, type Decision } from '../../src/domain/decision';
import type { Locale, Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, formatTime, type AdaptiveCard } from './card';

export const RETRACT_DECISION_VERB = 'decision.retract';
export const SET_NUMBERING_VERB = 'decision.numbering';

/** "Decision §3", or "Decision" in a group that writes its decisions without numbers. */
export const decisionTitle = (d: Pick<Decision, 'number'>, t: Translate, numbered: boolean): string =>
  numbered ? t('decision.title', { paragraph: paragraph(d) }) : t('decision.titleUnnumbered');

/** The confirmation of a recorded decision; after Undo, the same card shows it retracted. */
export function decisionCard(d: Decision, cardId: string, t: Translate, locale: Locale, numbered = true): AdaptiveCard {
  const retracted = d.status === 'retracted';
  const struck = retracted ? { strikethrough: true } : {};
  const body = [
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [heading(decisionTitle(d, t, numbered))] },
        ...(retracted
          ? [{ type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: t('decision.retractedBadge'), color: 'Attention', weight: 'Bolder' }] }]
          : []),
      ],
    },
    ...(d.heading ? [userText(d.heading, { weight: 'Bolder', ...struck })] : []),
    userText(d.text, struck),
    note(`${d.agendaItem ? `${t('decision.item', { number: d.agendaItem })} · ` : ''}${t('decision.recordedBy', { name: d.recordedBy.name })} · ${formatTime(d.recordedAt, locale)}`),
    ...(retracted && d.retractedBy
      ? [note(`${t('decision.retractedBy', { name: d.retractedBy.name })}${d.retractedAt ? ` · ${formatTime(d.retractedAt, locale)}` : ''}`, { color: 'Attention' })]
      : []),
  ];
  const actions = retracted ? [] : [execute(t('decision.undo'), RETRACT_DECISION_VERB, { decisionId: d.id, cardId })];
  return card(body, actions);
}

/**
 * `/numbering`: whether the group's decisions carry § numbers, with the button that switches it (for the
 * chair, vice chair and organizer; anyone else's press is refused). Switching updates the card in place.
 */
export function numberingCard(group: string, numbered: boolean, cardId: string, t: Translate, changedBy?: string): AdaptiveCard {
  return card(
    [
      heading(t('numbering.title')),
      userText(t(numbered ? 'numbering.on' : 'numbering.off', { group })),
      ...(changedBy ? [note(t('numbering.changedBy', { name: changedBy }))] : []),
    ],
    [execute(t(numbered ? 'numbering.turnOff' : 'numbering.turnOn'), SET_NUMBERING_VERB, { cardId, numbered: !numbered })],
  );
}
