/**
 * Copies the SQLite write-ahead log back into the database file on a worker thread.
 *
 * By default SQLite does that copy (a "checkpoint", with an fsync) inside every ~140th commit, on the
 * thread that commits: with better-sqlite3 that is the event loop, so every request waiting meanwhile waits
 * too. The benchmark measured checkpoints at about half of what a commit costs. Here the server's
 * connection never checkpoints by itself (wal_autocheckpoint = 0); this worker's own connection does it,
 * PASSIVE (it never blocks a writer), a few times a second.
 *
 * The log starts afresh by itself: when a passive checkpoint has caught up with all of it, the next write
 * transaction writes from its start again. Under a constant stream of commits that moment may not come,
 * so once the log has grown past `restartAboveFrames` the worker asks for a RESTART checkpoint, which
 * holds the server's writes back until it is done (SQLite's busy handler sleeps 1, 2, 5, 10 … ms on the
 * event loop). With group commit (transactions.ts) the passive rounds catch up between batches, and under
 * the benchmark's load the log restarted by itself about once a second, at no more than about 7,000
 * frames; each RESTART at the earlier bound of 4,000 frames stalled the event loop for 4 to 16 ms, which
 * the p99 latency at 20 concurrent requests showed. The bound is now 16,000 frames (64 MB), a safety net.
 */
import { Worker } from 'node:worker_threads';

export interface Checkpointer {
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  restartAboveFrames?: number;
}

// Plain JavaScript run by the worker (an eval'd worker needs no build step and works under ts-jest and tsx).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 2000');
let stopping = false;
const checkpoint = () => {
  try {
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
    if (passive && passive.log > workerData.restartAboveFrames) db.pragma('wal_checkpoint(RESTART)');
  } catch (e) {
    // Busy or the file is going away: the next round tries again, and SQLite keeps the log consistent.
    if (!stopping) parentPort.postMessage({ error: String(e && e.message ? e.message : e) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  stopping = true;
  db.close();
  parentPort.close();
});
`;

/** Starts checkpointing `file` (a database already in WAL mode, whose own connection has auto-checkpoints off). */
export function startCheckpointer(file: string, onError: (message: string) => void, options: CheckpointerOptions = {}): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: require.resolve('better-sqlite3'),
      file,
      intervalMs: options.intervalMs ?? 200,
      restartAboveFrames: options.restartAboveFrames ?? 16_000,
    },
  });
  // A checkpointer never keeps the process alive; closing the store stops it.
  worker.unref();
  worker.on('message', (m: { error?: string }) => {
    if (m.error) onError(m.error);
  });
  worker.on('error', (e) => onError(e.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      worker.postMessage('stop');
      await exited;
    },
  };
}
