import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { MeetingChanges, MeetingDetails, MeetingRepository, NewScheduledMeeting, Stored } from '../app/ports';
import { scheduledPlaceholder, type Meeting } from '../domain/meeting';
import type { PersonRef } from '../domain/person';
import { takeOverChat } from './meeting-takeover';
import { retryOnConflict } from './numbering';
import { personFrom } from './person-columns';
import { prepare, type PreparedQuery } from './prepared';
import type { Database, MeetingsTable } from './schema';
import type { Transact } from './transactions';

const opt = <K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> =>
  value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);

export const toMeeting = (r: Selectable<MeetingsTable>): Meeting => ({
  id: r.id,
  tenantId: r.tenant_id,
  teamsMeetingId: r.teams_meeting_id,
  conversationId: r.conversation_id,
  ...opt('title', r.title),
  ...opt('startsAt', r.starts_at),
  ...opt('endsAt', r.ends_at),
  ...opt('organizerAadObjectId', r.organizer_aad_object_id),
  ...opt('groupId', r.group_id),
  createdAt: r.created_at,
  ...(r.scheduled_by_id ? { scheduledBy: personFrom(r.scheduled_by_id, r.scheduled_by_aad_object_id, r.scheduled_by_name ?? '') } : {}),
  ...opt('graphEventId', r.graph_event_id),
  ...opt('joinUrl', r.join_url),
  ...(r.override_rule && r.override_reason ? { override: { rule: r.override_rule, reason: r.override_reason, byName: r.override_by_name ?? '' } } : {}),
  ...opt('installStatus', r.install_status as Meeting['installStatus'] | null),
  ...opt('conversationReference', r.conversation_reference),
  ...opt('agendaActivityId', r.agenda_activity_id),
  ...opt('currentItem', r.current_item === null ? null : Number(r.current_item)),
  ...opt('agendaDoneAt', r.agenda_done_at),
  ...opt('startedAt', r.started_at),
  ...opt('endedAt', r.ended_at),
  ...opt('noticeActivityId', r.notice_activity_id),
  ...opt('noticeSentAt', r.notice_sent_at),
  ...opt('checkinActivityId', r.checkin_activity_id),
  ...opt('graphMeetingId', r.graph_meeting_id),
  ...opt('attendanceImportedAt', r.attendance_imported_at),
  ...opt('attendanceDeniedAt', r.attendance_denied_at),
  ...opt('cancelledAt', r.cancelled_at),
  ...opt('noticeConversationReference', r.notice_conversation_reference),
});

const emptyRow = (id: string, tenantId: string, at: string): Selectable<MeetingsTable> => ({
  id,
  tenant_id: tenantId,
  teams_meeting_id: scheduledPlaceholder(id),
  conversation_id: scheduledPlaceholder(id),
  title: null,
  starts_at: null,
  ends_at: null,
  organizer_aad_object_id: null,
  created_at: at,
  group_id: null,
  scheduled_by_id: null,
  scheduled_by_aad_object_id: null,
  scheduled_by_name: null,
  schedule_source_key: null,
  graph_event_id: null,
  join_url: null,
  override_rule: null,
  override_reason: null,
  override_by_name: null,
  install_status: null,
  conversation_reference: null,
  agenda_activity_id: null,
  current_item: null,
  agenda_done_at: null,
  started_at: null,
  ended_at: null,
  notice_activity_id: null,
  notice_sent_at: null,
  checkin_activity_id: null,
  graph_meeting_id: null,
  attendance_imported_at: null,
  attendance_denied_at: null,
  cancelled_at: null,
  notice_conversation_reference: null,
});

