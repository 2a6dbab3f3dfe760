/**
 * Erasure's safety net: after the per-table steps, every text column of every table the database has — read
 * from its catalog, so tables added later are covered without a list — is searched for the person's names,
 * addresses and ids, and each occurrence (in free text, JSON, a conversation reference) is replaced. Not the
 * audit trail (append-only by trigger) and not approved minutes (public records).
 *
 * Only the erasure's tenant: every select and update is `tenant_id = <tenant>`. A table without a
 * `tenant_id` column cannot be told apart by tenant and is not swept (today only `erasures`, the store's
 * pseudonym counter, which holds no one's data and is skipped anyway); `sweptTables` names them.
 */
import { sql, type Kysely, type RawBuilder, type TableMetadata, type Transaction } from 'kysely';
import type { Database } from './schema';

/** A string to find (any case, as a whole word) and what it becomes. */
export interface Replacement {
  find: string;
  replace: string;
}

const SKIP_TABLES = new Set(['audit_events', 'erasures', 'attendance_settled', 'retention_purges']);
const KEEP_ROWS: Record<string, RawBuilder<unknown>> = { minutes_versions: sql`status = 'approved'` };
const TEXT_TYPES = /^(text|varchar|character varying|char|character|bpchar|clob)/i;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Not inside a longer word: "Bo" is replaced in "Bo Ek", never in "Borås". */
const wordRegExp = (find: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(find)}(?![\\p{L}\\p{N}])`, 'giu');

/**
 * A LIKE pattern that finds every spelling the regular expression may replace: SQLite's LIKE folds ASCII
 * case only, so other letters (Å, Ö) become a one-character wildcard there; PostgreSQL's ILIKE folds all.
 */
function likePattern(find: string, kind: 'sqlite' | 'postgres'): string {
  const escaped = find.replace(/[\\%_]/g, (c) => `\\${c}`);
  return `%${kind === 'sqlite' ? escaped.replace(/[^\p{ASCII}]/gu, '_') : escaped}%`;
}

/** Replaces in every swept text column of the tenant's rows; adds the rows changed per `table.column` to `changed`. */
export async function sweep(trx: Transaction<Database>, kind: 'sqlite' | 'postgres', tenantId: string, replacements: readonly Replacement[], changed: Record<string, number>): Promise<void> {
  const wanted = replacements.filter((r) => r.find.trim().length > 0).sort((a, b) => b.find.length - a.find.length);
  if (wanted.length === 0) return;
  const db = trx as unknown as Kysely<Record<string, Record<string, string | null>>>;
  const schema = kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(trx)).rows[0]?.s : undefined;
  const tables = sweptTables(await trx.introspection.getTables(), schema);
  const like = kind === 'postgres' ? sql`ilike` : sql`like`;
  for (const table of tables) {
    const keep = KEEP_ROWS[table.name];
    const tenant = sql`tenant_id = ${tenantId}`;
    for (const column of table.columns.filter((c) => TEXT_TYPES.test(c.dataType))) {
      const col = sql.ref(column.name);
      const found = sql`(${sql.join(
        wanted.map((r) => sql`${col} ${like} ${likePattern(r.find, kind)} escape '\\'`),
        sql` or `,
      )})`;
      const where = keep ? sql`${tenant} and ${found} and not (${keep})` : sql`${tenant} and ${found}`;
      const rows = await sql<{ v: string }>`select distinct ${col} as v from ${sql.table(table.name)} where ${where}`.execute(db);
      for (const { v } of rows.rows) {
        const next = wanted.reduce((text, r) => text.replace(wordRegExp(r.find), r.replace), v);
        if (next === v) continue;
        const result = await sql`update ${sql.table(table.name)} set ${col} = ${next} where ${tenant} and ${col} = ${v}${keep ? sql` and not (${keep})` : sql``}`.execute(db);
        const key = `${table.name}.${column.name}`;
        changed[key] = (changed[key] ?? 0) + Number(result.numAffectedRows ?? 0);
      }
    }
  }
}

/** The tables the sweep reads: the schema's own, not skipped, and with a `tenant_id` column to scope by. */
export function sweptTables(tables: readonly TableMetadata[], schema: string | undefined): TableMetadata[] {
  return tables.filter((t) => !t.isView && !SKIP_TABLES.has(t.name) && (schema === undefined || t.schema === schema) && t.columns.some((c) => c.name === 'tenant_id'));
}
