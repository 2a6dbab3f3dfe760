/**
 * `/transcripts members on|off` (`/transkript ledamöter på|av`): whether the group's members read its
 * meetings' transcripts; and the transcript's first fetch after the meeting's end event.
 */
import { DomainError } from '../../src/domain/errors';
import { GraphFailure } from '../../src/graph/graph-errors';
import type { Meeting } from '../../src/domain/meeting';
import { transcriptCard, transcriptSettingCard } from '../cards/transcript.card';
import { cardMessage } from '../turn';
import { CHATS, command, type CommandFamily, type HandlerTurn } from './command';

const SWITCH: Readonly<Record<string, boolean>> = { on: true, off: false, 'på': true, av: false };

/** Empty shows the setting; `members on|off` (or `ledamöter på|av`) switches it. */
export function parseTranscriptSetting(args: string): boolean | undefined {
  const words = args.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const [who, value] = words.length === 1 ? ['members', words[0]!] : words;
  if (words.length > 2 || !(who === 'members' || who === 'ledamöter' || who === 'ledamoter') || !Object.hasOwn(SWITCH, value!)) {
    throw new DomainError('TRANSCRIPT.BAD_SETTING', { value: args.trim().slice(0, 200) });
  }
  return SWITCH[value!];
}

/**
 * After the end event: the transcript's fetches as durable jobs, and one try now. Graph has rarely made the
 * transcript this soon, and a refusal or throttling here is no error for the chat: the jobs try again.
 */
export async function transcriptsAfterEnd(turn: HandlerTurn, meeting: Meeting): Promise<void> {
  const transcripts = turn.services.transcripts;
  if (!transcripts) return;
  await transcripts.scheduleFetches(meeting);
  try {
    const outcome = await transcripts.fetchFor(meeting.tenantId, meeting.id);
    if (outcome.kind === 'denied') turn.services.log.warn({ meetingId: meeting.id }, outcome.message);
    if (outcome.kind !== 'fetched') return;
  } catch (e) {
    // Throttled past the Graph client's retries, or Graph unreachable: the jobs at the configured times fetch
    // it. Anything else (the store away, a defect) is the turn's error, not hidden here.
    if (!(e instanceof GraphFailure)) throw e;
    turn.services.log.warn({ err: e, meetingId: meeting.id }, 'transcript not fetched at the end event; the durable jobs try again');
    return;
  }
  const summary = await transcripts.announce(meeting.tenantId, meeting.id);
  if (summary) await turn.context.sendActivity(cardMessage(transcriptCard({ title: meeting.title ?? '', items: summary.items, minutes: summary.minutes, ...(summary.link ? { link: summary.link } : {}) }, turn.t)));
}

export const transcriptCommands: CommandFamily = {
  commands: [
    command({
      name: 'transcripts',
      sv: 'transkript',
      help: 'help.transcripts',
      usage: 'usage.transcripts',
      scopes: CHATS,
      parse: parseTranscriptSetting,
      run: async (turn, on) => {
        const transcripts = turn.services.transcripts;
        if (!transcripts) return;
        const setting = await transcripts.membersRead(turn.ctx, on);
        await turn.context.sendActivity(cardMessage(transcriptSettingCard(setting.groupName, setting.on, turn.t)));
      },
    }),
  ],
  cardActions: [],
};
