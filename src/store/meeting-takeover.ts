/**
 * A booked meeting takes over a meeting chat that first talked to the bot on its own (no Graph, so the
 * chat was never found from the join URL): in one transaction the booked record gets the chat's Teams ids
 * and what the chat has recorded so far, and the chat's own record is retired.
 */
import type { Transaction } from 'kysely';
import type { AuditEntity } from '../domain/audit';
import type { PersonRef } from '../domain/person';
import { appendAudit } from './audit-repository';
import type { Database } from './schema';

type Trx = Transaction<Database>;

/**
 * What the booked meeting keeps and what it takes. It keeps its title, times, group, agenda, notice and
 * notice answers, secretary and adjuster; it takes the chat's Teams ids, where the bot posts (conversation
 * reference, the agenda and check-in cards), whether it has begun, and the records: decisions and minutes
 * versions (numbered after its own), notes, actions, risks and reviews, attachments, check-ins (the chat's
 * answer wins), attendance records and corrections, appointments made in the chat (the latest counts), and
 * the chat's agenda only when the booking has none. Notice answers and attendance records the booking
 * already holds stay as they are; the chat's copies stay with the retired record. The audit trail is never
 * rewritten: each public record that moves gets a `change` event saying from which meeting (and number).
 */
export async function takeOverChat(trx: Trx, tenantId: string, bookedId: string, strayId: string, by: { actor: PersonRef; at: string }): Promise<void> {
  const meeting = (id: string) => trx.selectFrom('meetings').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();
  const [booked, stray] = [await meeting(bookedId), await meeting(strayId)];
  // Done already (a retry, or the same press again): nothing more to take.
  if (stray.teams_meeting_id.startsWith('retired:')) return;
  const from = (table: keyof Database) => trx.updateTable(table as 'notes').where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId);
  const audit = async (entity: AuditEntity, rows: ReadonlyArray<{ id: string; number?: number | string }>, offset = 0) => {
    for (const r of rows) {
      const number = r.number === undefined ? {} : { number: { before: Number(r.number), after: Number(r.number) + offset } };
      await appendAudit(trx, { tenantId, at: by.at, actor: by.actor, entity, entityId: r.id, action: 'change', meetingId: bookedId, details: { meetingId: { before: strayId, after: bookedId }, ...number } });
    }
  };
  const ids = async (table: 'decisions' | 'risks' | 'risk_reviews' | 'attendance_corrections') =>
    (await trx.selectFrom(table as 'risks').select('id').where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId).execute()).map((r) => ({ id: r.id }));
  await audit('risk', await ids('risks'));
  await audit('riskReview', await ids('risk_reviews'));
  await audit('attendanceCorrection', await ids('attendance_corrections'));

  // Numbered per meeting: the chat's come after the booking's own.
  const decisions = Number((await trx.selectFrom('decisions').select((eb) => eb.fn.max('number').as('n')).where('tenant_id', '=', tenantId).where('meeting_id', '=', bookedId).executeTakeFirst())?.n ?? 0);
  await audit('decision', await trx.selectFrom('decisions').select(['id', 'number']).where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId).execute(), decisions);
  await trx.updateTable('decisions').set((eb) => ({ meeting_id: bookedId, number: eb('number', '+', decisions) })).where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId).execute();
  const versions = Number((await trx.selectFrom('minutes_versions').select((eb) => eb.fn.max('version').as('n')).where('tenant_id', '=', tenantId).where('meeting_id', '=', bookedId).executeTakeFirst())?.n ?? 0);
  await audit('minutes', (await trx.selectFrom('minutes_versions').select(['id', 'version']).where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId).execute()).map((v) => ({ id: v.id, number: v.version })), versions);
  await trx.updateTable('minutes_versions').set((eb) => ({ meeting_id: bookedId, version: eb('version', '+', versions) })).where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId).execute();

  for (const table of ['notes', 'actions', 'risks', 'risk_reviews', 'attachments', 'attendance_corrections', 'meeting_secretaries', 'meeting_adjusters'] as const) {
    await from(table).set({ meeting_id: bookedId }).execute();
  }
  if (booked.group_id) {
    await trx.updateTable('actions').set({ group_id: booked.group_id }).where('tenant_id', '=', tenantId).where('meeting_id', '=', bookedId).where('group_id', 'is', null).execute();
  }

  // The chat's check-in answers were given in the meeting: they win over any the booking holds.
  const checkIns = trx.selectFrom('checkin_answers').select('person_key').where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId);
  await trx.deleteFrom('checkin_answers').where('tenant_id', '=', tenantId).where('meeting_id', '=', bookedId).where('person_key', 'in', checkIns).execute();
  await trx.updateTable('checkin_answers').set({ meeting_id: bookedId }).where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId).execute();
  // Notice answers: the booking's were given to its notice and stay; the chat's only where it has none.
  const notices = trx.selectFrom('notice_responses').select('person_key').where('tenant_id', '=', tenantId).where('meeting_id', '=', bookedId);
  await trx.updateTable('notice_responses').set({ meeting_id: bookedId }).where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId).where('person_key', 'not in', notices).execute();
  const records = await trx.selectFrom('attendance_records').select(['report_id', 'record_id']).where('tenant_id', '=', tenantId).where('meeting_id', '=', bookedId).execute();
  const known = new Set(records.map((r) => `${r.report_id}\u0000${r.record_id}`));
  for (const r of await trx.selectFrom('attendance_records').select(['report_id', 'record_id']).where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId).execute()) {
    if (known.has(`${r.report_id}\u0000${r.record_id}`)) continue;
    await trx.updateTable('attendance_records').set({ meeting_id: bookedId }).where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId).where('report_id', '=', r.report_id).where('record_id', '=', r.record_id).execute();
  }

  const bookedAgenda = await trx.selectFrom('agenda_items').select('id').where('tenant_id', '=', tenantId).where('meeting_id', '=', bookedId).execute();
  const agendaMoves = bookedAgenda.length === 0;
  if (agendaMoves) await trx.updateTable('agenda_items').set({ meeting_id: bookedId }).where('tenant_id', '=', tenantId).where('meeting_id', '=', strayId).execute();

  // The chat's record lets go of its Teams ids (unique per tenant) before the booking takes them.
  await trx
    .updateTable('meetings')
    .set({ teams_meeting_id: `retired:${stray.id}`, conversation_id: `retired:${booked.id}`, group_id: null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', strayId)
    .execute();
  const started = booked.started_at ?? stray.started_at;
  await trx
    .updateTable('meetings')
    .set({
      teams_meeting_id: stray.teams_meeting_id,
      conversation_id: stray.conversation_id,
      conversation_reference: stray.conversation_reference ?? booked.conversation_reference,
      agenda_activity_id: stray.agenda_activity_id ?? booked.agenda_activity_id,
      checkin_activity_id: stray.checkin_activity_id ?? booked.checkin_activity_id,
      started_at: started,
      // Begun in the chat on the chat's own agenda: the booking's agenda begins at its first item.
      current_item: booked.current_item ?? (stray.current_item === null ? null : agendaMoves ? stray.current_item : 1),
      ended_at: booked.ended_at ?? stray.ended_at,
      agenda_done_at: booked.agenda_done_at ?? (agendaMoves ? stray.agenda_done_at : null),
      graph_meeting_id: booked.graph_meeting_id ?? stray.graph_meeting_id,
      organizer_aad_object_id: booked.organizer_aad_object_id ?? stray.organizer_aad_object_id,
      attendance_imported_at: booked.attendance_imported_at ?? stray.attendance_imported_at,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', bookedId)
    .execute();
  if (started && !agendaMoves && stray.current_item !== null && booked.current_item === null) {
    await trx.updateTable('agenda_items').set({ actual_start: started }).where('tenant_id', '=', tenantId).where('meeting_id', '=', bookedId).where('number', '=', 1).where('actual_start', 'is', null).execute();
  }
}
