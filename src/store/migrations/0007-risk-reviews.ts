import type { Kysely } from 'kysely';

/**
 * Risk reviews: risks live across meetings and are followed up ("R1 handled since the last meeting");
 * each review keeps its date, meeting, S, K and note, and the risk takes the latest values.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('risk_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('agenda_item', 'integer')
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reviewed_by_id', 'text', (c) => c.notNull())
    .addColumn('reviewed_by_aad_object_id', 'text')
    .addColumn('reviewed_by_name', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('risk_reviews_source_uq', ['tenant_id', 'source_key'])
    .execute();
  await db.schema.createIndex('risk_reviews_risk_ix').on('risk_reviews').columns(['tenant_id', 'risk_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('risk_reviews').execute();
}
