/** The risk registers (implemented in src/store). */
import type { PersonRef } from '../../domain/person';
import type { Risk, RiskReview, ValidRisk } from '../../domain/risk';
import type { Stored } from './stored';

export interface NewRisk extends Pick<Risk, 'tenantId' | 'registerId' | 'meetingId' | 'agendaItem' | 'raisedBy' | 'raisedAt'> {
  risk: ValidRisk;
  sourceKey: string;
}

export interface NewRiskReview {
  tenantId: string;
  risk: Risk;
  review: Omit<RiskReview, 'id' | 'riskId'>;
  sourceKey: string;
}

export interface RiskRepository {
  findByNumber(tenantId: string, registerId: string, number: number): Promise<Risk | undefined>;
  /** Stores the review and gives the risk its S, K and status; a repeated `sourceKey` stores once. */
  review(input: NewRiskReview): Promise<Stored<RiskReview>>;
  reviews(tenantId: string, riskId: string): Promise<RiskReview[]>;
  /** Risks raised in a meeting, by number. */
  raisedInMeeting(tenantId: string, meetingId: string): Promise<Risk[]>;
  /** Follow-ups made in a meeting, oldest first, each with its risk. */
  reviewsInMeeting(tenantId: string, meetingId: string): Promise<Array<{ review: RiskReview; risk: Risk }>>;
  /** When each risk of the register was last reviewed (risks never reviewed are left out). */
  lastReviewed(tenantId: string, registerId: string): Promise<Array<{ riskId: string; at: string }>>;
  /** The register a conversation keeps before it belongs to a group. */
  ensureConversationRegister(tenantId: string, conversationId: string): Promise<string>;
  /** Stores with the next R number of the register; a repeated `sourceKey` returns the first one stored. */
  raise(input: NewRisk): Promise<Stored<Risk>>;
  list(tenantId: string, registerId: string): Promise<Risk[]>;
  /** The register of a group, created on first use. */
  ensureGroupRegister(tenantId: string, groupId: string): Promise<string>;
  /**
   * Risks a conversation kept before it belonged to a group move into the group's register: the
   * conversation's register becomes the group's if the group has none, else its risks are appended
   * (renumbered after the group's last; each renumbered risk's audit trail says so, by `by`). Returns how
   * many risks moved.
   */
  moveConversationRisksToGroup(tenantId: string, conversationId: string, groupId: string, by: { actor: PersonRef; at: string }): Promise<number>;
}
