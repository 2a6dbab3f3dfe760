/**
 * A council's history brought in (issue 17, item 7): a meeting held before Rådslag, from its minutes, stored
 * as a held meeting with approved minutes — the group (found by name, or created), its people on the
 * roster, attendance as the secretary's corrections (so it counts in the group's rates), the agenda with its
 * breaks, the notes, decisions, risks and follow-ups, attachments, who recorded and who approved, and the
 * approved version (`MinutesService.recordApprovedHistory`). Reading the document is src/import's; this is
 * given what was read, checks it all before it stores anything, and stores it so that one document is one
 * meeting (the source key is the hash of its content) and an interrupted run can simply be run again.
 */
import { itemsOf, validateAgenda, type AgendaEntry } from '../domain/agenda';
import type { AttendanceStatus } from '../domain/attendance';
import { DEFAULT_CHARTER_RULES, type GroupKind } from '../domain/charter';
import { DomainError } from '../domain/errors';
import { groupName, type Group } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import type { MinutesContent, MinutesRiskRow, MinutesVersion } from '../domain/minutes';
import { normaliseName, type PersonRef } from '../domain/person';
import { riskCode, riskScore } from '../domain/risk';
import { stockholmToUtc, type ClockTime, type IsoDate } from '../domain/stockholm-time';
import { requiredText } from '../domain/text';
import type { AttendanceService } from './attendance-service';
import { importPlaceholder, isImportPlaceholder, newClaimCode } from './group-claim';
import { Enrolment, type EnrolmentCounts, type HistoryPeople } from './history-people';
import { checkRecords, HistoryRecords, type HistoryAttachment, type HistoryRecord, type RecordCounts } from './history-records';
import type { MinutesService } from './minutes-service';
import type { Clock, ImportLayout, Repositories } from './ports';

export type { HistoryPeople, HistoryPerson, EnrolmentCounts } from './history-people';
export type { HistoryAttachment, HistoryRecord, RecordCounts } from './history-records';

/** A held meeting as its minutes tell it, in the app's terms (src/import maps a document to this). */
export interface HistoryImportInput {
  tenantId: string;
  groupName: string;
  /** From the hash of the document's content: the same document imported twice is stored once. */
  sourceKey: string;
  /** The meeting's title: the body that met, as the minutes name it. */
  title: string;
  date: IsoDate;
  start: ClockTime;
  end: ClockTime;
  people: HistoryPeople;
  /** Items, breaks and the closing row, checked by the domain's agenda rules. */
  agenda: AgendaEntry[];
  /** What stood under the items, in the minutes' order. */
  records: Array<{ item: number; record: HistoryRecord }>;
  /** "Antecknat av" and "Justerat av": the secretary and the adjuster. */
  recordedBy?: string;
  approvedBy?: string;
  attachments: HistoryAttachment[];
  /** Whether the minutes write § numbers; a group this import creates takes it as its setting. */
  decisionsNumbered?: boolean;
  layout: ImportLayout;
}

export interface HistoryImportResult {
  group: Group;
  groupCreated: boolean;
  meeting: Meeting;
  /** The document was imported before: nothing was stored now. */
  alreadyImported: boolean;
  /** What this run stored (absent when already imported). */
  people?: EnrolmentCounts;
  records?: RecordCounts;
  items: number;
  version: MinutesVersion;
}

/** A row of a risk table written back: the risk as raised here, or as reviewed here (raised at an earlier meeting). */
export type StoredRiskRow = MinutesRiskRow;

/** An imported meeting as stored, for writing it back in the minutes' own format. */
export interface StoredImport {
  meeting: Meeting;
  layout: ImportLayout;
  /** The approved version's content. */
  content: MinutesContent;
  /** Everyone on the roster that day with their status; guests are the co-opted. */
  people: Array<{ name: string; organisation?: string; email?: string; status: AttendanceStatus; guest: boolean }>;
  /** Risks of an earlier meeting reviewed in this one, with the S and K given here. */
  reviewedRisks: StoredRiskRow[];
}

