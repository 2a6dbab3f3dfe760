/**
 * The minutes import's tests share this: a fresh store for the file (SQLite, or PostgreSQL when DATABASE_URL
 * names one), the script run in this process against it, and the row counts that show what was stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { main } from '../../scripts/import-minutes';
import { createServices, type Services } from '../../src/app';
import type { Clock, Repositories } from '../../src/app/ports';
import { loadConfig } from '../../src/config';
import type { Group } from '../../src/domain/group';
import type { Meeting } from '../../src/domain/meeting';
import { retainedLines } from '../../src/import/council-text';
import { minutesOptions } from '../../src/minutes';
import { createRepositories, openStore, type OpenStore } from '../../src/store';
import { createTestDatabase, type TestDatabase } from './test-database';

export const ROOT = path.resolve(__dirname, '../..');
export const SEED_001 = path.join(ROOT, 'tests/fixtures/minutes/001_cac08d927c86738c.txt');
export const SEED_003 = path.join(ROOT, 'tests/fixtures/minutes/003_0b11bbf2015957b8.txt');
export const TENANT = 'tenant-minutes';
export const clock: Clock = { now: () => new Date('2026-01-15T09:00:00.000Z') };

const TABLES = ['groups', 'members', 'meetings', 'meeting_imports', 'agenda_items', 'attendance_corrections', 'notes', 'decisions', 'risks', 'risk_reviews', 'attachments', 'minutes_versions', 'meeting_secretaries', 'meeting_adjusters'] as const;

export interface ImportHarness {
  db: TestDatabase;
  store: OpenStore;
  repos: Repositories;
  services: Services;
  tmp: string;
}

/** Registers the file's set-up and tear-down; the harness is filled in by the time the tests run. */
export function importHarness(): ImportHarness {
  const h = {} as ImportHarness;
  beforeAll(async () => {
    h.db = await createTestDatabase();
    h.store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
    h.repos = createRepositories(h.store);
    h.services = createServices(h.repos, clock, minutesOptions('import-test-key', 'https://radslag.example.org'));
    h.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-minutes-'));
  });
  afterAll(async () => {
    await h.store.close();
    await h.db.drop();
    fs.rmSync(h.tmp, { recursive: true, force: true });
  });
  return h;
}

/** The script in this process, on the harness's database; env files kept out (TEAMSFX_ENV without files). */
export async function runImport(h: ImportHarness, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { ...process.env, DATABASE_URL: h.db.url, TEAMSFX_ENV: 'import-minutes-test' };
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, { env, clock });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Rows per table: "stores nothing (new)" is checked on all of them. */
export async function rowCounts(h: ImportHarness): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(h.store.db)).rows[0]!.n);
  return out;
}

export async function groupNamed(h: ImportHarness, name: string): Promise<Group> {
  const group = await h.repos.groups.findByName(TENANT, name);
  if (!group) throw new Error(`no group ${name}`);
  return group;
}

/** The group's one meeting (it must have only one). */
export async function onlyMeeting(h: ImportHarness, group: Group): Promise<Meeting> {
  const meetings = await h.repos.meetings.listByGroup(TENANT, group.id, '2000', '2100');
  if (meetings.length !== 1) throw new Error(`${group.name} has ${meetings.length} meetings`);
  return meetings[0]!;
}

export function writeFile(h: ImportHarness, name: string, text: string): string {
  const file = path.join(h.tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

export const roundTrip = (source: string, file: string) => retainedLines(source, fs.readFileSync(file, 'utf8'));
