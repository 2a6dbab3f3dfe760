/**
 * Local mode is asked for, never fallen into: the real server, started as `npm start` starts it, refuses
 * to start without BOT_ID unless LOCAL_MODE=on, and refuses local mode next to a sign of a real tenant.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function startWith(env: Record<string, string>): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    // PORT 0 and an in-memory store: should it start after all, it would listen somewhere harmless; the timeout ends it.
    env: { ...process.env, PORT: '0', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

it('exits non-zero, naming BOT_ID and LOCAL_MODE, when neither is set', () => {
  const run = startWith({ BOT_ID: '', LOCAL_MODE: '' });
  expect(run.status).toBe(1);
  expect(run.output).toMatch(/Rådslag cannot start: Configuration key BOT_ID: .*LOCAL_MODE/);
});

it('exits non-zero in local mode next to a bot secret, naming it but not its value', () => {
  const run = startWith({ BOT_ID: '', LOCAL_MODE: 'on', SECRET_BOT_PASSWORD: 'hunter2-hunter2' });
  expect(run.status).toBe(1);
  expect(run.output).toContain('Configuration key SECRET_BOT_PASSWORD');
  expect(run.output).not.toContain('hunter2');
});
