/**
 * What the tab reads about a group, and who may change what there (docs/architecture.md, Access): chair, vice chair and
 * organizer edit; the secretary appointed for one of the group's current or upcoming meetings edits;
 * other members read; anyone else is refused. Writes go through the same use cases the bot calls.
 */
import { countsForAttendance, type Group, type GroupRole, type Member } from '../domain/group';
import { DomainError } from '../domain/errors';
import type { Decision } from '../domain/decision';
import { isPlaceholder, type Meeting } from '../domain/meeting';
import { normaliseName, type PersonRef } from '../domain/person';
import { byRegisterOrder, riskBand, riskCode, riskScore, type ReviewInput, type Risk, type RiskBand, type RiskReview } from '../domain/risk';
import { permits, type AccessPolicy, type Action, type Standing } from './access-policy';
import type { AttendanceService } from './attendance-service';
import type { Clock, ConversationDirectory, Repositories } from './ports';
import type { MeetingService } from './meeting-service';
import { historyEntry, type HistoryEntry } from './risk-history';
import type { RiskService } from './risk-service';

export type TabRole = GroupRole | 'secretary';

/** Who calls: a signed-in person, or (local mode, no token) an anonymous reader of the tenant's groups. */
export type TabPrincipal = { kind: 'person'; tenantId: string; person: PersonRef } | { kind: 'localReader'; tenantId: string; person: PersonRef };

export interface GroupAccess {
  group: Group;
  role?: TabRole;
  /** Where the caller stands: what the access policy's table is read with. */
  standing: Standing;
  canEdit: boolean;
}

/** A risk as the register shows it: its code (R4), R = S×K and R's colour band. */
export interface RegisterEntry extends Risk {
  code: string;
  score: number;
  band: RiskBand;
  lastReviewedAt?: string;
}

export interface RegisterView {
  group: Group;
  risks: RegisterEntry[];
}

export interface RiskDetail {
  risk: RegisterEntry;
  reviews: Array<RiskReview & { score: number; meetingTitle?: string }>;
  /** The risk's audit trail, oldest first. */
  history: HistoryEntry[];
}

export interface GroupDecision extends Decision {
  meeting: Meeting;
  agendaTitle?: string;
}

export interface AttendanceMatrix {
  group: Group;
  /** The period shown: the one asked for, else the latest calendar year with meetings. */
  period: { from: string; to: string };
  /** The calendar years with meetings held, latest first. */
  years: number[];
  meetings: Meeting[];
  members: Member[];
  cells: Array<Array<'present' | 'excused' | 'absent' | 'none'>>;
  byOrganisation: Array<{ organisation: string; rates: Array<number | null> }>;
  overallRate: number | null;
}

/** The tab has no chat: nobody to look up in a meeting, nobody in a roster of a conversation. */
const NO_DIRECTORY: ConversationDirectory = {
  meetingRoleOf: () => Promise.resolve('Unknown'),
  members: () => Promise.resolve([]),
};

export class TabService {
  constructor(
    private readonly repos: Repositories,
    private readonly meetings: MeetingService,
    private readonly policy: AccessPolicy,
    private readonly risks: RiskService,
    private readonly attendance: AttendanceService,
    private readonly clock: Clock,
  ) {}

  /** The groups the caller may open: those they belong to (a local reader: every group of the tenant). */
  async groupsOf(who: TabPrincipal): Promise<GroupAccess[]> {
    const groups = await this.repos.groups.list(who.tenantId);
    const access = await Promise.all(groups.map((g) => this.accessTo(who, g)));
    return access.filter((a): a is GroupAccess => a !== undefined);
  }

