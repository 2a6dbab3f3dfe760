/**
 * The audit trail: who created, changed, retracted or approved a public record, when, and what. Written in
 * the same transaction as the change it describes, never changed or removed afterwards.
 */
import type { PersonRef } from './person';

export type AuditEntity = 'decision' | 'risk' | 'riskReview' | 'attendanceCorrection' | 'minutes' | 'transcript' | 'person' | 'retention';
/** For `person`: `send` is an export handed out (art. 15), `change` an erasure (art. 17); `retention` deletes with `delete`. */
export type AuditAction = 'create' | 'change' | 'retract' | 'send' | 'approve' | 'requestChanges' | 'delete';

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
