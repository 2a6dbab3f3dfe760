/**
 * The server's SQLite connection does not checkpoint inside its commits; a worker thread copies the
 * write-ahead log into the database file instead. Checked on real files: everything committed reaches the
 * database file, the log stays bounded while commits keep coming, and closing leaves nothing in the log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openStore } from '../../../src/store';
import { startCheckpointer } from '../../../src/store/sqlite-checkpointer';
import { eventually } from '../../helpers/eventually';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-checkpoint-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

it('leaves checkpoints to the worker, and closing leaves the whole log in the database file', async () => {
  const file = path.join(dir, 'server.db');
  const store = await openStore({ kind: 'sqlite', file }, { checkpointInBackground: true });
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
  expect(rows[0]?.wal_autocheckpoint).toBe(0);
  await sql`create table t (n integer primary key, text text not null)`.execute(store.db);
  for (let n = 1; n <= 300; n++) await store.db.transaction().execute((trx) => sql`insert into t (n, text) values (${n}, ${'x'.repeat(2000)})`.execute(trx));
  await store.close();
  // The last connection closed after its final checkpoint: SQLite removed the log, and the rows are in the file.
  expect(walBytes(file)).toBe(0);
  const reader = new SQLite(file, { readonly: true });
  expect(reader.prepare('select count(*) as n from t').get()).toEqual({ n: 300 });
  reader.close();
});

it('keeps the log bounded while commits keep coming, by restarting it once it has grown', async () => {
  const file = path.join(dir, 'busy.db');
  const writer = new SQLite(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = NORMAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.pragma('busy_timeout = 5000');
  writer.exec('create table t (n integer primary key, text text not null)');
  const warnings: string[] = [];
  const checkpointer = startCheckpointer(file, (m) => warnings.push(m), { intervalMs: 5, restartAboveFrames: 200 });
  const insert = writer.prepare('insert into t (text) values (?)');
  let largest = 0;
  try {
    // 3,000 commits of a 4 KB row: without checkpoints the log would pass 24 MB (two pages a commit).
    // In bursts of 20 with short pauses between, as a busy server's event loop has them.
    for (let i = 0; i < 3000; i++) {
      insert.run('y'.repeat(4000));
      largest = Math.max(largest, walBytes(file));
      if (i % 20 === 19) await new Promise((r) => setTimeout(r, 3));
    }
    // Half of what the log grows to without checkpoints: on a busy machine the worker gets its turn late and the
    // log may reach several MB before a RESTART (6.4 MB seen under a parallel test run), but it never runs away.
    expect(largest).toBeLessThan(12 * 1024 * 1024);
    await eventually(() => {
      // Everything committed so far is in the database file: a checkpoint now has nothing left to copy.
      const [state] = writer.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
      expect(state!.log).toBe(state!.checkpointed);
    });
  } finally {
    await checkpointer.stop();
    writer.close();
  }
  expect(warnings).toEqual([]);
  const reader = new SQLite(file, { readonly: true });
  expect(reader.prepare('select count(*) as n from t').get()).toEqual({ n: 3000 });
  reader.close();
});
