import type { PersonRef } from './person';
import { requiredText } from './text';

/**
 * A decision ("beslut"), numbered per meeting in the order stored (§1, §2, …) with no gaps or duplicates.
 * A retracted decision keeps its number and stays in the history.
 */
export interface Decision {
  id: string;
  tenantId: string;
  meetingId: string;
  number: number;
  text: string;
  recordedBy: PersonRef;
  recordedAt: string;
  /** The agenda item in progress when it was recorded. */
  agendaItem?: number;
  status: 'active' | 'retracted';
  retractedBy?: PersonRef;
  retractedAt?: string;
}

export function decisionText(raw: string | undefined): string {
  return requiredText('decision', raw);
}

/** "§3" — how the minutes and cards refer to a decision. */
export const paragraph = (d: Pick<Decision, 'number'>): string => `§${d.number}`;
