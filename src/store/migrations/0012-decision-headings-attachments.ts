import type { Kysely } from 'kysely';

/**
 * Decisions as the council writes them: an optional heading before the text, and whether the group numbers
 * its decisions (§1, §2, …; on unless switched off, 0/1 as every boolean). And the meeting's attachments
 * ("Bilagor"): a title, a web address, the item in progress, who added it and when; one per request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').addColumn('heading', 'text').execute();
  await db.schema
    .alterTable('groups')
    .addColumn('decision_numbering', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('added_by_id', 'text', (c) => c.notNull())
    .addColumn('added_by_aad_object_id', 'text')
    .addColumn('added_by_name', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('attachments_source_key_uq', ['tenant_id', 'source_key'])
    .execute();
  await db.schema.createIndex('attachments_meeting_ix').on('attachments').columns(['tenant_id', 'meeting_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attachments').execute();
  await db.schema.alterTable('groups').dropColumn('decision_numbering').execute();
  await db.schema.alterTable('decisions').dropColumn('heading').execute();
}
