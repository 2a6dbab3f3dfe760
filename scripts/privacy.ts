/**
 * `npm run privacy -- export|erase|retention …`: the operator's tool for the data protection officer's
 * requests (README, "Data protection"). It runs on the server, against the store the server uses; the tab
 * and the bot offer none of it. Every run is an audit event naming the operator and the case, never the person.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createServices } from '../src/app';
import { systemClock, type PersonQuery, type Repositories } from '../src/app/ports';
import { erasePerson } from '../src/app/privacy-erase';
import { exportPerson } from '../src/app/privacy-export';
import { AmbiguousPersonError, type PrivacyDeps } from '../src/app/privacy-person';
import { runRetention } from '../src/app/privacy-retention';
import { ConfigError, loadConfig } from '../src/config';
import { DEMO_TENANT } from '../src/demo/seed-demo';
import type { PersonRef } from '../src/domain/person';
import { minutesOptions } from '../src/minutes';
import { createRepositories, openStore } from '../src/store';

export const USAGE = `Usage: npm run privacy -- <command> [options]

  export     --tenant <id> --email <address> | --name "<name>" | --member <id>  [--out <file>]
             everything the tenant holds about the person, as one JSON document (stdout, or --out)
  erase      --tenant <id> --email <address> | --name "<name>" | --member <id>  [--dry-run]
             the person replaced by a pseudonym ("Tidigare ledamot <n>") in the tenant's records but approved
             minutes and the audit trail; --dry-run prints what would change and changes nothing
  retention  deletes raw attendance, check-in answers and excuse notes that are due, in every tenant
             (the daily job's pass, once)

  --tenant <id>  the tenant (Entra tenant id) whose records are read or changed; no other tenant's are.
                 Required when the store holds several tenants; with one, that one (said on stderr); with
                 none, the host tenant (HOST_TENANT_ID), else in local mode the local workspace's
  --case <ref>   the request's case number in the register (diarienummer), kept in the audit trail
  --by "<name>"  who runs it (default: the logged-in user), kept in the audit trail

A name that finds several people in the tenant (different roster rows, addresses or accounts) is refused,
dry run or not: the message lists them; name one by --member <id> or --email.

Exit code 0 when done; 1 on a usage error, an ambiguous name, or when nothing is held about the person.`;

class UsageError extends Error {
  override name = 'UsageError';
}

type Who = { email: string } | { name: string } | { memberId: string };

function queryOf(values: { email?: string; name?: string; member?: string }): Who {
  const given = [values.email, values.name, values.member].filter((v) => v !== undefined && v.trim() !== '');
  if (given.length !== 1) throw new UsageError(`Name the person once: --email, --name or --member.\n\n${USAGE}`);
  if (values.email) return { email: values.email.trim() };
  if (values.name) return { name: values.name.trim() };
  return { memberId: values.member!.trim() };
}

/** The tenant asked about: --tenant; else the only tenant with data (said on stderr); never a guess among several. */
async function tenantFor(repos: Repositories, given: string | undefined, config: ReturnType<typeof loadConfig>): Promise<string> {
  if (given?.trim()) return given.trim();
  const tenants = await repos.privacy.tenants();
  if (tenants.length > 1) throw new UsageError(`The store holds several tenants (${tenants.join(', ')}): pass --tenant <tenantId>.`);
  const only = tenants[0] ?? config.hostTenantId ?? (config.localMode ? DEMO_TENANT : undefined);
  if (!only) throw new UsageError('The store holds no tenant yet, and none is named: pass --tenant <tenantId> (or set HOST_TENANT_ID).');
  console.error(`Tenant ${only} (${tenants.length === 1 ? 'the only one in the store' : config.hostTenantId ? 'the host tenant' : 'the local workspace'}); pass --tenant <tenantId> to name it.`);
  return only;
}

