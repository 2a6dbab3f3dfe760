import type { Kysely } from 'kysely';

/**
 * The capability map (issue 5): a group's target vision and capabilities, each organisation's
 * assessment per capability (one row per capability and organisation: a newer answer replaces it), the
 * imports and reminders by request id (the same request twice stores once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('capability_maps')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('vision', 'text')
    // The organisations taking part, as a JSON array of names; null: those the group's representatives speak for.
    .addColumn('organisations', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('capability_maps_pk', ['tenant_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('capabilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('code_key', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('capabilities_code_uq', ['tenant_id', 'group_id', 'code_key'])
    .execute();

  await db.schema
    .createTable('capability_assessments')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('capability_id', 'text', (c) => c.notNull().references('capabilities.id'))
    .addColumn('organisation_key', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('maturity', 'integer', (c) => c.notNull())
    .addColumn('importance', 'integer', (c) => c.notNull())
    .addColumn('assessed_by_id', 'text', (c) => c.notNull())
    .addColumn('assessed_by_aad_object_id', 'text')
    .addColumn('assessed_by_name', 'text', (c) => c.notNull())
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('capability_assessments_pk', ['tenant_id', 'capability_id', 'organisation_key'])
    .execute();
  await db.schema.createIndex('capability_assessments_group_ix').on('capability_assessments').columns(['tenant_id', 'group_id']).execute();

  await db.schema
    .createTable('capability_requests')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organisation_key', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('capability_requests_pk', ['tenant_id', 'request_id'])
    .execute();
  await db.schema.createIndex('capability_requests_group_ix').on('capability_requests').columns(['tenant_id', 'group_id', 'kind']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('capability_requests').execute();
  await db.schema.dropTable('capability_assessments').execute();
  await db.schema.dropTable('capabilities').execute();
  await db.schema.dropTable('capability_maps').execute();
}
