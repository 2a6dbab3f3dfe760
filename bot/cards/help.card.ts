import type { MessageKey, Translate } from '../../src/i18n';
import { COMMAND_ROWS, type CommandRow } from '../command-table';
import { card, execute, heading, note, type AdaptiveCard, type CardElement } from './card';
import { HELP_ALL_VERB } from './help-verb';

/** Where /help was asked: what the caller does there comes first. */
export type HelpPlace = 'meeting' | 'group' | 'personal';

/**
 * The commands shown first in each place, by their help text: the organizer's booking flow in a group
 * chat, the secretary's recording in a meeting chat, one's own assessment and the risks in a personal chat.
 */
const FIRST: Record<HelpPlace, readonly MessageKey[]> = {
  group: ['help.setup', 'help.members', 'help.preparation', 'help.schedule', 'help.notice', 'help.meetings', 'help.help'],
  meeting: ['help.agenda', 'help.run', 'help.decision', 'help.decisions', 'help.note', 'help.action', 'help.risk', 'help.risks', 'help.attendance', 'help.minutes', 'help.secretary', 'help.help'],
  personal: ['help.assess', 'help.risks', 'help.help'],
};

function rowElement(row: CommandRow, t: Translate): CardElement {
  return {
    type: 'Container',
    separator: true,
    items: [
      { type: 'TextBlock', text: row.names, weight: 'Bolder', wrap: true, fontType: 'Monospace' },
      { type: 'TextBlock', text: t(row.help), wrap: true, spacing: 'None' },
      ...(row.usage ? [note(t('common.example', { example: t(row.usage) }), { fontType: 'Monospace' })] : []),
    ],
  };
}

/** Every command with its Swedish name and an example; shown for an unknown command, on arrival and for "Show all". */
export function helpCard(t: Translate, unknownCommand?: string): AdaptiveCard {
  const body: CardElement[] = [heading(t('help.title'))];
  // The unknown word is the user's own text: shown in a TextRun so it is not read as markdown.
  if (unknownCommand) {
    body.push({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: t('help.unknown', { command: unknownCommand }), color: 'Attention' }] });
  }
  body.push(note(t('help.intro')));
  for (const row of COMMAND_ROWS) body.push(rowElement(row, t));
  return card(body);
}

/** `/help`: what the caller can do in this chat, in the order it is done, and **Show all** for the full list. */
export function helpHereCard(t: Translate, place: HelpPlace, cardId: string): AdaptiveCard {
  const rows = FIRST[place].flatMap((key) => COMMAND_ROWS.filter((r) => r.help === key));
  const body: CardElement[] = [heading(t('help.title')), heading(t(`help.here.${place}`), { spacing: 'None' }), note(t('help.intro')), ...rows.map((r) => rowElement(r, t))];
  return card(body, [execute(t('help.showAll'), HELP_ALL_VERB, { cardId })]);
}
