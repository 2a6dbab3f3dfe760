/**
 * `npm run import:members -- <file.csv> [--group "<name>"] [--tenant <tenantId>] [--dry-run]`: fills group
 * rosters from a CSV file (English or Swedish headers, comma or semicolon as Excel writes them). The import
 * itself is GroupService.importMembers; this file parses the file, picks the tenant and reports.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { createServices } from '../src/app';
import type { MemberRow } from '../src/app/group-service';
import { systemClock, type Repositories } from '../src/app/ports';
import { ConfigError, loadConfig } from '../src/config';
import { DomainError } from '../src/domain/errors';
import { groupNameKey, membershipPeriod, organisationName, parseRole } from '../src/domain/group';
import { requiredText } from '../src/domain/text';
import { errorKey, translator } from '../src/i18n';
import { minutesOptions } from '../src/minutes';
import { createRepositories, openStore } from '../src/store';

type Column = keyof MemberRow | 'group';

const HEADERS: Record<string, Column> = {
  group: 'group',
  grupp: 'group',
  name: 'name',
  namn: 'name',
  email: 'email',
  'e-post': 'email',
  epost: 'email',
  organisation: 'organisation',
  organization: 'organisation',
  kommun: 'organisation',
  'organisation (kommun)': 'organisation',
  role: 'role',
  roll: 'role',
  from: 'from',
  från: 'from',
  fran: 'from',
  to: 'to',
  till: 'to',
  aadobjectid: 'aadObjectId',
  objectid: 'aadObjectId',
};

const ACCEPTED_HEADERS =
  'group/grupp, name/namn, email/e-post/epost, organisation/organization/kommun/organisation (kommun), role/roll, from/från/fran, to/till, aadObjectId/objectId';

export const USAGE = `Usage: npm run import:members -- <file.csv> [--group "<name>"] [--tenant <tenantId>] [--dry-run]

  <file.csv>   roster with a header row; comma or semicolon separated (Swedish Excel), UTF-8
  --group      the group to fill; a group/grupp column in the file wins where it is filled in
  --tenant     the tenant of the group(s); default: the host tenant, else the one tenant with that group
  --dry-run    check every line and report, store nothing

Headers (any case): ${ACCEPTED_HEADERS}
Roles: chair/ordförande, viceChair/vice ordförande, organizer/processledare, member/ledamot, coopted/adjungerad.
Dates: YYYY-MM-DD; an empty "from" means today, an empty "to" an open membership.
Exit code 0 when every line was imported (or, with --dry-run, is valid); 1 otherwise.`;

/** A file that cannot be read as a roster at all (nothing is imported). */
export class RosterFileError extends Error {
  override name = 'RosterFileError';
}

/** One data line of the file: its line number (the header is line 1), its group cell if any, the roster fields. */
export interface ParsedLine {
  line: number;
  group?: string;
  row: MemberRow;
}

export interface ParsedFile {
  delimiter: ',' | ';';
  hasGroupColumn: boolean;
  lines: ParsedLine[];
}

const headerKey = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

/** Maps a header row to columns; throws for an unknown or repeated header, or a missing name column. */
export function mapHeaders(headers: readonly string[]): Array<Column | undefined> {
  const columns = headers.map((h) => (headerKey(h) === '' ? undefined : HEADERS[headerKey(h)]));
  const unknown = headers.filter((h, i) => headerKey(h) !== '' && columns[i] === undefined);
  if (unknown.length > 0) {
    throw new RosterFileError(`Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((h) => `“${h}”`).join(', ')}. Accepted headers (any case): ${ACCEPTED_HEADERS}.`);
  }
  const twice = columns.find((c, i) => c !== undefined && columns.indexOf(c) !== i);
  if (twice) throw new RosterFileError(`Two columns give the ${twice}: keep one of ${headers.filter((_, i) => columns[i] === twice).map((h) => `“${h}”`).join(' and ')}.`);
  if (!columns.includes('name')) throw new RosterFileError(`The file has no name column (name or namn). Accepted headers (any case): ${ACCEPTED_HEADERS}.`);
  return columns;
}

