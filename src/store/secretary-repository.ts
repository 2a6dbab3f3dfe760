import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Appointment, SecretaryRepository } from '../app/ports';
import type { PersonRef } from '../domain/person';
import { personFrom } from './person-columns';
import { prepare, type PreparedQuery } from './prepared';
import type { Database, MeetingSecretariesTable } from './schema';

/**
 * Appointments are appended, never overwritten: the newest is the meeting's secretary (or, in
 * `meeting_adjusters`, its adjuster), the rest is history.
 */
export class SqlSecretaryRepository implements SecretaryRepository {
  /** Asked by every recording command: who records in this meeting now (see prepared.ts). */
  private readonly latest: PreparedQuery<{ tenantId: string; meetingId: string }, Selectable<MeetingSecretariesTable>>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly table: 'meeting_secretaries' | 'meeting_adjusters' = 'meeting_secretaries',
  ) {
    this.latest = prepare(db, (q, p) =>
      q
        .selectFrom(table)
        .selectAll()
        .where('tenant_id', '=', p('tenantId'))
        .where('meeting_id', '=', p('meetingId'))
        .orderBy('appointed_at', 'desc')
        .orderBy('id', 'desc'),
    );
  }

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
    // The newest first, and no LIMIT: a meeting has a handful of appointments, read in index order, and
    // SQLite ran this statement twice as fast without a bound `limit ?`.
    const [row] = await this.latest.run(this.db, { tenantId, meetingId });
    return row ? toAppointment(row) : undefined;
  }
}

export function toAppointment(row: Selectable<MeetingSecretariesTable>): Appointment {
  return {
    person: personFrom(row.person_id, row.person_aad_object_id, row.person_name),
    appointedBy: personFrom(row.appointed_by_id, null, row.appointed_by_name),
    appointedAt: row.appointed_at,
  };
}
