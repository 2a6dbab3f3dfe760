import { DomainError } from './errors';
import { normaliseName, type PersonRef } from './person';
import { parseDate, type IsoDate } from './stockholm-time';
import { requiredText } from './text';

/**
 * An action ("åtgärd", "uppdrag"): something someone must do, with an owner and a due date. It stays open
 * across meetings until marked done; done keeps who and when.
 */
export interface Action {
  id: string;
  tenantId: string;
  /** The group whose meetings follow it up; none for a meeting chat not linked to a group. */
  groupId?: string;
  meetingId: string;
  agendaItem?: number;
  text: string;
  /** The owner's name as typed (owners may be people outside Teams). */
  owner?: string;
  due?: IsoDate;
  status: 'open' | 'done';
  createdBy: PersonRef;
  createdAt: string;
  doneBy?: PersonRef;
  doneAt?: string;
}

/** What `/action` says, checked: the text, and the owner and due date when given. */
export interface ActionDraft {
  text: string;
  owner?: string;
  due?: IsoDate;
}

const OWNER_WORDS = ['owner', 'ansvarig'];
const DUE_WORDS = ['due', 'senast', 'klart'];
const FIELD_PATTERN = new RegExp(`(^|\\s)(${[...OWNER_WORDS, ...DUE_WORDS].join('|')})\\s*:`, 'giu');

/**
 * `<text> [owner: <name>] [due: YYYY-MM-DD]`, with the Swedish `ansvarig:` and `senast:`/`klart:`, in any
 * order. The owner runs to the next field (or the end); the due date is one word, and words after it are
 * text again. Throws a DomainError naming what is wrong; a due date it cannot read is quoted whole
 * (`due: 15 januari` → "15 januari", not "15").
 */
export function parseActionArgs(args: string): ActionDraft {
  const source = args.replace(/<\/?at>/g, '');
  const marks = [...source.matchAll(FIELD_PATTERN)].map((m) => ({
    word: m[2]!.toLowerCase(),
    start: m.index + m[1]!.length,
    end: m.index + m[0].length,
  }));
  const textParts = [source.slice(0, marks[0]?.start ?? source.length)];
  let owner: string | undefined;
  let due: string | undefined;
  marks.forEach((mark, i) => {
    const value = source.slice(mark.end, marks[i + 1]?.start ?? source.length).trim();
    if (OWNER_WORDS.includes(mark.word)) {
      if (owner !== undefined) throw new DomainError('ACTION.REPEATED_FIELD', { field: 'owner' });
      owner = value.replace(/^@/, '');
    } else {
      if (due !== undefined) throw new DomainError('ACTION.REPEATED_FIELD', { field: 'due' });
      const [first = '', ...rest] = value.split(/\s+/);
      // A date is one word and the words after it are text again; anything else is the value it could not read, whole.
      if (isCalendarDate(first)) {
        due = first;
        textParts.push(rest.join(' '));
      } else due = value;
    }
  });
  const text = requiredText('action', textParts.join(' ').replace(/\s+/g, ' '));
  return {
    text,
    ...(owner !== undefined ? { owner: requiredText('owner', owner, 200) } : {}),
    ...(due !== undefined ? { due: parseDate(due, 'due') } : {}),
  };
}

function isCalendarDate(word: string): boolean {
  try {
    parseDate(word, 'due');
    return true;
  } catch (e) {
    // Not a date: the caller quotes the whole value in its own refusal.
    if (e instanceof DomainError) return false;
    throw e;
  }
}

/** The owner named on an action, by name (owners are typed, so the name is what there is to compare). */
export function isOwner(action: Pick<Action, 'owner'>, person: PersonRef): boolean {
  return action.owner !== undefined && normaliseName(action.owner) === normaliseName(person.name);
}

/** Open actions, oldest first. */
export const byCreation = (a: Action, b: Action): number => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * Open actions "reappear under the next meeting's first item": the group's open actions recorded in its
 * other meetings — for minutes written later, only those recorded before this meeting began.
 */
export function carriedOver(open: readonly Action[], meetingId: string, recordedBefore?: string): Action[] {
  return open.filter((a) => a.meetingId !== meetingId && (recordedBefore === undefined || a.createdAt < recordedBefore));
}
