/** `/setup <group>` in a meeting chat: the booked meeting that took the chat over, or the bookings to choose from. */
import type { Prepared } from '../../src/app/booking-link';
import type { Group } from '../../src/domain/group';
import type { Meeting } from '../../src/domain/meeting';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';
import { meetingLinkedCard } from './group.card';

export const CHOOSE_BOOKING_VERB = 'setup.chooseBooking';

/** "2027-02-10, 13:00–16:00" in Stockholm time, or nothing for a meeting without times. */
export function whenText(m: Pick<Meeting, 'startsAt' | 'endsAt'>, t: Translate): string {
  if (!m.startsAt || !m.endsAt) return '';
  const s = utcToStockholm(new Date(m.startsAt));
  return t('schedule.when', { date: s.date, start: s.time, end: utcToStockholm(new Date(m.endsAt)).time });
}

/** The booked meeting runs in this chat now: what came with it from the group's chat. */
export function bookingTakenCard(group: Group, meeting: Meeting, prepared: Prepared, risksMoved: number, t: Translate): AdaptiveCard {
  return card([
    heading(t('setup.bookingTitle', { title: meeting.title ?? group.name })),
    userText(whenText(meeting, t), { weight: 'Bolder' }),
    userText(t('setup.booking', { name: group.name })),
    note(t('setup.prepared', { items: prepared.items, attending: prepared.attending, excused: prepared.excused })),
    note(t('setup.officers', { secretary: prepared.secretary ?? t('setup.nobody'), adjuster: prepared.adjuster ?? t('setup.nobody') })),
    ...(risksMoved > 0 ? [note(t('setup.risksMoved', { count: risksMoved }))] : []),
  ]);
}

/**
 * Linked as a meeting of its own (no booking of the group on the chat's day, or several): when the group
 * has upcoming bookings, one button for each, so the chat can become that meeting.
 */
export function linkedWithBookingsCard(group: Group, risksMoved: number, day: string, bookings: readonly Meeting[], cardId: string, t: Translate): AdaptiveCard {
  const linked = meetingLinkedCard(group, risksMoved, t);
  if (bookings.length === 0) return linked;
  const choose = (m: Meeting): CardElement => execute(`${m.title ?? group.name} · ${whenText(m, t)}`, CHOOSE_BOOKING_VERB, { cardId, groupId: group.id, meetingId: m.id });
  return card([
    ...linked.body,
    { ...heading(t('setup.chooseTitle', { name: group.name })), separator: true },
    userText(t('setup.choose', { date: day })),
    { type: 'ActionSet', actions: bookings.map(choose) },
  ]);
}
