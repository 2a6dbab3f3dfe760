import type { Kysely } from 'kysely';

/**
 * Attendance: the records of Graph's attendance reports (one row per record, so a re-import changes
 * nothing), the secretary's corrections (appended, the newest wins), and on the meeting its Graph
 * online-meeting id and the import's state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attendance_records')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('aad_object_id', 'text')
    .addColumn('record_tenant_id', 'text')
    .addColumn('email', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('seconds', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_records_pk', ['tenant_id', 'meeting_id', 'report_id', 'record_id'])
    .execute();

  await db.schema
    .createTable('attendance_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('by_id', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attendance_corrections_meeting_ix').on('attendance_corrections').columns(['tenant_id', 'meeting_id']).execute();

  for (const column of ['graph_meeting_id', 'attendance_imported_at', 'attendance_denied_at']) {
    await db.schema.alterTable('meetings').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attendance_corrections').execute();
  await db.schema.dropTable('attendance_records').execute();
}
