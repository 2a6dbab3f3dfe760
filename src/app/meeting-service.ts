import { DomainError, type ErrorCode } from '../domain/errors';
import type { Meeting } from '../domain/meeting';
import { normaliseName, type PersonRef } from '../domain/person';
import type { AccessPolicy, RecordKind, Scope } from './access-policy';
import type { RequestContext } from './context';
import type { Appointment, ChatLookUp, Clock, MeetingDetails, Repositories, Stored } from './ports';

/** How a command names a person: an @mention carries their id; a typed name must match one member. */
export type PersonQuery = { mention: PersonRef } | { name: string };

export type AppointResult =
  | { kind: 'appointed'; appointment: Appointment }
  | { kind: 'choose'; candidates: PersonRef[] };

export class MeetingService {
  /** The meeting a request is about, looked up once per request (the request context is the key). */
  private readonly perRequest = new WeakMap<RequestContext, Promise<Stored<Meeting> | undefined>>();
  /** The group, roster and secretary read with the meeting, for this request only (never across requests). */
  private readonly lookedUp = new WeakMap<RequestContext, ChatLookUp>();

  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'groups' | 'secretaries'>,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /** The meeting of this chat, created on first contact; undefined outside a meeting chat. */
  meetingOf(ctx: RequestContext): Promise<Stored<Meeting> | undefined> {
    if (!ctx.teamsMeetingId) return Promise.resolve(undefined);
    // Asked several times in one request (first contact, access policy, the use case): one look-up.
    let found = this.perRequest.get(ctx);
    if (!found) {
      found = this.lookUpOrEnsure(ctx, ctx.teamsMeetingId);
      this.perRequest.set(ctx, found);
      found.catch(() => this.perRequest.delete(ctx));
    }
    return found;
  }

  /** The turn's look-ups in one query where the store can (lookUpChat); else, or on first contact, ensure. */
  private async lookUpOrEnsure(ctx: RequestContext, teamsMeetingId: string): Promise<Stored<Meeting>> {
    const chat = { tenantId: ctx.tenantId, teamsMeetingId, conversationId: ctx.conversationId };
    const seen = await this.repos.meetings.lookUpChat?.(chat);
    if (seen) {
      this.lookedUp.set(ctx, seen);
      return { value: seen.meeting, created: false };
    }
    return this.repos.meetings.ensure({ ...chat, at: this.clock.now().toISOString() });
  }

  /** The meeting of this chat and the group it belongs to (the meeting's group, else the chat's). */
  async scopeOf(ctx: RequestContext): Promise<Scope> {
    if (ctx.groupId !== undefined) return this.groupScope(ctx.tenantId, ctx.groupId);
    const meeting = (await this.meetingOf(ctx))?.value;
    const seen = this.lookedUp.get(ctx);
    // Read with the meeting, used by the request's first scope only: a later one (after /setup linked a group,
    // or a booked meeting took over the chat) reads again, as before.
    this.lookedUp.delete(ctx);
    if (meeting && seen?.meeting.id === meeting.id) {
      const { group, roster, secretary } = seen;
      return { meeting, ...(group ? { group } : {}), known: { meetingId: meeting.id, secretary, ...(group ? { groupId: group.id, roster: roster ?? [] } : {}) } };
    }
    const group = meeting?.groupId
      ? await this.repos.groups.get(ctx.tenantId, meeting.groupId)
      : await this.repos.groups.findByConversation(ctx.tenantId, ctx.conversationId);
    return { ...(meeting ? { meeting } : {}), ...(group ? { group } : {}) };
  }

  /**
   * The meeting of this chat, else — in a group's chat — the group's next meeting, the one what is prepared
   * there is for (agenda, notice, secretary, adjuster): see `nextMeetingOf`.
   */
  async scopeWithNext(ctx: RequestContext): Promise<Scope> {
    const scope = await this.scopeOf(ctx);
    if (scope.meeting || !scope.group) return scope;
    const next = await this.nextMeetingOf(ctx.tenantId, scope.group.id);
    return next ? { ...scope, meeting: next } : scope;
  }

