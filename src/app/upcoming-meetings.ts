/** `/meetings` (`/möten`): what a group has booked from now on, its preparation group's meetings with it. */
import { DomainError } from '../domain/errors';
import type { Group } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import type { MeetingCalendar, Repositories } from './ports';

export interface UpcomingMeeting {
  meeting: Meeting;
  /** The group it is booked in: the group itself, or its preparation group. */
  group: Group;
  preparation: boolean;
}

export interface UpcomingMeetings {
  group: Group;
  meetings: UpcomingMeeting[];
  /** May the caller cancel them (`group.manage`)? */
  mayManage: boolean;
}

/** What cancelling did in Outlook: the event cancelled (Graph tells the attendees), none to cancel, or Graph failed. */
export type CancelOutcome = { meeting: Meeting; calendar: 'cancelled' | 'none' | 'failed' };

/** How far ahead `/meetings` looks: a series is booked a year at a time. */
const HORIZON_DAYS = 800;

/** The meetings not yet ended (nor held), by start; those of the preparation group marked. */
export async function upcomingMeetings(repos: Pick<Repositories, 'meetings' | 'groups'>, group: Group, now: Date, mayManage: boolean): Promise<UpcomingMeetings> {
  const from = now.toISOString();
  const to = new Date(now.getTime() + HORIZON_DAYS * 86_400_000).toISOString();
  const preparation = group.preparationGroupId ? await repos.groups.get(group.tenantId, group.preparationGroupId) : undefined;
  const own = (await repos.meetings.listByGroup(group.tenantId, group.id, from, to)).map((meeting) => ({ meeting, group, preparation: false }));
  const prep = preparation ? (await repos.meetings.listByGroup(group.tenantId, preparation.id, from, to)).map((meeting) => ({ meeting, group: preparation, preparation: true })) : [];
  const meetings = [...own, ...prep]
    .filter(({ meeting: m }) => m.startsAt && m.endsAt && !m.endedAt && m.endsAt > from)
    .sort((a, b) => (a.meeting.startsAt! < b.meeting.startsAt! ? -1 : a.meeting.startsAt! > b.meeting.startsAt! ? 1 : 0));
  return { group, meetings, mayManage };
}

/**
 * Cancels a booked meeting of `group` or of its preparation group (the caller manages `group`): kept with
 * `cancelledAt`, so lists, counts and reminders leave it out; its Outlook event cancelled by its organizer
 * when Graph has one (Graph tells the invited). A meeting that has begun cannot be; a second press changes nothing.
 */
export async function cancelBooked(
  deps: { repos: Pick<Repositories, 'meetings'>; calendar: MeetingCalendar | undefined; onGraphError: (e: unknown, what: string) => void; now: Date },
  group: Group,
  meetingId: string,
  comment: string,
): Promise<CancelOutcome> {
  const meeting = await deps.repos.meetings.get(group.tenantId, meetingId);
  if (!meeting || !meeting.groupId || (meeting.groupId !== group.id && meeting.groupId !== group.preparationGroupId)) throw new DomainError('CARD.STALE');
  if (meeting.cancelledAt) return { meeting, calendar: 'none' };
  if (meeting.startedAt || meeting.endedAt || (meeting.startsAt && meeting.startsAt <= deps.now.toISOString())) {
    throw new DomainError('SCHEDULE.CANCEL_BEGUN', { title: meeting.title ?? group.name });
  }
  const cancelled = await deps.repos.meetings.update(group.tenantId, meeting.id, { cancelledAt: deps.now.toISOString() });
  const organizer = meeting.scheduledBy?.aadObjectId;
  if (!deps.calendar || !meeting.graphEventId || !organizer) return { meeting: cancelled, calendar: 'none' };
  try {
    await deps.calendar.cancelEvent(organizer, meeting.graphEventId, comment);
    return { meeting: cancelled, calendar: 'cancelled' };
  } catch (e) {
    deps.onGraphError(e, 'cancelling the Outlook event');
    return { meeting: cancelled, calendar: 'failed' };
  }
}
