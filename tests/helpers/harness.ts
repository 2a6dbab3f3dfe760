/**
 * The usual integration set-up: a fresh database, a fake Bot Connector and the real app in this process,
 * created before the file's tests and torn down after. Fields are filled in `beforeAll`.
 */
import type { Clock } from '../../src/app/ports';
import type { RunningApp } from '../../src/main';
import { FakeBotConnector } from '../fakes/bot-connector';
import { createTestDatabase, type TestDatabase } from './test-database';
import { startTestApp } from './test-app';

export interface Harness {
  db: TestDatabase;
  app: RunningApp;
  teams: FakeBotConnector;
  /** The fake connector's address, to put in activities' `serviceUrl`. */
  serviceUrl: string;
}

export function useHarness(env: Record<string, string> = {}, clock?: Clock): Harness {
  const h = { teams: new FakeBotConnector() } as Harness;
  beforeAll(async () => {
    h.db = await createTestDatabase();
    h.serviceUrl = await h.teams.start();
    h.app = await startTestApp(h.db.url, env, clock);
  });
  afterAll(async () => {
    await h.app?.stop();
    await h.teams.stop();
    await h.db?.drop();
  });
  return h;
}
