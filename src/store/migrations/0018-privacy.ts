import type { Kysely } from 'kysely';

/**
 * Personal data: the attendance facts frozen per member when raw data is deleted (retention) or
 * pseudonymised (erasure), so statuses and rates stay; per meeting, when its raw data was deleted (a later
 * import must not bring it back); and the erasures' numbers, which make the pseudonyms unique.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attendance_settled')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('seconds', 'integer', (c) => c.notNull())
    .addColumn('checked_in', 'integer', (c) => c.notNull())
    .addColumn('gave_notice', 'integer', (c) => c.notNull())
    .addColumn('settled_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_settled_pk', ['tenant_id', 'meeting_id', 'member_id'])
    .execute();
  await db.schema
    .createTable('retention_purges')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('raw_deleted_at', 'text')
    .addColumn('answers_deleted_at', 'text')
    .addPrimaryKeyConstraint('retention_purges_pk', ['tenant_id', 'meeting_id'])
    .execute();
  // No tenant and nothing about the person: only the number the pseudonym carries.
  await db.schema
    .createTable('erasures')
    .addColumn('number', 'integer', (c) => c.primaryKey())
    .addColumn('erased_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('erasures').execute();
  await db.schema.dropTable('retention_purges').execute();
  await db.schema.dropTable('attendance_settled').execute();
}
