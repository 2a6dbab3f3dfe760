import { numbersDecisions, parseDecision, type Decision } from '../domain/decision';
import { DomainError } from '../domain/errors';
import type { AccessPolicy } from './access-policy';
import type { RequestContext } from './context';
import type { MeetingService } from './meeting-service';
import type { Clock, Repositories, Stored } from './ports';

/** Recording, listing and retracting decisions: one use case for the chat command, the card and the tab. */
export class DecisionService {
  constructor(
    private readonly repos: Pick<Repositories, 'decisions'>,
    private readonly meetings: MeetingService,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a decision in the meeting of this chat: `<heading> — <text>` or `<text>` (see parseDecision).
   * `sourceKey` identifies the request (activity id or card press), so a repeated delivery stores once and
   * returns the first record. `numbered`: whether the group writes it with its § number.
   */
  async recordDecision(ctx: RequestContext, rawText: string | undefined, sourceKey: string): Promise<Stored<Decision> & { numbered: boolean }> {
    const { meeting, scope } = await this.meetings.meetingToRecordIn(ctx, 'decision', 'DECISION.NEEDS_MEETING');
    const { heading, text } = parseDecision(rawText);
    const stored = await this.repos.decisions.record({
      tenantId: ctx.tenantId,
      meetingId: meeting.id,
      ...(heading ? { heading } : {}),
      text,
      recordedBy: ctx.caller,
      recordedAt: this.clock.now().toISOString(),
      sourceKey,
      ...(meeting.currentItem ? { agendaItem: meeting.currentItem } : {}),
    });
    return { ...stored, numbered: numbersDecisions(scope.group) };
  }

  /** Whether decisions here are written with § numbers: the group's setting (numbered without a group). */
  async numbering(ctx: RequestContext): Promise<boolean> {
    return numbersDecisions((await this.meetings.scopeOf(ctx)).group);
  }

  async listDecisions(ctx: RequestContext): Promise<Decision[]> {
    const meeting = (await this.meetings.meetingOf(ctx))?.value;
    if (!meeting) throw new DomainError('DECISION.NEEDS_MEETING');
    return this.repos.decisions.listForMeeting(ctx.tenantId, meeting.id);
  }

  /** Undo: the decision keeps its § number and is shown as retracted. Pressing twice changes nothing. */
  async retractDecision(ctx: RequestContext, decisionId: string): Promise<Decision> {
    const scope = await this.meetings.scopeOf(ctx);
    const { meeting } = scope;
    if (!meeting) throw new DomainError('DECISION.NEEDS_MEETING');
    const decision = await this.repos.decisions.get(ctx.tenantId, decisionId);
    if (!decision || decision.meetingId !== meeting.id) throw new DomainError('DECISION.NOT_FOUND');
    await this.policy.assert(ctx, scope, 'decision.record');
    if (decision.status === 'retracted') return decision;
    return this.repos.decisions.retract(ctx.tenantId, decisionId, ctx.caller, this.clock.now().toISOString());
  }
}
