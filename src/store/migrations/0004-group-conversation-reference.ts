import type { Kysely } from 'kysely';

/** Where to post to a group's chat on the app's own initiative (the notice reminder): its conversation reference. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('groups').addColumn('conversation_reference', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('groups').dropColumn('conversation_reference').execute();
}
