/** Starts the real app (restify + botbuilder + store) in this process on a free port. */
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/app/ports';
import { start, type RunningApp } from '../../src/main';

/**
 * Jobs run when a test calls `app.runJobsOnce()`, not on the poll (an hour by default here), so a reminder
 * never lands in the middle of another test's replies. Retention is off unless a test sets it: its daily job
 * would otherwise count among the jobs a test expects to run.
 */
export async function startTestApp(databaseUrl: string, env: Record<string, string> = {}, clock?: Clock): Promise<RunningApp> {
  const config = loadConfig({
    env: { PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', BOT_ID: '', LOCAL_MODE: 'on', DEMO_WORKSPACE: 'off', JOB_POLL_SECONDS: '3600', RETENTION_ATTENDANCE_RAW_DAYS: 'never', RETENTION_ANSWERS_DAYS: 'never', ...env },
  });
  return start(config, clock ? { clock } : {});
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export async function postJson(url: string, body: unknown): Promise<HttpAnswer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the raw text for the assertion message.
  }
  return { status: res.status, body: parsed };
}

export const postActivity = (app: Pick<RunningApp, 'url'>, activity: unknown): Promise<HttpAnswer> => postJson(`${app.url}/api/messages`, activity);
