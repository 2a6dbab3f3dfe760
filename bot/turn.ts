/** What every handler of a turn needs: who and where (the request context), and the language. */
import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { RequestContext } from '../src/app/context';
import { DomainError } from '../src/domain/errors';
import type { Locale, Translate } from '../src/i18n';
import type { AdaptiveCard } from './cards/card';

export interface Turn {
  ctx: RequestContext;
  t: Translate;
  locale: Locale;
}

/** What a card press returns: the card for the person who pressed, and whether everyone's copy changes too. */
export interface CardActionResult {
  card: AdaptiveCard;
  shared: boolean;
}

export const cardMessage = (c: AdaptiveCard): Partial<Activity> => MessageFactory.attachment(CardFactory.adaptiveCard(c));

/** Replies quote what people typed: plain text, so Teams does not render it as markdown. */
export function plainText(text: string): Partial<Activity> {
  return { ...MessageFactory.text(text), textFormat: 'plain' };
}

/** Card data is whatever the client sent: checked here, and a clear error names the first wrong field. */
export function parseCardData<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new DomainError('CARD.INVALID_DATA', { detail: `${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'invalid'}` });
}

export const cardIdSchema = z.string().min(1).max(200);

/** Everyone else sees a pressed card change when the shared message is replaced (PUT to the activity). */
export async function replaceSharedCard(context: TurnContext, newCard: AdaptiveCard, log: Logger): Promise<void> {
  const id = context.activity.replyToId;
  if (!id) return;
  try {
    await context.updateActivity({ id, type: 'message', attachments: [CardFactory.adaptiveCard(newCard)] });
  } catch (e) {
    // The presser already sees the new card through the invoke response; others see it on their next refresh.
    log.warn({ err: e, activityId: id }, 'could not update the shared card');
  }
}
