import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Appointment, SecretaryRepository } from '../app/ports';
import type { PersonRef } from '../domain/person';
import { personFrom } from './person-columns';
import type { Database } from './schema';

/**
 * Appointments are appended, never overwritten: the newest is the meeting's secretary (or, in
 * `meeting_adjusters`, its adjuster), the rest is history.
 */
export class SqlSecretaryRepository implements SecretaryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly table: 'meeting_secretaries' | 'meeting_adjusters' = 'meeting_secretaries',
  ) {}

  async appoint(input: { tenantId: string; meetingId: string; person: PersonRef; appointedBy: PersonRef; at: string }): Promise<void> {
    await this.db
      .insertInto(this.table)
      .values({
        id: randomUUID(),
        tenant_id: input.tenantId,
        meeting_id: input.meetingId,
        person_id: input.person.id,
        person_aad_object_id: input.person.aadObjectId ?? null,
        person_name: input.person.name,
        appointed_by_id: input.appointedBy.id,
        appointed_by_name: input.appointedBy.name,
        appointed_at: input.at,
      })
      .execute();
  }

  async current(tenantId: string, meetingId: string): Promise<Appointment | undefined> {
    const row = await this.db
      .selectFrom(this.table)
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .orderBy('appointed_at', 'desc')
      .orderBy('id', 'desc')
      // No LIMIT: a meeting has a handful of appointments, read in index order, and SQLite ran this
      // statement (asked by every recording command) twice as fast without a bound `limit ?`.
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      person: personFrom(row.person_id, row.person_aad_object_id, row.person_name),
      appointedBy: personFrom(row.appointed_by_id, null, row.appointed_by_name),
      appointedAt: row.appointed_at,
    };
  }
}
