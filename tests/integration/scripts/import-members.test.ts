/**
 * `npm run import:members`: the script as its own process against a real store (SQLite by default,
 * PostgreSQL when DATABASE_URL names one), with a roster file as Swedish Excel writes it.
 */
import { DomainError } from '../../../src/domain/errors';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../../src/app';
import type { RequestContext } from '../../../src/app/context';
import type { Clock, Repositories } from '../../../src/app/ports';
import { loadConfig } from '../../../src/config';
import type { Group, Member } from '../../../src/domain/group';
import type { PersonRef } from '../../../src/domain/person';
import { minutesOptions } from '../../../src/minutes';
import { createRepositories, openStore, type OpenStore } from '../../../src/store';
import { parseRosterCsv, readable, RosterFileError, validateRow } from '../../../scripts/import-members';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

const root = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(root, 'tests/fixtures/members-e-rad.csv');
const TENANT = 'tenant-import';
const clock: Clock = { now: () => new Date('2026-01-15T09:00:00.000Z') };
const sara: PersonRef = { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman' };
const hakan: PersonRef = { id: '29:hakan', aadObjectId: 'aad-hakan', name: 'Håkan Sundberg' };

let db: TestDatabase;
let store: OpenStore;
let repos: Repositories;
let tmp: string;

beforeAll(async () => {
  db = await createTestDatabase();
  store = await openStore(loadConfig({ env: { DATABASE_URL: db.url } }).store);
  repos = createRepositories(store);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-import-'));
});

afterAll(async () => {
  await store.close();
  await db.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** A group made the way /setup makes it: Sara (organizer) and Håkan from the chat. */
async function aGroup(base: string, tenantId = TENANT): Promise<Group> {
  const ctx: RequestContext = {
    tenantId,
    conversationId: `19:import-${++n}@thread.v2`,
    caller: sara,
    directory: { meetingRoleOf: () => Promise.resolve('Attendee'), members: () => Promise.resolve([sara, hakan]) },
  };
  const result = await createServices(repos, clock, minutesOptions('import-test-key', 'https://radslag.example.org')).groups.setup(ctx, { name: `${base} ${n}` });
  if (result.kind !== 'created') throw new Error('expected a new group');
  return result.group;
}

/** Runs the script as `npm run import:members` would; env files are kept out (TEAMSFX_ENV without files). */
function runImport(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/import-members.ts', ...args],
      { cwd: root, env: { ...process.env, TEAMSFX_ENV: 'import-members-test', DATABASE_URL: db.url }, timeout: 25_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const byName = (members: Member[]) => new Map(members.map((m) => [m.person.name, m]));

it(`runs on the store this run is for (${process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite'})`, () => {
  expect(store.kind).toBe(db.kind);
});

describe('parsing', () => {
  it('reads Swedish headers, semicolons, a BOM and CRLF, numbering lines as the file does', () => {
    const file = parseRosterCsv(fs.readFileSync(FIXTURE, 'utf8'));
    expect(file.delimiter).toBe(';');
    expect(file.hasGroupColumn).toBe(false);
    // Line 7 is an empty Excel row (only semicolons): skipped, but it still counts.
    expect(file.lines.map((l) => l.line)).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);
    expect(file.lines[0]!.row).toEqual({ name: 'Henrik Röste', email: 'henrik.roste@example.org', organisation: 'Färgelanda', role: 'Ordförande', from: '2019-03-01', to: '2020-12-31' });
    expect(file.lines[2]!.row).toEqual({ name: 'Håkan Sundberg', organisation: 'Munkedal', role: 'ledamot', from: '2019-03-01' });
  });

  it('reads English headers with commas, a group column and a quoted value over two lines', () => {
    const file = parseRosterCsv('Group, NAME ,Organization,Role,From,To,ObjectId\n"E-råd Fyrbodal",Sara Herrman,"Fyrbodals\nkommunalförbund",organizer,2019-03-01,,aad-1\nBeredning,Henrik Röste,Färgelanda,chair,2019-03-01,2020-12-31,\n');
    expect(file.delimiter).toBe(',');
    expect(file.hasGroupColumn).toBe(true);
    expect(file.lines).toEqual([
      { line: 2, group: 'E-råd Fyrbodal', row: { name: 'Sara Herrman', organisation: 'Fyrbodals\nkommunalförbund', role: 'organizer', from: '2019-03-01', aadObjectId: 'aad-1' } },
      { line: 4, group: 'Beredning', row: { name: 'Henrik Röste', organisation: 'Färgelanda', role: 'chair', from: '2019-03-01', to: '2020-12-31' } },
    ]);
  });

  it('refuses unknown columns, listing the accepted headers', () => {
    expect(() => parseRosterCsv('Namn;Titel;Roll\nA;B;ledamot\n')).toThrow(RosterFileError);
    expect(() => parseRosterCsv('Namn;Titel;Roll\nA;B;ledamot\n')).toThrow(/Unknown column “Titel”\. Accepted headers .*name\/namn.*role\/roll/);
    expect(() => parseRosterCsv('Roll\nledamot\n')).toThrow(/no name column/);
    expect(() => parseRosterCsv('Namn;Name\nA;A\n')).toThrow(/keep one of “Namn” and “Name”/);
  });

  it('validates a line with the domain rules and says what is wrong in words', () => {
    expect(() => validateRow({ name: 'A', role: 'ordförande', from: '2019-03-01' }, '2026-01-15')).not.toThrow();
    expect(() => validateRow({ name: 'A', role: 'kung' }, '2026-01-15')).toThrow(expect.objectContaining({ code: 'MEMBER.BAD_ROLE' }));
    expect(() => validateRow({ name: ' ', role: 'ledamot' }, '2026-01-15')).toThrow(expect.objectContaining({ code: 'TEXT.EMPTY' }));
    expect(readable(new DomainError('MEMBER.BAD_ROLE', { value: 'kung' }))).toBe('“kung” is not a role. Use chair, viceChair, organizer, member or coopted.');
  });
});

describe('the script', () => {
  it('imports the council roster, reports the bad lines by number, and updates on a second run', async () => {
    const group = await aGroup('E-råd Fyrbodal');
    const first = await runImport([FIXTURE, '--group', group.name]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    // Sara and Håkan were in the roster from /setup: matched by name, so updated.
    expect(first.stdout).toContain(`${group.name} (tenant ${TENANT}): 6 added, 2 updated, 2 problems`);
    expect(first.stdout).toContain('line 8: “kung” is not a role.');
    expect(first.stdout).toMatch(/line 12: The membership period is wrong: start “2019-13-01”/);
    expect(first.stdout).not.toMatch(/line (2|3|4|5|6|7|9|10|11):/);

    const members = byName(await repos.groups.members(TENANT, group.id));
    expect([...members.keys()].sort()).toEqual(
      ['Henrik Röste', 'Niklas Faritzon', 'Håkan Sundberg', 'Susanne Korduner', 'Jan-Erik Samuelsson', 'Lena Aggestam', 'Titti Andersson', 'Sara Herrman'].sort(),
    );
    expect(members.get('Henrik Röste')).toMatchObject({ role: 'chair', organisation: 'Färgelanda', from: '2019-03-01', to: '2020-12-31', person: { email: 'henrik.roste@example.org' } });
    expect(members.get('Niklas Faritzon')).toMatchObject({ role: 'viceChair', organisation: 'Strömstad', from: '2019-03-01', to: '2020-12-31' });
    expect(members.get('Håkan Sundberg')).toMatchObject({ role: 'member', organisation: 'Munkedal', from: '2019-03-01', person: { aadObjectId: 'aad-hakan' } });
    expect(members.get('Håkan Sundberg')?.to).toBeUndefined();
    expect(members.get('Lena Aggestam')).toMatchObject({ role: 'coopted', organisation: 'Kommunakademin Väst' });
    expect(members.get('Titti Andersson')).toMatchObject({ role: 'coopted', organisation: 'Fyrbodals kommunalförbund' });
    expect(members.get('Sara Herrman')).toMatchObject({ role: 'organizer', person: { aadObjectId: 'aad-sara', email: 'sara.herrman@example.org' } });

    // The same file again: every good line matches its member.
    const second = await runImport([FIXTURE, '--group', group.name, '--tenant', TENANT]);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(`${group.name} (tenant ${TENANT}): 0 added, 8 updated, 2 problems`);
    expect(await repos.groups.members(TENANT, group.id)).toHaveLength(8);

    // Without the two bad lines the import succeeds.
    const good = path.join(tmp, 'good.csv');
    fs.writeFileSync(good, fs.readFileSync(FIXTURE, 'utf8').split(/\r\n/).filter((l) => !/kung|2019-13-01/.test(l)).join('\r\n'));
    const third = await runImport([good, '--group', group.name]);
    expect(third.stdout).toContain('0 added, 8 updated, 0 problems');
    expect(third.code).toBe(0);
  });

  it('with --dry-run reports the same problems and stores nothing', async () => {
    const group = await aGroup('Beredning e-råd');
    const before = await repos.groups.members(TENANT, group.id);
    const run = await runImport([FIXTURE, '--group', group.name, '--dry-run']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${group.name} (tenant ${TENANT}): 8 lines valid (dry run: nothing stored), 2 problems`);
    expect(run.stdout).toContain('line 8: “kung” is not a role.');
    expect(run.stdout).toMatch(/line 12: The membership period is wrong/);
    expect(await repos.groups.members(TENANT, group.id)).toEqual(before);
  });

  it('fills several groups from a group column, and fails for a group that does not exist', async () => {
    const council = await aGroup('Digital motor');
    const network = await aGroup('Nätverk e-samhälle');
    const file = path.join(tmp, 'groups.csv');
    fs.writeFileSync(
      file,
      [
        'grupp,namn,kommun,roll,från',
        `${council.name},Henrik Röste,Färgelanda,ordförande,2024-01-01`,
        `${network.name.toUpperCase()},Jörgen Haglund,Vänersborg,ledamot,2024-01-01`,
        'Ingen sådan grupp,Per Garenius,Lysekil,ledamot,2024-01-01',
      ].join('\n'),
    );
    const run = await runImport([file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${council.name} (tenant ${TENANT}): 1 added, 0 updated, 0 problems`);
    expect(run.stdout).toContain(`${network.name.toUpperCase()} (tenant ${TENANT}): 1 added, 0 updated, 0 problems`);
    expect(run.stdout).toMatch(/Ingen sådan grupp: No tenant has a group called “Ingen sådan grupp”.*pass --tenant/);
    expect(byName(await repos.groups.members(TENANT, network.id)).get('Jörgen Haglund')).toMatchObject({ role: 'member', organisation: 'Vänersborg', from: '2024-01-01' });
  });

  it('asks for --tenant when two tenants have a group of that name', async () => {
    const mine = await aGroup('Styrgrupp');
    const other = await createServices(repos, clock, minutesOptions('import-test-key', 'https://radslag.example.org')).groups.setup(
      { tenantId: 'tenant-other', conversationId: '19:other@thread.v2', caller: sara, directory: { meetingRoleOf: () => Promise.resolve('Attendee'), members: () => Promise.resolve([]) } },
      { name: mine.name },
    );
    expect(other.kind).toBe('created');
    const ambiguous = await runImport([FIXTURE, '--group', mine.name]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stdout).toContain(`Several tenants have a group called “${mine.name}”`);
    expect(ambiguous.stdout).toContain('pass --tenant <tenantId>');
    expect(await repos.groups.members(TENANT, mine.id)).toHaveLength(2);

    const chosen = await runImport([FIXTURE, '--group', mine.name, '--tenant', 'tenant-other']);
    expect(chosen.stdout).toContain(`${mine.name} (tenant tenant-other): 7 added, 1 updated, 2 problems`);
  });

  it('explains a file it cannot read: unknown columns, no group', async () => {
    const file = path.join(tmp, 'bad-header.csv');
    fs.writeFileSync(file, 'Namn;Titel\nSara Herrman;Processledare\n');
    const unknown = await runImport([file, '--group', 'x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown column “Titel”\. Accepted headers/);
    const noGroup = await runImport([FIXTURE]);
    expect(noGroup.code).toBe(1);
    expect(noGroup.stderr).toContain('The file has no group column: pass --group "<name>".');
    expect(noGroup.stderr).toContain('Usage: npm run import:members');
  });
});
