/**
 * The commands as people see them: one row each in /help, and the source of the Teams manifest's
 * commandLists (the command menu), per scope, offering in each scope only what works there.
 */
import type { MessageKey } from '../src/i18n';

export type BotScope = 'personal' | 'groupChat' | 'team';

export interface CommandRow {
  /** As /help shows them: the English and Swedish words. */
  names: string;
  help: MessageKey;
  usage?: MessageKey;
  /** Where the command does something (a meeting chat is a group chat; a channel meeting is in a team). */
  scopes: readonly BotScope[];
  /** In the Teams command menu: the word typed after @Rådslag, in English and Swedish. */
  menu?: { en: string; sv: string };
}

const CHATS: readonly BotScope[] = ['groupChat', 'team'];
const EVERYWHERE: readonly BotScope[] = ['personal', 'groupChat', 'team'];

export const COMMAND_ROWS: readonly CommandRow[] = [
  { names: '/decision · /beslut', help: 'help.decision', usage: 'usage.decision', scopes: CHATS, menu: { en: 'decision', sv: 'beslut' } },
  { names: '/decisions · /beslutslista', help: 'help.decisions', scopes: CHATS, menu: { en: 'decisions', sv: 'beslutslista' } },
  { names: '/risk', help: 'help.risk', usage: 'usage.risk', scopes: EVERYWHERE, menu: { en: 'risk', sv: 'risk' } },
  { names: '/risks · /risker', help: 'help.risks', scopes: EVERYWHERE, menu: { en: 'risks', sv: 'risker' } },
  { names: '/secretary · /sekreterare', help: 'help.secretary', usage: 'usage.secretary', scopes: CHATS, menu: { en: 'secretary', sv: 'sekreterare' } },
  { names: '/setup', help: 'help.setup', usage: 'usage.setup', scopes: CHATS, menu: { en: 'setup', sv: 'setup' } },
  { names: '/members · /ledamöter', help: 'help.members', scopes: CHATS, menu: { en: 'members', sv: 'ledamöter' } },
  { names: '/preparation · /beredning', help: 'help.preparation', usage: 'usage.preparation', scopes: CHATS },
  { names: '/schedule · /boka', help: 'help.schedule', usage: 'usage.schedule', scopes: CHATS, menu: { en: 'schedule', sv: 'boka' } },
  { names: '/notice · /kallelse', help: 'help.notice', scopes: CHATS, menu: { en: 'notice', sv: 'kallelse' } },
  { names: '/agenda · /dagordning', help: 'help.agenda', usage: 'usage.agendaAdd', scopes: CHATS, menu: { en: 'agenda', sv: 'dagordning' } },
  { names: '/start · /next · /item <n> (/nästa, /punkt)', help: 'help.run', scopes: CHATS },
  { names: '/checkin · /incheckning', help: 'help.checkin', scopes: CHATS },
  { names: '/attendance · /närvaro · /present · /excused · /absent (/närvarande, /förhindrad, /frånvarande)', help: 'help.attendance', usage: 'usage.attendance', scopes: CHATS },
  { names: '/note · /anteckning', help: 'help.note', usage: 'usage.note', scopes: CHATS },
  { names: '/action · /åtgärd', help: 'help.action', usage: 'usage.action', scopes: CHATS },
  { names: '/actions · /åtgärder', help: 'help.actions', scopes: CHATS },
  { names: '/adjuster · /justerare', help: 'help.adjuster', usage: 'usage.adjuster', scopes: CHATS },
  { names: '/minutes · /protokoll', help: 'help.minutes', usage: 'usage.minutes', scopes: CHATS, menu: { en: 'minutes', sv: 'protokoll' } },
  { names: '/assess · /bedöm', help: 'help.assess', usage: 'usage.assess', scopes: EVERYWHERE, menu: { en: 'assess', sv: 'bedöm' } },
  { names: '/help · /hjälp', help: 'help.help', scopes: EVERYWHERE, menu: { en: 'help', sv: 'hjälp' } },
];

/** Teams shows at most ten commands per scope. */
export const MAX_MENU_COMMANDS = 10;

/** The command menu of one scope: the rows with a menu word that work there, in the table's order; help always last. */
export function menuFor(scope: BotScope): CommandRow[] {
  const rows = COMMAND_ROWS.filter((r) => r.menu && r.scopes.includes(scope));
  const help = rows.find((r) => r.menu?.en === 'help');
  const others = rows.filter((r) => r !== help).slice(0, MAX_MENU_COMMANDS - (help ? 1 : 0));
  return help ? [...others, help] : others;
}
