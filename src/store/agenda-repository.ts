import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AgendaRepository, StoredAgendaEntry } from '../app/ports';
import { isItem, type AgendaEntry, type AgendaItemType } from '../domain/agenda';
import type { AgendaItemsTable, Database } from './schema';
import type { Transact } from './transactions';

const toEntry = (r: Selectable<AgendaItemsTable>): StoredAgendaEntry => {
  if (r.kind === 'break' || r.kind === 'end') return { kind: r.kind, number: 0, plannedStart: r.planned_start, ...(r.title ? { title: r.title } : {}) };
  return {
    number: Number(r.number),
    type: r.type as AgendaItemType,
    title: r.title,
    ...(r.heading ? { heading: r.heading } : {}),
    ...(r.responsible ? { responsible: r.responsible } : {}),
    plannedStart: r.planned_start,
    ...(r.description ? { description: r.description } : {}),
    ...(r.links ? { links: JSON.parse(r.links) as string[] } : {}),
    ...(Number(r.from_template) === 1 ? { fromTemplate: true } : {}),
    ...(r.actual_start ? { actualStart: r.actual_start } : {}),
  };
};

export class SqlAgendaRepository implements AgendaRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly transact: Transact,
  ) {}

  async list(tenantId: string, meetingId: string): Promise<StoredAgendaEntry[]> {
    const rows = await this.db.selectFrom('agenda_items').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('number').execute();
    // Items by number; a break or the closing row (negative numbers) after the rows that start before it.
    const items = rows.filter((r) => Number(r.number) > 0);
    const breaks = rows.filter((r) => Number(r.number) <= 0).sort((a, b) => Number(b.number) - Number(a.number));
    const ordered: Array<Selectable<AgendaItemsTable>> = [];
    for (const item of items) {
      while (breaks.length > 0 && breaks[0]!.planned_start < item.planned_start) ordered.push(breaks.shift()!);
      ordered.push(item);
    }
    return [...ordered, ...breaks].map(toEntry);
  }

  /**
   * Replaces the agenda as a whole (it is edited as a whole), keeping when items that still exist started.
   * Items keep their numbers; breaks and the closing row are stored as -1, -2, … in their order.
   */
  async replace(tenantId: string, meetingId: string, entries: readonly AgendaEntry[]): Promise<void> {
    await this.transact(async (trx) => {
      const before = await trx.selectFrom('agenda_items').select(['number', 'actual_start']).where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).execute();
      const started = new Map(before.map((b) => [Number(b.number), b.actual_start]));
      await trx.deleteFrom('agenda_items').where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).execute();
      let breaks = 0;
      for (const entry of entries) {
        const row = isItem(entry)
          ? {
              number: entry.number,
              type: entry.type,
              title: entry.title,
              responsible: entry.responsible ?? null,
              description: entry.description ?? null,
              links: entry.links && entry.links.length > 0 ? JSON.stringify(entry.links) : null,
              actual_start: started.get(entry.number) ?? null,
              kind: null,
              heading: entry.heading ?? null,
              from_template: entry.fromTemplate ? 1 : 0,
            }
          : { number: -++breaks, type: '', title: entry.title ?? '', responsible: null, description: null, links: null, actual_start: null, kind: entry.kind, heading: null, from_template: 0 };
        await trx
          .insertInto('agenda_items')
          .values({ id: randomUUID(), tenant_id: tenantId, meeting_id: meetingId, planned_start: entry.plannedStart, ...row })
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
