import { sql, type Kysely } from 'kysely';

/** Meetings, decisions, the conversation risk registers, risks and secretary appointments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('teams_meeting_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('organizer_aad_object_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('meetings_tenant_teams_meeting_uq', ['tenant_id', 'teams_meeting_id'])
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by_id', 'text', (c) => c.notNull())
    .addColumn('recorded_by_aad_object_id', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'retracted')`))
    .addColumn('retracted_by_id', 'text')
    .addColumn('retracted_by_aad_object_id', 'text')
    .addColumn('retracted_by_name', 'text')
    .addColumn('retracted_at', 'text')
    .addColumn('source_key', 'text', (c) => c.notNull())
    // § numbers: no duplicates within a meeting, even with two servers writing at once.
    .addUniqueConstraint('decisions_meeting_number_uq', ['tenant_id', 'meeting_id', 'number'])
    // Teams redelivers activities: the same request stores once.
    .addUniqueConstraint('decisions_source_uq', ['tenant_id', 'source_key'])
    .execute();

  await db.schema
    .createTable('risk_registers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('risk_registers_conversation_uq', ['tenant_id', 'conversation_id'])
    .execute();

  await db.schema
    .createTable('risks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('register_id', 'text', (c) => c.notNull().references('risk_registers.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('threat', 'text', (c) => c.notNull())
    .addColumn('vulnerability', 'text')
    .addColumn('consequence', 'text')
    .addColumn('probability', 'integer', (c) => c.notNull().check(sql`probability between 1 and 5`))
    .addColumn('impact', 'integer', (c) => c.notNull().check(sql`impact between 1 and 5`))
    .addColumn('action_needed', 'integer', (c) => c.notNull())
    .addColumn('action', 'text')
    .addColumn('owner', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'handled', 'closed')`))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('raised_by_id', 'text', (c) => c.notNull())
    .addColumn('raised_by_aad_object_id', 'text')
    .addColumn('raised_by_name', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('risks_register_number_uq', ['tenant_id', 'register_id', 'number'])
    .addUniqueConstraint('risks_source_uq', ['tenant_id', 'source_key'])
    .execute();

  await db.schema
    .createTable('meeting_secretaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('person_aad_object_id', 'text')
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('appointed_by_id', 'text', (c) => c.notNull())
    .addColumn('appointed_by_name', 'text', (c) => c.notNull())
    .addColumn('appointed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_secretaries_meeting_ix').on('meeting_secretaries').columns(['tenant_id', 'meeting_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['meeting_secretaries', 'risks', 'risk_registers', 'decisions', 'meetings']) await db.schema.dropTable(t).execute();
}
