/**
 * Turns chat text into a command. With ChatMessage.Read.Chat the bot hears every message in a meeting
 * chat: only text that starts with "/" (after the bot's @mention is removed) is a command; everything
 * else is chatter and is ignored silently.
 */
export type CommandName = 'decision' | 'decisions' | 'risk' | 'risks' | 'secretary' | 'help';

const commandWords: ReadonlyMap<string, CommandName> = new Map(Object.entries({
  decision: 'decision',
  beslut: 'decision',
  decisions: 'decisions',
  beslutslista: 'decisions',
  risk: 'risk',
  risks: 'risks',
  risker: 'risks',
  secretary: 'secretary',
  sekreterare: 'secretary',
  help: 'help',
  hjälp: 'help',
  hjalp: 'help',
} satisfies Record<string, CommandName>));

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
    if (addressed && word && commandWords.has(word)) return parseCommand(`/${clean}`);
    return { kind: 'chatter' };
  }
  const match = /^\/(\S*)\s*([\s\S]*)$/u.exec(clean);
  const word = (match?.[1] ?? '').toLowerCase();
  const name = commandWords.get(word);
  if (!name) return { kind: 'unknown', word: `/${(match?.[1] ?? '').slice(0, 40)}` };
  return { kind: 'command', name, args: (match?.[2] ?? '').trim() };
}

export interface RiskArgs {
  threat: string;
  probability?: string;
  impact?: string;
}

/**
 * `/risk <threat> S=<1-5> K=<1-5>`: S and K may stand anywhere, as `S=4`, `s = 4` or `S:4`; the rest is
 * the threat. With a colon only a digit counts, so "S:t Görans sjukhus" stays text. The values are
 * returned as typed, for the domain to judge.
 */
export function parseRiskArgs(args: string): RiskArgs {
  let probability: string | undefined;
  let impact: string | undefined;
  const threat = args
    .replace(/(^|\s)([SsKk])(?:\s*=\s*(\S*)|\s*:\s*(\d\S*))/g, (_whole, lead: string, letter: string, afterEquals: string | undefined, afterColon: string | undefined) => {
      const value = afterEquals ?? afterColon ?? '';
      if (letter.toUpperCase() === 'S') probability = value;
      else impact = value;
      return lead;
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { threat, probability, impact };
}
