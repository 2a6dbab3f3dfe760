/**
 * Queries on the busiest path (every chat command looks up its meeting, group and secretary; every
 * /decision numbers and inserts one), built and compiled by Kysely once and then run with new values —
 * Kysely's recipe "splitting build, compile and execute". Building and compiling a query anew each time
 * cost about as much as running it on SQLite in the benchmark's profile.
 *
 * The query is built with a marker in place of each value; compiling it shows where each marker went
 * among the parameters, and each run puts that run's values there. The SQL text never depends on the
 * values, so it suits queries whose shape is fixed: no `in (…)` lists, no optional clauses.
 */
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema';

type Slot = { param: string } | { value: unknown };

export interface PreparedQuery<P, R> {
  /** Runs on the store it was prepared for, or on a transaction of that store. */
  run(db: Kysely<Database>, params: P): Promise<R[]>;
}

/**
 * `build` makes the query from `param(name)` markers; it runs once, on the first use, against `root`
 * (the store whose dialect the SQL is written for).
 */
export function prepare<P extends Record<string, unknown>, R>(
  root: Kysely<Database>,
  build: (db: Kysely<Database>, param: <K extends keyof P & string>(name: K) => P[K]) => Compilable<R>,
): PreparedQuery<P, R> {
  let plan: { compiled: CompiledQuery<R>; slots: Slot[] } | undefined;
  const compile = () => {
    const markers = new Map<string, string>();
    const param = <K extends keyof P & string>(name: K): P[K] => {
      const marker = `\u0000prepared-parameter:${name}\u0000`;
      markers.set(marker, name);
      return marker as P[K];
    };
    const compiled = build(root, param).compile();
    const slots = compiled.parameters.map((v): Slot => (typeof v === 'string' && markers.has(v) ? { param: markers.get(v)! } : { value: v }));
    const used = new Set(slots.flatMap((s) => ('param' in s ? [s.param] : [])));
    const lost = [...markers.values()].filter((name) => !used.has(name));
    // A marker Kysely changed on its way to the parameters (it would be sent as text): refuse at once.
    if (lost.length > 0) throw new Error(`prepared query: parameter(s) ${lost.join(', ')} did not reach the compiled query`);
    return { compiled, slots };
  };
  return {
    async run(db, params) {
      plan ??= compile();
      const parameters = plan.slots.map((s) => ('param' in s ? params[s.param] : s.value));
      const result = await db.executeQuery<R>({ ...plan.compiled, parameters });
      return result.rows;
    },
  };
}

/**
 * Every column of a row as a parameter, for a prepared insert: `columns` names them all (a Record over the
 * row's keys, so a column added to the table and not here does not compile).
 */
export function everyColumn<Row extends Record<string, unknown>>(columns: Record<keyof Row & string, null>, param: <K extends keyof Row & string>(name: K) => Row[K]): Row {
  return Object.fromEntries(Object.keys(columns).map((c) => [c, param(c as keyof Row & string)])) as Row;
}
