import { byRegisterOrder, validateNewRisk, type NewRiskInput, type Risk } from '../domain/risk';
import type { AccessPolicy } from './access-policy';
import type { RequestContext } from './context';
import type { MeetingService } from './meeting-service';
import type { Clock, Repositories, Stored } from './ports';

/** The risk register of the conversation (until groups exist): raise and list. */
export class RiskService {
  constructor(
    private readonly repos: Repositories,
    private readonly meetings: MeetingService,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  async raiseRisk(ctx: RequestContext, input: NewRiskInput, sourceKey: string): Promise<Stored<Risk>> {
    const meeting = (await this.meetings.meetingOf(ctx))?.value;
    await this.policy.assertMayRecord(ctx, meeting, 'risk');
    const risk = validateNewRisk(input);
    const registerId = await this.repos.risks.ensureConversationRegister(ctx.tenantId, ctx.conversationId);
    return this.repos.risks.raise({
      tenantId: ctx.tenantId,
      registerId,
      risk,
      meetingId: meeting?.id,
      raisedBy: ctx.caller,
      raisedAt: this.clock.now().toISOString(),
      sourceKey,
    });
  }

  /** The register sorted as the council reads it: highest R first. */
  async listRisks(ctx: RequestContext): Promise<Risk[]> {
    const registerId = await this.repos.risks.ensureConversationRegister(ctx.tenantId, ctx.conversationId);
    const risks = await this.repos.risks.list(ctx.tenantId, registerId);
    return risks.sort(byRegisterOrder);
  }

  /** May the caller fill in a risk here? Asked before posting the form, so an attendee is told at once. */
  async assertMayRaise(ctx: RequestContext): Promise<void> {
    const meeting = (await this.meetings.meetingOf(ctx))?.value;
    await this.policy.assertMayRecord(ctx, meeting, 'risk');
  }
}
