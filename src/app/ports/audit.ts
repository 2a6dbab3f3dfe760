import type { AuditEvent } from '../../domain/audit';

/** The append-only audit trail (written by the repositories with each change; read here). */
export interface AuditRepository {
  /** Events of the records, oldest first. */
  history(tenantId: string, entity: AuditEvent['entity'], entityIds: readonly string[]): Promise<AuditEvent[]>;
}
