import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { FetchedTranscript, StoredTranscript, TranscriptCue, TranscriptRepository } from '../app/ports';
import type { PersonRef } from '../domain/person';
import { appendAudit } from './audit-repository';
import type { Database, TranscriptsTable } from './schema';
import type { Transact } from './transactions';

/** Offsets (seconds) to ISO instants: the cue ids are the row's id and the cue's place, so they never change. */
function cuesOf(rowId: string, t: FetchedTranscript): TranscriptCue[] {
  const zero = new Date(t.startedAt).getTime();
  const at = (s: number) => new Date(zero + Math.round(s * 1000)).toISOString();
  return t.cues.map((c, i) => ({ id: `${rowId}.${i}`, start: at(c.startSeconds), end: at(c.endSeconds), ...(c.speaker ? { speaker: c.speaker } : {}), text: c.text }));
}

const toTranscript = (r: Selectable<TranscriptsTable>): StoredTranscript => ({
  id: r.id,
  meetingId: r.meeting_id,
  graphId: r.graph_id,
  startedAt: r.started_at,
  ...(r.ended_at ? { endedAt: r.ended_at } : {}),
  attributed: Number(r.attributed) === 1,
  fetchedAt: r.fetched_at,
  cues: JSON.parse(r.cues) as TranscriptCue[],
});

export class SqlTranscriptRepository implements TranscriptRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly transact: Transact,
  ) {}

  async saveNew(tenantId: string, meetingId: string, transcripts: readonly FetchedTranscript[], at: string): Promise<number> {
    let added = 0;
    for (const t of transcripts) {
      const id = randomUUID();
      // A second fetch (end event and job at once) meets the unique key and stores nothing; a fetch that was
      // under way while the retention job deleted the meeting's transcripts stores nothing either.
      const result = await this.db
        .insertInto('transcripts')
        .columns(['id', 'tenant_id', 'meeting_id', 'graph_id', 'started_at', 'ended_at', 'attributed', 'fetched_at', 'cues'])
        .expression(
          this.db
            .selectNoFrom((eb) => [
              eb.cast<string>(eb.val(id), 'text').as('id'),
              eb.cast<string>(eb.val(tenantId), 'text').as('tenant_id'),
              eb.cast<string>(eb.val(meetingId), 'text').as('meeting_id'),
              eb.cast<string>(eb.val(t.graphId), 'text').as('graph_id'),
              eb.cast<string>(eb.val(t.startedAt), 'text').as('started_at'),
              eb.cast<string | null>(eb.val(t.endedAt ?? null), 'text').as('ended_at'),
              eb.cast<number>(eb.val(t.attributed ? 1 : 0), 'integer').as('attributed'),
              eb.cast<string>(eb.val(at), 'text').as('fetched_at'),
              eb.cast<string>(eb.val(JSON.stringify(cuesOf(id, t))), 'text').as('cues'),
            ])
            .where((eb) =>
              eb.not(eb.exists(eb.selectFrom('transcript_meetings').select('meeting_id').where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).where('deleted_at', 'is not', null))),
            ),
        )
        .onConflict((oc) => oc.columns(['tenant_id', 'meeting_id', 'graph_id']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return added;
  }

  async list(tenantId: string, meetingId: string): Promise<StoredTranscript[]> {
    const rows = await this.db.selectFrom('transcripts').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('started_at').orderBy('id').execute();
    return rows.map(toTranscript);
  }

  async state(tenantId: string, meetingId: string): Promise<{ announcedAt?: string; deletedAt?: string }> {
    const r = await this.db.selectFrom('transcript_meetings').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).executeTakeFirst();
    return { ...(r?.announced_at ? { announcedAt: r.announced_at } : {}), ...(r?.deleted_at ? { deletedAt: r.deleted_at } : {}) };
  }

  async markAnnounced(tenantId: string, meetingId: string, at: string): Promise<boolean> {
    await this.db.insertInto('transcript_meetings').values({ tenant_id: tenantId, meeting_id: meetingId, announced_at: null, deleted_at: null }).onConflict((oc) => oc.columns(['tenant_id', 'meeting_id']).doNothing()).execute();
    // Only the update that finds announced_at empty wins: two fetches at once post one card.
    const result = await this.db.updateTable('transcript_meetings').set({ announced_at: at }).where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).where('announced_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  deleteForMeeting(tenantId: string, meetingId: string, at: string, by: PersonRef, details: Record<string, unknown>): Promise<number> {
    return this.transact(async (trx) => {
      const result = await trx.deleteFrom('transcripts').where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).executeTakeFirst();
      const deleted = Number(result.numDeletedRows);
      await trx.insertInto('transcript_meetings').values({ tenant_id: tenantId, meeting_id: meetingId, announced_at: null, deleted_at: at }).onConflict((oc) => oc.columns(['tenant_id', 'meeting_id']).doUpdateSet({ deleted_at: at })).execute();
      await appendAudit(trx, { tenantId, at, actor: by, entity: 'transcript', entityId: meetingId, action: 'delete', meetingId, details: { ...details, transcripts: deleted } });
      return deleted;
    });
  }

  async membersRead(tenantId: string, groupId: string): Promise<boolean> {
    const r = await this.db.selectFrom('transcript_group_settings').select('members_read').where('tenant_id', '=', tenantId).where('group_id', '=', groupId).executeTakeFirst();
    return Number(r?.members_read ?? 0) === 1;
  }

  async setMembersRead(tenantId: string, groupId: string, on: boolean): Promise<void> {
    await this.db
      .insertInto('transcript_group_settings')
      .values({ tenant_id: tenantId, group_id: groupId, members_read: on ? 1 : 0 })
      .onConflict((oc) => oc.columns(['tenant_id', 'group_id']).doUpdateSet({ members_read: on ? 1 : 0 }))
      .execute();
  }
}
