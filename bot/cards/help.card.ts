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
    { names: '/setup', help: t('help.setup'), example: t('usage.setup') },
    { names: '/members · /ledamöter', help: t('help.members') },
    { names: '/preparation · /beredning', help: t('help.preparation'), example: t('usage.preparation') },
    { names: '/schedule · /boka', help: t('help.schedule'), example: t('usage.schedule') },
    { names: '/notice · /kallelse', help: t('help.notice') },
    { names: '/agenda · /dagordning', help: t('help.agenda'), example: t('usage.agendaAdd') },
    { names: '/start · /next · /item <n> (/nästa, /punkt)', help: t('help.run') },
    { names: '/checkin · /incheckning', help: t('help.checkin') },
    { names: '/attendance · /närvaro · /present · /excused · /absent (/närvarande, /förhindrad, /frånvarande)', help: t('help.attendance'), example: t('usage.attendance') },
    { names: '/note · /anteckning', help: t('help.note'), example: t('usage.note') },
    { names: '/action · /åtgärd', help: t('help.action'), example: t('usage.action') },
    { names: '/actions · /åtgärder', help: t('help.actions') },
    { names: '/adjuster · /justerare', help: t('help.adjuster'), example: t('usage.adjuster') },
    { names: '/minutes · /protokoll', help: t('help.minutes'), example: t('usage.minutes') },
    { names: '/assess · /bedöm', help: t('help.assess'), example: t('usage.assess') },
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
