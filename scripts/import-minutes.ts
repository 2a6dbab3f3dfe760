/**
 * `npm run import:minutes -- <file> --group "<name>" [--tenant <id>] [--dry-run] [--out <file.md|.txt>]`:
 * brings a council's historic minutes (.docx, .txt or .md, in the format of the seeds) into Rådslag as a
 * held meeting with approved minutes (issue 17, item 7). The document is read whole into a `CouncilMinutes`
 * tree and mapped to what the history import stores (src/import/minutes-import.ts) before anything is
 * stored; the import itself is `HistoryImportService` (src/app), the same use cases the app runs. --out
 * writes the stored meeting back in the council's format (src/import/stored-minutes.ts).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createServices } from '../src/app';
import type { HistoryImportInput, HistoryImportResult } from '../src/app/history-import';
import { systemClock, type Clock, type Repositories } from '../src/app/ports';
import { ConfigError, loadConfig } from '../src/config';
import { DEMO_TENANT } from '../src/demo/seed-demo';
import { isDomainError } from '../src/domain/errors';
import { groupNameKey } from '../src/domain/group';
import { errorKey, translator } from '../src/i18n';
import { renderCouncilMarkdown } from '../src/import/council-markdown';
import { renderCouncilText, retainedLines } from '../src/import/council-text';
import { historyInputOf } from '../src/import/minutes-import';
import { minutesFormatOf, readMinutes, type MinutesFileFormat } from '../src/import/minutes-file';
import { describeMinutes } from '../src/import/minutes-summary';
import { MinutesFormatError, type CouncilMinutes } from '../src/import/minutes-tree';
import { councilMinutesOf } from '../src/import/stored-minutes';
import { minutesOptions } from '../src/minutes';
import { createRepositories, openStore } from '../src/store';
import { ImportLayoutError } from '../src/store/import-repository';

export const USAGE = `Usage: npm run import:minutes -- <file> --group "<name>" [--tenant <id>] [--dry-run] [--out <file.md|.txt>]

  <file>       minutes in the council's format: .docx, .txt (tab-separated tables) or .md
  --group      the group (body) whose meeting the minutes record; created when the tenant has none of
               that name (kind from the name: …styrgrupp, …nätverk…, …beredning…, else a council)
  --tenant     the tenant to import into; default: the host tenant (HOST_TENANT_ID), else the one tenant
               with that group, else in local mode the local workspace's
  --dry-run    print what was understood (date, people, agenda, items, risks, decisions, sign-offs,
               attachments) and store nothing
  --out        write the stored meeting back in the council's format, as text (.txt) or Markdown (.md)
               (not with --dry-run)

The store is the one DATABASE_URL names (SQLite by default). The same document imported twice is stored
once. Exit code 0 when the document was read (and, without --dry-run, stored); 1 when it cannot be read
or stored (the message names the line); 2 for a wrong command line.`;

/** A command line that cannot run: exit code 2, the message and the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ImportOptions {
  file: string;
  format: MinutesFileFormat;
  group: string;
  tenant?: string;
  dryRun: boolean;
  out?: string;
}

const isParseArgsError = (e: unknown): e is { code: string; message: string } =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS_') && 'message' in e && typeof e.message === 'string';

/** The options, or a UsageError saying what is wrong with the command line. Checks that the file exists. */
export function parseImportArgs(argv: readonly string[], exists: (path: string) => boolean = fs.existsSync): ImportOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { group: { type: 'string' }, tenant: { type: 'string' }, 'dry-run': { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    // parseArgs says which flag is unknown or lacks its value; that is the message. Known by its code, as
    // its TypeError may come from another realm (a test runner's).
    if (!isParseArgsError(e)) throw e;
    throw new UsageError(e.message.replace(/\. To specify a positional argument[\s\S]*$/, '.'));
  }
  const { values, positionals } = parsed;
  if (values.help) throw new UsageError('');
  if (positionals.length === 0) throw new UsageError('Name the minutes file to import (.docx, .txt or .md).');
  if (positionals.length > 1) throw new UsageError(`Name one minutes file; got ${positionals.length}: ${positionals.map((p) => `“${p}”`).join(', ')}.`);
  const file = positionals[0]!;
  const format = minutesFormatOf(file);
  if (!format) throw new UsageError(`“${file}” is not a .docx, .txt or .md file.`);
  if (!exists(file)) throw new UsageError(`No such file: “${file}”.`);
  const group = values.group?.trim();
  if (!group) throw new UsageError('Name the group whose meeting this is: --group "<name>".');
  const tenant = values.tenant?.trim();
  if (values.tenant !== undefined && !tenant) throw new UsageError('--tenant needs a tenant id.');
  const dryRun = values['dry-run'] === true;
  const out = values.out?.trim();
  if (values.out !== undefined && !out) throw new UsageError('--out needs a file name.');
  if (out && dryRun) throw new UsageError('--out writes the stored meeting, and a dry run stores nothing: use one or the other.');
  if (out && !/\.(md|markdown|txt)$/i.test(out)) throw new UsageError(`--out writes .md (Markdown) or .txt (the council's text format); got “${out}”.`);
  return { file, format, group, ...(tenant ? { tenant } : {}), dryRun, ...(out ? { out } : {}) };
}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Where the tests point the script: another environment (DATABASE_URL) and clock. */
export interface Environment {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
}

