/**
 * `npx tsx bench/ratio.ts`: only the throughput comparison of the benchmark (200 concurrent, the bare bot
 * and Rådslag alternating three times), for checking a change to the request path quickly. The full
 * benchmark is `npm run bench`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/helpers/spawned-app';
import { runLoad } from './load';
import { appArgs, decision, fastConnector, post, spawnNode } from './run';

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_TOTAL ?? 5000);
  const connector = await fastConnector();
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-ratio-'));
  const barePort = await freePort();
  const bare = await spawnNode(['--import', 'tsx', 'bench/bare-bot.ts', String(barePort)], {}, barePort);
  const appPort = await freePort();
  // DATABASE_URL=postgres://… measures on PostgreSQL, as `npm run bench` does.
  const databaseUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : `sqlite:${path.join(data, 'r.db')}`;
  const app = await spawnNode(appArgs(), { PORT: String(appPort), DATABASE_URL: databaseUrl, BOT_ID: '', LOCAL_MODE: 'on', LOG_LEVEL: 'warn', DEMO_WORKSPACE: 'off', JOB_POLL_SECONDS: '3600' }, appPort);
  try {
    await runLoad(500, 50, (i) => post(bare.url, decision(connector.url, i, 'warm')));
    await runLoad(500, 50, (i) => post(app.url, decision(connector.url, i, 'warm')));
    const ratios: number[] = [];
    for (let round = 0; round < 3; round++) {
      const b = await runLoad(total, 200, (i) => post(bare.url, decision(connector.url, i, `b${round}`)));
      const a = await runLoad(total, 200, (i) => post(app.url, decision(connector.url, i, `a${round}`)));
      ratios.push(a.throughput / b.throughput);
      console.log(`round ${round + 1}: bare ${b.throughput.toFixed(0)} req/s, Rådslag ${a.throughput.toFixed(0)} req/s, ratio ${(a.throughput / b.throughput).toFixed(2)}`);
    }
    console.log(`median ratio ${[...ratios].sort((x, y) => x - y)[1]!.toFixed(2)}`);
  } finally {
    await app.stop();
    await bare.stop();
    await connector.close();
    fs.rmSync(data, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
