import { decisionText, type Decision } from '../domain/decision';
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
   * Records a decision in the meeting of this chat. `sourceKey` identifies the request (activity id or
   * card press), so a repeated delivery stores once and returns the first record.
   */
  async recordDecision(ctx: RequestContext, rawText: string | undefined, sourceKey: string): Promise<Stored<Decision>> {
    const { meeting } = await this.meetings.meetingToRecordIn(ctx, 'decision', 'DECISION.NEEDS_MEETING');
    const text = decisionText(rawText);
    return this.repos.decisions.record({
      tenantId: ctx.tenantId,
      meetingId: meeting.id,
      text,
      recordedBy: ctx.caller,
      recordedAt: this.clock.now().toISOString(),
      sourceKey,
      ...(meeting.currentItem ? { agendaItem: meeting.currentItem } : {}),
    });
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
