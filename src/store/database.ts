/**
 * Opens the store named by the configuration and brings its schema up to date. SQLite (better-sqlite3, WAL)
 * is the embedded default; PostgreSQL is the scale-out store. Both run the same migrations and repositories.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type DatabaseConnection, type Driver, type Migration, type MigrationProvider } from 'kysely';
import type { StoreConfig } from '../config';
import * as m0001 from './migrations/0001-initial';
import * as m0002 from './migrations/0002-groups';
import * as m0003 from './migrations/0003-meeting-lifecycle';
import * as m0004 from './migrations/0004-group-conversation-reference';
import * as m0005 from './migrations/0005-attendance';
import * as m0006 from './migrations/0006-notes-actions';
import * as m0007 from './migrations/0007-risk-reviews';
import * as m0008 from './migrations/0008-minutes';
import * as m0009 from './migrations/0009-capabilities';
import * as m0010 from './migrations/0010-audit';
import * as m0011 from './migrations/0011-secretary-order';
import * as m0012 from './migrations/0012-decision-headings-attachments';
import * as m0013 from './migrations/0013-agenda-breaks-headings';
import * as m0014 from './migrations/0014-meeting-imports';
import * as m0015 from './migrations/0015-meeting-cancellation';
import * as m0016 from './migrations/0016-transcripts';
import * as m0017 from './migrations/0017-notice-overview';
import * as m0018 from './migrations/0018-privacy';
import * as m0019 from './migrations/0019-decision-numbers';
import type { Database } from './schema';
import { createPostgresPool } from './postgres-pool';
import { startCheckpointer } from './sqlite-checkpointer';
import { GroupCommit, ownTransactions, type Transact } from './transactions';

const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-groups': m0002,
  '0003-meeting-lifecycle': m0003,
  '0004-group-conversation-reference': m0004,
  '0005-attendance': m0005,
  '0006-notes-actions': m0006,
  '0007-risk-reviews': m0007,
  '0008-minutes': m0008,
  '0009-capabilities': m0009,
  '0010-audit': m0010,
  '0011-secretary-order': m0011,
  '0012-decision-headings-attachments': m0012,
  '0013-agenda-breaks-headings': m0013,
  '0014-meeting-imports': m0014,
  '0015-meeting-cancellation': m0015,
  '0016-transcripts': m0016,
  '0017-notice-overview': m0017,
  '0018-privacy': m0018,
  '0019-decision-numbers': m0019,
};

class InCodeMigrations implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations);
  }
}

export type StoreKind = StoreConfig['kind'];

export interface OpenStore {
  db: Kysely<Database>;
  kind: StoreKind;
  /** How the repositories run write transactions: group commit on SQLite, one each on PostgreSQL (transactions.ts). */
  transact: Transact;
  close(): Promise<void>;
}

export interface StoreOptions {
  /**
   * SQLite: copy the write-ahead log into the database on a worker thread instead of inside commits (see
   * sqlite-checkpointer.ts). For the server, which commits on its event loop; scripts and tests write little.
   */
  checkpointInBackground?: boolean;
  /** Told when a background checkpoint failed (it is tried again). */
  onWarning?: (message: string) => void;
}

export async function openStore(config: StoreConfig, options: StoreOptions = {}): Promise<OpenStore> {
  const inBackground = config.kind === 'sqlite' && options.checkpointInBackground === true && config.file !== ':memory:';
  const db = config.kind === 'sqlite' ? openSqlite(config.file, inBackground) : await openPostgres(config, options.onWarning);
  // Kysely looks for its migration tables in every schema it can see; on PostgreSQL name the one we use
  // (the first on the search path), or a database with several schemas (tests, tenants) confuses it.
  const schema = config.kind === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: new InCodeMigrations(), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
  const group = config.kind === 'sqlite' ? new GroupCommit(db) : undefined;
  const transact = group ? group.run : ownTransactions(db);
  // Writes already asked for are committed before the connection closes.
  const destroy = async () => {
    await group?.idle();
    await db.destroy();
  };
  if (!inBackground) return { db, kind: config.kind, transact, close: destroy };
  const background = startCheckpointer(config.file, (message) => options.onWarning?.(`background checkpoint failed (tried again): ${message}`));
  return {
    db,
    kind: config.kind,
    transact,
    close: async () => {
      await destroy();
      // Last: its final checkpoint leaves the whole log in the database file.
      await background.stop();
    },
  };
}

function openSqlite(file: string, checkpointInBackground: boolean): Kysely<Database> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // A second process on the same file (a test, an import script) waits instead of failing at once.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // A 2xx means stored, also through an OS crash or power loss: the log is flushed at every commit. Group
  // commit (transactions.ts) makes that one flush for all the writes that arrived together.
  sqlite.pragma('synchronous = FULL');
  if (checkpointInBackground) sqlite.pragma('wal_autocheckpoint = 0');
  cachePreparedStatements(sqlite);
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
}

/**
 * Transactions that write begin IMMEDIATE: they take the write lock first (waiting up to busy_timeout for
 * another process's), instead of reading in a deferred transaction and then failing at once with
 * SQLITE_BUSY when another process (a second server, the import script) committed meanwhile — a failure
 * waiting cannot cure. Within one process Kysely's single connection runs one transaction at a time anyway.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection): Promise<void> => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running these small
 * queries (the benchmark's profile showed it at the top). Statements are kept by their SQL text. Safe
 * because Kysely runs one query at a time on the connection and never streams from two at once.
 */
function cachePreparedStatements(sqlite: SQLite.Database, max = 500): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(source, statement);
    }
    return statement;
  }) as SQLite.Database['prepare'];
}

/** `pg` is loaded only for PostgreSQL: an embedded (SQLite) server never carries it. */
async function openPostgres(config: Extract<StoreConfig, { kind: 'postgres' }>, onWarning?: (message: string) => void): Promise<Kysely<Database>> {
  const { pool } = await createPostgresPool({ url: config.url, size: config.poolSize ?? 10, timeoutMs: config.statementTimeoutMs ?? 5000, ...(onWarning ? { onWarning } : {}) });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** The error code a driver put on an error: SQLite's name, or PostgreSQL's SQLSTATE. */
const codeOf = (e: unknown): unknown => (typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined);

/** PostgreSQL aborted the statement to break a deadlock, or a serializable transaction: it changed nothing, run it again. */
export function isDeadlock(e: unknown): boolean {
  const code = codeOf(e);
  return code === '40P01' || code === '40001';
}

/** PostgreSQL refused a value of the statement: a data exception (SQLSTATE class 22) or a constraint (23) but a unique key's. */
export function refusesValues(e: unknown): boolean {
  const code = codeOf(e);
  return typeof code === 'string' && /^2[23]/.test(code) && code !== '23505';
}

/** A unique constraint refused the write (SQLite or PostgreSQL). */
export function isUniqueViolation(e: unknown): boolean {
  const code = codeOf(e);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
