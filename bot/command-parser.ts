/**
 * Turns chat text into a command word and its arguments. With ChatMessage.Read.Chat the bot hears every
 * message in a meeting chat: only text that starts with "/" (after the bot's @mention is removed) is a
 * command; everything else is chatter and is ignored silently, before anything is looked up.
 */
import { commandByWord } from './commands';

/** A command's canonical (English) name, as declared in bot/commands. */
export type CommandName = string;

export type ParsedText =
  | { kind: 'chatter' }
  | { kind: 'command'; name: CommandName; args: string }
  | { kind: 'unknown'; word: string };

/** Normalises what Teams sends around the text: non-breaking spaces, stray HTML line breaks. */
export function cleanText(text: string | undefined): string {
  return (text ?? '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .trim()
    // A leading @mention that botbuilder could not remove (no mention entity, e.g. a hand-made activity).
    .replace(/^(<at>[^<]*<\/at>\s*)+/i, '')
    .trim();
}

/**
 * `addressed` is true when the message @mentioned the bot: Teams' command menu sends the command word
 * without a slash ("@Rådslag decisions"), so a known word counts then too.
 */
export function parseCommand(text: string | undefined, addressed = false): ParsedText {
  const clean = cleanText(text);
  if (!clean.startsWith('/')) {
    const word = /^(\S+)/u.exec(clean)?.[1]?.toLowerCase();
    if (addressed && word && commandByWord.has(word)) return parseCommand(`/${clean}`);
    return { kind: 'chatter' };
  }
  const match = /^\/(\S*)\s*([\s\S]*)$/u.exec(clean);
  const word = (match?.[1] ?? '').toLowerCase();
  const command = commandByWord.get(word);
  if (!command) return { kind: 'unknown', word: `/${(match?.[1] ?? '').slice(0, 40)}` };
  return { kind: 'command', name: command.name, args: (match?.[2] ?? '').trim() };
}