/** Semicolon when the header line has more semicolons than commas (Swedish Excel), else comma. */
export function detectDelimiter(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** Parses the whole file; rows are returned as typed, for GroupService (or `validateRow`) to check. */
export function parseRosterCsv(text: string): ParsedFile {
  const normalised = text.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(normalised);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, each record comes as { record, info } (the typings do not say so).
    records = parse(normalised, { bom: true, delimiter, trim: true, info: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as unknown as typeof records;
  } catch (e) {
    throw new RosterFileError(`The file is not valid CSV: ${e instanceof Error ? e.message : String(e)}`);
  }
  const [header, ...data] = records;
  if (!header) throw new RosterFileError('The file is empty: it needs a header row and one line per member.');
  const columns = mapHeaders(header.record);
  const lines = data.map(({ record, info }): ParsedLine => {
    const fields: Partial<Record<Column, string>> = {};
    record.forEach((value, i) => {
      const column = columns[i];
      if (column && value !== '') fields[column] = value;
    });
    const { group, ...row } = fields;
    // info.lines is where the record ends; a quoted value may span lines.
    const line = info.lines - record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    return { line, ...(group ? { group } : {}), row };
  });
  return { delimiter, hasGroupColumn: columns.includes('group'), lines };
}

/** The checks GroupService.importMembers makes on a line, without storing: throws its DomainError. */
export function validateRow(row: MemberRow, today: string): void {
  requiredText('name', row.name, Number.MAX_SAFE_INTEGER);
  membershipPeriod(row.from || today, row.to);
  parseRole(row.role || 'member');
  organisationName(row.organisation);
}

/** Lines per group (by folded name); lines without a group (no cell, no --group) are returned apart. */
export function linesByGroup(file: ParsedFile, fallbackGroup: string | undefined): { groups: Map<string, { name: string; lines: ParsedLine[] }>; ungrouped: ParsedLine[] } {
  const groups = new Map<string, { name: string; lines: ParsedLine[] }>();
  const ungrouped: ParsedLine[] = [];
  for (const l of file.lines) {
    const name = l.group ?? fallbackGroup?.trim();
    if (!name) {
      ungrouped.push(l);
      continue;
    }
    const key = groupNameKey(name);
    const entry = groups.get(key) ?? { name, lines: [] };
    entry.lines.push(l);
    groups.set(key, entry);
  }
  return { groups, ungrouped };
}

const t = translator('en');

/** A domain error as an English sentence. */
export function readable(error: DomainError): string {
  return t(errorKey(error.code), error.params);
}

async function tenantFor(repos: Repositories, groupName: string, given: string | undefined): Promise<string> {
  if (given) return given;
  const tenants = [...new Set(await repos.groups.tenantsWithGroup(groupName))];
  if (tenants.length === 1) return tenants[0]!;
  throw new RosterFileError(
    tenants.length === 0
      ? `No tenant has a group called “${groupName}”. Create it with /setup ${groupName} in the group’s chat, or pass --tenant <tenantId>.`
      : `Several tenants have a group called “${groupName}” (${tenants.join(', ')}): pass --tenant <tenantId>.`,
  );
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { group: { type: 'string' }, tenant: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (e) {
    throw new RosterFileError(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new RosterFileError(`Name one CSV file.\n\n${USAGE}`);
  const file = parseRosterCsv(fs.readFileSync(positionals[0]!, 'utf8'));
  if (!file.hasGroupColumn && !values.group?.trim()) throw new RosterFileError(`The file has no group column: pass --group "<name>".\n\n${USAGE}`);
  const { groups, ungrouped } = linesByGroup(file, values.group);
  const dryRun = values['dry-run'] === true;
  let failed = ungrouped.length > 0;
  for (const l of ungrouped) console.log(`line ${l.line}: no group — fill the group column or pass --group`);

  const config = loadConfig({ role: 'tool' });
  const store = await openStore(config.store);
  try {
    const repos = createRepositories(store);
    const services = createServices(repos, systemClock, minutesOptions(randomUUID(), config.publicBaseUrl) /* the import makes no minutes links */);
    const today = systemClock.now().toISOString().slice(0, 10);
    for (const { name, lines } of groups.values()) {
      try {
        const tenantId = await tenantFor(repos, name, values.tenant ?? config.hostTenantId);
        let summary: string;
        let problems: Array<{ line: number; message: string }>;
        if (dryRun) {
          if (!(await repos.groups.findByName(tenantId, name))) throw new DomainError('GROUP.NOT_FOUND', { name });
          problems = lines.flatMap((l) => {
            try {
              validateRow(l.row, today);
              return [];
            } catch (e) {
              if (!(e instanceof DomainError)) throw e;
              return [{ line: l.line, message: readable(e) }];
            }
          });
          summary = `${lines.length - problems.length} lines valid (dry run: nothing stored)`;
        } else {
          const report = await services.groups.importMembers(tenantId, name, lines.map((l) => l.row));
          problems = report.problems.map((p) => ({ line: lines[p.row - 1]?.line ?? p.row, message: readable(p.error) }));
          summary = `${report.added} added, ${report.updated} updated`;
        }
        console.log(`${name} (tenant ${tenantId}): ${summary}, ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`);
        for (const p of problems) console.log(`  line ${p.line}: ${p.message}`);
        if (problems.length > 0) failed = true;
      } catch (e) {
        if (!(e instanceof DomainError || e instanceof RosterFileError)) throw e;
        console.log(`${name}: ${e instanceof DomainError ? readable(e) : e.message} Nothing imported for this group.`);
        failed = true;
      }
    }
  } finally {
    await store.close();
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // Known failures get their message alone; anything else keeps its stack for debugging.
      const known = err instanceof RosterFileError || err instanceof ConfigError || (err instanceof Error && 'code' in err && err.code === 'ENOENT');
      console.error(known ? err.message : err);
      process.exitCode = 1;
    },
  );
}
