import type { Kysely } from 'kysely';

/**
 * Meetings imported from the council's minutes (`npm run import:minutes`): one row per meeting, keyed by
 * the hash of the document's content (one document, one meeting), whether the people it listed became the
 * group's roster, and the minutes' layout as JSON text (headings and columns as written, checked when read),
 * so the stored meeting can be written back in the same format. `completed_at` stays empty while an import
 * that failed half-way waits to be run again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_imports')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('members_from_minutes', 'integer', (c) => c.notNull())
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addUniqueConstraint('meeting_imports_source_key_uq', ['tenant_id', 'source_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('meeting_imports').execute();
}
