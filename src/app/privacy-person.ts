/**
 * Who a privacy request is about, and their meetings: shared by export and erasure (privacy-export.ts,
 * privacy-erase.ts). A person is every roster row of the query's tenant found by the query, with the
 * identifiers those rows carry, plus the tenant's raw attendance records that carry one of those identifiers
 * (a guest appearance, say). Nothing of another tenant is read: a namesake there is someone else's data.
 */
import type { MemberAttendance } from '../domain/attendance';
import type { Member } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import { distinctPeople, identityOf, recordsOfPerson, type PersonIdentity } from '../domain/privacy';
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

/** One of the people a name found: enough for the operator to tell them apart. */
export interface PersonCandidate {
  memberIds: string[];
  emails: string[];
  groups: Array<{ groupId: string; name?: string }>;
}

/** A name that finds several people in the tenant: the operator must name one by `--member` or `--email`. */
export class AmbiguousPersonError extends Error {
  override name = 'AmbiguousPersonError';
  constructor(
    readonly tenantId: string,
    readonly candidates: PersonCandidate[],
  ) {
    super(`The name finds ${candidates.length} different people in tenant ${tenantId}: name one by --member <id> or --email <address>.`);
  }
}

/**
 * The identity behind a query; its e-mail and name count even when no roster row has them (a guest).
 * A name that finds several people (rows with different addresses or accounts) is refused, dry run or not.
 */
export async function identify(deps: PrivacyDeps, query: PersonQuery): Promise<PersonIdentity> {
  const members = await deps.repos.privacy.findMembers(query);
  if (query.name && !query.email && !query.memberId) {
    const people = distinctPeople(members);
    if (people.length > 1) throw new AmbiguousPersonError(query.tenantId, await Promise.all(people.map((rows) => candidateOf(deps, query.tenantId, rows))));
  }
  const asked = { ...(query.email ? { email: query.email } : {}), ...(query.name ? { name: query.name } : {}) };
  const who = identityOf(members, asked);
  // A guest's display name is known only from the tenant's reports that carry their address.
  const extra = (await deps.repos.privacy.recordsByIdentifiers(query.tenantId, who)).map((r) => r.record.displayName);
  return extra.length === 0 ? who : identityOf(members, asked, extra);
}

async function candidateOf(deps: PrivacyDeps, tenantId: string, rows: readonly Member[]): Promise<PersonCandidate> {
  const groupIds = [...new Set(rows.map((m) => m.groupId))];
  const groups = await Promise.all(groupIds.map(async (groupId) => ({ groupId, name: (await deps.repos.groups.get(tenantId, groupId))?.name })));
  return {
    memberIds: rows.map((m) => m.id),
    emails: [...new Set(rows.map((m) => m.person.email).filter((e): e is string => Boolean(e)))],
    groups: groups.map((g) => (g.name ? { groupId: g.groupId, name: g.name } : { groupId: g.groupId })),
  };
}

const begun = (m: Meeting, now: string) => !m.cancelledAt && Boolean(m.startedAt || (m.startsAt && m.startsAt <= now));
const keyOf = (r: RecordKey) => `${r.tenantId}\u0000${r.meetingId}\u0000${r.reportId}\u0000${r.recordId}`;

/** Every begun meeting of the person's groups, and every meeting of the tenant whose reports carry their identifiers. */
export async function meetingsOf(deps: PrivacyDeps, tenantId: string, who: PersonIdentity): Promise<PersonMeeting[]> {
  const now = deps.clock.now().toISOString();
  const memberIds = new Set(who.members.map((m) => m.id));
  const found = new Map<string, PersonMeeting>();
  const groups = new Map(who.members.filter((m) => m.tenantId === tenantId).map((m) => [`${m.tenantId}\u0000${m.groupId}`, m]));
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
  for (const r of await deps.repos.privacy.recordsByIdentifiers(tenantId, who)) {
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
