/**
 * The PostgreSQL connection pool, made to survive the database going away and coming back (a restart, a
 * failover, a cut network): every wait is bounded by the statement timeout, a connection that failed is
 * thrown away instead of going back to the pool, new connections are made as needed, and what the driver
 * says about a lost or refused connection becomes a StoreUnavailableError, which the edges answer 503.
 */
import type { Pool, PoolClient } from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { StoreUnavailableError } from '../app/ports';

export interface PostgresPoolOptions {
  url: string;
  /** Connections per instance (DATABASE_POOL_SIZE). */
  size: number;
  /** A statement, a connection attempt, and the wait for a free connection (DATABASE_STATEMENT_TIMEOUT_MS). */
  timeoutMs: number;
  /** Told when an idle connection dropped (a restart does that to all of them): the pool makes new ones. */
  onWarning?: (message: string) => void;
}

/** Socket errors that mean the server is not there (refused, reset, unreachable, not resolved). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * SQLSTATEs of a server that is going, gone, starting, full or too slow: connection exceptions (08…),
 * admin/crash shutdown and "starting up" (57P01–57P03), the statement timeout (57014), too many connections (53300).
 */
const UNAVAILABLE_STATES = /^(08...|57P0[123]|57014|53300)$/;
/**
 * What node-postgres itself says when the connection is lost or a timeout passes; and a prepared statement
 * whose table another instance's migration changed (the connection is dropped, and the retry prepares anew).
 */
const DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|is not queryable|Connection ended|cached plan must not change result type/i;

export function isConnectionFailure(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  return typeof message === 'string' && DRIVER_MESSAGES.test(message);
}

const unavailable = (e: unknown): unknown =>
  isConnectionFailure(e) ? new StoreUnavailableError(`the database did not answer: ${e instanceof Error ? e.message : String(e)}`, { cause: e }) : e;

/**
 * A statement that starts with `/* prepared:<name> *\/` is prepared once per connection under that name, so
 * PostgreSQL parses and plans it once: for the turn's look-up and the one-statement /decision, whose plans
 * cost as much as running them.
 */
const NAMED = /^\s*\/\* prepared:([a-z0-9-]+) \*\//;

const patched = new WeakSet<PoolClient>();
const broken = new WeakSet<PoolClient>();

/**
 * Kysely's pool: node-postgres' Pool whose clients report a lost connection as StoreUnavailableError and,
 * having lost it, are destroyed on release (pg-pool keeps a client whose query merely timed out).
 */
export async function createPostgresPool(options: PostgresPoolOptions): Promise<{ pool: PostgresPool; raw: Pool }> {
  const { Pool } = await import('pg');
  const raw = new Pool({
    connectionString: options.url,
    max: options.size,
    // Waiting for a free connection, or for a new one to be made, ends with an error after this long.
    connectionTimeoutMillis: options.timeoutMs,
    // The server cancels a statement that runs longer; the client gives up on one whose answer does not come
    // (a cut network sends no error at all).
    statement_timeout: options.timeoutMs,
    query_timeout: options.timeoutMs,
    keepAlive: true,
  });
  // An idle connection that the server closed (a restart) is removed by the pool; without a listener the
  // 'error' event would end the process.
  raw.on('error', (e) => options.onWarning?.(`an idle database connection was lost (the pool makes a new one when needed): ${e.message}`));
  const pool: PostgresPool = {
    async connect(): Promise<PostgresPoolClient> {
      let client: PoolClient;
      try {
        client = await raw.connect();
      } catch (e) {
        throw unavailable(e);
      }
      if (!patched.has(client)) {
        patched.add(client);
        // A checked-out client whose connection drops between two queries emits 'error', which pg-pool
        // listens for only while the client is idle: unheard, it would end the process.
        client.on('error', () => broken.add(client));
        const query = client.query.bind(client) as (q: string | { name: string; text: string; values: unknown[] }, parameters?: unknown[]) => Promise<unknown>;
        (client as unknown as { query: typeof query }).query = async (sql, parameters) => {
          try {
            const named = typeof sql === 'string' ? NAMED.exec(sql)?.[1] : undefined;
            return await (named && typeof sql === 'string' ? query({ name: named, text: sql, values: parameters ?? [] }) : query(sql, parameters));
          } catch (e) {
            if (isConnectionFailure(e)) broken.add(client);
            throw unavailable(e);
          }
        };
      }
      // pg-pool gives the client a new release function at every checkout.
      const release = client.release.bind(client);
      return Object.assign(client, {
        release: (destroy?: boolean) => release(destroy === true || broken.has(client) ? new Error('the connection failed; not reused') : undefined),
      });
    },
    end: () => raw.end(),
  };
  return { pool, raw };
}
