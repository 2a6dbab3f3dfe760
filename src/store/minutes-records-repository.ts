import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ActionRepository, NewAction, NewNote, NoteRepository, Stored } from '../app/ports';
import type { Action } from '../domain/action';
import type { Note } from '../domain/note';
import type { PersonRef } from '../domain/person';
import { retryOnConflict } from './numbering';
import { personFrom } from './person-columns';
import type { ActionsTable, Database, NotesTable } from './schema';

const toNote = (r: Selectable<NotesTable>): Note => ({
  id: r.id,
  tenantId: r.tenant_id,
  meetingId: r.meeting_id,
  ...(r.agenda_item === null ? {} : { agendaItem: Number(r.agenda_item) }),
  text: r.text,
  recordedBy: personFrom(r.recorded_by_id, r.recorded_by_aad_object_id, r.recorded_by_name),
  recordedAt: r.recorded_at,
});

const toAction = (r: Selectable<ActionsTable>): Action => ({
  id: r.id,
  tenantId: r.tenant_id,
  ...(r.group_id ? { groupId: r.group_id } : {}),
  meetingId: r.meeting_id,
  ...(r.agenda_item === null ? {} : { agendaItem: Number(r.agenda_item) }),
  text: r.text,
  ...(r.owner ? { owner: r.owner } : {}),
  ...(r.due ? { due: r.due } : {}),
  status: r.status,
  createdBy: personFrom(r.created_by_id, r.created_by_aad_object_id, r.created_by_name),
  createdAt: r.created_at,
  ...(r.done_by_id ? { doneBy: personFrom(r.done_by_id, r.done_by_aad_object_id, r.done_by_name ?? '') } : {}),
  ...(r.done_at ? { doneAt: r.done_at } : {}),
});

/** Notes, one per request: a repeated source key (redelivery) returns the first. */
export class SqlNoteRepository implements NoteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  add(input: NewNote): Promise<Stored<Note>> {
    // Two deliveries at the same moment: the loser's insert hits the unique key and finds the winner's row.
    return retryOnConflict(async () => {
      const existing = await this.db.selectFrom('notes').selectAll().where('tenant_id', '=', input.tenantId).where('source_key', '=', input.sourceKey).executeTakeFirst();
      if (existing) return { value: toNote(existing), created: false };
      const row: Selectable<NotesTable> = {
        id: randomUUID(),
        tenant_id: input.tenantId,
        meeting_id: input.meetingId,
        agenda_item: input.agendaItem ?? null,
        text: input.text,
        recorded_by_id: input.recordedBy.id,
        recorded_by_aad_object_id: input.recordedBy.aadObjectId ?? null,
        recorded_by_name: input.recordedBy.name,
        recorded_at: input.recordedAt,
        source_key: input.sourceKey,
      };
      await this.db.insertInto('notes').values(row).execute();
      return { value: toNote(row), created: true };
    });
  }

  async listForMeeting(tenantId: string, meetingId: string): Promise<Note[]> {
    const rows = await this.db.selectFrom('notes').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('recorded_at').orderBy('id').execute();
    return rows.map(toNote);
  }
}

export class SqlActionRepository implements ActionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  record(input: NewAction): Promise<Stored<Action>> {
    return retryOnConflict(async () => {
      const existing = await this.db.selectFrom('actions').selectAll().where('tenant_id', '=', input.tenantId).where('source_key', '=', input.sourceKey).executeTakeFirst();
      if (existing) return { value: toAction(existing), created: false };
      const row: Selectable<ActionsTable> = {
        id: randomUUID(),
        tenant_id: input.tenantId,
        group_id: input.groupId ?? null,
        meeting_id: input.meetingId,
        agenda_item: input.agendaItem ?? null,
        text: input.text,
        owner: input.owner ?? null,
        due: input.due ?? null,
        status: 'open',
        created_by_id: input.createdBy.id,
        created_by_aad_object_id: input.createdBy.aadObjectId ?? null,
        created_by_name: input.createdBy.name,
        created_at: input.createdAt,
        done_by_id: null,
        done_by_aad_object_id: null,
        done_by_name: null,
        done_at: null,
        source_key: input.sourceKey,
      };
      await this.db.insertInto('actions').values(row).execute();
      return { value: toAction(row), created: true };
    });
  }

  async get(tenantId: string, id: string): Promise<Action | undefined> {
    const row = await this.db.selectFrom('actions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return row ? toAction(row) : undefined;
  }

  async listOpen(tenantId: string, where: { groupId: string } | { meetingId: string }): Promise<Action[]> {
    let query = this.db.selectFrom('actions').selectAll().where('tenant_id', '=', tenantId).where('status', '=', 'open');
    query = 'groupId' in where ? query.where('group_id', '=', where.groupId) : query.where('meeting_id', '=', where.meetingId);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map(toAction);
  }

  async listForMeeting(tenantId: string, meetingId: string): Promise<Action[]> {
    const rows = await this.db.selectFrom('actions').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toAction);
  }

  async markDone(tenantId: string, id: string, by: PersonRef, at: string): Promise<Action> {
    // Only an open action changes, so the first press's who and when are kept.
    await this.db
      .updateTable('actions')
      .set({ status: 'done', done_by_id: by.id, done_by_aad_object_id: by.aadObjectId ?? null, done_by_name: by.name, done_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .execute();
    const after = await this.get(tenantId, id);
    if (!after) throw new Error(`action ${id} vanished while being marked done`);
    return after;
  }
}
