import { carriedOver, type Action } from '../domain/action';
import { numbersDecisions } from '../domain/decision';
import { DomainError } from '../domain/errors';
import type { Meeting } from '../domain/meeting';
import { assembleMinutes, changesNote, minutesSummary, type MinutesContent, type MinutesVersion } from '../domain/minutes';
import { samePerson, type PersonRef } from '../domain/person';
import { utcToStockholm } from '../domain/stockholm-time';
import type { AccessPolicy } from './access-policy';
import type { AttendanceService } from './attendance-service';
import type { RequestContext } from './context';
import type { MeetingService } from './meeting-service';
import type { Clock, DownloadLinks, MinutesFormat, MinutesRendering, RenderedMinutes, Repositories } from './ports';

/** Download links in a card stay valid a week: long enough to read before approval, short enough not to spread. */
export const DOWNLOAD_LINK_DAYS = 7;

export interface MinutesLinks {
  docx: string;
  html: string;
  md: string;
  publicDocx: string;
  publicHtml: string;
  expiresAt: string;
}

export interface MinutesOverview {
  meeting: Meeting;
  version: MinutesVersion;
  /** Whether this call stored a new version (the records changed since the last one). */
  created: boolean;
  summary: ReturnType<typeof minutesSummary>;
  links: MinutesLinks;
  /** The latest approved version, when it is not `version` (the records changed after approval). */
  approved?: MinutesVersion;
}

export type DownloadResult = { ok: true; file: RenderedMinutes } | { ok: false; refusal: 'malformed' | 'forged' | 'expired' | 'notFound' };

/**
 * The minutes of a meeting: drafted from what the meeting recorded, sent to the adjuster, approved and
 * locked. A version's content never changes once stored; approval only adds who and when. A change to the
 * records after approval makes a new version, which needs approval again.
 */
export class MinutesService {
  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'agendas' | 'answers' | 'notes' | 'decisions' | 'risks' | 'actions' | 'secretaries' | 'adjusters' | 'minutes' | 'attachments'>,
    private readonly meetings: MeetingService,
    private readonly attendance: AttendanceService,
    private readonly policy: AccessPolicy,
    private readonly rendering: MinutesRendering,
    private readonly links: DownloadLinks,
    private readonly clock: Clock,
    private readonly publicBaseUrl: string,
    /** After an approval (again on a second press: it must be idempotent), e.g. the transcripts' retention job. */
    private readonly onApproved: (version: MinutesVersion) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** The minutes as the records stand now, without storing anything. */
  async contentOf(tenantId: string, meeting: Meeting): Promise<MinutesContent> {
    const group = meeting.groupId ? await this.repos.groups.get(tenantId, meeting.groupId) : undefined;
    const [agenda, view, checkIns, notes, decisions, risksRaised, reviews, actions, secretary, adjuster, attachments] = await Promise.all([
      this.repos.agendas.list(tenantId, meeting.id),
      this.attendance.attendanceOf(tenantId, meeting.id),
      this.repos.answers.checkIns(tenantId, meeting.id),
      this.repos.notes.listForMeeting(tenantId, meeting.id),
      this.repos.decisions.listForMeeting(tenantId, meeting.id),
      this.repos.risks.raisedInMeeting(tenantId, meeting.id),
      this.repos.risks.reviewsInMeeting(tenantId, meeting.id),
      this.repos.actions.listForMeeting(tenantId, meeting.id),
      this.repos.secretaries.current(tenantId, meeting.id),
      this.repos.adjusters.current(tenantId, meeting.id),
      this.repos.attachments.listForMeeting(tenantId, meeting.id),
    ]);
    const carried = await this.carriedInto(tenantId, meeting);
    return assembleMinutes({
      groupName: group?.name ?? meeting.title ?? '',
      meeting,
      agenda,
      attendance: view,
      checkIns,
      notes,
      decisions,
      risksRaised,
      reviews,
      actions,
      carried,
      ...(secretary ? { secretary: secretary.person.name } : {}),
      ...(adjuster ? { adjuster: adjuster.person.name } : {}),
      numberedDecisions: numbersDecisions(group),
      attachments,
    });
  }

