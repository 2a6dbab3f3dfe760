/**
 * Meeting transcripts (issue 20): fetched from Graph after the meeting (end event and durable jobs), shown
 * per agenda item to those who may read them, passages taken into the minutes as notes through the same
 * use case as `/note`, and deleted by a durable job some days after the minutes are approved. A transcript
 * is personal data: it never reaches the minutes' public rendering, only what is taken as a note does.
 */
import { isItem } from '../domain/agenda';
import { DomainError } from '../domain/errors';
import { isMemberOn } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import type { MinutesVersion } from '../domain/minutes-content';
import type { Note } from '../domain/note';
import { normaliseName, type PersonRef } from '../domain/person';
import { utcToStockholm } from '../domain/stockholm-time';
import { permits, type AccessPolicy, type Standing } from './access-policy';
import type { RequestContext } from './context';
import type { MeetingService } from './meeting-service';
import type { MinutesRecordsService } from './minutes-records-service';
import { TranscriptAccessDenied, type Clock, type NewJob, type Repositories, type Stored, type TranscriptSource } from './ports';
import { alignCues, coveredMinutes, type AlignedItem } from './transcript-alignment';

export const TRANSCRIPT_FETCH_JOB = 'transcript-fetch';
export const TRANSCRIPT_RETENTION_JOB = 'transcript-retention';
export const DEFAULT_TRANSCRIPT_RETRY_MINUTES: readonly number[] = [15, 120, 1440];
export const DEFAULT_TRANSCRIPT_RETENTION_DAYS = 30;

/** Who deletes on the retention job's behalf, in the audit trail. */
export const RETENTION_ACTOR: PersonRef = { id: 'system:transcript-retention', name: 'Rådslag (retention)' };

export type TranscriptFetchOutcome =
  | { kind: 'fetched'; added: number }
  | { kind: 'none' }
  | { kind: 'notConfigured' }
  | { kind: 'noOnlineMeeting' }
  | { kind: 'denied'; message: string }
  | { kind: 'deleted' };

/** What the chat is told once: how many items and minutes the transcripts cover. */
export interface TranscriptSummary {
  meeting: Meeting;
  items: number;
  minutes: number;
  cues: number;
  /** The tab's Transcript page of the meeting. */
  link?: string;
}

export interface TranscriptView {
  meeting: Meeting;
  /** The meeting's Stockholm date. */
  date?: string;
  /** False when the tenant gave the cues without speakers. */
  attributed: boolean;
  deleted: boolean;
  mayTakeNotes: boolean;
  /** The cues are withheld: the local reader (demo workspace, no sign-in) sees the items only. */
  withheld?: boolean;
  items: AlignedItem[];
}

export interface TranscriptOptions {
  source?: TranscriptSource;
  retryMinutes?: readonly number[];
  retentionDays?: number;
  /** The tab's Transcript page of a meeting (a Teams deep link; src/links). */
  pageLink?: (meetingId: string) => string;
}

function dateOf(meeting: Meeting): { date?: string } {
  const start = meeting.startedAt ?? meeting.startsAt;
  return start ? { date: utcToStockholm(new Date(start)).date } : {};
}

/** The tab has no chat roster: the group's roster and appointed secretary decide. */
const NO_DIRECTORY: RequestContext['directory'] = { meetingRoleOf: () => Promise.resolve('Unknown'), members: () => Promise.resolve([]) };

