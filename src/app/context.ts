import type { PersonRef } from '../domain/person';
import type { ConversationDirectory } from './ports/messaging';

/** Where a request comes from and who sends it: the same for a chat command, a card press or an API call. */
export interface RequestContext {
  tenantId: string;
  conversationId: string;
  /** Set when the conversation is a Teams meeting's chat (`channelData.meeting.id`). */
  teamsMeetingId?: string;
  /**
   * Set by the tab, which asks about a group as a whole rather than from a chat: the group's register is
   * the one meant, and a review is kept with the group's meeting in progress, if any.
   */
  groupId?: string;
  caller: PersonRef;
  /** The caller's language, for text that becomes content (e.g. a new agenda's item titles). */
  locale?: 'sv' | 'en';
  directory: ConversationDirectory;
}
