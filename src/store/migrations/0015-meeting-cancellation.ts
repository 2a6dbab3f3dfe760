import type { Kysely } from 'kysely';

/** A booked meeting can be cancelled (`/meetings`): kept, with when, so its history and audit stay; lists leave it out. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('cancelled_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('cancelled_at').execute();
}
