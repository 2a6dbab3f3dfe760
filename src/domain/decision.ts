import { DomainError } from './errors';
import type { PersonRef } from './person';
import { requiredText, wellFormedText } from './text';

/**
 * A decision ("beslut"), numbered per meeting in the order stored (§1, §2, …) with no gaps or duplicates.
 * A retracted decision keeps its number and stays in the history. The council often writes a heading
 * ("Beslut om projektplan") before the sentence that says what was decided.
 */
export interface Decision {
  id: string;
  tenantId: string;
  meetingId: string;
  number: number;
  /** What the decision is about, written before its text; absent for a decision of one text. */
  heading?: string;
  text: string;
  recordedBy: PersonRef;
  recordedAt: string;
  /** The agenda item in progress when it was recorded. */
  agendaItem?: number;
  status: 'active' | 'retracted';
  retractedBy?: PersonRef;
  retractedAt?: string;
}

export const MAX_DECISION_HEADING = 200;

/** What `/decision` was given: the text, and the heading when one was written before a dash. */
export interface DecisionDraft {
  heading?: string;
  text: string;
}

export function decisionText(raw: string | undefined): string {
  return requiredText('decision', raw);
}

// An em dash, else an en dash, with space (or the line's edge) on both sides: "IT-säkerhet", "2027–2028" stay whole.
const SEPARATORS = [/(?:^|\s)—(?:\s|$)/, /(?:^|\s)–(?:\s|$)/];

/**
 * `<heading> — <text>` or `<text>`. Only the first line is looked at, and of the dashes there the first em
 * dash, else the first en dash, separates: the text after it may hold dashes of its own. An empty heading
 * or text is TEXT.EMPTY naming which, a heading over 200 characters TEXT.TOO_LONG.
 */
export function parseDecision(raw: string | undefined): DecisionDraft {
  const whole = wellFormedText(raw ?? '').trim();
  const lineEnd = whole.search(/\r?\n/);
  const firstLine = lineEnd < 0 ? whole : whole.slice(0, lineEnd);
  for (const separator of SEPARATORS) {
    const m = separator.exec(firstLine);
    if (!m) continue;
    const heading = requiredText('heading', firstLine.slice(0, m.index), MAX_DECISION_HEADING);
    return { heading, text: decisionText(whole.slice(m.index + m[0].length)) };
  }
  return { text: decisionText(whole) };
}

/** "§3" — how the minutes and cards refer to a decision. */
export const paragraph = (d: Pick<Decision, 'number'>): string => `§${d.number}`;

/** Whether a group writes its decisions with § numbers: yes unless it switched numbering off (and without a group). */
export const numbersDecisions = (group: { decisionNumbering?: boolean } | undefined): boolean => group?.decisionNumbering !== false;

const SWITCH_WORDS: Record<string, boolean> = { on: true, 'på': true, pa: true, off: false, av: false };

/** `/numbering on|off` (`/numrering på|av`): the word, or DECISION.BAD_NUMBERING quoting what was typed. */
export function numberingSwitch(raw: string | undefined): boolean {
  const word = (raw ?? '').trim().toLowerCase();
  if (!Object.hasOwn(SWITCH_WORDS, word)) throw new DomainError('DECISION.BAD_NUMBERING', { value: (raw ?? '').trim().slice(0, 200) });
  return SWITCH_WORDS[word]!;
}
