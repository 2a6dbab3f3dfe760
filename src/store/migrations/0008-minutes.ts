import { sql, type Kysely } from 'kysely';

/**
 * Minutes versions: each is a snapshot of the content (JSON) with its hash. Approval fills in who and when;
 * an approved row is never updated again (the repository's updates all require the status they change from).
 * Also: the minutes read a meeting's risk reviews by meeting, and a risk keeps the S and K it was raised
 * with, so the minutes of the meeting that raised it do not change when a later meeting reviews it. (For a
 * risk already reviewed, the values it was raised with are not known: they stay empty.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('minutes_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_by_aad_object_id', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_by_id', 'text')
    .addColumn('sent_by_aad_object_id', 'text')
    .addColumn('sent_by_name', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('approved_by_id', 'text')
    .addColumn('approved_by_aad_object_id', 'text')
    .addColumn('approved_by_name', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('changes_by_id', 'text')
    .addColumn('changes_by_aad_object_id', 'text')
    .addColumn('changes_by_name', 'text')
    .addColumn('changes_at', 'text')
    .addColumn('changes_note', 'text')
    .addUniqueConstraint('minutes_versions_number_uq', ['tenant_id', 'meeting_id', 'version'])
    .execute();
  await db.schema.alterTable('risks').addColumn('raised_probability', 'integer').execute();
  await db.schema.alterTable('risks').addColumn('raised_impact', 'integer').execute();
  await sql`update risks set raised_probability = probability, raised_impact = impact where not exists (select 1 from risk_reviews where risk_reviews.risk_id = risks.id)`.execute(db);
  await db.schema.createIndex('risk_reviews_meeting_ix').on('risk_reviews').columns(['tenant_id', 'meeting_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('risk_reviews_meeting_ix').execute();
  await db.schema.alterTable('risks').dropColumn('raised_impact').execute();
  await db.schema.alterTable('risks').dropColumn('raised_probability').execute();
  await db.schema.dropTable('minutes_versions').execute();
}
