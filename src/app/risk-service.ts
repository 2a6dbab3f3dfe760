import { DomainError } from '../domain/errors';
import { byRegisterOrder, riskNumber, validateNewRisk, validateReview, type NewRiskInput, type ReviewInput, type Risk, type RiskReview } from '../domain/risk';
import type { AccessPolicy, Scope } from './access-policy';
import type { RequestContext } from './context';
import type { MeetingService } from './meeting-service';
import type { Clock, Repositories, Stored } from './ports';

/** The risk register of the group (or, before the chat belongs to one, of the conversation): raise and list. */
export class RiskService {
  constructor(
    private readonly repos: Pick<Repositories, 'risks'>,
    private readonly meetings: MeetingService,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  async raiseRisk(ctx: RequestContext, input: NewRiskInput, sourceKey: string): Promise<Stored<Risk>> {
    const scope = await this.meetings.scopeOf(ctx);
    await this.policy.assert(ctx, scope, 'risk.record');
    const risk = validateNewRisk(input);
    const registerId = await this.registerOf(ctx, scope);
    return this.repos.risks.raise({
      tenantId: ctx.tenantId,
      registerId,
      risk,
      meetingId: scope.meeting?.id,
      ...(scope.meeting?.currentItem ? { agendaItem: scope.meeting.currentItem } : {}),
      raisedBy: ctx.caller,
      raisedAt: this.clock.now().toISOString(),
      sourceKey,
    });
  }

  /**
   * A risk followed up at a meeting (`/risk review R2 S=3 K=3 status=handled <note>`): the review is kept
   * with its date and values, and the risk takes them. Returns the risk before and after, and its history.
   */
  async reviewRisk(ctx: RequestContext, code: string, input: ReviewInput, sourceKey: string): Promise<{ before: Risk; after: Risk; review: RiskReview; history: RiskReview[]; created: boolean }> {
    const scope = await this.meetings.scopeOf(ctx);
    await this.policy.assert(ctx, scope, 'risk.record');
    const number = riskNumber(code);
    const registerId = await this.registerOf(ctx, scope);
    const before = await this.repos.risks.findByNumber(ctx.tenantId, registerId, number);
    if (!before) throw new DomainError('RISK.NOT_FOUND');
    const values = validateReview(before, input);
    const { value: review, created } = await this.repos.risks.review({
      tenantId: ctx.tenantId,
      risk: before,
      review: {
        ...values,
        ...(scope.meeting ? { meetingId: scope.meeting.id } : {}),
        ...(scope.meeting?.currentItem ? { agendaItem: scope.meeting.currentItem } : {}),
        reviewedBy: ctx.caller,
        reviewedAt: this.clock.now().toISOString(),
      },
      sourceKey,
    });
    const after = (await this.repos.risks.findByNumber(ctx.tenantId, registerId, number)) ?? before;
    return { before, after, review, history: await this.repos.risks.reviews(ctx.tenantId, before.id), created };
  }

  /** The register sorted as the council reads it: highest R first. */
  async listRisks(ctx: RequestContext): Promise<Risk[]> {
    const registerId = await this.registerOf(ctx, await this.meetings.scopeOf(ctx));
    const risks = await this.repos.risks.list(ctx.tenantId, registerId);
    return risks.sort(byRegisterOrder);
  }

  /** May the caller fill in a risk here? Asked before posting the form, so an attendee is told at once. */
  async assertMayRaise(ctx: RequestContext): Promise<void> {
    await this.policy.assert(ctx, await this.meetings.scopeOf(ctx), 'risk.record');
  }

  /** The group's register once the chat belongs to a group; until then the conversation's own. */
  private registerOf(ctx: RequestContext, scope: Scope): Promise<string> {
    return scope.group
      ? this.repos.risks.ensureGroupRegister(ctx.tenantId, scope.group.id)
      : this.repos.risks.ensureConversationRegister(ctx.tenantId, ctx.conversationId);
  }
}
