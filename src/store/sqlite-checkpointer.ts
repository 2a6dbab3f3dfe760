/**
 * Checkpoints the SQLite write-ahead log on a worker thread, so that no commit on the event loop pays for
 * copying the log into the database file (the server's connection runs with wal_autocheckpoint = 0).
 * PASSIVE a few times a second, which never blocks a writer; RESTART, which holds writes back, only once the
 * log has passed `restartAboveFrames`, as a safety net. The measurements: docs/performance.md.
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
