import type { Kysely } from 'kysely';

/**
 * The agenda as the council writes it: rows without number or type (`kind`: `break` for "PAUS 14.30",
 * `end` for "AVSLUT 16.00"; null for a numbered item), an item's own heading in the minutes, and whether
 * a row is still the untouched template (0/1, as every boolean), which gives way to the council's items.
 * Breaks are stored with negative numbers (the number column is unique per meeting and not null); only
 * items are numbered 1, 2, …. And when a meeting went through its whole agenda.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agenda_items').addColumn('kind', 'text').execute();
  await db.schema.alterTable('agenda_items').addColumn('heading', 'text').execute();
  await db.schema
    .alterTable('agenda_items')
    .addColumn('from_template', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // `/next` past the last item: the agenda is done and no item is in progress.
  await db.schema.alterTable('meetings').addColumn('agenda_done_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('agenda_done_at').execute();
  await db.schema.alterTable('agenda_items').dropColumn('from_template').execute();
  await db.schema.alterTable('agenda_items').dropColumn('heading').execute();
  await db.schema.alterTable('agenda_items').dropColumn('kind').execute();
}
