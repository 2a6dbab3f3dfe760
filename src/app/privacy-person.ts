/**
 * Who a privacy request is about, and their meetings: shared by export and erasure (privacy-export.ts,
 * privacy-erase.ts). A person is every roster row found by the query, with the identifiers those rows carry,
 * plus the raw attendance records that carry one of those identifiers (a guest appearance, say).
 */
import type { MemberAttendance } from '../domain/attendance';
import type { Meeting } from '../domain/meeting';
import { identityOf, recordsOfPerson, type PersonIdentity } from '../domain/privacy';
import type { AttendanceService } from './attendance-service';
import type { Clock, FetchedAttendanceRecord, PersonQuery, RecordKey, Repositories } from './ports';

export interface PrivacyDeps {
  repos: Pick<Repositories, 'privacy' | 'meetings' | 'groups' | 'attendance'>;
  attendance: Pick<AttendanceService, 'attendanceOf'>;
  clock: Clock;
}

export type PersonRecord = RecordKey & { record: FetchedAttendanceRecord };

/** One meeting the person was listed for (their status in it) or appears in Teams' reports of. */
export interface PersonMeeting {
  tenantId: string;
  meeting: Meeting;
  /** The meeting's day in Stockholm, as attendance reads it. */
  date: string;
  /** Their status per roster row listed that day (none when they came only as a guest). */
  entries: MemberAttendance[];
  records: PersonRecord[];
}

/** The identity behind a query; its e-mail and name count even when no roster row has them (a guest). */
export async function identify(deps: PrivacyDeps, query: PersonQuery): Promise<PersonIdentity> {
  const members = await deps.repos.privacy.findMembers(query);
  const who = identityOf(members, { ...(query.email ? { email: query.email } : {}), ...(query.name ? { name: query.name } : {}) });
  // A guest's display name is known only from the reports that carry their address.
  const extra = (await deps.repos.privacy.recordsByIdentifiers(who)).map((r) => r.record.displayName);
  return extra.length === 0 ? who : identityOf(members, { ...(query.email ? { email: query.email } : {}), ...(query.name ? { name: query.name } : {}) }, extra);
}

const begun = (m: Meeting, now: string) => !m.cancelledAt && Boolean(m.startedAt || (m.startsAt && m.startsAt <= now));
const keyOf = (r: RecordKey) => `${r.tenantId}\u0000${r.meetingId}\u0000${r.reportId}\u0000${r.recordId}`;

/** Every begun meeting of the person's groups, and every meeting whose reports carry their identifiers. */
export async function meetingsOf(deps: PrivacyDeps, who: PersonIdentity): Promise<PersonMeeting[]> {
  const now = deps.clock.now().toISOString();
  const memberIds = new Set(who.members.map((m) => m.id));
  const found = new Map<string, PersonMeeting>();
  const groups = new Map(who.members.map((m) => [`${m.tenantId}\u0000${m.groupId}`, m]));
  for (const m of groups.values()) {
    const roster = await deps.repos.groups.members(m.tenantId, m.groupId);
    for (const meeting of await deps.repos.meetings.listByGroup(m.tenantId, m.groupId, '0000', '9999')) {
      if (!begun(meeting, now)) continue;
      const view = await deps.attendance.attendanceOf(m.tenantId, meeting.id);
      const records = recordsOfPerson(await deps.repos.attendance.records(m.tenantId, meeting.id), roster, who, { date: view.date });
      const entries = view.members.filter((a) => memberIds.has(a.member.id));
      if (entries.length === 0 && records.length === 0) continue;
      found.set(`${m.tenantId}\u0000${meeting.id}`, { tenantId: m.tenantId, meeting, date: view.date, entries, records: records.map((record) => ({ tenantId: m.tenantId, meetingId: meeting.id, reportId: record.reportId, recordId: record.recordId, record })) });
    }
  }
  for (const r of await deps.repos.privacy.recordsByIdentifiers(who)) {
    const key = `${r.tenantId}\u0000${r.meetingId}`;
    let entry = found.get(key);
    if (!entry) {
      const meeting = await deps.repos.meetings.get(r.tenantId, r.meetingId);
      if (!meeting) continue;
      entry = { tenantId: r.tenantId, meeting, date: (await deps.attendance.attendanceOf(r.tenantId, meeting.id)).date, entries: [], records: [] };
      found.set(key, entry);
    }
    if (!entry.records.some((x) => keyOf(x) === keyOf(r))) entry.records.push(r);
  }
  return [...found.values()].sort((a, b) => a.date.localeCompare(b.date) || a.meeting.id.localeCompare(b.meeting.id));
}