  /**
   * What the tab opens with: the caller's groups, each with the chats it works in (its own, and its
   * meetings' chats, so a tab in a meeting finds its group), and the group to open by default — the one with
   * the latest meeting held (for a local reader: the one that keeps a risk register, as the demo's does).
   */
  async home(who: TabPrincipal): Promise<{ groups: Array<GroupAccess & { meetingConversationIds: string[] }>; defaultGroupId?: string }> {
    const now = this.clock.now().toISOString();
    const groups = await Promise.all(
      (await this.groupsOf(who)).map(async (access) => {
        const meetings = await this.repos.meetings.listByGroup(who.tenantId, access.group.id, '0000', '9999');
        const held = meetings.filter((m) => (m.startedAt ?? m.startsAt ?? '9999') <= now);
        const lastHeld = held.map((m) => m.startedAt ?? m.startsAt ?? '').sort().at(-1);
        const meetingConversationIds = [...new Set(meetings.map((m) => m.conversationId).filter((c) => !isPlaceholder(c)))];
        const risks = who.kind === 'localReader' ? (await this.register(access)).risks.length : 0;
        return { access: { ...access, meetingConversationIds }, lastHeld, risks };
      }),
    );
    const ranked = [...groups].sort((a, b) => b.risks - a.risks || (b.lastHeld ?? '').localeCompare(a.lastHeld ?? ''));
    const chosen = ranked[0] && (ranked[0].risks > 0 || ranked[0].lastHeld) ? ranked[0].access.group.id : undefined;
    return { groups: groups.map((g) => g.access), ...(chosen ? { defaultGroupId: chosen } : {}) };
  }

  /** The caller's role in the group; GROUP.NOT_FOUND for another tenant's group, ACCESS.TAB_DENIED for a non-member. */
  async access(who: TabPrincipal, groupId: string): Promise<GroupAccess> {
    const group = await this.repos.groups.get(who.tenantId, groupId);
    if (!group) throw new DomainError('GROUP.NOT_FOUND', { name: groupId });
    const access = await this.accessTo(who, group);
    if (!access) throw new DomainError('ACCESS.TAB_DENIED', { group: group.name });
    return access;
  }

  /** Refuses what the caller's standing in the group does not permit (the same table as the bot's). */
  async assertMay(access: GroupAccess, action: Action): Promise<void> {
    if (!permits(access.standing, action)) throw await this.policy.refusal({ tenantId: access.group.tenantId }, { group: access.group }, action);
  }

  private async accessTo(who: TabPrincipal, group: Group): Promise<GroupAccess | undefined> {
    const standing: Standing =
      who.kind === 'localReader'
        ? 'localReader'
        : await this.policy.standing({ tenantId: who.tenantId, caller: who.person }, { group }, async () => (await this.meetings.groupScope(who.tenantId, group.id)).groupMeetings ?? []);
    if (!permits(standing, 'group.read')) return undefined;
    const role = standing === 'localReader' ? undefined : (standing as TabRole);
    return { group, ...(role ? { role } : {}), standing, canEdit: permits(standing, 'risk.record') };
  }

  async register(access: GroupAccess): Promise<RegisterView> {
    const registerId = await this.repos.risks.ensureGroupRegister(access.group.tenantId, access.group.id);
    const [risks, last] = await Promise.all([this.repos.risks.list(access.group.tenantId, registerId), this.repos.risks.lastReviewed(access.group.tenantId, registerId)]);
    const lastBy = new Map(last.map((l) => [l.riskId, l.at]));
    return {
      group: access.group,
      risks: risks.sort(byRegisterOrder).map((r) => {
        const at = lastBy.get(r.id);
        const score = riskScore(r);
        return { ...r, code: riskCode(r), score, band: riskBand(score), ...(at ? { lastReviewedAt: at } : {}) };
      }),
    };
  }

  /** One risk of the group's register with its reviews, oldest first; RISK.NOT_FOUND for a risk of another register. */
  async riskDetail(access: GroupAccess, riskId: string): Promise<RiskDetail> {
    const risk = (await this.register(access)).risks.find((r) => r.id === riskId);
    if (!risk) throw new DomainError('RISK.NOT_FOUND');
    const [reviews, history] = await Promise.all([this.repos.risks.reviews(access.group.tenantId, risk.id), this.repos.audit.history(access.group.tenantId, 'risk', [risk.id])]);
    const titles = await this.meetingTitles(access.group.tenantId, reviews.map((r) => r.meetingId));
    return {
      risk,
      history: history.map(historyEntry),
      reviews: reviews.map((r) => {
        const title = r.meetingId ? titles.get(r.meetingId) : undefined;
        return { ...r, score: riskScore(r), ...(title ? { meetingTitle: title } : {}) };
      }),
    };
  }

