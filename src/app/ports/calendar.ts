/** Microsoft Graph (implemented in src/graph): the calendar, online meetings, app installation and mail. */

export interface EmailAddress {
  name: string;
  address: string;
}

export interface NewOnlineMeetingEvent {
  /** Entra object id (or UPN) of the organizer whose calendar holds the event. */
  organizerUserId: string;
  subject: string;
  /** Local wall-clock times in `timeZone`, as Graph's dateTimeTimeZone wants them: "2027-02-11T09:00:00". */
  start: string;
  end: string;
  timeZone: string;
  attendees: EmailAddress[];
  bodyHtml: string;
  /** Graph's transactionId: a retried POST with the same id returns the first event instead of a second one. */
  transactionId: string;
}

export interface CreatedEvent {
  eventId: string;
  joinUrl?: string;
  webLink?: string;
}

export interface OnlineMeetingInfo {
  id: string;
  /** The meeting chat's thread id (`chatInfo.threadId`): the conversation id of the meeting chat in Teams. */
  chatThreadId?: string;
  joinUrl?: string;
}

export type InstallResult = { kind: 'installed' } | { kind: 'alreadyInstalled' } | { kind: 'refused'; status: number; message: string };

/** The calendar, online meetings, app installation and mail, as Rådslag uses them. */
export interface MeetingCalendar {
  createOnlineMeetingEvent(input: NewOnlineMeetingEvent): Promise<CreatedEvent>;
  updateEventBody(organizerUserId: string, eventId: string, bodyHtml: string): Promise<void>;
  /** Cancels the event (only its organizer may): Graph tells the attendees, with `comment`. */
  cancelEvent(organizerUserId: string, eventId: string, comment: string): Promise<void>;
  /** Moves the event (only its organizer may): new start and end, wall-clock in `timeZone`. */
  moveEvent(organizerUserId: string, eventId: string, to: { start: string; end: string; timeZone: string }): Promise<void>;
  findOnlineMeetingByJoinUrl(organizerUserId: string, joinUrl: string): Promise<OnlineMeetingInfo | undefined>;
  installAppInChat(chatThreadId: string, teamsAppId: string): Promise<InstallResult>;
  sendMail(fromUserId: string, to: EmailAddress, subject: string, bodyHtml: string): Promise<void>;
}
