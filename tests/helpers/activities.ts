/**
 * Teams-shaped activities, as shared/fixtures/teams/*.json shows them: builders with defaults and
 * overrides. People and ids follow the fixtures (Sara Herrman organises, Håkan Sundberg attends).
 */
import { randomUUID } from 'node:crypto';
import type { FakeMember } from '../fakes/bot-connector';
import { teamsRegistry } from '../fakes/teams-registry';

export const TENANT = '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00';
export const BOT = { id: '28:2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10', name: 'Rådslag' };

export const people = {
  sara: { id: '29:1SaraHerrmanDef', name: 'Sara Herrman', aadObjectId: '1d7a4b2c-3e5f-4a6b-9c8d-0e1f2a3b4c33', email: 'sara.herrman@fyrbodal.se', tenantId: TENANT },
  hakan: { id: '29:1HakanSundbergAbc', name: 'Håkan Sundberg', aadObjectId: '0c9e2d44-5a61-4f2b-8d3e-7b1a9c0e5f22', email: 'hakan.sundberg@munkedal.se', tenantId: TENANT },
  titti: { id: '29:1TittiAnderssonXyz', name: 'Titti Andersson', aadObjectId: '6b1f3c1e-2d1a-4d55-9a0e-0f4f6d7c2a11', email: 'titti.andersson@fyrbodal.se', tenantId: TENANT },
  pia: { id: '29:1PiaCarlssonQrs', name: 'Pia Carlsson', aadObjectId: '3e5a7c9b-1d2f-4a6c-8e0b-2c4d6f8a0b44', email: 'pia.carlsson@amal.se', tenantId: TENANT },
  fredric: { id: '29:1FredricCarlssonTuv', name: 'Fredric Carlsson', aadObjectId: '4f6b8d0c-2e3a-4b7d-9f1c-3d5e7a9b1c55', email: 'fredric.carlsson@vanersborg.se', tenantId: TENANT },
} satisfies Record<string, FakeMember>;

export interface Chat {
  conversationId: string;
  conversationType: 'groupChat' | 'personal' | 'channel';
  meetingId?: string;
}

/** A new meeting chat with its own conversation and Teams meeting id. */
export function aMeetingChat(): Chat {
  const n = randomUUID().replace(/-/g, '').slice(0, 16);
  return aChat({ conversationId: `19:meeting_${n}@thread.v2`, conversationType: 'groupChat', meetingId: Buffer.from(`meeting-${n}`).toString('base64') });
}

/** A group chat that is not a meeting. */
export function aGroupChat(): Chat {
  return aChat({ conversationId: `19:${randomUUID()}@thread.v2`, conversationType: 'groupChat' });
}

/** A chat, channel or meeting chat that exists in Teams (the fake Bot Connector answers 404 for any other). */
export function aChat(chat: Chat): Chat {
  teamsRegistry.addConversation(chat.conversationId);
  if (chat.meetingId) teamsRegistry.addMeeting(chat.meetingId);
  return chat;
}

function base(serviceUrl: string, chat: Chat, from: FakeMember, locale: string) {
  return {
    id: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    conversation: { isGroup: chat.conversationType !== 'personal', conversationType: chat.conversationType, tenantId: TENANT, id: chat.conversationId },
    recipient: { id: BOT.id, name: BOT.name },
    locale,
    channelData: { tenant: { id: TENANT }, ...(chat.meetingId ? { meeting: { id: chat.meetingId } } : {}) },
  };
}

export interface MessageOptions {
  serviceUrl: string;
  chat: Chat;
  from: FakeMember;
  text: string;
  locale?: string;
  /** @mention the bot first, as in a group chat (default true). */
  mentionBot?: boolean;
  /** Further people @mentioned after the command word. */
  mentions?: FakeMember[];
  id?: string;
}

/** A message in a chat; with mentionBot the text starts with `<at>Rådslag</at>` and carries its entity. */
export function aMessage(o: MessageOptions) {
  const mentionBot = o.mentionBot ?? true;
  const entities: unknown[] = [];
  if (mentionBot) entities.push({ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { id: BOT.id, name: BOT.name } });
  for (const p of o.mentions ?? []) entities.push({ type: 'mention', text: `<at>${p.name}</at>`, mentioned: { id: p.id, name: p.name } });
  entities.push({ type: 'clientInfo', locale: o.locale ?? 'en-US', country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' });
  const act = {
    ...base(o.serviceUrl, o.chat, o.from, o.locale ?? 'en-US'),
    type: 'message',
    textFormat: 'plain',
    text: `${mentionBot ? `<at>${BOT.name}</at> ` : ''}${o.text}`,
    entities,
  };
  return o.id ? { ...act, id: o.id } : act;
}

export interface CardActionOptions {
  serviceUrl: string;
  chat: Chat;
  from: FakeMember;
  verb: string;
  data: Record<string, unknown>;
  /** The id of the message that holds the card. */
  replyToId?: string;
  locale?: string;
}

/** A press of an Action.Execute button: an `adaptiveCard/action` invoke. */
export function aCardAction(o: CardActionOptions) {
  return {
    ...base(o.serviceUrl, o.chat, o.from, o.locale ?? 'en-US'),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: o.replyToId ?? 'card-message-1',
    value: { action: { type: 'Action.Execute', id: 'action', verb: o.verb, data: o.data }, trigger: 'manual' },
  };
}
