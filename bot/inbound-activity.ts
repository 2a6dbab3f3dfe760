/**
 * What an activity must look like before anything acts on it. Three gates, in the order the endpoint runs
 * them: the envelope (any activity), the door (the token's issuer and audience read unverified, and the
 * serviceUrl's host, before botbuilder sees the request) and, after authentication, the fields each kind
 * of activity carries. A refusal says what was wrong; nothing is stored and Teams does not send it again.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { isLoopbackHost } from '../src/config';

/** The only issuer of the tokens Teams' Bot Connector signs (the emulator's and skills' issuers are not). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface Refusal {
  status: 400 | 401;
  body: unknown;
  /** For the log: why, never the token. */
  reason: string;
}

const text = (max: number) => z.string().max(max);
const account = z
  .object({ id: text(1000).min(1), name: text(1000).nullish(), aadObjectId: text(200).nullish(), role: text(100).nullish() })
  .passthrough();
const mention = z.object({ type: z.literal('mention'), mentioned: account, text: text(2000).optional() }).passthrough();

const envelope = z
  .object({
    type: text(100).min(1),
    id: text(1000).optional(),
    name: text(200).optional(),
    serviceUrl: z.string().url().max(2000),
    channelId: text(100).min(1),
    from: account,
    recipient: account,
    conversation: z
      .object({ id: text(1000).min(1), tenantId: text(200).optional(), conversationType: text(100).optional(), isGroup: z.boolean().nullish(), name: text(1000).nullish() })
      .passthrough(),
    text: text(200_000).optional(),
    locale: text(100).optional(),
    replyToId: text(1000).optional(),
    timestamp: text(100).optional(),
    localTimestamp: text(100).optional(),
    entities: z.array(z.union([mention, z.object({ type: text(200).refine((t) => t !== 'mention') }).passthrough()])).max(200).optional(),
    membersAdded: z.array(account).max(1000).optional(),
    membersRemoved: z.array(account).max(1000).optional(),
    attachments: z.array(z.object({ contentType: text(300) }).passthrough()).max(100).optional(),
    channelData: z
      .object({
        tenant: z.object({ id: text(200) }).passthrough().optional(),
        meeting: z.object({ id: text(1000) }).passthrough().optional(),
        eventType: text(100).optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

const problem = (issues: z.core.$ZodIssue[]): string => {
  const issue = issues[0];
  return `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
};

/** The envelope every activity has; a body that is not one gets 400 before authentication. */
export function checkEnvelope(body: unknown): { ok: true; activity: Activity } | { ok: false; refusal: Refusal } {
  const checked = envelope.safeParse(body);
  if (checked.success) return { ok: true, activity: body as Activity };
  const what = problem(checked.error.issues);
  return {
    ok: false,
    refusal: {
      status: 400,
      reason: what,
      body: { code: 'BadRequest', message: `The body is not a Bot Framework activity (${what}). Send JSON with type, serviceUrl, channelId, from, recipient and conversation.` },
    },
  };
}

const UNAUTHORIZED = { code: 'Unauthorized', message: 'The request is not authorized: its Bot Framework token is missing or was not accepted.' };

/** The token's claims, read without checking the signature (botbuilder checks it next). */
function unverifiedClaims(authorization: string): Record<string, unknown> | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/.exec(authorization.trim());
  if (!m) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(m[2]!, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface DoorPolicy {
  /** The bot's app id; undefined in local mode, where no token is asked for. */
  appId?: string;
  localMode: boolean;
  serviceUrlHosts: readonly string[];
}

const bare = (host: string) => host.toLowerCase().replace(/^\[|\]$/g, '');

/** Whether the bot may send its replies, and its Bot Connector token, to this address. */
export function serviceUrlAllowed(serviceUrl: string, policy: Pick<DoorPolicy, 'localMode' | 'serviceUrlHosts'>): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const host = bare(url.hostname);
  const listed = policy.serviceUrlHosts.some((h) => bare(h) === host);
  if (isLoopbackHost(host)) return (listed || policy.localMode) && (url.protocol === 'https:' || url.protocol === 'http:');
  return listed && url.protocol === 'https:';
}

/**
 * The door, before botbuilder: with an app id, a token that does not claim the Teams channel's issuer and
 * this bot as its audience is refused (the emulator and skill paths inside botbuilder are never reached);
 * an activity whose serviceUrl is not on the list is refused, so nothing is ever sent there.
 */
export function checkDoor(activity: Activity, authorization: string, policy: DoorPolicy): Refusal | undefined {
  if (policy.appId) {
    const claims = unverifiedClaims(authorization);
    if (!claims) return { status: 401, body: UNAUTHORIZED, reason: authorization ? 'the Authorization header is not a bearer JWT' : 'no Authorization header' };
    if (claims.iss !== CHANNEL_ISSUER) return { status: 401, body: UNAUTHORIZED, reason: `the token's issuer is not the Teams channel's (${JSON.stringify(String(claims.iss)).slice(0, 120)})` };
    if (claims.aud !== policy.appId) return { status: 401, body: UNAUTHORIZED, reason: 'the token is not for this bot (audience)' };
  }
  if (!serviceUrlAllowed(activity.serviceUrl, policy)) {
    return { status: 401, body: UNAUTHORIZED, reason: `the serviceUrl's host is not a Bot Connector host this bot sends to (${activity.serviceUrl.slice(0, 200)})` };
  }
  return undefined;
}

// ---- the fields of each kind of activity ------------------------------------------------------------

const isoTime = z.string().max(100).refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date and time (ISO 8601)');
const meetingEvent = (time: 'StartTime' | 'EndTime') =>
  z.object({ Id: text(1000), JoinUrl: text(4000), MeetingType: text(100), Title: text(1000), [time]: isoTime }).passthrough();
const eventValues: Record<string, z.ZodType> = {
  'application/vnd.microsoft.meetingStart': meetingEvent('StartTime'),
  'application/vnd.microsoft.meetingEnd': meetingEvent('EndTime'),
  'application/vnd.microsoft.readReceipt': z.object({ lastReadMessageId: text(1000) }).passthrough(),
  'application/vnd.microsoft.meetingParticipantJoin': z.object({ members: z.array(z.object({}).passthrough()).max(1000) }).passthrough(),
  'application/vnd.microsoft.meetingParticipantLeave': z.object({ members: z.array(z.object({}).passthrough()).max(1000) }).passthrough(),
};

/** Action.Execute's invoke: the verb is the bot's to check, the data the verb's handler's. */
const cardActionValue = z
  .object({
    action: z.object({ type: z.literal('Action.Execute'), verb: text(200).min(1), id: text(1000).nullish(), data: z.unknown().optional() }).passthrough(),
    trigger: text(100).optional(),
  })
  .passthrough();

/** The invokes this bot answers; Teams gets a documented error for any other. */
export const HANDLED_INVOKES = ['adaptiveCard/action'];

/** An invoke's error as Universal Actions documents it (`application/vnd.microsoft.error`). */
const invokeError = (code: string, message: string) => ({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code, message } });

/** After authentication: the fields the bot's handler for this kind of activity reads. */
export function checkFields(activity: Activity): Refusal | undefined {
  if (activity.type === 'event' && activity.channelId === 'msteams' && activity.name && Object.hasOwn(eventValues, activity.name)) {
    const checked = eventValues[activity.name]!.safeParse(activity.value);
    if (!checked.success) {
      const what = `value.${problem(checked.error.issues)}`;
      return { status: 400, reason: what, body: { code: 'BadRequest', message: `The ${activity.name} event is not valid (${what}).` } };
    }
  }
  if (activity.type === 'invoke') {
    if (!activity.name || !HANDLED_INVOKES.includes(activity.name)) {
      const what = `invoke "${String(activity.name).slice(0, 100)}" is not handled by this bot`;
      return { status: 400, reason: what, body: invokeError('NotSupported', `The ${what}.`) };
    }
    const checked = cardActionValue.safeParse(activity.value);
    if (!checked.success) {
      const what = `value.${problem(checked.error.issues)}`;
      return { status: 400, reason: what, body: invokeError('BadRequest', `The card action is not valid (${what}).`) };
    }
  }
  return undefined;
}