function ambiguous(e: AmbiguousPersonError): string {
  const lines = e.candidates.map((c) => `  --member ${c.memberIds.join(' | --member ')}  e-mail ${c.emails.join(', ') || '(none)'}  groups ${c.groups.map((g) => (g.name ? `“${g.name}” (${g.groupId})` : g.groupId)).join(', ')}`);
  return [e.message, ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        member: { type: 'string' },
        tenant: { type: 'string' },
        out: { type: 'string' },
        case: { type: 'string' },
        by: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const command = positionals[0];
  if (positionals.length !== 1 || !['export', 'erase', 'retention'].includes(command ?? '')) throw new UsageError(USAGE);
  const by = values.by?.trim() || os.userInfo().username;
  const actor = { id: `operator:${by}`, name: by };
  const caseReference = values.case?.trim() || undefined;
  const who = command === 'retention' ? undefined : queryOf(values);

  const config = loadConfig({ role: 'tool' });
  const store = await openStore(config.store);
  try {
    const repos = createRepositories(store);
    // The same minimum time as the server, so the statuses frozen here are the ones the server shows.
    const services = createServices(repos, systemClock, minutesOptions(randomUUID(), config.publicBaseUrl), { attendanceMinimumSeconds: config.attendanceMinimumMinutes * 60 });
    const deps: PrivacyDeps = { repos, attendance: services.attendance, clock: systemClock };
    if (command === 'retention') {
      if (values.tenant) throw new UsageError(`retention goes over every tenant (each meeting in its own): no --tenant.\n\n${USAGE}`);
      const report = await runRetention(deps, config.retention, actor);
      console.log(`Retention (raw attendance ${config.retention.attendanceRawDays} days, answers ${config.retention.answersDays} days after approval): ${report.meetings.length} meetings; deleted ${report.attendanceRecords} attendance records, ${report.checkInAnswers} check-in answers, ${report.excuseNotes} excuse notes.`);
      return 0;
    }
    const query: PersonQuery = { tenantId: await tenantFor(repos, values.tenant, config), ...who! };
    try {
      return await personCommand(command as 'export' | 'erase', deps, query, { actor, caseReference, out: values.out, dryRun: values['dry-run'] === true });
    } catch (e) {
      if (!(e instanceof AmbiguousPersonError)) throw e;
      console.error(ambiguous(e));
      return 1;
    }
  } finally {
    await store.close();
  }
}

async function personCommand(command: 'export' | 'erase', deps: PrivacyDeps, query: PersonQuery, o: { actor: PersonRef; caseReference: string | undefined; out: string | undefined; dryRun: boolean }): Promise<number> {
  const { actor, caseReference } = o;
  if (command === 'export') {
    const document = await exportPerson(deps, query, { actor, ...(caseReference ? { caseReference } : {}) });
    if (!document) {
      console.error('Nothing is held about that person.');
      return 1;
    }
    const json = `${JSON.stringify(document, null, 2)}\n`;
    if (o.out) {
      fs.writeFileSync(o.out, json, { mode: 0o600 });
      console.error(`Written to ${o.out} (personal data: hand it over securely and delete your copy).`);
    } else process.stdout.write(json);
    return 0;
  }
  const dryRun = o.dryRun;
  const report = await erasePerson(deps, query, { actor, dryRun, ...(caseReference ? { caseReference } : {}) });
  if (!report) {
    console.error('Nothing is held about that person.');
    return 1;
  }
  console.log(dryRun ? `Dry run: nothing changed. The person would become “${report.pseudonym}” (the number is fixed when erased).` : `Erased: the person is now “${report.pseudonym}”.`);
  console.log(dryRun ? 'Would change (table.column: rows):' : 'Changed (table.column: rows):');
  for (const [key, n] of Object.entries(report.changed).sort()) console.log(`  ${key}: ${n}`);
  if (report.approvedMinutesKept.length > 0) {
    console.log('Approved minutes are not changed (public records; GDPR art. 17(3)(b)), and still name the person:');
    for (const v of report.approvedMinutesKept) console.log(`  meeting ${v.meetingId}, version ${v.version} (approved ${v.approvedAt ?? '?'}), tenant ${v.tenantId}`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // Known failures get their message alone; anything else keeps its stack for debugging.
      const known = err instanceof UsageError || err instanceof ConfigError;
      console.error(known ? err.message : err);
      process.exitCode = 1;
    },
  );
}
