import type { Kysely } from 'kysely';

/** Groups, their rosters with membership periods, and the links of meetings and risk registers to a group. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('preparation_group_id', 'text')
    .addColumn('notice_days', 'integer', (c) => c.notNull())
    .addColumn('preparation_days_before', 'integer', (c) => c.notNull())
    .addColumn('meetings_per_year', 'integer', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_by_aad_object_id', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('groups_name_uq', ['tenant_id', 'name_key'])
    .addUniqueConstraint('groups_conversation_uq', ['tenant_id', 'conversation_id'])
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('aad_object_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('organisation', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_group_ix').on('members').columns(['tenant_id', 'group_id']).execute();

  await db.schema.alterTable('meetings').addColumn('group_id', 'text').execute();
  await db.schema.alterTable('risk_registers').addColumn('group_id', 'text').execute();
  await db.schema.createIndex('risk_registers_group_ix').on('risk_registers').columns(['tenant_id', 'group_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('risk_registers_group_ix').execute();
  await db.schema.alterTable('risk_registers').dropColumn('group_id').execute();
  await db.schema.alterTable('meetings').dropColumn('group_id').execute();
  await db.schema.dropTable('members').execute();
  await db.schema.dropTable('groups').execute();
}
