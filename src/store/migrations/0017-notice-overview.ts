import type { Kysely } from 'kysely';

/**
 * The notice as a live overview: where its card was posted (so an answer through a personal link updates
 * it in place), and the substitute a member names when they cannot attend.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('notice_conversation_reference', 'text').execute();
  await db.schema.alterTable('notice_responses').addColumn('substitute', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notice_responses').dropColumn('substitute').execute();
  await db.schema.alterTable('meetings').dropColumn('notice_conversation_reference').execute();
}