  /**
   * The group's next meeting: the first from 12 hours ago on that has not ended — by its end event, by its
   * scheduled end, or by going through its whole agenda — so a meeting held yesterday (or run through
   * today) gives way to the next booking.
   */
  async nextMeetingOf(tenantId: string, groupId: string): Promise<Meeting | undefined> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const upcoming = await this.repos.meetings.listByGroup(tenantId, groupId, new Date(now.getTime() - 12 * 3600_000).toISOString(), '9999-12-31');
    for (const m of upcoming) {
      if (m.endedAt || (m.endsAt !== undefined && m.endsAt <= nowIso)) continue;
      if (m.agendaDoneAt) continue;
      return m;
    }
    return undefined;
  }

  /**
   * The meeting a card press names, when it belongs to this chat: the chat's own meeting, or a meeting of
   * the group the chat belongs to (or of that group's preparation group). Any other id — a card from another
   * chat, or a forged invoke — is refused as stale, before anything about that meeting is read or written.
   */
  async meetingOfThisChat(ctx: RequestContext, meetingId: string): Promise<Meeting> {
    const meeting = await this.repos.meetings.get(ctx.tenantId, meetingId);
    if (!meeting) throw new DomainError('CARD.STALE');
    if (!ctx.groupId && meeting.conversationId === ctx.conversationId) return meeting;
    const scope = await this.scopeOf(ctx);
    if (scope.meeting?.id === meeting.id) return meeting;
    const group = scope.group;
    if (group && meeting.groupId && (meeting.groupId === group.id || meeting.groupId === group.preparationGroupId)) return meeting;
    throw new DomainError('CARD.STALE');
  }

  /** The booked meeting took over this chat: this request's look-ups see it from now on. */
  tookOver(ctx: RequestContext, meeting: Meeting): void {
    this.perRequest.set(ctx, Promise.resolve({ value: meeting, created: false }));
  }

  /**
   * A request about a group as a whole (the tab): the group, its current and upcoming meetings (whose
   * secretaries record too), and the one in progress now, if any, which a review is kept with.
   */
  async groupScope(tenantId: string, groupId: string): Promise<Scope> {
    const group = await this.repos.groups.get(tenantId, groupId);
    if (!group) throw new DomainError('GROUP.NOT_FOUND', { name: groupId });
    const now = this.clock.now();
    const from = new Date(now.getTime() - 2 * 86_400_000).toISOString();
    const to = new Date(now.getTime() + 400 * 86_400_000).toISOString();
    const nowIso = now.toISOString();
    const groupMeetings = (await this.repos.meetings.listByGroup(tenantId, group.id, from, to)).filter((m) => !m.endedAt && (m.endsAt === undefined || m.endsAt >= nowIso || Boolean(m.startedAt)));
    const meeting = groupMeetings.find((m) => m.startedAt !== undefined || (m.startsAt !== undefined && m.startsAt <= nowIso && (m.endsAt === undefined || nowIso <= m.endsAt)));
    return { group, groupMeetings, ...(meeting ? { meeting } : {}) };
  }

  /**
   * The meeting of this chat, for recording `kind` in it: `missing` outside a meeting chat, a refusal when
   * the caller may not record. What recording use cases (decisions, notes, actions) all start with.
   */
  async meetingToRecordIn(ctx: RequestContext, kind: RecordKind, missing: ErrorCode): Promise<{ scope: Scope; meeting: Meeting }> {
    const scope = await this.scopeOf(ctx);
    if (!scope.meeting) throw new DomainError(missing);
    await this.policy.assert(ctx, scope, `${kind}.record`);
    return { scope, meeting: scope.meeting };
  }

  async fillDetails(meeting: Meeting, details: MeetingDetails): Promise<void> {
    await this.repos.meetings.updateDetails(meeting.tenantId, meeting.id, details);
  }

  /**
   * The person a command names: an @mention as is; a typed name must match one person of the chat
   * (exactly, else as part of a name); several matches are returned to choose from.
   */
  async resolvePerson(ctx: RequestContext, query: PersonQuery): Promise<{ kind: 'person'; person: PersonRef } | { kind: 'choose'; candidates: PersonRef[] }> {
    if ('mention' in query) return { kind: 'person', person: query.mention };
    const wanted = normaliseName(query.name);
    if (wanted === '') throw new DomainError('PERSON.MISSING');
    const members = await ctx.directory.members();
    const exact = members.filter((m) => normaliseName(m.name) === wanted);
    const candidates = exact.length > 0 ? exact : members.filter((m) => normaliseName(m.name).includes(wanted));
    if (candidates.length === 0) throw new DomainError('PERSON.NOT_FOUND', { name: query.name });
    if (candidates.length > 1) return { kind: 'choose', candidates: candidates.slice(0, 20) };
    return { kind: 'person', person: candidates[0]! };
  }

  /**
   * The organizer appoints the meeting's secretary (in a group's chat, the next meeting's); an ambiguous
   * name asks the organizer to choose.
   */
  async appointSecretary(ctx: RequestContext, query: PersonQuery): Promise<AppointResult> {
    const scope = await this.scopeWithNext(ctx);
    const { meeting } = scope;
    if (!meeting) throw new DomainError('DECISION.NEEDS_MEETING');
    await this.policy.assert(ctx, scope, 'officers.appoint');
    const found = await this.resolvePerson(ctx, query);
    if (found.kind === 'choose') return found;
    const { person } = found;
    const at = this.clock.now().toISOString();
    await this.repos.secretaries.appoint({ tenantId: ctx.tenantId, meetingId: meeting.id, person, appointedBy: ctx.caller, at });
    return { kind: 'appointed', appointment: { person, appointedBy: ctx.caller, appointedAt: at } };
  }
}
