import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { MeetingDetails, MeetingRepository, Stored } from '../app/ports';
import type { Meeting } from '../domain/meeting';
import { retryOnConflict } from './numbering';
import type { Database, MeetingsTable } from './schema';

const toMeeting = (r: Selectable<MeetingsTable>): Meeting => ({
  id: r.id,
  tenantId: r.tenant_id,
  teamsMeetingId: r.teams_meeting_id,
  conversationId: r.conversation_id,
  title: r.title ?? undefined,
  startsAt: r.starts_at ?? undefined,
  endsAt: r.ends_at ?? undefined,
  organizerAadObjectId: r.organizer_aad_object_id ?? undefined,
  createdAt: r.created_at,
});

export class SqlMeetingRepository implements MeetingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findByTeamsId(tenantId: string, teamsMeetingId: string): Promise<Meeting | undefined> {
    const row = await this.db
      .selectFrom('meetings')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('teams_meeting_id', '=', teamsMeetingId)
      .executeTakeFirst();
    return row ? toMeeting(row) : undefined;
  }

  ensure(input: { tenantId: string; teamsMeetingId: string; conversationId: string; at: string }): Promise<Stored<Meeting>> {
    return retryOnConflict(async () => {
      const found = await this.findByTeamsId(input.tenantId, input.teamsMeetingId);
      if (found) return { value: found, created: false };
      const row = {
        id: randomUUID(),
        tenant_id: input.tenantId,
        teams_meeting_id: input.teamsMeetingId,
        conversation_id: input.conversationId,
        title: null,
        starts_at: null,
        ends_at: null,
        organizer_aad_object_id: null,
        created_at: input.at,
      };
      await this.db.insertInto('meetings').values(row).execute();
      return { value: toMeeting(row), created: true };
    });
  }

  async updateDetails(tenantId: string, meetingId: string, d: MeetingDetails): Promise<void> {
    const values = {
      ...(d.title !== undefined ? { title: d.title } : {}),
      ...(d.startsAt !== undefined ? { starts_at: d.startsAt } : {}),
      ...(d.endsAt !== undefined ? { ends_at: d.endsAt } : {}),
      ...(d.organizerAadObjectId !== undefined ? { organizer_aad_object_id: d.organizerAadObjectId } : {}),
    };
    if (Object.keys(values).length === 0) return;
    await this.db.updateTable('meetings').set(values).where('tenant_id', '=', tenantId).where('id', '=', meetingId).execute();
  }
}