  /** Open actions of the group's earlier meetings: they are minuted under this meeting's first item. */
  private async carriedInto(tenantId: string, meeting: Meeting): Promise<Array<{ action: Action; fromDate: string }>> {
    if (!meeting.groupId) return [];
    const open = carriedOver(await this.repos.actions.listOpen(tenantId, { groupId: meeting.groupId }), meeting.id, meeting.startsAt ?? meeting.createdAt);
    const dates = new Map<string, string>();
    for (const a of open) {
      if (!dates.has(a.meetingId)) {
        const m = await this.repos.meetings.get(tenantId, a.meetingId);
        dates.set(a.meetingId, utcToStockholm(new Date(m?.startsAt ?? a.createdAt)).date);
      }
    }
    return open.map((action) => ({ action, fromDate: dates.get(action.meetingId)! }));
  }

  /**
   * `/minutes`: those who record here get the current draft (stored as a new version when anything changed);
   * anyone else gets the latest version stored, or a refusal that says who makes the minutes.
   */
  async overview(ctx: RequestContext, locale: NonNullable<RequestContext['locale']>): Promise<MinutesOverview> {
    const scope = await this.meetings.scopeOf(ctx);
    const { meeting } = scope;
    if (!meeting) throw new DomainError('MINUTES.NEEDS_MEETING');
    let mayRecord = true;
    try {
      await this.policy.assert(ctx, scope, 'minutes.record');
    } catch (e) {
      if (!(e instanceof DomainError && e.code.startsWith('ACCESS.'))) throw e;
      mayRecord = false;
    }
    let version: MinutesVersion;
    let created = false;
    if (mayRecord) {
      const snap = await this.snapshot(ctx, meeting);
      version = snap.value;
      created = snap.created;
    } else {
      const latest = await this.repos.minutes.latest(ctx.tenantId, meeting.id);
      if (!latest) throw new DomainError('MINUTES.NOT_YET');
      version = latest;
    }
    const approved = version.status === 'approved' ? undefined : await this.repos.minutes.latestApproved(ctx.tenantId, meeting.id);
    return { meeting, version, created, summary: minutesSummary(version.content), links: this.linksFor(version, locale), ...(approved ? { approved } : {}) };
  }

  private async snapshot(ctx: RequestContext, meeting: Meeting): Promise<{ value: MinutesVersion; created: boolean }> {
    const content = await this.contentOf(ctx.tenantId, meeting);
    return this.repos.minutes.snapshot({
      tenantId: ctx.tenantId,
      meetingId: meeting.id,
      content,
      contentHash: this.rendering.hash(content),
      createdBy: ctx.caller,
      createdAt: this.clock.now().toISOString(),
    });
  }

  /**
   * A meeting held before Rådslag (imported history, the demo): its minutes as recorded and approved then —
   * one version, sent by who recorded it and approved by who approved it. The same content twice is one version.
   */
  async recordApprovedHistory(tenantId: string, meeting: Meeting, by: { recordedBy: PersonRef; approvedBy: PersonRef; at: string }): Promise<MinutesVersion> {
    const content = await this.contentOf(tenantId, meeting);
    const { value } = await this.repos.minutes.snapshot({ tenantId, meetingId: meeting.id, content, contentHash: this.rendering.hash(content), createdBy: by.recordedBy, createdAt: by.at });
    if (value.status === 'approved') return value;
    await this.repos.minutes.markSent(tenantId, value.id, by.recordedBy, by.at);
    return this.repos.minutes.approve(tenantId, value.id, by.approvedBy, by.at);
  }

  linksFor(version: MinutesVersion, locale: NonNullable<RequestContext['locale']>): MinutesLinks {
    const expiresAt = new Date(this.clock.now().getTime() + DOWNLOAD_LINK_DAYS * 24 * 3600 * 1000);
    const link = (format: MinutesFormat, isPublic: boolean): string =>
      `${this.publicBaseUrl}/minutes/${this.links.issue({ tenantId: version.tenantId, versionId: version.id, format, locale, public: isPublic, expiresAt })}`;
    return {
      docx: link('docx', false),
      html: link('html', false),
      md: link('md', false),
      publicDocx: link('docx', true),
      publicHtml: link('html', true),
      expiresAt: expiresAt.toISOString(),
    };
  }

