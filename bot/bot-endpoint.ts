/**
 * POST /api/messages: the envelope is checked (400), then the door (401: the token's issuer and audience,
 * the serviceUrl's host), then botbuilder authenticates (401), then the fields of the activity's kind are
 * checked (400), and only then does the turn run. See inbound-activity.ts.
 */
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import { wellFormedText } from '../src/domain/text';
import type { RadslagAdapter } from './adapter';
import { checkDoor, checkEnvelope, checkFields, type DoorPolicy, type Refusal } from './inbound-activity';
import type { RadslagBot } from './radslag-bot';

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

export function createBotEndpoint(adapter: RadslagAdapter, bot: RadslagBot, policy: DoorPolicy, log: Logger): BotEndpoint {
  const refused = (res: Response, activity: Partial<Activity>, refusal: Refusal, what: string) => {
    log.warn({ reason: refusal.reason, activityType: activity.type, activityName: activity.name, activityId: activity.id, status: refusal.status }, what);
    res.send(refusal.status, refusal.body);
  };
  return async (req, res) => {
    const envelope = checkEnvelope(req.body);
    if (!envelope.ok) {
      const body = req.body as Partial<Activity> | undefined;
      const activity = body && typeof body === 'object' ? body : {};
      return refused(res, { type: typeof activity.type === 'string' ? activity.type.slice(0, 100) : undefined }, envelope.refusal, 'refused a body that is not an activity');
    }
    const header = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    const door = checkDoor(envelope.activity, header, policy);
    if (door) return refused(res, envelope.activity, door, 'refused an activity at the door: nothing was sent or stored');
    const answer = await adapter.processRequest(wellFormed(envelope.activity) as Activity, header, (context) => bot.run(context), checkFields);
    if (answer.body === undefined) res.send(answer.status);
    else res.send(answer.status, answer.body);
  };
}
