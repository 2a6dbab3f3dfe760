/** Meeting agendas (implemented in src/store). */
import type { AgendaEntry, AgendaItem } from '../../domain/agenda';

/** When a row actually began during the meeting. */
interface Started {
  actualStart?: string;
}

export type StoredAgendaItem = AgendaItem & Started;
/** A stored row: an item (with when it began), a break or the closing row. */
export type StoredAgendaEntry = AgendaEntry & Started;

export interface AgendaRepository {
  /** The rows in agenda order: items by number, breaks and the closing row at their times. */
  list(tenantId: string, meetingId: string): Promise<StoredAgendaEntry[]>;
  replace(tenantId: string, meetingId: string, entries: readonly AgendaEntry[]): Promise<void>;
  /** Records when an item began (the first time only). */
  markStarted(tenantId: string, meetingId: string, number: number, at: string): Promise<void>;
}
