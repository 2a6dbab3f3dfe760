/**
 * Attendance: imports Graph's attendance reports for a meeting (idempotently: a record is stored once),
 * merges them with the roster, check-ins, excuses and the secretary's corrections, and gives the figures
 * the council reports — per meeting, and per member, organisation and group over a period.
 */
import { DEFAULT_MINIMUM_SECONDS, matchRecords, meetingAttendance, periodFigures, type AttendanceStatus, type PeriodFigures } from '../domain/attendance';
import { readSheet, sheetChanges } from '../domain/attendance-sheet';
import { DomainError } from '../domain/errors';
import { isMemberOn, type Group, type Member } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import { normaliseName, type PersonRef } from '../domain/person';
import { parseDate, utcToStockholm } from '../domain/stockholm-time';
import { permits, type AccessPolicy } from './access-policy';
import type { RequestContext } from './context';
import type { MeetingService } from './meeting-service';
import type { AttendanceSource, AttendanceView, Clock, Repositories } from './ports';

export type ImportOutcome =
  | { kind: 'imported'; records: number; added: number }
  | { kind: 'empty' }
  | { kind: 'notConfigured' }
  | { kind: 'noOnlineMeeting' }
  | { kind: 'accessDenied'; firstTime: boolean }
  | { kind: 'permissionMissing'; permission?: string };

export interface AttendanceOptions {
  source?: AttendanceSource;
  /** True for Graph's refusal when the Teams application access policy is missing (not worth retrying). */
  isAccessDenied: (e: unknown) => boolean;
  /**
   * For Graph's refusal when the app registration lacks the permission (an administrator's consent is
   * missing): the permission's name, or '' when Graph did not name it; undefined for anything else.
   */
  missingPermission?: (e: unknown) => string | undefined;
  minimumSeconds?: number;
}

