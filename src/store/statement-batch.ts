/**
 * Statements that arrive together run as one (PostgreSQL): the first ask waits for the current round of I/O
 * callbacks, as SQLite's group commit does, and while a statement is out the asks that come wait for the next
 * one. Each ask is answered by a statement sent after it was made, so a read is never older than a query of
 * its own would have read, and a write is acknowledged only once its statement has committed. What it saves
 * is a round trip, a wake-up of a PostgreSQL backend and (for writes) a commit per request: on a machine
 * whose cores PostgreSQL shares with the app, most of a request's cost on PostgreSQL (docs/performance.md).
 */
import { setImmediate } from 'node:timers';
import { isStoreUnavailable } from '../app/ports';
import { refusesValues } from './database';

interface Ask<K, V> {
  key: K;
  waiters: Array<{ resolve: (value: V | undefined) => void; reject: (reason: unknown) => void }>;
}

export class StatementBatch<K, V> {
  private waiting = new Map<string, Ask<K, V>>();
  private scheduled = false;
  private running = false;

  /**
   * `runMany` answers the asks it is given by `keyOf` (an ask it has nothing for: undefined); what it answers
   * one must not depend on which others share the statement. Asks with the same key share one answer (a
   * write's key is unique to it).
   */
  constructor(
    private readonly keyOf: (key: K) => string,
    private readonly runMany: (keys: K[]) => Promise<Map<string, V>>,
    private readonly maxBatch = 100,
  ) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const k = this.keyOf(key);
      const ask = this.waiting.get(k) ?? { key, waiters: [] };
      ask.waiters.push({ resolve, reject });
      this.waiting.set(k, ask);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.waiting.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.next();
    });
  }

  private async next(): Promise<void> {
    this.running = true;
    const batch: Array<[string, Ask<K, V>]> = [];
    for (const entry of this.waiting) {
      if (batch.length === this.maxBatch) break;
      batch.push(entry);
    }
    for (const [k] of batch) this.waiting.delete(k);
    try {
      await this.answer(batch);
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  private async answer(batch: Array<[string, Ask<K, V>]>): Promise<void> {
    try {
      const found = await this.runMany(batch.map(([, ask]) => ask.key));
      for (const [k, ask] of batch) for (const w of ask.waiters) w.resolve(found.get(k));
    } catch (e) {
      // A value the database refuses (text it cannot store, a row a constraint forbids) must not fail the
      // others: each again alone, one after the other (a failed statement changed nothing). Anything else — a
      // database that is not there, read-only, out of resources — would fail them all alike: at once.
      if (batch.length === 1 || isStoreUnavailable(e) || !refusesValues(e)) {
        for (const [, ask] of batch) for (const w of ask.waiters) w.reject(e);
        return;
      }
      for (const entry of batch) await this.answer([entry]);
    }
  }
}
