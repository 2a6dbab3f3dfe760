import type { Kysely } from 'kysely';

/**
 * Scheduling (Graph event, override of a charter rule, where to post), the agenda and its progress during
 * the meeting, notice answers, check-in answers, and durable jobs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const meetingColumns: Array<[string, 'text' | 'integer']> = [
    ['scheduled_by_id', 'text'],
    ['scheduled_by_aad_object_id', 'text'],
    ['scheduled_by_name', 'text'],
    ['schedule_source_key', 'text'],
    ['graph_event_id', 'text'],
    ['join_url', 'text'],
    ['override_rule', 'text'],
    ['override_reason', 'text'],
    ['override_by_name', 'text'],
    ['install_status', 'text'],
    ['conversation_reference', 'text'],
    ['agenda_activity_id', 'text'],
    ['current_item', 'integer'],
    ['started_at', 'text'],
    ['ended_at', 'text'],
    ['notice_activity_id', 'text'],
    ['notice_sent_at', 'text'],
    ['checkin_activity_id', 'text'],
  ];
  for (const [name, type] of meetingColumns) await db.schema.alterTable('meetings').addColumn(name, type).execute();
  await db.schema.createIndex('meetings_schedule_source_uq').unique().on('meetings').columns(['tenant_id', 'schedule_source_key']).execute();
  await db.schema.createIndex('meetings_group_ix').on('meetings').columns(['tenant_id', 'group_id', 'starts_at']).execute();
  await db.schema.createIndex('meetings_conversation_ix').on('meetings').columns(['tenant_id', 'conversation_id']).execute();

  // Decisions and risks recorded during the meeting belong to the agenda item in progress.
  await db.schema.alterTable('decisions').addColumn('agenda_item', 'integer').execute();
  await db.schema.alterTable('risks').addColumn('agenda_item', 'integer').execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('responsible', 'text')
    .addColumn('planned_start', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('links', 'text')
    .addColumn('actual_start', 'text')
    .addUniqueConstraint('agenda_items_number_uq', ['tenant_id', 'meeting_id', 'number'])
    .execute();

  // One answer per person and meeting; the person key is the Entra object id when known, else the channel account id.
  const answerTable = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
      .addColumn('person_key', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('person_aad_object_id', 'text')
      .addColumn('person_name', 'text', (c) => c.notNull())
      .addColumn('answered_at', 'text', (c) => c.notNull())
      .addColumn('via', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['tenant_id', 'meeting_id', 'person_key']);
  await answerTable('notice_responses')
    .addColumn('attending', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await answerTable('checkin_answers')
    .addColumn('mood', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('in_room', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // One job per purpose (e.g. "notice-reminder:<meeting>"): scheduling it twice keeps one.
    .addColumn('unique_key', 'text', (c) => c.notNull().unique())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_due_ix').on('jobs').columns(['status', 'run_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
  await db.schema.dropTable('checkin_answers').execute();
  await db.schema.dropTable('notice_responses').execute();
  await db.schema.dropTable('agenda_items').execute();
}
