/** StatementBatch: which asks share a statement, and what each hears when the statement fails. */
import { StoreUnavailableError } from '../../../src/app/ports';
import { StatementBatch } from '../../../src/store/statement-batch';

/** A runMany that records each call and answers when released. */
function recorder(answer: (key: string) => string | undefined = (k) => `answer ${k}`) {
  const calls: string[][] = [];
  const pending: Array<() => void> = [];
  let out = 0;
  const most = { out: 0 };
  let fail: ((keys: string[]) => Error | undefined) | undefined;
  const runMany = (keys: string[]) => {
    calls.push(keys);
    most.out = Math.max(most.out, ++out);
    return new Promise<Map<string, string>>((resolve, reject) => {
      pending.push(() => {
        out--;
        const error = fail?.(keys);
        if (error) reject(error);
        else resolve(new Map(keys.flatMap((k) => (answer(k) === undefined ? [] : [[k, answer(k)!] as [string, string]]))));
      });
    });
  };
  const releaseAll = async () => {
    for (let i = 0; i < 10; i++) {
      for (const release of pending.splice(0)) release();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { calls, most, runMany, releaseAll, failWhen: (f: (keys: string[]) => Error | undefined) => (fail = f) };
}

it('runs the asks made in one round of I/O as one statement, one key once, and answers each its own', async () => {
  const r = recorder((k) => (k === 'none' ? undefined : `answer ${k}`));
  const batch = new StatementBatch<string, string>((k) => k, r.runMany);
  const answers = Promise.all(['a', 'b', 'a', 'none'].map((k) => batch.load(k)));
  await r.releaseAll();
  expect(await answers).toEqual(['answer a', 'answer b', 'answer a', undefined]);
  expect(r.calls).toEqual([['a', 'b', 'none']]);
});

it('answers an ask made while a statement is out by the next statement, not the one already sent', async () => {
  const r = recorder();
  const batch = new StatementBatch<string, string>((k) => k, r.runMany);
  const first = batch.load('a');
  await new Promise((res) => setImmediate(res));
  expect(r.calls).toEqual([['a']]);
  // The same key again: it may have changed since the statement out was sent, so it waits for a new one.
  const later = [batch.load('a'), batch.load('c')];
  await new Promise((res) => setImmediate(res));
  expect(r.calls).toHaveLength(1);
  await r.releaseAll();
  expect(await first).toBe('answer a');
  expect(await Promise.all(later)).toEqual(['answer a', 'answer c']);
  expect(r.calls).toEqual([['a'], ['a', 'c']]);
});

it('puts at most maxBatch asks in one statement', async () => {
  const r = recorder();
  const batch = new StatementBatch<string, string>((k) => k, r.runMany, 3);
  const answers = Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => batch.load(k)));
  await r.releaseAll();
  expect(await answers).toHaveLength(5);
  expect(r.calls).toEqual([['a', 'b', 'c'], ['d', 'e']]);
});

/** An error as node-postgres gives it: the SQLSTATE in `code`. */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

it('runs each ask alone, one after the other, when the database refuses a value, so only that ask fails', async () => {
  const r = recorder();
  const refused = pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00');
  r.failWhen((keys) => (keys.includes('bad') ? refused : undefined));
  const batch = new StatementBatch<string, string>((k) => k, r.runMany);
  const outcomes = Promise.allSettled(['a', 'bad', 'c'].map((k) => batch.load(k)));
  await r.releaseAll();
  expect(await outcomes).toEqual([
    { status: 'fulfilled', value: 'answer a' },
    { status: 'rejected', reason: refused },
    { status: 'fulfilled', value: 'answer c' },
  ]);
  expect(r.calls).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  // Never more than one statement out, the re-runs included.
  expect(r.most.out).toBe(1);
});

it.each([
  ['a read-only database (after a failover)', pgError('25006', 'cannot execute INSERT in a read-only transaction')],
  ['a unique key still taken after the writer’s retries', pgError('23505', 'duplicate key value violates unique constraint')],
  ['an error without a SQLSTATE', new Error('something else')],
])('fails every ask at once, without running them again, on %s', async (_, error) => {
  const r = recorder();
  r.failWhen(() => error);
  const batch = new StatementBatch<string, string>((k) => k, r.runMany);
  const outcomes = Promise.allSettled(['a', 'b', 'c'].map((k) => batch.load(k)));
  await r.releaseAll();
  expect((await outcomes).map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
  expect(r.calls).toEqual([['a', 'b', 'c']]);
});

it('fails every ask at once, without running them again, when the database is not there', async () => {
  const r = recorder();
  const away = new StoreUnavailableError('the database did not answer');
  r.failWhen(() => away);
  const batch = new StatementBatch<string, string>((k) => k, r.runMany);
  const outcomes = Promise.allSettled(['a', 'b'].map((k) => batch.load(k)));
  await r.releaseAll();
  expect((await outcomes).map((o) => (o.status === 'rejected' ? o.reason : o.value))).toEqual([away, away]);
  expect(r.calls).toEqual([['a', 'b']]);
  // …and the next ask runs as soon as it is made.
  r.failWhen(() => undefined);
  const next = batch.load('d');
  await r.releaseAll();
  expect(await next).toBe('answer d');
});
