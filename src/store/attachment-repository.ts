import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AttachmentRepository, NewAttachment, Stored } from '../app/ports';
import type { Attachment, AttachmentOrigin } from '../domain/attachment';
import { retryOnConflict } from './numbering';
import { personFrom } from './person-columns';
import type { AttachmentsTable, Database } from './schema';

const toAttachment = (r: Selectable<AttachmentsTable>): Attachment => ({
  id: r.id,
  tenantId: r.tenant_id,
  meetingId: r.meeting_id,
  ...(r.agenda_item === null ? {} : { agendaItem: Number(r.agenda_item) }),
  title: r.title,
  ...(r.url ? { url: r.url } : {}),
  origin: r.origin as AttachmentOrigin,
  addedBy: personFrom(r.added_by_id, r.added_by_aad_object_id, r.added_by_name),
  addedAt: r.added_at,
});

/** Attachments, one per request: a repeated source key (a redelivery, a second press) returns the first. */
export class SqlAttachmentRepository implements AttachmentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  add(input: NewAttachment): Promise<Stored<Attachment>> {
    // Two deliveries at the same moment: the loser's insert hits the unique key and finds the winner's row.
    return retryOnConflict(async () => {
      const existing = await this.db.selectFrom('attachments').selectAll().where('tenant_id', '=', input.tenantId).where('source_key', '=', input.sourceKey).executeTakeFirst();
      if (existing) return { value: toAttachment(existing), created: false };
      const row: Selectable<AttachmentsTable> = {
        id: randomUUID(),
        tenant_id: input.tenantId,
        meeting_id: input.meetingId,
        agenda_item: input.agendaItem ?? null,
        title: input.title,
        url: input.url ?? null,
        origin: input.origin,
        added_by_id: input.addedBy.id,
        added_by_aad_object_id: input.addedBy.aadObjectId ?? null,
        added_by_name: input.addedBy.name,
        added_at: input.addedAt,
        source_key: input.sourceKey,
      };
      await this.db.insertInto('attachments').values(row).execute();
      return { value: toAttachment(row), created: true };
    });
  }

  async listForMeeting(tenantId: string, meetingId: string): Promise<Attachment[]> {
    const rows = await this.db.selectFrom('attachments').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('added_at').orderBy('id').execute();
    return rows.map(toAttachment);
  }
}
