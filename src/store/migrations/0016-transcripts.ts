import type { Kysely } from 'kysely';

/**
 * Meeting transcripts fetched from Graph (issue 20): personal data, kept apart from the minutes and deleted
 * after the minutes' approval. `transcripts` holds one Graph transcript each (its cues as JSON text, read
 * whole); `transcript_meetings` says per meeting whether the chat was told and when the transcripts were
 * deleted (a fetch after that stores nothing); `transcript_group_settings` is the group's switch that lets
 * members read transcripts (0/1, off unless switched on).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('transcripts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('graph_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('attributed', 'integer', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('cues', 'text', (c) => c.notNull())
    .addUniqueConstraint('transcripts_graph_uq', ['tenant_id', 'meeting_id', 'graph_id'])
    .execute();
  await db.schema
    .createTable('transcript_meetings')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('announced_at', 'text')
    .addColumn('deleted_at', 'text')
    .addPrimaryKeyConstraint('transcript_meetings_pk', ['tenant_id', 'meeting_id'])
    .execute();
  await db.schema
    .createTable('transcript_group_settings')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('members_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('transcript_group_settings_pk', ['tenant_id', 'group_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('transcript_group_settings').execute();
  await db.schema.dropTable('transcript_meetings').execute();
  await db.schema.dropTable('transcripts').execute();
}