/** Who stores what the minutes do not say was done by anyone: the group, the booking. */
export const IMPORTER: PersonRef = { id: 'import:minutes', name: 'Rådslag (import)' };

/** The kind a group's name tells: "…styrgrupp" steering, "…nätverk…" network, "…beredning…" preparation, else a council. */
export function groupKindOf(name: string): GroupKind {
  const folded = normaliseName(name);
  if (folded.includes('styrgrupp')) return 'steering';
  if (folded.includes('natverk')) return 'network';
  if (folded.includes('beredning')) return 'preparation';
  return 'council';
}

export class HistoryImportService {
  constructor(
    private readonly repos: Pick<Repositories, 'groups' | 'meetings' | 'imports' | 'attendance' | 'agendas' | 'notes' | 'decisions' | 'risks' | 'attachments' | 'secretaries' | 'adjusters' | 'minutes'>,
    private readonly minutes: Pick<MinutesService, 'recordApprovedHistory'>,
    private readonly attendance: Pick<AttendanceService, 'attendanceOf'>,
    private readonly clock: Clock,
  ) {}

  async importMeeting(input: HistoryImportInput): Promise<HistoryImportResult> {
    const { tenantId } = input;
    // Everything is checked before the first write: a refusal stores nothing.
    const name = groupName(input.groupName);
    validateAgenda(input.agenda, { start: input.start, end: input.end });
    checkRecords(input.records, input.attachments);
    const { present, excused, absent, presenters } = input.people;
    for (const p of [...present, ...excused, ...absent, ...presenters]) requiredText('name', p.name, 200);
    const title = requiredText('title', input.title, 300);
    const startsAt = stockholmToUtc(input.date, input.start).toISOString();
    const endsAt = stockholmToUtc(input.date, input.end).toISOString();
    const now = this.clock.now().toISOString();

    // A document imported before is found by its key, in the group it went to then.
    const prior = await this.repos.imports.findBySource(tenantId, input.sourceKey);
    const found = prior ? await this.repos.groups.get(tenantId, prior.groupId) : await this.repos.groups.findByName(tenantId, name);
    const group =
      found ??
      (await this.repos.groups.create(
        {
          tenantId,
          name,
          kind: groupKindOf(name),
          // No Teams chat yet: a placeholder that no conversation has.
          conversationId: importPlaceholder(name),
          rules: DEFAULT_CHARTER_RULES,
          ...(input.decisionsNumbered === false ? { decisionNumbering: false } : {}),
          createdBy: IMPORTER,
          createdAt: now,
        },
        [],
      ));
    const booked = await this.repos.meetings.schedule({ tenantId, groupId: group.id, title, startsAt, endsAt, scheduledBy: IMPORTER, sourceKey: input.sourceKey, at: now });
    let meeting = booked.value;
    // A run interrupted before it was recorded as an import, then run for another group: the meeting's group.
    const home = meeting.groupId && meeting.groupId !== group.id ? ((await this.repos.groups.get(tenantId, meeting.groupId)) ?? group) : group;
    const roster = await this.repos.groups.members(tenantId, home.id);
    const begun = await this.repos.imports.begin({ tenantId, meetingId: meeting.id, groupId: home.id, sourceKey: input.sourceKey, membersFromMinutes: roster.length === 0, layout: input.layout, startedAt: now });
    const items = itemsOf(input.agenda).length;
    if (begun.value.completedAt) {
      const version = await this.repos.minutes.latestApproved(tenantId, meeting.id);
      if (version) return { group: home, groupCreated: false, meeting, alreadyImported: true, items, version };
    }

    const people = await Enrolment.of(this.repos, home, input.date);
    await people.enrol(input.people, begun.value.membersFromMinutes);
    const secretary = input.recordedBy ? people.personOf(input.recordedBy) : IMPORTER;
    const adjuster = input.approvedBy ? people.personOf(input.approvedBy) : undefined;
    await people.correct(meeting.id, secretary, endsAt);

    await this.repos.agendas.replace(tenantId, meeting.id, input.agenda);
    const records = new HistoryRecords(this.repos, meeting, home.id, secretary, input.sourceKey);
    await records.store(input.records);
    await records.attachments(input.attachments);

    if (input.recordedBy && (await this.repos.secretaries.current(tenantId, meeting.id))?.person.id !== secretary.id) {
      await this.repos.secretaries.appoint({ tenantId, meetingId: meeting.id, person: secretary, appointedBy: IMPORTER, at: endsAt });
    }
    if (adjuster && (await this.repos.adjusters.current(tenantId, meeting.id))?.person.id !== adjuster.id) {
      await this.repos.adjusters.appoint({ tenantId, meetingId: meeting.id, person: adjuster, appointedBy: IMPORTER, at: endsAt });
    }
    // Held at the times the minutes give: it counts in the group's attendance from now on.
    if (!meeting.startedAt || !meeting.endedAt) meeting = await this.repos.meetings.update(tenantId, meeting.id, { startedAt: startsAt, endedAt: endsAt });
    const version = await this.minutes.recordApprovedHistory(tenantId, meeting, { recordedBy: secretary, approvedBy: adjuster ?? secretary, at: endsAt });
    await this.repos.imports.complete(tenantId, meeting.id, { ...input.layout, riskCodes: { ...input.layout.riskCodes, ...records.riskCodes } }, now);
    return { group: home, groupCreated: !found && home.id === group.id, meeting, alreadyImported: false, people: people.counts, records: records.counts, items, version };
  }

