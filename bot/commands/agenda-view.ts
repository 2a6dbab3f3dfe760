/**
 * The agenda card in a chat: posted once and then updated in place as the meeting moves; the check-in card
 * when the check-in item comes up. Shared by `/agenda`, `/start`, `/next` and `/setup` (a booking that takes
 * over a chat brings its agenda to the card already there).
 */
import { randomUUID } from 'node:crypto';
import type { MeetingView } from '../../src/app/meeting-run-service';
import { isCheckInItem, itemsOf } from '../../src/domain/agenda';
import { agendaCard } from '../cards/agenda.card';
import { cardMessage } from '../turn';
import type { HandlerTurn } from './command';
import { postCheckIn } from './notice';

/** When the check-in item is in progress, the check-in card goes out once, without anyone asking. */
export async function checkInWhenDue(turn: HandlerTurn, view: MeetingView): Promise<void> {
  const item = itemsOf(view.agenda).find((i) => i.number === view.meeting.currentItem);
  if (!item || !isCheckInItem(item) || view.meeting.checkinActivityId || view.meeting.agendaDoneAt) return;
  await postCheckIn(turn, view.meeting.id);
}

/**
 * Posts the agenda card, or updates the one already in the chat in place (a PUT to that activity), so
 * the chat keeps one agenda that follows the meeting.
 */
export async function showAgenda(turn: HandlerTurn, view: MeetingView, postIfNone: boolean): Promise<void> {
  const c = agendaCard(view, turn.services.clock.now(), randomUUID(), turn.t, true);
  const existing = view.meeting.agendaActivityId;
  let post = true;
  if (existing) {
    await turn.context.updateActivity({ id: existing, type: 'message', attachments: [cardMessage(c).attachments![0]!] });
    post = postIfNone && !view.meeting.currentItem;
  }
  if (post) {
    const sent = await turn.context.sendActivity(cardMessage(c));
    if (sent?.id) await turn.services.meetingRun.rememberCard(turn.ctx.tenantId, view.meeting.id, 'agenda', sent.id);
  }
  await checkInWhenDue(turn, view);
}

