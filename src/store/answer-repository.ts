import type { Kysely } from 'kysely';
import type { AnswerRepository } from '../app/ports';
import { personKey, type CheckInAnswer, type Mood, type NoticeAnswer } from '../domain/attendance-answers';
import { personFrom } from './person-columns';
import type { Database } from './schema';

/** Notice and check-in answers: one per person and meeting, the latest answer wins. */
export class SqlAnswerRepository implements AnswerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async saveNotice(tenantId: string, meetingId: string, a: NoticeAnswer): Promise<void> {
    const values = {
      tenant_id: tenantId,
      meeting_id: meetingId,
      person_key: personKey(a.person),
      person_id: a.person.id,
      person_aad_object_id: a.person.aadObjectId ?? null,
      person_name: a.person.name,
      answered_at: a.answeredAt,
      via: a.via,
      attending: a.attending ? 1 : 0,
      note: a.note ?? null,
      substitute: a.substitute ?? null,
    };
    await this.db
      .insertInto('notice_responses')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'meeting_id', 'person_key']).doUpdateSet({ attending: values.attending, note: values.note, substitute: values.substitute, answered_at: values.answered_at, via: values.via, person_name: values.person_name }),
      )
      .execute();
  }

  async notices(tenantId: string, meetingId: string): Promise<NoticeAnswer[]> {
    const rows = await this.db.selectFrom('notice_responses').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('answered_at').execute();
    return rows.map((r) => ({
      person: personFrom(r.person_id, r.person_aad_object_id, r.person_name),
      attending: Number(r.attending) === 1,
      ...(r.note ? { note: r.note } : {}),
      ...(r.substitute ? { substitute: r.substitute } : {}),
      answeredAt: r.answered_at,
      via: r.via as NoticeAnswer['via'],
    }));
  }

  async saveCheckIn(tenantId: string, meetingId: string, a: CheckInAnswer): Promise<void> {
    const values = {
      tenant_id: tenantId,
      meeting_id: meetingId,
      person_key: personKey(a.person),
      person_id: a.person.id,
      person_aad_object_id: a.person.aadObjectId ?? null,
      person_name: a.person.name,
      answered_at: a.answeredAt,
      via: a.via,
      mood: a.mood,
      text: a.text ?? null,
      in_room: a.inRoom ? 1 : 0,
    };
    await this.db
      .insertInto('checkin_answers')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'meeting_id', 'person_key']).doUpdateSet({ mood: values.mood, text: values.text, in_room: values.in_room, answered_at: values.answered_at, via: values.via, person_name: values.person_name }),
      )
      .execute();
  }

  async checkIns(tenantId: string, meetingId: string): Promise<CheckInAnswer[]> {
    const rows = await this.db.selectFrom('checkin_answers').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).orderBy('answered_at').execute();
    return rows.map((r) => ({
      person: personFrom(r.person_id, r.person_aad_object_id, r.person_name),
      mood: r.mood as Mood,
      ...(r.text ? { text: r.text } : {}),
      inRoom: Number(r.in_room) === 1,
      answeredAt: r.answered_at,
      via: r.via as CheckInAnswer['via'],
    }));
  }
}
