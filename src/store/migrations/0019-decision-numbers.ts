import type { Kysely } from 'kysely';

/**
 * The last § given in each meeting, for PostgreSQL's one-statement /decision (decision-repository.ts): an
 * upsert on this row serialises the meeting's writers and always sees the newest number, where a statement's
 * own snapshot would not. A meeting without a row (older ones, SQLite) starts from its decisions' highest §.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('decision_numbers')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_numbers_pk', ['tenant_id', 'meeting_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('decision_numbers').execute();
}
