/** Meeting agendas (implemented in src/store). */
import type { AgendaItem } from '../../domain/agenda';

export interface StoredAgendaItem extends AgendaItem {
  /** When the item actually began during the meeting. */
  actualStart?: string;
}

export interface AgendaRepository {
  list(tenantId: string, meetingId: string): Promise<StoredAgendaItem[]>;
  replace(tenantId: string, meetingId: string, items: AgendaItem[]): Promise<void>;
  /** Records when an item began (the first time only). */
  markStarted(tenantId: string, meetingId: string, number: number, at: string): Promise<void>;
}
