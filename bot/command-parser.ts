import type { GroupKind } from '../src/domain/charter';

/**
 * Turns chat text into a command. With ChatMessage.Read.Chat the bot hears every message in a meeting
 * chat: only text that starts with "/" (after the bot's @mention is removed) is a command; everything
 * else is chatter and is ignored silently.
 */
export type CommandName =
  | 'decision'
  | 'decisions'
  | 'risk'
  | 'risks'
  | 'secretary'
  | 'help'
  | 'setup'
  | 'members'
  | 'preparation'
  | 'schedule'
  | 'notice'
  | 'agenda'
  | 'start'
  | 'next'
  | 'item'
  | 'checkin'
  | 'attendance'
  | 'present'
  | 'excused'
  | 'absent'
  | 'note'
  | 'action'
  | 'actions'
  | 'adjuster'
  | 'minutes'
  | 'assess';

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
  setup: 'setup',
  members: 'members',
  ledamöter: 'members',
  ledamoter: 'members',
  preparation: 'preparation',
  beredning: 'preparation',
  schedule: 'schedule',
  boka: 'schedule',
  notice: 'notice',
  kallelse: 'notice',
  agenda: 'agenda',
  dagordning: 'agenda',
  start: 'start',
  next: 'next',
  nästa: 'next',
  nasta: 'next',
  item: 'item',
  punkt: 'item',
  checkin: 'checkin',
  'check-in': 'checkin',
  incheckning: 'checkin',
  attendance: 'attendance',
  närvaro: 'attendance',
  narvaro: 'attendance',
  present: 'present',
  närvarande: 'present',
  narvarande: 'present',
  excused: 'excused',
  förhindrad: 'excused',
  forhindrad: 'excused',
  absent: 'absent',
  frånvarande: 'absent',
  franvarande: 'absent',
  hjälp: 'help',
  hjalp: 'help',
  note: 'note',
  anteckning: 'note',
  action: 'action',
  åtgärd: 'action',
  atgard: 'action',
  actions: 'actions',
  åtgärder: 'actions',
  atgarder: 'actions',
  adjuster: 'adjuster',
  justerare: 'adjuster',
  minutes: 'minutes',
  protokoll: 'minutes',
  assess: 'assess',
  bedöm: 'assess',
  bedom: 'assess',
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

const KIND_WORDS: Record<string, GroupKind> = {
  council: 'council',
  råd: 'council',
  steering: 'steering',
  styrgrupp: 'steering',
  network: 'network',
  nätverk: 'network',
  preparation: 'preparation',
  beredning: 'preparation',
  beredningsgrupp: 'preparation',
};

/** `/setup [council|steering|network|preparation] <name>` (Swedish kind words too); the kind defaults later. */
export function parseSetupArgs(args: string): { name: string; kind?: GroupKind } {
  const [first, ...rest] = args.trim().split(/\s+/);
  const kind = first && Object.hasOwn(KIND_WORDS, first.toLowerCase()) ? KIND_WORDS[first.toLowerCase()] : undefined;
  return kind && rest.length > 0 ? { name: rest.join(' '), kind } : { name: args.trim() };
}

export type ScheduleArgs =
  | { kind: 'form' }
  | { kind: 'series'; year: string; start?: string; end?: string }
  | { kind: 'quick'; date?: string; start?: string; end?: string; title: string };

/**
 * `/schedule` (form), `/schedule series 2027 [09:00-12:00]`, or the quick form
 * `/schedule 2027-02-11 09:00-12:00 <title>`; values are returned as typed, for the domain to judge.
 */
export function parseScheduleArgs(args: string): ScheduleArgs {
  const text = args.trim();
  if (text === '') return { kind: 'form' };
  const series = /^(?:series|serie|år|year)\s+(\S+)(?:\s+(\S+?)\s*[-–]\s*(\S+))?\s*$/iu.exec(text);
  if (series) return { kind: 'series', year: series[1]!, ...(series[2] ? { start: series[2], end: series[3] } : {}) };
  const quick = /^(\S+)(?:\s+(\d{1,2}[:.]\d{2})\s*[-–]\s*(\d{1,2}[:.]\d{2}))?\s*(.*)$/u.exec(text);
  const clock = (v: string | undefined) => v?.replace('.', ':').replace(/^(\d):/, '0$1:');
  return { kind: 'quick', date: quick?.[1], start: clock(quick?.[2]), end: clock(quick?.[3]), title: (quick?.[4] ?? '').trim() };
}

export interface RiskReviewArgs {
  code?: string;
  probability?: string;
  impact?: string;
  status?: string;
  note: string;
}

/**
 * `/risk review R2 S=3 K=3 status=handled <note>` (Swedish: `/risk uppföljning R2 … status=hanterad`):
 * undefined when the arguments are not a review. S, K and status may be left out (they stay as they are).
 */
export function parseRiskReviewArgs(args: string): RiskReviewArgs | undefined {
  const m = /^(?:review|follow-up|uppföljning|uppfoljning)\s*([\s\S]*)$/iu.exec(args.trim());
  if (!m) return undefined;
  let rest = m[1] ?? '';
  let status: string | undefined;
  rest = rest.replace(/(^|\s)status\s*[=:]\s*(\S+)/iu, (_w, lead: string, value: string) => {
    status = value;
    return lead;
  });
  const scored = parseRiskArgs(rest);
  const code = /^(\S+)/.exec(scored.threat)?.[1];
  const note = scored.threat.slice(code?.length ?? 0).trim();
  return { ...(code ? { code } : {}), probability: scored.probability, impact: scored.impact, ...(status ? { status } : {}), note };
}
