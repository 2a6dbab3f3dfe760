/**
 * `npm run privacy -- erase`: the person replaced by a pseudonym ("Tidigare ledamot 7") in every record
 * but approved minutes versions (public records, kept as approved; GDPR art. 17(3)(b) and (d)) and the
 * audit trail (append-only). Their address, ids and free-text answers go; statuses and counts stay, because
 * their attendance facts are frozen first, so no attendance rate changes. Only the query's tenant is
 * changed: a namesake in another tenant (even with the same address) is someone else's record.
 */
import type { PersonRef } from '../domain/person';
import { identify, meetingsOf, type PrivacyDeps } from './privacy-person';
import type { ErasureReport, PersonQuery } from './ports';

export interface EraseOptions {
  actor: PersonRef;
  caseReference?: string;
  dryRun: boolean;
}

/** What was (or, in a dry run, would be) changed; undefined when nothing is held about the person. */
export async function erasePerson(deps: PrivacyDeps, query: PersonQuery, options: EraseOptions): Promise<ErasureReport | undefined> {
  const who = await identify(deps, query);
  const meetings = await meetingsOf(deps, query.tenantId, who);
  const rows = Object.values(await deps.repos.privacy.rowsOf(query.tenantId, who)).reduce((n, r) => n + r.length, 0);
  if (who.members.length === 0 && meetings.length === 0 && rows === 0) return undefined;
  return deps.repos.privacy.erase({
    tenantId: query.tenantId,
    who,
    settled: meetings.flatMap((pm) =>
      pm.entries.map((e) => ({ tenantId: pm.tenantId, meetingId: pm.meeting.id, facts: { memberId: e.member.id, seconds: e.seconds, checkedIn: e.checkedIn, gaveNotice: e.gaveNotice } })),
    ),
    records: meetings.flatMap((pm) => pm.records.map(({ tenantId, meetingId, reportId, recordId }) => ({ tenantId, meetingId, reportId, recordId }))),
    actor: options.actor,
    ...(options.caseReference ? { caseReference: options.caseReference } : {}),
    at: deps.clock.now().toISOString(),
    dryRun: options.dryRun,
  });
}