export class AttendanceService {
  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'attendance' | 'answers' | 'privacy'>,
    private readonly meetings: MeetingService,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
    private readonly options: AttendanceOptions,
  ) {}

  /**
   * Fetches every report of the meeting and stores the records not stored before. Safe to run again at
   * any time (end event, job, command): what is right stays as it is.
   */
  async importFor(tenantId: string, meetingId: string): Promise<ImportOutcome> {
    const { source } = this.options;
    if (!source) return { kind: 'notConfigured' };
    let meeting = await this.repos.meetings.get(tenantId, meetingId);
    if (!meeting) return { kind: 'noOnlineMeeting' };
    const organizer = meeting.organizerAadObjectId ?? meeting.scheduledBy?.aadObjectId;
    if (!organizer) return { kind: 'noOnlineMeeting' };
    try {
      if (!meeting.graphMeetingId && meeting.joinUrl) {
        const id = await source.onlineMeetingIdByJoinUrl(organizer, meeting.joinUrl);
        if (id) meeting = await this.repos.meetings.update(tenantId, meeting.id, { graphMeetingId: id });
      }
      if (!meeting.graphMeetingId) return { kind: 'noOnlineMeeting' };
      const records = await source.fetchRecords(organizer, meeting.graphMeetingId);
      if (records.length === 0) return { kind: 'empty' };
      const at = this.clock.now().toISOString();
      const added = await this.repos.attendance.saveRecords(tenantId, meeting.id, records, at);
      await this.repos.meetings.update(tenantId, meeting.id, { attendanceImportedAt: at });
      return { kind: 'imported', records: records.length, added };
    } catch (e) {
      const permission = this.options.missingPermission?.(e);
      if (permission !== undefined) return { kind: 'permissionMissing', ...(permission ? { permission } : {}) };
      if (!this.options.isAccessDenied(e)) throw e;
      const firstTime = !meeting.attendanceDeniedAt;
      if (firstTime) await this.repos.meetings.update(tenantId, meeting.id, { attendanceDeniedAt: this.clock.now().toISOString() });
      return { kind: 'accessDenied', firstTime };
    }
  }

  /** `/attendance import` in a meeting's chat (or the group's, for its latest meeting). */
  async importHere(ctx: RequestContext): Promise<{ outcome: ImportOutcome; view: AttendanceView }> {
    const meeting = await this.meetingHere(ctx);
    await this.policy.assert(ctx, await this.scopeOfMeeting(ctx.tenantId, meeting), 'attendance.record');
    const outcome = await this.importFor(ctx.tenantId, meeting.id);
    return { outcome, view: await this.attendanceOf(ctx.tenantId, meeting.id) };
  }

  async viewHere(ctx: RequestContext): Promise<AttendanceView> {
    return this.attendanceOf(ctx.tenantId, (await this.meetingHere(ctx)).id);
  }

  /** The meeting's attendance as it stands: reports, check-ins, excuses and corrections merged. */
  async attendanceOf(tenantId: string, meetingId: string): Promise<AttendanceView> {
    const meeting = await this.repos.meetings.get(tenantId, meetingId);
    if (!meeting) throw new DomainError('MEETING.NONE');
    const group = meeting.groupId ? await this.repos.groups.get(tenantId, meeting.groupId) : undefined;
    const roster = group ? await this.repos.groups.members(tenantId, group.id) : [];
    const [records, checkIns, notices, corrections, settled] = await Promise.all([
      this.repos.attendance.records(tenantId, meeting.id),
      this.repos.answers.checkIns(tenantId, meeting.id),
      this.repos.answers.notices(tenantId, meeting.id),
      this.repos.attendance.corrections(tenantId, meeting.id),
      this.repos.privacy.settled(tenantId, meeting.id),
    ]);
    const matched = matchRecords(records, roster, { organisationByDomain: organisationsByDomain(roster), date: meetingDate(meeting) });
    const attendance = meetingAttendance({
      date: meetingDate(meeting),
      roster,
      matched,
      checkedIn: checkIns.map((a) => a.person),
      excused: notices.filter((a) => !a.attending).map((a) => a.person),
      corrections,
      minimumSeconds: this.options.minimumSeconds ?? DEFAULT_MINIMUM_SECONDS,
      settled,
    });
    return { ...attendance, meeting, ...(group ? { group } : {}) };
  }

  /** `/present`, `/excused`, `/absent <name>`: the secretary's correction wins over everything; who and when are kept. */
  async correct(ctx: RequestContext, status: AttendanceStatus, who: { mention: PersonRef } | { name: string }): Promise<AttendanceView> {
    const meeting = await this.meetingHere(ctx);
    await this.policy.assert(ctx, await this.scopeOfMeeting(ctx.tenantId, meeting), 'attendance.record');
    if (!meeting.groupId) throw new DomainError('GROUP.NOT_SET_UP');
    const roster = (await this.repos.groups.members(ctx.tenantId, meeting.groupId)).filter((m) => isMemberOn(m, meetingDate(meeting)));
    const member = findMember(roster, who);
    await this.repos.attendance.addCorrection(ctx.tenantId, meeting.id, { memberId: member.id, status, byId: ctx.caller.id, byName: ctx.caller.name, at: this.clock.now().toISOString() });
    return this.attendanceOf(ctx.tenantId, meeting.id);
  }

  /**
   * The secretary's attendance sheet: in a meeting chat its meeting's; in a group's chat the meeting held
   * on `date` (YYYY-MM-DD), e.g. one recorded afterwards. `mayRecord`: whether the caller gets the form.
   */
  async sheetHere(ctx: RequestContext, date?: string): Promise<{ view: AttendanceView; mayRecord: boolean }> {
    const meeting = date === undefined ? await this.meetingHere(ctx) : await this.meetingOn(ctx, parseDate(date));
    const standing = await this.policy.standing(ctx, await this.scopeOfMeeting(ctx.tenantId, meeting));
    return { view: await this.attendanceOf(ctx.tenantId, meeting.id), mayRecord: permits(standing, 'attendance.record') };
  }

  /** The sheet of one meeting (a card's button), for those who may record its attendance. */
  async sheetFor(ctx: RequestContext, meetingId: string): Promise<AttendanceView> {
    // A card's meeting id is the presser's to change: only this chat's meeting, or its group's, is taken.
    const meeting = await this.meetings.meetingOfThisChat(ctx, meetingId);
    await this.policy.assert(ctx, await this.scopeOfMeeting(ctx.tenantId, meeting), 'attendance.record');
    return this.attendanceOf(ctx.tenantId, meeting.id);
  }

  /**
   * The sheet submitted once: each member whose status changed gets a correction (who and when kept, as
   * `/present` does); members left as they were keep what decided their status. Returns how many changed.
   */
  async recordSheet(ctx: RequestContext, meetingId: string, fields: Readonly<Record<string, unknown>>): Promise<{ view: AttendanceView; changed: number }> {
    // A card's meeting id is the presser's to change: only this chat's meeting, or its group's, is taken.
    const meeting = await this.meetings.meetingOfThisChat(ctx, meetingId);
    await this.policy.assert(ctx, await this.scopeOfMeeting(ctx.tenantId, meeting), 'attendance.record');
    const changes = sheetChanges((await this.attendanceOf(ctx.tenantId, meeting.id)).members, readSheet(fields));
    const at = this.clock.now().toISOString();
    for (const c of changes) await this.repos.attendance.addCorrection(ctx.tenantId, meeting.id, { memberId: c.memberId, status: c.status, byId: ctx.caller.id, byName: ctx.caller.name, at });
    return { view: await this.attendanceOf(ctx.tenantId, meeting.id), changed: changes.length };
  }

  /** The group's figures over a period (default: the latest calendar year it held meetings), counting meetings that have begun. */
  async figures(ctx: RequestContext, period?: { from: string; to: string }): Promise<{ group: Group; figures: PeriodFigures; period: { from: string; to: string } }> {
    const { group } = await this.meetings.scopeOf(ctx);
    if (!group) throw new DomainError('GROUP.NOT_SET_UP');
    const chosen = period ?? (await this.latestYear(ctx.tenantId, group.id));
    return { group, figures: await this.groupFigures(ctx.tenantId, group, chosen), period: chosen };
  }

  /** The calendar years (Stockholm) in which the group held meetings, latest first. */
  async yearsHeld(tenantId: string, groupId: string): Promise<number[]> {
    const now = this.clock.now();
    const held = (await this.repos.meetings.listByGroup(tenantId, groupId, '0000', '9999')).flatMap((m) => {
      const at = m.startedAt ?? m.startsAt;
      return at && at <= now.toISOString() ? [Number(utcToStockholm(new Date(at)).date.slice(0, 4))] : [];
    });
    return [...new Set(held)].sort((a, b) => b - a);
  }

  /** The latest calendar year the group held meetings (a council's history may end years ago); this year when none. */
  async latestYear(tenantId: string, groupId: string): Promise<{ from: string; to: string }> {
    const year = (await this.yearsHeld(tenantId, groupId))[0] ?? Number(utcToStockholm(this.clock.now()).date.slice(0, 4));
    return { from: `${year}-01-01`, to: `${year}-12-31` };
  }

  /** The API's entry: a group by id, scoped to the tenant. */
  async figuresForGroup(tenantId: string, groupId: string, period?: { from: string; to: string }): Promise<{ group: Group; figures: PeriodFigures }> {
    const group = await this.repos.groups.get(tenantId, groupId);
    if (!group) throw new DomainError('GROUP.NOT_FOUND', { name: groupId });
    return { group, figures: await this.groupFigures(tenantId, group, period) };
  }

  async groupFigures(tenantId: string, group: Group, period?: { from: string; to: string }): Promise<PeriodFigures> {
    const { from, to } = period ?? (await this.latestYear(tenantId, group.id));
    const now = this.clock.now().toISOString();
    const held = (await this.repos.meetings.listByGroup(tenantId, group.id, `${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`)).filter((m) => m.startedAt || (m.startsAt && m.startsAt <= now));
    const meetings = await Promise.all(held.map(async (m) => ({ id: m.id, attendance: await this.attendanceOf(tenantId, m.id) })));
    return periodFigures(meetings, from, to);
  }

  /** In a meeting chat, its meeting; in a group's chat, the group's latest meeting that has begun. */
  private async meetingHere(ctx: RequestContext): Promise<Meeting> {
    const scope = await this.meetings.scopeOf(ctx);
    if (scope.meeting) return scope.meeting;
    if (scope.group) {
      const now = this.clock.now().toISOString();
      const past = (await this.repos.meetings.listByGroup(ctx.tenantId, scope.group.id, '0000', now)).filter((m) => m.startedAt || (m.startsAt && m.startsAt <= now));
      const latest = past.at(-1);
      if (latest) return latest;
    }
    throw new DomainError('MEETING.NONE');
  }

  /** The group's meeting on `date` (Stockholm), in the group's chat or a meeting chat of the group. */
  private async meetingOn(ctx: RequestContext, date: string): Promise<Meeting> {
    const { group } = await this.meetings.scopeOf(ctx);
    if (!group) throw new DomainError('GROUP.NOT_SET_UP');
    const that = (await this.repos.meetings.listByGroup(ctx.tenantId, group.id, new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString(), `${date}T23:59:59.999Z`)).find(
      (m) => meetingDate(m) === date,
    );
    if (!that) throw new DomainError('ATTENDANCE.NO_MEETING_ON', { date, group: group.name });
    return that;
  }

  private async scopeOfMeeting(tenantId: string, meeting: Meeting) {
    const group = meeting.groupId ? await this.repos.groups.get(tenantId, meeting.groupId) : undefined;
    return { meeting, ...(group ? { group } : {}) };
  }
}

