import type { Action } from '../../src/domain/action';
import type { Locale, Translate } from '../../src/i18n';
import { card, execute, formatTime, heading, labelled, note, userText, type AdaptiveCard, type CardElement } from './card';

export const MARK_ACTION_DONE_VERB = 'action.done';

/** The open-actions list shows this many; the rest is counted ("+N more"). */
export const MAX_LISTED_ACTIONS = 10;

/** Which card a Done press came from, so the press answers with the same card. */
export type ActionCardView = 'single' | 'list';

/** The confirmation of a recorded action, with Done; once done, the same card says by whom. */
export function actionCard(a: Action, cardId: string, t: Translate, locale: Locale): AdaptiveCard {
  const done = a.status === 'done';
  const body: CardElement[] = [
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [heading(t('action.title'))] },
        ...(done ? [{ type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: t('action.doneBadge'), color: 'Good', weight: 'Bolder' }] }] : []),
      ],
    },
    userText(a.text, done ? { strikethrough: true } : {}),
    labelled(t('action.owner'), a.owner ?? t('action.noOwner')),
    ...(a.due ? [labelled(t('action.due'), a.due)] : []),
    note(`${a.agendaItem ? `${t('action.item', { number: a.agendaItem })} · ` : ''}${t('action.createdBy', { name: a.createdBy.name })} · ${formatTime(a.createdAt, locale)}`),
    ...(done && a.doneBy ? [note(`${t('action.doneBy', { name: a.doneBy.name })}${a.doneAt ? ` · ${formatTime(a.doneAt, locale)}` : ''}`, { color: 'Good' })] : []),
  ];
  const actions = done ? [] : [execute(t('action.done'), MARK_ACTION_DONE_VERB, { cardId, actionId: a.id, view: 'single' satisfies ActionCardView })];
  return card(body, actions);
}

/**
 * Open actions, oldest first, each with its own Done button; at most MAX_LISTED_ACTIONS, then "+N more".
 * `today` (YYYY-MM-DD) marks the overdue ones. `title` tells a carried-over list from /actions.
 */
export function openActionsCard(actions: readonly Action[], cardId: string, today: string, t: Translate, locale: Locale, title = t('actions.title')): AdaptiveCard {
  const body: CardElement[] = [heading(title)];
  if (actions.length === 0) return card([...body, userText(t('actions.none'))]);
  for (const a of actions.slice(0, MAX_LISTED_ACTIONS)) {
    const details = [a.owner ? `${t('action.owner')}: ${a.owner}` : t('action.noOwner'), ...(a.due ? [`${t('action.due')}: ${a.due}`] : []), t('actions.fromMeeting', { date: formatTime(a.createdAt, locale) })];
    body.push({
      type: 'Container',
      separator: true,
      items: [
        userText(a.text),
        note(details.join(' · '), a.due && a.due < today ? { color: 'Attention' } : {}),
        { type: 'ActionSet', actions: [execute(t('action.done'), MARK_ACTION_DONE_VERB, { cardId, actionId: a.id, view: 'list' satisfies ActionCardView })] },
      ],
    });
  }
  if (actions.length > MAX_LISTED_ACTIONS) body.push(note(t('actions.more', { count: actions.length - MAX_LISTED_ACTIONS })));
  return card(body);
}
