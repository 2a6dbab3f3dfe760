/**
 * `npx tsx bench/profile.ts`: the benchmark's 200-concurrent /decision load against Rådslag started with
 * `--cpu-prof`, for finding where a request's time goes. Writes the profile to bench/profiles/ (git-ignored)
 * and prints the functions with the most self time. `DATABASE_URL=postgres://…` profiles the PostgreSQL path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/helpers/spawned-app';
import { runLoad } from './load';
import { appArgs, decision, fastConnector, post, spawnNode } from './run';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

async function main(): Promise<void> {
  const dir = path.join(__dirname, 'profiles');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-profile-'));
  const connector = await fastConnector();
  const port = await freePort();
  const app = await spawnNode(['--cpu-prof', `--cpu-prof-dir=${dir}`, ...appArgs()], { PORT: String(port), DATABASE_URL: process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : `sqlite:${path.join(data, 'p.db')}`, BOT_ID: '', LOCAL_MODE: 'on', LOG_LEVEL: 'warn', DEMO_WORKSPACE: 'off', JOB_POLL_SECONDS: '3600' }, port);
  await runLoad(500, 50, (i) => post(app.url, decision(connector.url, i, 'warm')));
  const result = await runLoad(Number(process.env.BENCH_TOTAL ?? 3000), 200, (i) => post(app.url, decision(connector.url, i, 'prof')));
  await app.stop();
  await connector.close();
  console.log(`throughput ${result.throughput.toFixed(0)} req/s, p99 ${result.p99.toFixed(0)} ms`);
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { nodes: ProfileNode[] };
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    total += hits;
    const where = n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/work\/main\//, '');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  }
  const byPackage = new Map<string, number>();
  for (const n of profile.nodes) {
    const url = n.callFrame.url;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes('/dist/') ? 'radslag' : url.startsWith('node:') ? 'node' : n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : 'other');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + (n.hitCount ?? 0));
  }
  console.log('\nself time by package');
  for (const [k, v] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
  console.log('\nself time by function');
  for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
  fs.rmSync(data, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