/**
 * The meeting's day in Stockholm, which decides who was a member then: the day it was booked for, so the
 * card shows the same date before and after `/start` (a meeting Teams told no times for gets its start then).
 */
const meetingDate = (m: Meeting): string => utcToStockholm(new Date(m.startsAt ?? m.startedAt ?? m.createdAt)).date;

/** Guests' organisations from the members' e-mail domains: "munkedal.se" is Munkedal's. */
function organisationsByDomain(roster: readonly Member[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const m of roster) {
    const domain = m.person.email?.split('@')[1]?.toLowerCase();
    if (domain && m.organisation && !map[domain]) map[domain] = m.organisation;
  }
  return map;
}

function findMember(roster: readonly Member[], who: { mention: PersonRef } | { name: string }): Member {
  if ('mention' in who) {
    const p = who.mention;
    const found = roster.find((m) => (p.aadObjectId && m.person.aadObjectId === p.aadObjectId) || (m.person.id !== '' && m.person.id === p.id) || normaliseName(m.person.name) === normaliseName(p.name));
    if (!found) throw new DomainError('MEMBER.NOT_FOUND');
    return found;
  }
  const wanted = normaliseName(who.name);
  if (wanted === '') throw new DomainError('PERSON.MISSING');
  const exact = roster.filter((m) => normaliseName(m.person.name) === wanted);
  const candidates = exact.length > 0 ? exact : roster.filter((m) => normaliseName(m.person.name).includes(wanted));
  if (candidates.length === 0) throw new DomainError('PERSON.NOT_FOUND', { name: who.name });
  if (candidates.length > 1) throw new DomainError('PERSON.AMBIGUOUS', { name: who.name });
  return candidates[0]!;
}
