/**
 * `npx tsx bench/cpu.ts`: the benchmark's 200-concurrent (BENCH_CONCURRENCY) /decision load against Rådslag alone, reporting the
 * CPU each request costs in the app process (user and system), in PostgreSQL's processes (with
 * `DATABASE_URL=postgres://…`, a server on this machine) and in this process (load generator and fake
 * connector), read from `/proc`. For finding which side of the store a change moves.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/helpers/spawned-app';
import { runLoad } from './load';
import { appArgs, decision, fastConnector, post, spawnNode } from './run';

const TICKS_PER_SECOND = 100;

/** CPU milliseconds of a process so far: user, system. */
function cpuOf(pid: number | string): { user: number; system: number } {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: (Number(fields[11]) * 1000) / TICKS_PER_SECOND, system: (Number(fields[12]) * 1000) / TICKS_PER_SECOND };
}

function postgresCpu(): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (/\((postgres|postmaster)\)/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))) {
        const c = cpuOf(pid);
        total += c.user + c.system;
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_TOTAL ?? 5000);
  const connector = await fastConnector();
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-cpu-'));
  const port = await freePort();
  const databaseUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : `sqlite:${path.join(data, 'c.db')}`;
  const app = await spawnNode(appArgs(), { PORT: String(port), DATABASE_URL: databaseUrl, BOT_ID: '', LOCAL_MODE: 'on', LOG_LEVEL: 'warn', DEMO_WORKSPACE: 'off', JOB_POLL_SECONDS: '3600' }, port);
  try {
    await runLoad(500, 50, (i) => post(app.url, decision(connector.url, i, 'warm')));
    for (let round = 0; round < Number(process.env.BENCH_ROUNDS ?? 3); round++) {
      const app0 = cpuOf(app.child.pid!);
      const pg0 = postgresCpu();
      const self0 = process.cpuUsage();
      const result = await runLoad(total, Number(process.env.BENCH_CONCURRENCY ?? 200), (i) => post(app.url, decision(connector.url, i, `cpu${round}`)));
      const app1 = cpuOf(app.child.pid!);
      const self = process.cpuUsage(self0);
      const per = (ms: number) => (ms / total).toFixed(2);
      console.log(
        `round ${round + 1}: ${result.throughput.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms; CPU per request: app ${per(app1.user - app0.user)} ms user + ${per(app1.system - app0.system)} ms system, PostgreSQL ${per(postgresCpu() - pg0)} ms, load generator ${per((self.user + self.system) / 1000)} ms`,
      );
    }
  } finally {
    await app.stop();
    await connector.close();
    fs.rmSync(data, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
