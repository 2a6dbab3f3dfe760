import type { Kysely } from 'kysely';

/**
 * Minutes, first slice: notes and actions taken during a meeting (one per request, by source key), and the
 * meeting's adjuster, appointed like the secretary (appended; the newest counts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item', 'integer')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by_id', 'text', (c) => c.notNull())
    .addColumn('recorded_by_aad_object_id', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('notes_source_key_uq', ['tenant_id', 'source_key'])
    .execute();
  await db.schema.createIndex('notes_meeting_ix').on('notes').columns(['tenant_id', 'meeting_id']).execute();

  await db.schema
    .createTable('actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item', 'integer')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('due', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_by_aad_object_id', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_by_id', 'text')
    .addColumn('done_by_aad_object_id', 'text')
    .addColumn('done_by_name', 'text')
    .addColumn('done_at', 'text')
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('actions_source_key_uq', ['tenant_id', 'source_key'])
    .execute();
  await db.schema.createIndex('actions_group_ix').on('actions').columns(['tenant_id', 'group_id', 'status']).execute();
  await db.schema.createIndex('actions_meeting_ix').on('actions').columns(['tenant_id', 'meeting_id']).execute();

  await db.schema
    .createTable('meeting_adjusters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('person_aad_object_id', 'text')
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('appointed_by_id', 'text', (c) => c.notNull())
    .addColumn('appointed_by_name', 'text', (c) => c.notNull())
    .addColumn('appointed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_adjusters_meeting_ix').on('meeting_adjusters').columns(['tenant_id', 'meeting_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('meeting_adjusters').execute();
  await db.schema.dropTable('actions').execute();
  await db.schema.dropTable('notes').execute();
}
