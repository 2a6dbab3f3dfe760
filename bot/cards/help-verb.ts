/**
 * The verb of /help's "Show all" button. Apart from help.card.ts, which reads the command table, so the
 * command that handles it (bot/commands/lists.ts, itself in that table) imports it without a cycle.
 */
export const HELP_ALL_VERB = 'help.all';
