/** A Teams meeting as Rådslag knows it: created on first contact from its chat, filled in from Teams when it answers. */
export interface Meeting {
  id: string;
  tenantId: string;
  /** `channelData.meeting.id` of the Teams meeting. */
  teamsMeetingId: string;
  conversationId: string;
  title?: string;
  startsAt?: string;
  endsAt?: string;
  organizerAadObjectId?: string;
  createdAt: string;
}

/** Role Teams gives a participant in a meeting. */
export type TeamsMeetingRole = 'Organizer' | 'Presenter' | 'Attendee' | 'Unknown';