export class TranscriptService {
  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'agendas' | 'transcripts' | 'jobs'>,
    private readonly meetings: MeetingService,
    private readonly policy: AccessPolicy,
    private readonly records: MinutesRecordsService,
    private readonly clock: Clock,
    private readonly options: TranscriptOptions = {},
  ) {}

  /** The fetches after the meeting's end, one job per offset (the same meeting again keeps the ones there are). */
  fetchJobs(meeting: Meeting): NewJob[] {
    const end = meeting.endedAt ?? meeting.endsAt;
    if (!end) return [];
    return (this.options.retryMinutes ?? DEFAULT_TRANSCRIPT_RETRY_MINUTES).map((minutes) => ({
      tenantId: meeting.tenantId,
      kind: TRANSCRIPT_FETCH_JOB,
      uniqueKey: `${TRANSCRIPT_FETCH_JOB}:${meeting.id}:${minutes}`,
      runAt: new Date(new Date(end).getTime() + minutes * 60_000).toISOString(),
      payload: { meetingId: meeting.id },
    }));
  }

  async scheduleFetches(meeting: Meeting): Promise<void> {
    if (!this.options.source) return;
    for (const job of this.fetchJobs(meeting)) await this.repos.jobs.enqueue(job);
  }

  /**
   * Lists the meeting's transcripts and stores the new ones. Safe to run again at any time. Throttling and
   * other Graph failures are thrown: a job then tries again later.
   */
  async fetchFor(tenantId: string, meetingId: string): Promise<TranscriptFetchOutcome> {
    const { source } = this.options;
    if (!source) return { kind: 'notConfigured' };
    const meeting = await this.repos.meetings.get(tenantId, meetingId);
    const organizer = meeting?.organizerAadObjectId ?? meeting?.scheduledBy?.aadObjectId;
    if (!meeting || meeting.cancelledAt || !organizer || !meeting.graphMeetingId) return { kind: 'noOnlineMeeting' };
    if ((await this.repos.transcripts.state(tenantId, meetingId)).deletedAt) return { kind: 'deleted' };
    try {
      const fetched = await source.fetchTranscripts(organizer, meeting.graphMeetingId);
      if (fetched.length === 0) return { kind: 'none' };
      return { kind: 'fetched', added: await this.repos.transcripts.saveNew(tenantId, meetingId, fetched, this.clock.now().toISOString()) };
    } catch (e) {
      if (!(e instanceof TranscriptAccessDenied)) throw e;
      return { kind: 'denied', message: e.message };
    }
  }

  /** The summary for the chat's one card, the first time only (undefined after, or while there is nothing). */
  async announce(tenantId: string, meetingId: string): Promise<TranscriptSummary | undefined> {
    const meeting = await this.repos.meetings.get(tenantId, meetingId);
    if (!meeting) return undefined;
    const transcripts = await this.repos.transcripts.list(tenantId, meetingId);
    const cueLists = transcripts.map((t) => t.cues);
    const cues = cueLists.reduce((n, c) => n + c.length, 0);
    if (cues === 0 || !(await this.repos.transcripts.markAnnounced(tenantId, meetingId, this.clock.now().toISOString()))) return undefined;
    const items = (await this.aligned(meeting, cueLists)).filter((i) => i.place === 'item' && i.cues.length > 0).length;
    const link = this.options.pageLink?.(meeting.id);
    return { meeting, items, minutes: coveredMinutes(cueLists), cues, ...(link ? { link } : {}) };
  }

  /** The transcript per agenda item, for those who may read it (a member only where the group allows). */
  async view(tenantId: string, caller: PersonRef, meetingId: string): Promise<TranscriptView> {
    const { meeting, standing } = await this.readable(tenantId, caller, meetingId);
    const [transcripts, state] = await Promise.all([this.repos.transcripts.list(tenantId, meeting.id), this.repos.transcripts.state(tenantId, meeting.id)]);
    const speakers = await this.speakerNames(meeting);
    const cueLists = transcripts.map((t) => t.cues.map((c) => (c.speaker ? { ...c, speaker: speakers(c.speaker) } : c)));
    return {
      meeting,
      ...dateOf(meeting),
      attributed: transcripts.every((t) => t.attributed),
      deleted: Boolean(state.deletedAt),
      mayTakeNotes: permits(standing, 'note.record'),
      items: await this.aligned(meeting, cueLists),
    };
  }

  /** The items without a word said: for the local reader, who reads the demo workspace but never a transcript. */
  async outline(tenantId: string, meetingId: string): Promise<TranscriptView> {
    const meeting = await this.repos.meetings.get(tenantId, meetingId);
    if (!meeting) throw new DomainError('MEETING.NONE');
    return { meeting, ...dateOf(meeting), attributed: true, deleted: false, mayTakeNotes: false, withheld: true, items: await this.aligned(meeting, []) };
  }

  /**
   * Passages of the transcript as a note on the item they belong to, through `/note`'s use case (its
   * access rule and its source key: the same request stores once).
   */
  async takeNote(tenantId: string, caller: PersonRef, meetingId: string, input: { itemNumber: number | null; cueIds: readonly string[] }, sourceKey: string, locale: 'sv' | 'en'): Promise<Stored<Note>> {
    const view = await this.view(tenantId, caller, meetingId);
    const wanted = new Set(input.cueIds);
    const chosen = view.items.flatMap((i) => i.cues).filter((c) => wanted.has(c.id));
    if (chosen.length !== wanted.size) throw new DomainError('TRANSCRIPT.UNKNOWN_CUES', { count: wanted.size - chosen.length });
    const text = chosen.map((c) => `- ${c.speaker ? `${c.speaker}: ` : ''}${c.text}`).join('\n');
    const m = view.meeting;
    const ctx: RequestContext = { tenantId, conversationId: m.conversationId, ...(m.teamsMeetingId ? { teamsMeetingId: m.teamsMeetingId } : {}), caller, locale, directory: NO_DIRECTORY };
    return this.records.addNote(ctx, text, sourceKey, input.itemNumber);
  }

  /** `/transcripts members on|off` in the group's chat: its managers decide; anyone may read the setting. */
  async membersRead(ctx: RequestContext, on?: boolean): Promise<{ groupName: string; on: boolean }> {
    const scope = await this.meetings.scopeOf(ctx);
    const group = scope.group;
    if (!group) throw new DomainError('GROUP.NOT_SET_UP');
    if (on === undefined) return { groupName: group.name, on: await this.repos.transcripts.membersRead(ctx.tenantId, group.id) };
    await this.policy.assert(ctx, scope, 'group.manage');
    await this.repos.transcripts.setMembersRead(ctx.tenantId, group.id, on);
    return { groupName: group.name, on };
  }

  /** On approval of the minutes: the transcripts' deletion, as a durable job after the retention time. */
  async scheduleRetention(version: MinutesVersion): Promise<void> {
    if (!version.approvedAt) return;
    const days = this.options.retentionDays ?? DEFAULT_TRANSCRIPT_RETENTION_DAYS;
    await this.repos.jobs.enqueue({
      tenantId: version.tenantId,
      kind: TRANSCRIPT_RETENTION_JOB,
      uniqueKey: `${TRANSCRIPT_RETENTION_JOB}:${version.meetingId}`,
      runAt: new Date(new Date(version.approvedAt).getTime() + days * 86_400_000).toISOString(),
      payload: { meetingId: version.meetingId, approvedAt: version.approvedAt },
    });
  }

  /** The retention job: every transcript of the meeting deleted, with an audit event saying so. */
  async deleteAfterRetention(tenantId: string, meetingId: string, approvedAt: string): Promise<number> {
    return this.repos.transcripts.deleteForMeeting(tenantId, meetingId, this.clock.now().toISOString(), RETENTION_ACTOR, {
      reason: 'retention',
      minutesApprovedAt: approvedAt,
      retentionDays: this.options.retentionDays ?? DEFAULT_TRANSCRIPT_RETENTION_DAYS,
    });
  }

  private async readable(tenantId: string, caller: PersonRef, meetingId: string): Promise<{ meeting: Meeting; standing: Standing }> {
    const meeting = await this.repos.meetings.get(tenantId, meetingId);
    if (!meeting) throw new DomainError('MEETING.NONE');
    const group = meeting.groupId ? await this.repos.groups.get(tenantId, meeting.groupId) : undefined;
    const standing = await this.policy.standing({ tenantId, caller }, { meeting, ...(group ? { group } : {}) });
    if (permits(standing, 'transcript.read')) return { meeting, standing };
    if (group && permits(standing, 'transcript.readShared') && (await this.repos.transcripts.membersRead(tenantId, group.id))) return { meeting, standing };
    throw new DomainError('ACCESS.TRANSCRIPT_DENIED');
  }

  private async aligned(meeting: Meeting, cueLists: Parameters<typeof alignCues>[0]): Promise<AlignedItem[]> {
    const agenda = (await this.repos.agendas.list(meeting.tenantId, meeting.id)).filter(isItem);
    const doneAt = meeting.agendaDoneAt ?? meeting.endedAt;
    return alignCues(cueLists, { items: agenda.map((i) => ({ number: i.number, title: i.title, ...(i.actualStart ? { actualStart: i.actualStart } : {}) })), ...(doneAt ? { doneAt } : {}) });
  }

  /** A voice tag's name as the roster writes it when it names one member on the meeting's day. */
  private async speakerNames(meeting: Meeting): Promise<(voice: string) => string> {
    const roster = meeting.groupId ? await this.repos.groups.members(meeting.tenantId, meeting.groupId) : [];
    const day = (meeting.startedAt ?? meeting.startsAt ?? meeting.createdAt).slice(0, 10);
    const byName = new Map<string, string>();
    for (const m of roster.filter((r) => isMemberOn(r, day))) byName.set(normaliseName(m.person.name), m.person.name);
    return (voice) => byName.get(normaliseName(voice)) ?? voice;
  }
}
