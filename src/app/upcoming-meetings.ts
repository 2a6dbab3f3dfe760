/** `/meetings` (`/möten`): what a group has booked from now on, its preparation group's meetings with it. */
import { DomainError } from '../domain/errors';
import type { Group } from '../domain/group';
import type { Meeting } from '../domain/meeting';
import { formatStockholm, parseDate, parseTime, stockholmToUtc } from '../domain/stockholm-time';
import { noticeReminderJob } from './notice-reminder';
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
export type CancelOutcome = { meeting: Meeting; calendar: 'cancelled' | 'none' | 'failed'; /** Cancelled before: nothing was done now. */ already?: boolean };

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
  if (meeting.cancelledAt) return { meeting, calendar: 'none', already: true };
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

/** What moving did in Outlook: the event moved (Graph tells the attendees), none to move, or Graph failed. */
export type MoveOutcome = { meeting: Meeting; before: Meeting; calendar: 'moved' | 'none' | 'failed' };

/** A booked meeting of the group (or its preparation group) that has not begun nor been cancelled. */
export async function movableMeeting(deps: { repos: Pick<Repositories, 'meetings'>; now: Date }, group: Group, meetingId: string): Promise<Meeting> {
  const meeting = await deps.repos.meetings.get(group.tenantId, meetingId);
  if (!meeting || meeting.cancelledAt || !meeting.groupId || (meeting.groupId !== group.id && meeting.groupId !== group.preparationGroupId)) throw new DomainError('CARD.STALE');
  if (meeting.startedAt || meeting.endedAt || (meeting.startsAt && meeting.startsAt <= deps.now.toISOString())) {
    throw new DomainError('SCHEDULE.MOVE_BEGUN', { title: meeting.title ?? group.name });
  }
  return meeting;
}

/**
 * Moves a booked meeting of `group` or of its preparation group to a new day and time (Stockholm), never
 * into the past nor a meeting that has begun; its Outlook event follows (PATCH start and end, by its organizer).
 */
export async function moveBooked(
  deps: { repos: Pick<Repositories, 'meetings' | 'groups' | 'jobs'>; calendar: MeetingCalendar | undefined; onGraphError: (e: unknown, what: string) => void; now: Date },
  group: Group,
  meetingId: string,
  to: { date: string; start: string; end: string },
): Promise<MoveOutcome> {
  const before = await movableMeeting(deps, group, meetingId);
  const date = parseDate(to.date);
  const start = parseTime(to.start, 'start');
  const end = parseTime(to.end, 'end');
  if (end <= start) throw new DomainError('SCHEDULE.BAD_TIME_RANGE', { start, end });
  const startsAt = stockholmToUtc(date, start);
  if (startsAt.getTime() <= deps.now.getTime()) throw new DomainError('SCHEDULE.IN_THE_PAST', { start: formatStockholm(startsAt), now: formatStockholm(deps.now) });
  const endsAt = stockholmToUtc(date, end).toISOString();
  await deps.repos.meetings.updateDetails(group.tenantId, meetingId, { startsAt: startsAt.toISOString(), endsAt });
  const meeting = (await deps.repos.meetings.get(group.tenantId, meetingId))!;
  // The notice reminder follows the new start (its group's rules: a preparation meeting has its own).
  const owner = meeting.groupId === group.id ? group : await deps.repos.groups.get(group.tenantId, meeting.groupId!);
  const reminder = owner && !meeting.noticeSentAt ? noticeReminderJob(meeting, owner, deps.now, true) : undefined;
  if (reminder) await deps.repos.jobs.enqueue(reminder);
  const organizer = before.scheduledBy?.aadObjectId;
  if (!deps.calendar || !before.graphEventId || !organizer) return { meeting, before, calendar: 'none' };
  try {
    await deps.calendar.moveEvent(organizer, before.graphEventId, { start: startsAt.toISOString().slice(0, 19), end: endsAt.slice(0, 19), timeZone: 'UTC' });
    return { meeting, before, calendar: 'moved' };
  } catch (e) {
    deps.onGraphError(e, 'moving the Outlook event');
    return { meeting, before, calendar: 'failed' };
  }
}
