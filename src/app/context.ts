import type { PersonRef } from '../domain/person';
import type { ConversationDirectory } from './ports';

/** Where a request comes from and who sends it: the same for a chat command, a card press or an API call. */
export interface RequestContext {
  tenantId: string;
  conversationId: string;
  /** Set when the conversation is a Teams meeting's chat (`channelData.meeting.id`). */
  teamsMeetingId?: string;
  caller: PersonRef;
  /** The caller's language, for text that becomes content (e.g. a new agenda's item titles). */
  locale?: 'sv' | 'en';
  directory: ConversationDirectory;
}
