/** Who keeps (secretary) and who approves (adjuster) a meeting's minutes (implemented in src/store). */
import type { PersonRef } from '../../domain/person';

export interface Appointment {
  person: PersonRef;
  appointedBy: PersonRef;
  appointedAt: string;
}

export interface SecretaryRepository {
  appoint(input: { tenantId: string; meetingId: string; person: PersonRef; appointedBy: PersonRef; at: string }): Promise<void>;
  current(tenantId: string, meetingId: string): Promise<Appointment | undefined>;
}
