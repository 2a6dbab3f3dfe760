/**
 * What Teams itself knows in a test run: the conversations (chats and channels) and the meetings that exist.
 * The helpers that make a chat (`aMeetingChat`, `aGroupChat`, `aChat`) and the fake Graph (the chat of each
 * online meeting it creates) add to it; the fake Bot Connector answers 404 for a conversation or a meeting
 * that is not here, as Teams does. Everything runs in the test's own process.
 */
const conversations = new Set<string>();
const meetings = new Set<string>();

/** A channel thread's id carries ";messageid=…": the channel is the conversation. */
const baseOf = (conversationId: string): string => conversationId.split(';messageid=')[0]!;

export const teamsRegistry = {
  addConversation(conversationId: string): void {
    conversations.add(baseOf(conversationId));
  },
  addMeeting(meetingId: string): void {
    meetings.add(meetingId);
  },
  hasConversation(conversationId: string): boolean {
    return conversations.has(baseOf(conversationId));
  },
  hasMeeting(meetingId: string): boolean {
    return meetings.has(meetingId);
  },
};
