/**
 * /help's rows and the Teams manifest's command menus (commandLists), generated from the commands'
 * own declarations in bot/commands: per scope, only what works there.
 */
import type { MessageKey } from '../src/i18n';
import type { BotScope } from './commands/command';
import { COMMANDS } from './commands';

export type { BotScope } from './commands/command';

export interface CommandRow {
  /** As /help shows them: the English and Swedish words. */
  names: string;
  help: MessageKey;
  usage?: MessageKey;
  scopes: readonly BotScope[];
  /** In the Teams command menu: the word typed after @Rådslag, in English and Swedish. */
  menu?: { en: string; sv: string };
}

/** Commands that share a help text share a row: "/start · /next · /item <n> (/nästa, /punkt)". */
function rows(): CommandRow[] {
  const groups = new Map<MessageKey, Array<(typeof COMMANDS)[number]>>();
  for (const c of COMMANDS) groups.set(c.help, [...(groups.get(c.help) ?? []), c]);
  return [...groups.values()].map((group) => {
    const [first, ...rest] = group as [(typeof COMMANDS)[number], ...Array<(typeof COMMANDS)[number]>];
    const word = (c: (typeof COMMANDS)[number]) => `/${c.name}${c.hint ? ` ${c.hint}` : ''}`;
    const swedish = rest.filter((c) => c.sv).map((c) => `/${c.sv}`);
    const names = [word(first), ...(first.sv ? [`/${first.sv}`] : []), ...rest.map(word)].join(' · ') + (swedish.length > 0 ? ` (${swedish.join(', ')})` : '');
    const usage = group.find((c) => c.usage)?.usage;
    return {
      names,
      help: first.help,
      ...(usage ? { usage } : {}),
      scopes: first.scopes,
      ...(first.menu && rest.length === 0 ? { menu: { en: first.name, sv: first.sv ?? first.name } } : {}),
    };
  });
}

export const COMMAND_ROWS: readonly CommandRow[] = rows();

/** Teams shows at most ten commands per scope. */
export const MAX_MENU_COMMANDS = 10;

/** The command menu of one scope: the rows with a menu word that work there, in the table's order; help always last. */
export function menuFor(scope: BotScope): CommandRow[] {
  const menu = COMMAND_ROWS.filter((r) => r.menu && r.scopes.includes(scope));
  const help = menu.find((r) => r.menu?.en === 'help');
  const others = menu.filter((r) => r !== help).slice(0, MAX_MENU_COMMANDS - (help ? 1 : 0));
  return help ? [...others, help] : others;
}
