import type { Translate } from '../../src/i18n';
import { COMMAND_ROWS } from '../command-table';
import { card, heading, note, type AdaptiveCard, type CardElement } from './card';

/** Every command with its Swedish name and an example; shown for /help and for an unknown command. */
export function helpCard(t: Translate, unknownCommand?: string): AdaptiveCard {
  const rows = COMMAND_ROWS.map((r) => ({ names: r.names, help: t(r.help), ...(r.usage ? { example: t(r.usage) } : {}) }));
  const body: CardElement[] = [heading(t('help.title'))];
  // The unknown word is the user's own text: shown in a TextRun so it is not read as markdown.
  if (unknownCommand) {
    body.push({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: t('help.unknown', { command: unknownCommand }), color: 'Attention' }] });
  }
  body.push(note(t('help.intro')));
  for (const row of rows) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        { type: 'TextBlock', text: row.names, weight: 'Bolder', wrap: true, fontType: 'Monospace' },
        { type: 'TextBlock', text: row.help, wrap: true, spacing: 'None' },
        ...(row.example ? [note(t('common.example', { example: row.example }), { fontType: 'Monospace' })] : []),
      ],
    });
  }
  return card(body);
}
