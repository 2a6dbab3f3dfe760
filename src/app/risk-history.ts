/** A risk's audit trail as the tab shows it: per event, the fields it set (raised) or changed (from → to). */
import type { AuditEvent } from '../domain/audit';
import { riskCode } from '../domain/risk';

export type HistoryField = 'probability' | 'impact' | 'status' | 'number';

export interface HistoryEntry {
  at: string;
  by: string;
  action: AuditEvent['action'];
  /** S and K as numbers, status as its key, a new number as the risk's code (R4). */
  changes: Array<{ field: HistoryField; from?: number | string; to: number | string }>;
}

const FIELDS = ['probability', 'impact', 'status'] as const;
/** A change may also renumber a risk (its chat's risks moved into a group's register). */
const CHANGED_FIELDS = [...FIELDS, 'number'] as const;
const value = (v: unknown): number | string | undefined => (typeof v === 'number' || typeof v === 'string' ? v : undefined);
/** A stored number goes out as the risk's code (R4), as everywhere else the tab shows a risk. */
const shown = (field: HistoryField, v: number | string | undefined): number | string | undefined => (field === 'number' && typeof v === 'number' ? riskCode({ number: v }) : v);

/** An audit event as the fields it set (created) or changed (from → to); other details stay in the store. */
export function historyChanges(action: AuditEvent['action'], details: Record<string, unknown>): HistoryEntry['changes'] {
  const changes: HistoryEntry['changes'] = [];
  if (action === 'change' && details.from && details.to && typeof details.from === 'object' && typeof details.to === 'object') {
    const from = details.from as Record<string, unknown>;
    const to = details.to as Record<string, unknown>;
    for (const field of CHANGED_FIELDS) {
      const before = shown(field, value(from[field]));
      const after = shown(field, value(to[field]));
      if (after !== undefined && before !== after) changes.push({ field, ...(before === undefined ? {} : { from: before }), to: after });
    }
  } else if (action === 'create') {
    for (const field of FIELDS) {
      const set = value(details[field]) ?? (field === 'status' ? 'open' : undefined);
      if (set !== undefined) changes.push({ field, to: set });
    }
  }
  return changes;
}

export const historyEntry = (e: AuditEvent): HistoryEntry => ({ at: e.at, by: e.actor.name, action: e.action, changes: historyChanges(e.action, e.details) });
