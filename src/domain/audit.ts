/**
 * The audit trail: who created, changed, retracted or approved a public record, when, and what. Written in
 * the same transaction as the change it describes, never changed or removed afterwards.
 */
import type { PersonRef } from './person';

export type AuditEntity = 'decision' | 'risk' | 'riskReview' | 'attendanceCorrection' | 'minutes';
export type AuditAction = 'create' | 'change' | 'retract' | 'send' | 'approve' | 'requestChanges';

export interface AuditEvent {
  id: string;
  tenantId: string;
  at: string;
  actor: PersonRef;
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  meetingId?: string;
  /** What: the values set (and, for a change, the values before). */
  details: Record<string, unknown>;
}
