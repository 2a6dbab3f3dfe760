import type { Translate } from '../../src/i18n';
import { card, heading, note, type AdaptiveCard, type CardElement } from './card';

/** Every command with its Swedish name and an example; shown for /help and for an unknown command. */
export function helpCard(t: Translate, unknownCommand?: string): AdaptiveCard {
  const rows: Array<{ names: string; help: string; example?: string }> = [
    { names: '/decision · /beslut', help: t('help.decision'), example: t('usage.decision') },
    { names: '/decisions · /beslutslista', help: t('help.decisions') },
    { names: '/risk', help: t('help.risk'), example: t('usage.risk') },
    { names: '/risks · /risker', help: t('help.risks') },
    { names: '/secretary · /sekreterare', help: t('help.secretary'), example: t('usage.secretary') },
    { names: '/help · /hjälp', help: t('help.help') },
  ];
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