  /**
   * `/minutes send`: the current draft goes to the adjuster. Refused without an adjuster, and when the
   * latest version is already approved and nothing changed since.
   */
  async send(ctx: RequestContext, locale: NonNullable<RequestContext['locale']>): Promise<MinutesOverview & { adjuster: PersonRef }> {
    const { meeting } = await this.meetings.meetingToRecordIn(ctx, 'minutes', 'MINUTES.NEEDS_MEETING');
    const adjuster = await this.repos.adjusters.current(ctx.tenantId, meeting.id);
    if (!adjuster) throw new DomainError('MINUTES.NO_ADJUSTER');
    const snap = await this.snapshot(ctx, meeting);
    if (snap.value.status === 'approved') throw new DomainError('MINUTES.ALREADY_APPROVED', { version: snap.value.version });
    const version = await this.repos.minutes.markSent(ctx.tenantId, snap.value.id, ctx.caller, this.clock.now().toISOString());
    const approved = await this.repos.minutes.latestApproved(ctx.tenantId, meeting.id);
    return {
      meeting,
      version,
      created: snap.created,
      summary: minutesSummary(version.content),
      links: this.linksFor(version, locale),
      adjuster: adjuster.person,
      ...(approved ? { approved } : {}),
    };
  }

  /** The version an approval card is about, checked to belong to this chat's meeting. */
  private async versionHere(ctx: RequestContext, versionId: string): Promise<MinutesVersion> {
    const { meeting } = await this.meetings.scopeOf(ctx);
    const version = await this.repos.minutes.get(ctx.tenantId, versionId);
    if (!meeting || !version || version.meetingId !== meeting.id) throw new DomainError('MINUTES.VERSION_NOT_FOUND');
    return version;
  }

  private async assertAdjuster(ctx: RequestContext, version: MinutesVersion): Promise<void> {
    const adjuster = await this.repos.adjusters.current(ctx.tenantId, version.meetingId);
    if (!adjuster || !samePerson(adjuster.person, ctx.caller)) throw new DomainError('MINUTES.NOT_ADJUSTER', { adjuster: adjuster?.person.name ?? '' });
  }

  /** The adjuster's Approve: locks the version. A second press, or a press on a newer card, changes nothing. */
  async approve(ctx: RequestContext, versionId: string): Promise<MinutesVersion> {
    const version = await this.versionHere(ctx, versionId);
    await this.assertAdjuster(ctx, version);
    if (version.status === 'approved') {
      await this.onApproved(version);
      return version;
    }
    if (version.status !== 'sent') throw new DomainError('MINUTES.NOT_SENT', { version: version.version });
    const latest = await this.repos.minutes.latest(ctx.tenantId, version.meetingId);
    if (latest && latest.version > version.version) throw new DomainError('MINUTES.SUPERSEDED', { version: version.version, latest: latest.version });
    const approved = await this.repos.minutes.approve(ctx.tenantId, version.id, ctx.caller, this.clock.now().toISOString());
    await this.onApproved(approved);
    return approved;
  }

  /** The adjuster's Request changes, with a note for the secretary; the version goes back to draft work. */
  async requestChanges(ctx: RequestContext, versionId: string, rawNote: unknown): Promise<MinutesVersion> {
    const note = changesNote(rawNote);
    const version = await this.versionHere(ctx, versionId);
    await this.assertAdjuster(ctx, version);
    if (version.status === 'changesRequested') return version;
    if (version.status !== 'sent') throw new DomainError('MINUTES.NOT_SENT', { version: version.version });
    return this.repos.minutes.requestChanges(ctx.tenantId, version.id, ctx.caller, this.clock.now().toISOString(), note);
  }

  /** A signed download link's file. The link names the version, so an approved text is served as approved. */
  async download(token: string): Promise<DownloadResult> {
    const read = this.links.read(token, this.clock.now());
    if (!read.ok) return read;
    const { claims } = read;
    const version = await this.repos.minutes.get(claims.tenantId, claims.versionId);
    if (!version) return { ok: false, refusal: 'notFound' };
    return { ok: true, file: await this.rendering.render(version, claims.format, claims.locale, claims.public ? 'public' : 'internal') };
  }
}
