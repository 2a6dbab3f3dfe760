/**
 * `npm run privacy -- export`: everything held about one person as one JSON document (GDPR art. 15). The
 * approved minutes that name them are referenced, not copied: they are public records, given out under the
 * rules for public documents. The export is itself audited, without the person's name or address. It reads
 * one tenant only (`query.tenantId`).
 */
import type { AuditEvent } from '../domain/audit';
import type { PersonRef } from '../domain/person';
import { identify, meetingsOf, type PrivacyDeps } from './privacy-person';
import type { MinutesRef, PersonQuery, PersonRows } from './ports';

export interface PersonExport extends PersonRows {
  exportedAt: string;
  /** The tenant asked about (in `query`): nothing of another tenant is in the document. */
  query: PersonQuery;
  person: { names: string[]; emails: string[] };
  memberships: Array<{ memberId: string; tenantId: string; groupId: string; group?: string; role: string; organisation?: string; email?: string; from: string; to?: string }>;
  /** Per meeting: the status and what decided it, and the raw records of Teams' reports (sessions and seconds). */
  attendance: Array<{
    tenantId: string;
    meetingId: string;
    title?: string;
    date: string;
    status?: string;
    reason?: string;
    secondsInReports?: number;
    checkedIn?: boolean;
    gaveNotice?: boolean;
    sessions: Array<{ reportId: string; recordId: string; displayName: string; email?: string; role: string; seconds: number }>;
  }>;
  auditEvents: AuditEvent[];
  /** Referenced only; ask the registrar (registrator) for a copy as a public record. */
  approvedMinutes: MinutesRef[];
}

export interface ExportOptions {
  actor: PersonRef;
  caseReference?: string;
}

/** The person's data, or undefined when the store holds nothing about them. */
export async function exportPerson(deps: PrivacyDeps, query: PersonQuery, options: ExportOptions): Promise<PersonExport | undefined> {
  const who = await identify(deps, query);
  const [rows, meetings, auditEvents, approvedMinutes] = await Promise.all([
    deps.repos.privacy.rowsOf(query.tenantId, who),
    meetingsOf(deps, query.tenantId, who),
    deps.repos.privacy.auditEventsOf(query.tenantId, who),
    deps.repos.privacy.approvedMinutesNaming(query.tenantId, who),
  ]);
  const held = who.members.length + meetings.length + auditEvents.length + approvedMinutes.length + Object.values(rows).reduce((n, r) => n + r.length, 0);
  if (held === 0) return undefined;
  const groupNames = new Map<string, string>();
  for (const m of who.members) {
    const group = await deps.repos.groups.get(m.tenantId, m.groupId);
    if (group) groupNames.set(m.groupId, group.name);
  }
  const exportedAt = deps.clock.now().toISOString();
  const document: PersonExport = {
    exportedAt,
    query,
    person: { names: who.names, emails: who.emails },
    memberships: who.members.map((m) => ({
      memberId: m.id,
      tenantId: m.tenantId,
      groupId: m.groupId,
      ...(groupNames.has(m.groupId) ? { group: groupNames.get(m.groupId)! } : {}),
      role: m.role,
      ...(m.organisation ? { organisation: m.organisation } : {}),
      ...(m.person.email ? { email: m.person.email } : {}),
      from: m.from,
      ...(m.to ? { to: m.to } : {}),
    })),
    attendance: meetings.flatMap((pm) => {
      const sessions = pm.records.map(({ record: r }) => ({ reportId: r.reportId, recordId: r.recordId, displayName: r.displayName, ...(r.email ? { email: r.email } : {}), role: r.role, seconds: r.seconds }));
      const base = { tenantId: pm.tenantId, meetingId: pm.meeting.id, ...(pm.meeting.title ? { title: pm.meeting.title } : {}), date: pm.date };
      if (pm.entries.length === 0) return [{ ...base, sessions }];
      return pm.entries.map((e) => ({ ...base, status: e.status, reason: e.reason, secondsInReports: e.seconds, checkedIn: e.checkedIn, gaveNotice: e.gaveNotice, sessions }));
    }),
    ...rows,
    auditEvents,
    approvedMinutes,
  };
  // Audited in the tenant asked about, by roster row: never the name or the address itself.
  await deps.repos.privacy.audit({
    tenantId: query.tenantId,
    at: exportedAt,
    actor: options.actor,
    entity: 'person',
    entityId: who.members[0]?.id ?? 'guest',
    action: 'send',
    details: { kind: 'export', memberIds: who.members.map((m) => m.id), ...(options.caseReference ? { case: options.caseReference } : {}), meetings: meetings.length },
  });
  return document;
}