const t = translator('en');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const KIND_WORDS = { council: 'council', steering: 'steering group', network: 'network', preparation: 'preparation group' } as const;

async function tenantFor(repos: Repositories, group: string, options: ImportOptions, config: ReturnType<typeof loadConfig>): Promise<string> {
  const given = options.tenant ?? config.hostTenantId;
  if (given) return given;
  const tenants = [...new Set(await repos.groups.tenantsWithGroup(group))];
  if (tenants.length === 1) return tenants[0]!;
  if (tenants.length > 1) throw new UsageError(`Several tenants have a group called “${group}” (${tenants.join(', ')}): pass --tenant <tenantId>.`);
  // Local mode: the workspace the tab shows without sign-in.
  if (config.localMode) return DEMO_TENANT;
  throw new UsageError(`No tenant has a group called “${group}” yet, and none is named: pass --tenant <tenantId> (or set HOST_TENANT_ID).`);
}

/** What was stored, in a few lines. */
function summary(r: HistoryImportResult, input: HistoryImportInput, tenantId: string): string[] {
  const { group, meeting, version } = r;
  const when = `${input.date} ${input.start}–${input.end}`;
  const breaks = input.agenda.length - r.items;
  const lines = [
    `Group: ${group.name} (${r.groupCreated ? 'created, ' : ''}${KIND_WORDS[group.kind]}), tenant ${tenantId}`,
    `Meeting: ${when}, “${meeting.title ?? ''}” (id ${meeting.id})`,
  ];
  if (r.alreadyImported) {
    const elsewhere = groupNameKey(group.name) === groupNameKey(input.groupName) ? '' : ` It was imported into “${group.name}”, not “${input.groupName}”.`;
    lines.push(`Already imported: this document is that meeting, with approved minutes (version ${version.version}). Nothing new was stored.${elsewhere}`);
    return lines;
  }
  const p = r.people!;
  const c = r.records!;
  lines.push(
    `People: ${p.matched} matched to members, ${p.addedAsMembers} added as members, ${plural(p.guests, 'guest')} (co-opted for the day, not counted)`,
    `Agenda: ${plural(r.items, 'item')}, ${plural(breaks, 'break or closing row', 'breaks and closing rows')}`,
    `Stored: ${plural(c.notes, 'note')}, ${plural(c.decisions, 'decision')}, ${plural(c.risks, 'risk')} raised, ${plural(c.reviews, 'risk follow-up')}, ${plural(c.attachments, 'attachment')}`,
    `Minutes: version ${version.version}, approved${version.approvedBy ? ` by ${version.approvedBy.name}` : ''}; the meeting counts in the group's attendance.`,
  );
  return lines;
}

