/**
 * A manual check with a real PostgreSQL restart (the test suite simulates it with a proxy, so as not to
 * restart a server others share):
 *
 *   npm run build
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/radslag_restart \
 *   PG_RESTART="pg_ctlcluster --skip-systemctl-redirect 16 main restart" npx tsx bench/restart-check.ts
 *
 * Starts two instances on the database, sends 400 /decision activities for one meeting alternately to both
 * (every tenth to both at once: a redelivery), restarts PostgreSQL after the first 100, and then checks
 * that every request was answered (2xx or 503, nothing else, nothing hanging), that every 2xx is stored,
 * and — once the refused ones are delivered again, as Teams does — that the § numbers are exactly 1…400.
 */
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '../tests/helpers/spawned-app';
import { appArgs, decision, fastConnector, spawnNode } from './run';

const N = 400;

async function send(url: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
  await res.arrayBuffer();
  return res.status;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const restart = process.env.PG_RESTART;
  if (!url?.startsWith('postgres') || !restart) throw new Error('set DATABASE_URL=postgres://… and PG_RESTART="<the command that restarts PostgreSQL>"');
  const connector = await fastConnector();
  const env = { DATABASE_URL: url, BOT_ID: '', LOCAL_MODE: 'on', LOG_LEVEL: 'warn', DEMO_WORKSPACE: 'off', JOB_POLL_SECONDS: '3600' };
  const ports = [await freePort(), await freePort()];
  const apps = [await spawnNode(appArgs(), { ...env, PORT: String(ports[0]) }, ports[0]!), await spawnNode(appArgs(), { ...env, PORT: String(ports[1]) }, ports[1]!)];
  const prefix = `restart-${Date.now()}`;
  // Every activity for meeting 0 of the benchmark's chats: decision(i * 50) keeps the meeting, varies the id.
  const activity = (i: number) => ({ ...decision(connector.url, i * 50, prefix), id: `${prefix}-${i}` });
  try {
    const statuses = new Map<number, number[]>();
    let next = 0;
    let restarted: Promise<void> | undefined;
    const worker = async () => {
      for (let i = next++; i < N; i = next++) {
        // Asynchronously: the requests keep going while PostgreSQL stops and starts again.
        if (i === 100) restarted ??= promisify(exec)(restart).then(() => console.log('PostgreSQL restarted'));
        const targets = i % 10 === 0 ? apps : [apps[i % 2]!];
        statuses.set(i, await Promise.all(targets.map((a) => send(a.url, activity(i)).catch(() => -1))));
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    await restarted;
    const all = [...statuses.values()].flat();
    const count = (s: number) => all.filter((x) => x === s).length;
    console.log(`answers: ${count(200)} × 200, ${count(503)} × 503, ${all.length - count(200) - count(503)} other (must be 0)`);
    const db = new Client({ connectionString: url });
    await db.connect();
    const stored = async () =>
      (await db.query<{ source_key: string; number: number }>("select d.source_key, d.number from decisions d join meetings m on m.id = d.meeting_id where m.teams_meeting_id = 'bench-meeting-0' and d.source_key like $1 order by d.number", [`%${prefix}-%`])).rows;
    const keys = new Set((await stored()).map((r) => r.source_key));
    const lost = [...statuses].filter(([i, s]) => s.includes(200) && !keys.has(`activity:19:meeting_bench0@thread.v2:${prefix}-${i}`));
    console.log(`acknowledged but not stored: ${lost.length} (must be 0)`);
    // Teams delivers again what was not acknowledged.
    for (const [i, s] of statuses) if (!s.includes(200)) await send(apps[0]!.url, activity(i));
    const numbers = (await stored()).map((r) => Number(r.number));
    const first = numbers[0] ?? 0;
    const contiguous = numbers.length === N && numbers.every((n, k) => n === first + k);
    console.log(`stored after redelivery: ${numbers.length} decisions, numbers ${first}…${numbers[numbers.length - 1]} ${contiguous ? 'without gap or duplicate' : 'WITH A GAP OR DUPLICATE'}`);
    await db.end();
    if (all.length !== count(200) + count(503) || lost.length > 0 || !contiguous) process.exitCode = 1;
  } finally {
    for (const a of apps) await a.stop();
    await connector.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
