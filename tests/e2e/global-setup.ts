/**
 * Before the browser tests: the tab is built (Vite, into dist/tab, which the server serves at /tab/), so the
 * tests always run against the tab of this checkout. Set E2E_SKIP_BUILD=1 to reuse a build while iterating.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM } from './browser';

export default function globalSetup(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`The browser tests drive Debian's Chromium at ${CHROMIUM}, which is missing: apt-get install -y chromium (never a downloaded browser).`);
  }
  if (process.env.E2E_SKIP_BUILD === '1' && fs.existsSync(path.join(__dirname, '../../dist/tab/index.html'))) return;
  const root = path.resolve(__dirname, '../..');
  // Jest sets NODE_ENV=test, which Vite would keep: React's development build would then be bundled.
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
