import { carriedOver, isOwner, parseActionArgs, type Action } from '../domain/action';
import { attachmentTitle, attachmentUrl, type Attachment, type AttachmentOrigin } from '../domain/attachment';
import { DomainError } from '../domain/errors';
import { noteText, type Note } from '../domain/note';
import type { AccessPolicy } from './access-policy';
import type { RequestContext } from './context';
import type { AppointResult, MeetingService, PersonQuery } from './meeting-service';
import type { Clock, Repositories, Stored } from './ports';

/**
 * What the minutes are made of during the meeting: notes and actions against the item in progress, the
 * group's open actions across meetings, and the adjuster who approves the minutes. One use case for each,
 * whatever the entry point (chat command, card, tab).
 */
export class MinutesRecordsService {
  constructor(
    private readonly repos: Pick<Repositories, 'notes' | 'actions' | 'adjusters' | 'attachments'>,
    private readonly meetings: MeetingService,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /**
   * A note on the agenda item in progress (or on `onItem`, a transcript's passage: null for none);
   * `sourceKey` makes a redelivered request store once.
   */
  async addNote(ctx: RequestContext, rawText: string | undefined, sourceKey: string, onItem?: number | null): Promise<Stored<Note>> {
    const { meeting } = await this.meetings.meetingToRecordIn(ctx, 'note', 'MINUTES.NEEDS_MEETING');
    const text = noteText(rawText);
    const item = onItem === undefined ? meeting.currentItem : (onItem ?? undefined);
    return this.repos.notes.add({
      tenantId: ctx.tenantId,
      meetingId: meeting.id,
      text,
      recordedBy: ctx.caller,
      recordedAt: this.clock.now().toISOString(),
      sourceKey,
      ...(item ? { agendaItem: item } : {}),
    });
  }

  /**
   * An attachment on the agenda item in progress (or the meeting): `/attach`, or a file shared in the chat.
   * Those who record notes add attachments; a refusal names attachments.
   */
  async addAttachment(ctx: RequestContext, input: { title: string; url: string; origin: AttachmentOrigin }, sourceKey: string): Promise<Stored<Attachment>> {
    const title = attachmentTitle(input.title);
    const url = attachmentUrl(input.url);
    const { meeting } = await this.meetingForAttachments(ctx);
    return this.repos.attachments.add({
      tenantId: ctx.tenantId,
      meetingId: meeting.id,
      ...(meeting.currentItem ? { agendaItem: meeting.currentItem } : {}),
      title,
      url,
      origin: input.origin,
      addedBy: ctx.caller,
      addedAt: this.clock.now().toISOString(),
      sourceKey,
    });
  }

  /** The meeting's attachments, oldest first (for the file card: which files are recorded already). */
  async listAttachments(ctx: RequestContext): Promise<Attachment[]> {
    const { meeting } = await this.meetings.scopeOf(ctx);
    if (!meeting) throw new DomainError('MINUTES.NEEDS_MEETING');
    return this.repos.attachments.listForMeeting(ctx.tenantId, meeting.id);
  }

  private async meetingForAttachments(ctx: RequestContext): ReturnType<MeetingService['meetingToRecordIn']> {
    try {
      return await this.meetings.meetingToRecordIn(ctx, 'note', 'MINUTES.NEEDS_MEETING');
    } catch (e) {
      if (e instanceof DomainError && (e.code === 'ACCESS.RECORD_DENIED' || e.code === 'ACCESS.GROUP_RECORD_DENIED')) throw new DomainError(e.code, { ...e.params, kind: 'attachment' });
      throw e;
    }
  }

  /** `/action <text> [owner: <name>] [due: YYYY-MM-DD]`: nothing is stored unless all of it is valid. */
  async recordAction(ctx: RequestContext, args: string, sourceKey: string): Promise<Stored<Action>> {
    const { meeting, scope } = await this.meetings.meetingToRecordIn(ctx, 'action', 'MINUTES.NEEDS_MEETING');
    const { group } = scope;
    const draft = parseActionArgs(args);
    return this.repos.actions.record({
      tenantId: ctx.tenantId,
      meetingId: meeting.id,
      ...(group ? { groupId: group.id } : {}),
      ...(meeting.currentItem ? { agendaItem: meeting.currentItem } : {}),
      ...draft,
      createdBy: ctx.caller,
      createdAt: this.clock.now().toISOString(),
      sourceKey,
    });
  }

  /** The open actions here: the group's across its meetings, else this meeting's; oldest first. */
  async listOpenActions(ctx: RequestContext): Promise<Action[]> {
    const { meeting, group } = await this.meetings.scopeOf(ctx);
    if (group) return this.repos.actions.listOpen(ctx.tenantId, { groupId: group.id });
    if (meeting) return this.repos.actions.listOpen(ctx.tenantId, { meetingId: meeting.id });
    throw new DomainError('MINUTES.NEEDS_MEETING');
  }

  /** The group's actions still open from its earlier meetings: they come back at the next meeting's start. */
  async carriedOver(tenantId: string, meeting: { id: string; groupId?: string }): Promise<Action[]> {
    if (!meeting.groupId) return [];
    const open = await this.repos.actions.listOpen(tenantId, { groupId: meeting.groupId });
    return carriedOver(open, meeting.id);
  }

  /**
   * Done, by those who may record here or by the action's owner (by name). Pressing twice changes
   * nothing: the first press's who and when are kept.
   */
  async markActionDone(ctx: RequestContext, actionId: string): Promise<Action> {
    const scope = await this.meetings.scopeOf(ctx);
    const action = await this.repos.actions.get(ctx.tenantId, actionId);
    const here = action && (scope.group ? action.groupId === scope.group.id : action.meetingId === scope.meeting?.id);
    if (!action || !here) throw new DomainError('ACTION.NOT_FOUND');
    if (action.status === 'done') return action;
    if (!isOwner(action, ctx.caller)) {
      try {
        await this.policy.assert(ctx, scope, 'action.record');
      } catch (e) {
        if (e instanceof DomainError && e.code.startsWith('ACCESS.')) throw new DomainError('ACTION.DONE_DENIED', { owner: action.owner ?? '' });
        throw e;
      }
    }
    return this.repos.actions.markDone(ctx.tenantId, actionId, ctx.caller, this.clock.now().toISOString());
  }

  /** The adjuster approves the minutes; appointed by those who appoint the secretary, named the same way. */
  async appointAdjuster(ctx: RequestContext, query: PersonQuery): Promise<AppointResult> {
    // In a group's chat, for its next meeting: the adjuster is prepared with the booking.
    const scope = await this.meetings.scopeWithNext(ctx);
    const { meeting } = scope;
    if (!meeting) throw new DomainError('MINUTES.NEEDS_MEETING');
    await this.policy.assert(ctx, scope, 'officers.appoint');
    const found = await this.meetings.resolvePerson(ctx, query);
    if (found.kind === 'choose') return found;
    const at = this.clock.now().toISOString();
    await this.repos.adjusters.appoint({ tenantId: ctx.tenantId, meetingId: meeting.id, person: found.person, appointedBy: ctx.caller, at });
    return { kind: 'appointed', appointment: { person: found.person, appointedBy: ctx.caller, appointedAt: at } };
  }
}
