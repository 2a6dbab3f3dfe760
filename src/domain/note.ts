import type { PersonRef } from './person';
import { requiredText } from './text';

/** A note ("anteckning") taken during a meeting, against the agenda item in progress. */
export interface Note {
  id: string;
  tenantId: string;
  meetingId: string;
  /** The agenda item in progress when it was taken. */
  agendaItem?: number;
  text: string;
  recordedBy: PersonRef;
  recordedAt: string;
}

export function noteText(raw: string | undefined): string {
  return requiredText('note', raw);
}