/** Stores the read document (and writes --out); a dry run describes it. */
async function importMinutes(minutes: CouncilMinutes, source: string, options: ImportOptions, io: Io, environment: Environment): Promise<number> {
  // Mapped (and checked) in full before anything is stored.
  const { input: mapped, warnings } = historyInputOf(minutes, { tenantId: '', groupName: options.group });
  const notes = warnings.map((w) => `Note: ${w}`);
  if (options.dryRun) {
    io.out(`Group: ${options.group}`);
    for (const line of [...describeMinutes(minutes), ...notes]) io.out(line);
    io.out('Dry run: nothing stored.');
    return 0;
  }
  const config = loadConfig({ role: 'tool', ...(environment.env ? { env: environment.env } : {}) });
  const store = await openStore(config.store);
  try {
    const repos = createRepositories(store);
    // No download links are made here: a throwaway signing key.
    const services = createServices(repos, environment.clock ?? systemClock, minutesOptions(randomUUID(), config.publicBaseUrl));
    const tenantId = await tenantFor(repos, options.group, options, config);
    const input = { ...mapped, tenantId };
    let result: HistoryImportResult;
    try {
      result = await services.history.importMeeting(input);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      io.err(`${options.file}: ${t(errorKey(e.code), e.params)} Nothing was imported.`);
      return 1;
    }
    for (const line of [...summary(result, input, tenantId), ...(result.alreadyImported ? [] : notes)]) io.out(line);
    const code = await services.history.issueClaimCode(result.group);
    if (code) io.out(`Teams chat: none yet. In the group's own chat, its organizer types: /setup ${result.group.name} code ${code} (this code replaces any printed before)`);
    if (options.out) {
      let stored;
      try {
        stored = await services.history.stored(tenantId, result.meeting.id);
      } catch (e) {
        if (!(e instanceof ImportLayoutError)) throw e;
        io.err(`${e.message}. The meeting is stored; --out cannot write it in the minutes' layout.`);
        return 1;
      }
      const tree = councilMinutesOf(stored);
      const markdown = /\.(md|markdown)$/i.test(options.out);
      fs.writeFileSync(options.out, markdown ? renderCouncilMarkdown(tree) : renderCouncilText(tree), 'utf8');
      const kept = retainedLines(source, renderCouncilText(tree));
      io.out(`Written: ${options.out} (${markdown ? 'Markdown' : 'text'}); it keeps ${kept.kept} of the document's ${kept.total} lines (${(kept.ratio * 100).toFixed(1)} %).`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

export async function main(argv: readonly string[], io: Io, environment: Environment = {}): Promise<number> {
  let options: ImportOptions;
  try {
    options = parseImportArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message === '') {
      io.out(USAGE);
      return 0;
    }
    io.err(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const minutes = await readMinutes(options.format, fs.readFileSync(options.file));
    // The lines the round trip is measured on: the file's own for text, the document as read otherwise.
    const source = options.format === 'txt' ? fs.readFileSync(options.file, 'utf8') : renderCouncilText(minutes);
    return await importMinutes(minutes, source, options, io, environment);
  } catch (e) {
    if (e instanceof MinutesFormatError) {
      io.err(`${options.file}: ${e.message} Nothing was imported.`);
      return 1;
    }
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // A file that cannot be read (permissions, a directory) or a bad setting: its message alone; anything
      // else with its stack, and how to go on: every step of the import is found again, not stored twice.
      const known = err instanceof ConfigError || (err instanceof Error && 'code' in err && ['ENOENT', 'EACCES', 'EISDIR', 'EPERM'].includes(String(err.code)));
      console.error(known ? err.message : err);
      if (!known) console.error('The import stopped part-way. Run the same command again to finish it: what was stored is found, not stored twice.');
      process.exitCode = 1;
    },
  );
}
