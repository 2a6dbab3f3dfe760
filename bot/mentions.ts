/**
 * The one reading of a message's @mentions: whether the bot was addressed, the text without the bot's
 * mention, and the person a command names (by @mention, else by the name typed).
 */
import { TurnContext, type Activity } from 'botbuilder';
import type { PersonQuery } from '../src/app/meeting-service';
import type { PersonRef } from '../src/domain/person';

export interface IncomingText {
  /** The text with the bot's own @mention removed. */
  text: string | undefined;
  /** Said to the bot: it was @mentioned, or the chat is a personal one. */
  addressed: boolean;
  /** The people @mentioned, the bot excluded, in the order of the message. */
  people: PersonRef[];
  /** The message as written, when Teams sends it as HTML too (a `text/html` attachment): its line breaks and lists. */
  html?: string;
}

interface MentionEntity {
  type?: string;
  mentioned?: { id?: string; name?: string; aadObjectId?: string };
}

export function readIncoming(activity: Activity): IncomingText {
  const botId = activity.recipient?.id;
  const mentions = ((activity.entities ?? []) as MentionEntity[]).filter((e) => e.type === 'mention' && e.mentioned?.id);
  const mentionsBot = mentions.some((m) => m.mentioned!.id === botId);
  const people = mentions
    .filter((m) => m.mentioned!.id !== botId)
    .map(({ mentioned }) => ({ id: mentioned!.id!, name: mentioned!.name ?? mentioned!.id!, ...(mentioned!.aadObjectId ? { aadObjectId: mentioned!.aadObjectId } : {}) }));
  const html = (activity.attachments ?? []).find((a) => a.contentType === 'text/html' && typeof a.content === 'string')?.content as string | undefined;
  return {
    text: mentionsBot ? TurnContext.removeRecipientMention(activity) : activity.text,
    // In a personal chat everything is said to the bot, so "help" works as well as "/help".
    addressed: mentionsBot || activity.conversation?.conversationType === 'personal',
    people,
    ...(html ? { html } : {}),
  };
}

/** Who a command such as `/secretary @Anna` or `/present Anna Berg` names: the first @mention, else the typed name. */
export function personNamed(incoming: Pick<IncomingText, 'people'>, args: string): PersonQuery {
  const person = incoming.people[0];
  return person ? { mention: person } : { name: args.replace(/<\/?at>/g, '').replace(/^@/, '').trim() };
}
