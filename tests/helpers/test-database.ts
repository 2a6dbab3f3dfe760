/**
 * A fresh, empty database for one test file: a temporary SQLite file, or — when DATABASE_URL names a
 * PostgreSQL database — a uniquely named schema in it, so parallel jest workers never share tables.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface TestDatabase {
  /** A DATABASE_URL for the app. */
  url: string;
  kind: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

export const testStoreKind = (): 'sqlite' | 'postgres' => (process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite');

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (base?.startsWith('postgres')) {
    const schema = `t_${process.pid}_${randomBytes(5).toString('hex')}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = new URL(base);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      url: url.toString(),
      kind: 'postgres',
      async drop() {
        const c = new Client({ connectionString: base });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-test-'));
  return {
    url: `sqlite:${path.join(dir, 'radslag.db')}`,
    kind: 'sqlite',
    drop() {
      fs.rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}