export class SqlMeetingRepository implements MeetingRepository {
  /** Every chat command starts here (see prepared.ts). */
  private readonly byTeamsId: PreparedQuery<{ tenantId: string; teamsMeetingId: string }, Selectable<MeetingsTable>>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly transact: Transact,
  ) {
    this.byTeamsId = prepare(db, (q, p) => q.selectFrom('meetings').selectAll().where('tenant_id', '=', p('tenantId')).where('teams_meeting_id', '=', p('teamsMeetingId')));
  }

  async get(tenantId: string, id: string): Promise<Meeting | undefined> {
    const row = await this.db.selectFrom('meetings').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return row ? toMeeting(row) : undefined;
  }

  async findByTeamsId(tenantId: string, teamsMeetingId: string): Promise<Meeting | undefined> {
    const [row] = await this.byTeamsId.run(this.db, { tenantId, teamsMeetingId });
    return row ? toMeeting(row) : undefined;
  }

  async findScheduledByConversation(tenantId: string, conversationId: string): Promise<Meeting | undefined> {
    const row = await this.db
      .selectFrom('meetings')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('conversation_id', '=', conversationId)
      .where('schedule_source_key', 'is not', null)
      .orderBy('starts_at')
      .executeTakeFirst();
    return row ? toMeeting(row) : undefined;
  }

  /**
   * First contact from a meeting chat: the meeting of that Teams id; else a meeting scheduled through the
   * bot whose chat thread this is, which now learns its Teams id; else a new meeting.
   */
  ensure(input: { tenantId: string; teamsMeetingId: string; conversationId: string; at: string }): Promise<Stored<Meeting>> {
    return retryOnConflict(async () => {
      const found = await this.findByTeamsId(input.tenantId, input.teamsMeetingId);
      if (found) return { value: found, created: false };
      const scheduled = await this.db
        .selectFrom('meetings')
        .selectAll()
        .where('tenant_id', '=', input.tenantId)
        .where('conversation_id', '=', input.conversationId)
        .where('teams_meeting_id', 'like', 'scheduled:%')
        .orderBy('starts_at')
        .executeTakeFirst();
      if (scheduled) {
        await this.db.updateTable('meetings').set({ teams_meeting_id: input.teamsMeetingId }).where('id', '=', scheduled.id).where('teams_meeting_id', '=', scheduled.teams_meeting_id).execute();
        return { value: toMeeting({ ...scheduled, teams_meeting_id: input.teamsMeetingId }), created: false };
      }
      const row = { ...emptyRow(randomUUID(), input.tenantId, input.at), teams_meeting_id: input.teamsMeetingId, conversation_id: input.conversationId };
      await this.db.insertInto('meetings').values(row).execute();
      return { value: toMeeting(row), created: true };
    });
  }

  schedule(input: NewScheduledMeeting): Promise<Stored<Meeting>> {
    return retryOnConflict(async () => {
      const existing = await this.db
        .selectFrom('meetings')
        .selectAll()
        .where('tenant_id', '=', input.tenantId)
        .where('schedule_source_key', '=', input.sourceKey)
        .executeTakeFirst();
      if (existing) return { value: toMeeting(existing), created: false };
      const row: Selectable<MeetingsTable> = {
        ...emptyRow(randomUUID(), input.tenantId, input.at),
        title: input.title,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        organizer_aad_object_id: input.scheduledBy.aadObjectId ?? null,
        group_id: input.groupId,
        scheduled_by_id: input.scheduledBy.id,
        scheduled_by_aad_object_id: input.scheduledBy.aadObjectId ?? null,
        scheduled_by_name: input.scheduledBy.name,
        schedule_source_key: input.sourceKey,
        override_rule: input.override?.rule ?? null,
        override_reason: input.override?.reason ?? null,
        override_by_name: input.override?.byName ?? null,
      };
      await this.db.insertInto('meetings').values(row).execute();
      return { value: toMeeting(row), created: true };
    });
  }

  async listByGroup(tenantId: string, groupId: string, fromIso: string, toIso: string): Promise<Meeting[]> {
    const rows = await this.db
      .selectFrom('meetings')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('group_id', '=', groupId)
      // A cancelled booking is kept, but no list, count or rule sees it.
      .where('cancelled_at', 'is', null)
      .where('starts_at', '>=', fromIso)
      .where('starts_at', '<', toIso)
      .orderBy('starts_at')
      .execute();
    return rows.map(toMeeting);
  }

  async takeOverChat(tenantId: string, bookedId: string, chatMeetingId: string, by: { actor: PersonRef; at: string }): Promise<Meeting> {
    if (bookedId !== chatMeetingId) await this.transact((trx) => takeOverChat(trx, tenantId, bookedId, chatMeetingId, by));
    const after = await this.get(tenantId, bookedId);
    if (!after) throw new Error(`meeting ${bookedId} vanished`);
    return after;
  }

  async linkToGroup(tenantId: string, meetingId: string, groupId: string): Promise<void> {
    await this.db.updateTable('meetings').set({ group_id: groupId }).where('tenant_id', '=', tenantId).where('id', '=', meetingId).execute();
  }

  async updateDetails(tenantId: string, meetingId: string, d: MeetingDetails): Promise<void> {
    const values = {
      ...(d.title !== undefined ? { title: d.title } : {}),
      ...(d.startsAt !== undefined ? { starts_at: d.startsAt } : {}),
      ...(d.endsAt !== undefined ? { ends_at: d.endsAt } : {}),
      ...(d.organizerAadObjectId !== undefined ? { organizer_aad_object_id: d.organizerAadObjectId } : {}),
      ...(d.graphMeetingId !== undefined ? { graph_meeting_id: d.graphMeetingId } : {}),
    };
    if (Object.keys(values).length === 0) return;
    await this.db.updateTable('meetings').set(values).where('tenant_id', '=', tenantId).where('id', '=', meetingId).execute();
  }

  async update(tenantId: string, meetingId: string, c: MeetingChanges): Promise<Meeting> {
    const set: Partial<Selectable<MeetingsTable>> = {
      ...opt('graph_event_id', c.graphEventId),
      ...opt('join_url', c.joinUrl),
      ...opt('install_status', c.installStatus),
      ...opt('conversation_reference', c.conversationReference),
      ...opt('agenda_activity_id', c.agendaActivityId),
      ...opt('current_item', c.currentItem),
      // Set when the agenda is done, cleared (null) when an item is taken up again.
      ...(c.agendaDoneAt !== undefined ? { agenda_done_at: c.agendaDoneAt } : {}),
      ...opt('started_at', c.startedAt),
      ...opt('ended_at', c.endedAt),
      ...opt('notice_activity_id', c.noticeActivityId),
      ...opt('notice_sent_at', c.noticeSentAt),
      ...opt('checkin_activity_id', c.checkinActivityId),
      ...opt('graph_meeting_id', c.graphMeetingId),
      ...opt('attendance_imported_at', c.attendanceImportedAt),
      ...opt('attendance_denied_at', c.attendanceDeniedAt),
      ...opt('cancelled_at', c.cancelledAt),
      ...opt('notice_conversation_reference', c.noticeConversationReference),
    };
    if (Object.keys(set).length > 0) {
      await this.db.updateTable('meetings').set(set).where('tenant_id', '=', tenantId).where('id', '=', meetingId).execute();
    }
    if (c.conversationId) {
      // The chat thread Graph reports replaces the placeholder, never a conversation Teams already told us.
      await this.db
        .updateTable('meetings')
        .set({ conversation_id: c.conversationId })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', meetingId)
        .where('conversation_id', 'like', 'scheduled:%')
        .execute();
    }
    const after = await this.get(tenantId, meetingId);
    if (!after) throw new Error(`meeting ${meetingId} vanished`);
    return after;
  }
}