  /** An imported meeting as it is stored now: the approved minutes, the layout, the people and the risks reviewed. */
  /**
   * A new set-up code for a group that has no chat yet (group-claim.ts), replacing any given before;
   * undefined when a chat has the group.
   */
  async issueClaimCode(group: Group): Promise<string | undefined> {
    if (!isImportPlaceholder(group.conversationId)) return undefined;
    const { code, placeholder } = await newClaimCode(group.name);
    return (await this.repos.groups.claimImported(group.tenantId, group.id, placeholder)) ? code : undefined;
  }

  async stored(tenantId: string, meetingId: string): Promise<StoredImport> {
    const [meeting, imported, version] = await Promise.all([
      this.repos.meetings.get(tenantId, meetingId),
      this.repos.imports.get(tenantId, meetingId),
      this.repos.minutes.latestApproved(tenantId, meetingId),
    ]);
    if (!meeting || !imported || !version) throw new DomainError('MEETING.NONE');
    const [view, reviews] = await Promise.all([this.attendance.attendanceOf(tenantId, meetingId), this.repos.risks.reviewsInMeeting(tenantId, meetingId)]);
    const people = view.members.map((m) => ({
      name: m.member.person.name,
      ...(m.member.organisation ? { organisation: m.member.organisation } : {}),
      ...(m.member.person.email ? { email: m.member.person.email } : {}),
      status: m.status,
      guest: m.member.role === 'coopted',
    }));
    const reviewedRisks = reviews
      .filter(({ risk }) => risk.meetingId !== meetingId)
      .map(({ risk, review }) => ({
        code: riskCode(risk),
        threat: risk.threat,
        ...(risk.vulnerability ? { vulnerability: risk.vulnerability } : {}),
        ...(risk.consequence ? { consequence: risk.consequence } : {}),
        probability: review.probability,
        impact: review.impact,
        score: riskScore(review),
        actionNeeded: risk.actionNeeded,
        ...(risk.action ? { action: risk.action } : {}),
      }));
    return { meeting, layout: imported.layout, content: version.content, people, reviewedRisks };
  }
}
