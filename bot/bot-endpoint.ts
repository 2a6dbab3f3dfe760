/**
 * POST /api/messages: checks that the body is a Bot Framework activity before botbuilder sees it, so a
 * broken or foreign body gets a 400 that says what is wrong instead of an exception deep in the SDK; then
 * the adapter authenticates it (401 with a JSON body for any token it does not accept, never a 500) and
 * runs the turn.
 */
import type { Activity } from 'botbuilder';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import { wellFormedText } from '../src/domain/text';
import type { RadslagAdapter } from './adapter';
import type { RadslagBot } from './radslag-bot';

const account = z.object({ id: z.string().min(1).max(1000) }).passthrough();
const activityShape = z
  .object({
    type: z.string().min(1).max(100),
    id: z.string().max(1000).optional(),
    serviceUrl: z.string().url().max(2000),
    channelId: z.string().min(1).max(100),
    from: account,
    recipient: account,
    conversation: account,
    text: z.string().max(200_000).optional(),
    locale: z.string().max(100).optional(),
    // Objects with any keys (checked here for shape only; botbuilder and the bot read what they need).
    entities: z.array(z.object({}).passthrough()).max(200).optional(),
    channelData: z.object({}).passthrough().optional(),
  })
  .passthrough();

export type BotEndpoint = (req: Request, res: Response) => Promise<void>;

/**
 * Every string of the activity well formed (names, ids and text all end up in the store). An activity
 * that needs no change (nearly all) is returned as it is, without a copy: this runs on every request.
 */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return wellFormedText(value);
  if (Array.isArray(value)) {
    const items = value.map(wellFormed);
    return items.every((v, i) => v === value[i]) ? value : items;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const cleaned = entries.map(([k, v]) => [k, wellFormed(v)] as const);
    return cleaned.every(([, v], i) => v === entries[i]![1]) ? value : Object.fromEntries(cleaned);
  }
  return value;
}

export function createBotEndpoint(adapter: RadslagAdapter, bot: RadslagBot): BotEndpoint {
  return async (req, res) => {
    const body: unknown = req.body;
    const checked = activityShape.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      res.send(400, {
        code: 'BadRequest',
        message: `The body is not a Bot Framework activity (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}). Send JSON with type, serviceUrl, channelId, from, recipient and conversation.`,
      });
      return;
    }
    const header = req.headers.authorization;
    const answer = await adapter.processRequest(wellFormed(body) as Activity, typeof header === 'string' ? header : '', (context) => bot.run(context));
    if (answer.body === undefined) res.send(answer.status);
    else res.send(answer.status, answer.body);
  };
}
