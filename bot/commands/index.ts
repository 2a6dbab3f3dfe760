/**
 * The registry: every family of commands and card actions, in the order /help lists them. A new command
 * goes into its family's file; a new family is one line here.
 */
import type { CardAction, Command, CommandFamily } from './command';
import { agendaCommands } from './agenda';
import { assessmentCommands } from './assessments';
import { attachmentCommands } from './attachments';
import { attendanceCommands } from './attendance';
import { decisionCommands } from './decisions';
import { groupCommands } from './groups';
import { listCommands } from './lists';
import { meetingChangeActions } from './meeting-changes';
import { minutesCommands } from './minutes';
import { checkInCommands, noticeCommands } from './notice';
import { riskCommands } from './risks';
import { schedulingCommands } from './scheduling';
import { transcriptCommands } from './transcripts';

const FAMILIES: readonly CommandFamily[] = [
  decisionCommands,
  riskCommands,
  groupCommands,
  schedulingCommands,
  meetingChangeActions,
  noticeCommands,
  agendaCommands,
  checkInCommands,
  attendanceCommands,
  minutesCommands,
  transcriptCommands,
  attachmentCommands,
  assessmentCommands,
  listCommands,
];

type AnyCommand = CommandFamily['commands'][number];
type AnyCardAction = CommandFamily['cardActions'][number];

export const COMMANDS: readonly AnyCommand[] = FAMILIES.flatMap((f) => f.commands);

/** Every word a command is typed as, lower case. */
export const wordsOf = (c: Command<unknown>): string[] => [c.name, ...(c.sv ? [c.sv] : []), ...(c.aliases ?? [])];

function indexed<T>(entries: Array<[string, T]>, what: string): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [key, value] of entries) {
    // Two commands with one word, or two actions with one verb, would shadow each other silently.
    if (map.has(key)) throw new Error(`${what} "${key}" is registered twice`);
    map.set(key, value);
  }
  return map;
}

export const commandByWord: ReadonlyMap<string, AnyCommand> = indexed(
  COMMANDS.flatMap((c) => wordsOf(c).map((w): [string, AnyCommand] => [w.toLowerCase(), c])),
  'the command word',
);

export const cardActionByVerb: ReadonlyMap<string, AnyCardAction> = indexed(
  FAMILIES.flatMap((f) => f.cardActions.map((a: CardAction<unknown>): [string, AnyCardAction] => [a.verb, a])),
  'the card verb',
);
