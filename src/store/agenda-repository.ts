import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AgendaRepository, StoredAgendaItem } from '../app/ports';
import type { AgendaItem, AgendaItemType } from '../domain/agenda';
import type { AgendaItemsTable, Database } from './schema';
import type { Transact } from './transactions';

const toItem = (r: Selectable<AgendaItemsTable>): StoredAgendaItem => ({
  number: Number(r.number),
  type: r.type as AgendaItemType,
  title: r.title,
  ...(r.responsible ? { responsible: r.responsible } : {}),
  plannedStart: r.planned_start,
  ...(r.description ? { description: r.description } : {}),
  ...(r.links ? { links: JSON.parse(r.links) as string[] } : {}),
  ...(r.actual_start ? { actualStart: r.actual_start } : {}),
});

export class SqlAgendaRepository implements AgendaRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly transact: Transact,
  ) {}

  async list(tenantId: string, meetingId: string): Promise<StoredAgendaItem[]> {
    const rows = await this.db.selectFrom('agenda_items').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('number').execute();
    return rows.map(toItem);
  }

  /** Replaces the agenda as a whole (it is edited as a whole), keeping when items that still exist started. */
  async replace(tenantId: string, meetingId: string, items: AgendaItem[]): Promise<void> {
    await this.transact(async (trx) => {
      const before = await trx.selectFrom('agenda_items').select(['number', 'actual_start']).where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).execute();
      const started = new Map(before.map((b) => [Number(b.number), b.actual_start]));
      await trx.deleteFrom('agenda_items').where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).execute();
      for (const item of items) {
        await trx
          .insertInto('agenda_items')
          .values({
            id: randomUUID(),
            tenant_id: tenantId,
            meeting_id: meetingId,
            number: item.number,
            type: item.type,
            title: item.title,
            responsible: item.responsible ?? null,
            planned_start: item.plannedStart,
            description: item.description ?? null,
            links: item.links && item.links.length > 0 ? JSON.stringify(item.links) : null,
            actual_start: started.get(item.number) ?? null,
          })
          .execute();
      }
    });
  }

  async markStarted(tenantId: string, meetingId: string, number: number, at: string): Promise<void> {
    await this.db
      .updateTable('agenda_items')
      .set({ actual_start: at })
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .where('number', '=', number)
      .where('actual_start', 'is', null)
      .execute();
  }
}