  /**
   * A review from the tab, through the bot's use case (RiskService.reviewRisk): same validation, same
   * access rules, same idempotency (the `sourceKey`), kept with the group's meeting in progress if any.
   * `created` is false when the key was seen before.
   */
  async reviewRisk(access: GroupAccess, caller: PersonRef, riskId: string, input: ReviewInput, sourceKey: string): Promise<{ detail: RiskDetail; created: boolean }> {
    await this.assertMay(access, 'risk.record');
    const risk = (await this.register(access)).risks.find((r) => r.id === riskId);
    if (!risk) throw new DomainError('RISK.NOT_FOUND');
    const ctx = {
      tenantId: access.group.tenantId,
      conversationId: access.group.conversationId,
      groupId: access.group.id,
      caller,
      directory: NO_DIRECTORY,
    };
    const { created } = await this.risks.reviewRisk(ctx, risk.code, input, sourceKey);
    return { detail: await this.riskDetail(access, riskId), created };
  }

  /** Every decision of the group's meetings, newest meeting first; `query` matches heading, text, agenda title or meeting title, ignoring case and accents. */
  async decisions(access: GroupAccess, query?: string): Promise<GroupDecision[]> {
    const tenantId = access.group.tenantId;
    const decisions = await this.repos.decisions.listForGroup(tenantId, access.group.id);
    const meetingIds = [...new Set(decisions.map((d) => d.meetingId))];
    const meetings = new Map((await Promise.all(meetingIds.map((id) => this.repos.meetings.get(tenantId, id)))).flatMap((m) => (m ? [[m.id, m] as const] : [])));
    const agendas = new Map(await Promise.all(meetingIds.map(async (id) => [id, await this.repos.agendas.list(tenantId, id)] as const)));
    const rows = decisions.flatMap((d): GroupDecision[] => {
      const meeting = meetings.get(d.meetingId);
      if (!meeting) return [];
      const title = d.agendaItem === undefined ? undefined : agendas.get(d.meetingId)?.find((i) => i.number === d.agendaItem)?.title;
      return [{ ...d, meeting, ...(title ? { agendaTitle: title } : {}) }];
    });
    const dateOf = (m: Meeting) => m.startsAt ?? m.createdAt;
    rows.sort((a, b) => dateOf(b.meeting).localeCompare(dateOf(a.meeting)) || a.meetingId.localeCompare(b.meetingId) || a.number - b.number);
    const wanted = normaliseName(query ?? '');
    if (wanted === '') return rows;
    return rows.filter((d) => [d.heading ?? '', d.text, d.agendaTitle ?? '', d.meeting.title ?? '', `§${d.number}`].some((t) => normaliseName(t).includes(wanted)));
  }

  /** The participation matrix (members × meetings held in the period) and present rates per organisation and meeting. */
  async attendanceMatrix(access: GroupAccess, period?: { from: string; to: string }): Promise<AttendanceMatrix> {
    const tenantId = access.group.tenantId;
    const chosen = period ?? (await this.attendance.latestYear(tenantId, access.group.id));
    const { figures } = await this.attendance.figuresForGroup(tenantId, access.group.id, chosen);
    const meetings = (await Promise.all(figures.matrix.meetings.map((m) => this.repos.meetings.get(tenantId, m.id)))).filter((m): m is Meeting => m !== undefined);
    const rows = figures.matrix.rows;
    const cells = rows.map((r) => r.cells.map((c) => (c === 'notMember' ? 'none' : c)));
    const organisations = new Map<string, string>();
    for (const r of rows) {
      const name = r.member.organisation?.trim();
      if (name && !organisations.has(normaliseName(name))) organisations.set(normaliseName(name), name);
    }
    const byOrganisation = [...organisations.entries()]
      .sort((a, b) => a[1].localeCompare(b[1], 'sv'))
      .map(([key, organisation]) => ({
        organisation,
        rates: figures.matrix.meetings.map((_, column) => {
          const counted = rows.filter((r) => normaliseName(r.member.organisation ?? '') === key && countsForAttendance(r.member.role) && r.cells[column] !== 'notMember');
          return counted.length === 0 ? null : counted.filter((r) => r.cells[column] === 'present').length / counted.length;
        }),
      }));
    return {
      group: access.group,
      period: chosen,
      years: await this.attendance.yearsHeld(tenantId, access.group.id),
      meetings,
      members: rows.map((r) => r.member),
      cells,
      byOrganisation,
      overallRate: figures.overall.value ?? null,
    };
  }

  private async meetingTitles(tenantId: string, ids: ReadonlyArray<string | undefined>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => id !== undefined))];
    const found = await Promise.all(unique.map((id) => this.repos.meetings.get(tenantId, id)));
    return new Map(found.flatMap((m) => (m?.title ? [[m.id, m.title] as const] : [])));
  }
}
