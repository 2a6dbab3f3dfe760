/**
 * A fake Bot Connector (the service behind `activity.serviceUrl`): records every request the bot makes
 * and answers the Teams calls botbuilder's TeamsInfo uses, in their documented JSON shapes
 * (see shared/fixtures/teams/*.json). It refuses what Teams refuses: without a bearer token when the bot
 * runs with an app id (`requireToken`), 401; a conversation Teams does not have (teams-registry.ts), or an
 * update of an activity it never issued, 404; an activity without `type`, 400; a message over 28 KB, 413;
 * a participant looked up without `tenantId`, 400. Roles are kept per meeting: `defaultRoles` are what
 * people have in each meeting Teams knows (copied into a meeting when it is first asked about), `setRole`
 * changes one meeting's, and a meeting Teams does not know has no participants. `failNext` makes it throttle (429 + Retry-After) or fail (5xx) the
 * next matching requests, as Teams does when a bot posts too fast to one conversation or the service is down.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { teamsRegistry } from './teams-registry';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** Set when the fake answered with an injected failure (`failNext`) instead of serving the request. */
  failedWith?: number;
  /** What the fake answered when it served the request (a refusal such as 404 or 413 included). */
  status?: number;
}

/** An answer the fake gives instead of serving a request, as Teams' connector does when it throttles or is down. */
export interface ConnectorFailure {
  /** 429 (throttled) or a 5xx. */
  status: 429 | 500 | 502 | 503 | 504;
  /** The Retry-After header as sent: delta-seconds (`1`) or an HTTP date; none when undefined. */
  retryAfter?: string;
  /** Only requests with this method and a path matching this pattern fail (default: any). */
  method?: string;
  path?: RegExp;
}

export interface FakeMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  tenantId?: string;
}

export type MeetingRole = 'Organizer' | 'Presenter' | 'Attendee';

export interface MeetingInfoAnswer {
  title: string;
  /** Graph's online-meeting id of the meeting (`details.msGraphResourceId`). */
  graphResourceId?: string;
  scheduledStartTime: string;
  scheduledEndTime: string;
  organizer: FakeMember;
}

/** Served with a 2xx: neither an injected failure nor a refusal. */
const accepted = (r: RecordedRequest): boolean => !r.failedWith && r.status !== undefined && r.status < 300;

/** A typing indicator: Teams shows it for a moment; it is not a message in the chat. */
const isTyping = (r: RecordedRequest): boolean => (r.body as { type?: unknown } | undefined)?.type === 'typing';

/** Typing indicators the bot sent, in order (the conversation each went to). */
export const typingIn = (requests: readonly RecordedRequest[]): string[] =>
  requests.filter((r) => r.method === 'POST' && isTyping(r) && accepted(r)).map((r) => /^\/v3\/conversations\/([^/]+)\//.exec(r.path)?.[1] ?? '');

/** Teams refuses a bot message larger than about 28 KB (the serialized activity). */
export const MAX_MESSAGE_BYTES = 28 * 1024;

export class FakeBotConnector {
  readonly requests: RecordedRequest[] = [];
  /** The role each person has in every meeting Teams knows, unless `setRole` says otherwise; anyone else is not a participant (404). */
  readonly defaultRoles = new Map<string, MeetingRole>();
  /** As Teams with a real bot: every call must carry the bot's bearer token (401 otherwise). */
  requireToken = false;
  /** Roles per meeting id, filled from `defaultRoles` when the meeting is first asked about. */
  private readonly meetingRoles = new Map<string, Map<string, MeetingRole>>();
  /** Activity ids the fake issued, per conversation: only these can be updated. */
  private readonly issued = new Map<string, Set<string>>();
  members: FakeMember[] = [];
  /** What GET /v1/meetings/{id} answers; a number answers that HTTP status instead. */
  meetingInfo: MeetingInfoAnswer | number = 404;
  /** One-to-one chats the bot opened (POST /v3/conversations), by the id the fake gave them. */
  readonly directChats = new Map<string, { memberId: string; tenantId: string }>();
  private readonly failures: ConnectorFailure[] = [];
  private server?: http.Server;
  private nextId = 1;
  private readonly postedIds = new Map<RecordedRequest, string>();

  /** Listens on `host` (another loopback address stands for a host that is not on the bot's list). */
  async start(host = '127.0.0.1'): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://fake');
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: decodeURIComponent(url.pathname),
          query: url.searchParams,
          headers: req.headers,
          body: raw ? (JSON.parse(raw) as unknown) : undefined,
        };
        this.requests.push(recorded);
        const failure = this.failures.findIndex((f) => (!f.method || f.method === recorded.method) && (!f.path || f.path.test(recorded.path)));
        if (failure >= 0) {
          const f = this.failures.splice(failure, 1)[0]!;
          recorded.failedWith = f.status;
          // Teams' connector answers a throttled post with 429 and an error body; an outage with a 5xx.
          res.writeHead(f.status, { 'content-type': 'application/json', ...(f.retryAfter === undefined ? {} : { 'retry-after': f.retryAfter }) });
          res.end(JSON.stringify({ error: { code: f.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: f.status === 429 ? 'Too many requests to this conversation.' : 'The service is unavailable.' } }));
          return;
        }
        const [status, answer] = this.answer(recorded, Buffer.byteLength(raw));
        recorded.status = status;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(answer === undefined ? '' : JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, host, resolve));
    return `http://${host}:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * The next `count` matching requests are answered with `failure` (429 with a Retry-After, a 503, …)
   * instead of being served; calls queue up in order. Failed requests stay in `requests`, marked with
   * `failedWith`, and are left out of `sent()`, `direct()`, `sentIds()` and `updates()`.
   */
  failNext(count: number, failure: ConnectorFailure): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  /** Injected failures not yet used. */
  pendingFailures(): number {
    return this.failures.length;
  }

  /** One meeting's roles (Teams keeps them per meeting). */
  setRole(meetingId: string, aadObjectId: string, role: MeetingRole | undefined): void {
    const roles = this.rolesIn(meetingId);
    if (role) roles.set(aadObjectId, role);
    else roles.delete(aadObjectId);
  }

  private rolesIn(meetingId: string): Map<string, MeetingRole> {
    let roles = this.meetingRoles.get(meetingId);
    if (!roles) {
      roles = new Map(this.defaultRoles);
      this.meetingRoles.set(meetingId, roles);
    }
    return roles;
  }

  private knowsConversation(id: string): boolean {
    return teamsRegistry.hasConversation(id) || this.directChats.has(id);
  }

  private answer(r: RecordedRequest, rawBytes: number): [number, unknown] {
    let m: RegExpExecArray | null;
    if (this.requireToken && !/^Bearer \S+$/.test(String(r.headers.authorization ?? ''))) {
      return [401, { message: 'Authorization has been denied for this request.' }];
    }
    const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(r.path);
    if (activityPath && (r.method === 'POST' || r.method === 'PUT')) {
      const conversation = activityPath[1]!;
      if (!this.knowsConversation(conversation)) return [404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } }];
      const body = r.body as { type?: unknown } | undefined;
      if (!body || typeof body.type !== 'string' || body.type === '') return [400, { error: { code: 'BadArgument', message: 'Activity type is required.' } }];
      if (rawBytes > MAX_MESSAGE_BYTES) return [413, { error: { code: 'MessageSizeTooBig', message: `Message size too large: ${rawBytes} bytes.` } }];
      if (r.method === 'PUT' && !this.issued.get(conversation)?.has(activityPath[2]!)) {
        return [404, { error: { code: 'ActivityNotFoundInConversation', message: `Activity ${activityPath[2]} not found in conversation.` } }];
      }
    }
    if (r.method === 'POST' && r.path === '/v3/conversations') {
      // As Teams answers it: a one-to-one chat needs isGroup false, exactly one member and the tenant;
      // the same member gets the same `a:` conversation again (201 Created).
      const p = (r.body ?? {}) as { isGroup?: boolean; members?: Array<{ id?: string }>; tenantId?: string; channelData?: { tenant?: { id?: string } } };
      const tenantId = p.tenantId ?? p.channelData?.tenant?.id;
      const memberId = p.members?.length === 1 ? p.members[0]!.id : undefined;
      if (p.isGroup || !memberId || !tenantId) return [400, { error: { code: 'BadSyntax', message: 'Incorrect conversation creation parameters' } }];
      const existing = [...this.directChats].find(([, c]) => c.memberId === memberId)?.[0];
      const id = existing ?? `a:direct-${this.nextId++}`;
      this.directChats.set(id, { memberId, tenantId });
      return [201, { id }];
    }
    if (r.method === 'POST' && (m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(r.path))) {
      const id = `sent-${this.nextId++}`;
      this.postedIds.set(r, id);
      const ids = this.issued.get(m[1]!) ?? new Set<string>();
      ids.add(id);
      this.issued.set(m[1]!, ids);
      return [200, { id }];
    }
    if (r.method === 'PUT' && (m = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(r.path))) {
      return [200, { id: m[2] }];
    }
    if (r.method === 'GET' && (m = /^\/v1\/meetings\/([^/]+)\/participants\/([^/]+)$/.exec(r.path))) {
      const aad = m[2]!;
      if (!r.query.get('tenantId')) return [400, { error: { code: 'BadArgument', message: 'tenantId is required.' } }];
      if (!teamsRegistry.hasMeeting(m[1]!)) return [404, { error: { code: 'NotFound', message: 'The meeting was not found.' } }];
      const role = this.rolesIn(m[1]!).get(aad);
      if (!role) return [404, { error: { code: 'NotFound', message: 'The participant is not in the meeting.' } }];
      const member = this.members.find((x) => x.aadObjectId === aad);
      return [
        200,
        {
          user: { id: member?.id ?? `29:${aad}`, name: member?.name ?? aad, aadObjectId: aad, tenantId: r.query.get('tenantId'), userRole: 'user' },
          meeting: { role, inMeeting: true },
          conversation: { id: 'conversation', isGroup: true, conversationType: 'groupChat' },
        },
      ];
    }
    if (r.method === 'GET' && (m = /^\/v1\/meetings\/([^/]+)$/.exec(r.path))) {
      if (typeof this.meetingInfo === 'number') return [this.meetingInfo, { error: { code: 'Unavailable', message: 'fake meeting info not set' } }];
      const info = this.meetingInfo;
      return [
        200,
        {
          details: {
            id: m[1],
            msGraphResourceId: info.graphResourceId ?? 'MSo-fake-graph-id',
            scheduledStartTime: info.scheduledStartTime,
            scheduledEndTime: info.scheduledEndTime,
            joinUrl: 'https://teams.microsoft.com/l/meetup-join/fake',
            title: info.title,
            type: 'Scheduled',
          },
          conversation: { isGroup: true, conversationType: 'groupChat', id: 'conversation' },
          organizer: { id: info.organizer.id, aadObjectId: info.organizer.aadObjectId, tenantId: info.organizer.tenantId },
        },
      ];
    }
    if (r.method === 'GET' && /^\/v3\/conversations\/[^/]+\/pagedmembers$/.test(r.path)) {
      const size = Number(r.query.get('pageSize') ?? 200);
      const start = Number(r.query.get('continuationToken') ?? 0);
      const page = this.members.slice(start, start + size).map((x) => ({
        id: x.id,
        name: x.name,
        aadObjectId: x.aadObjectId,
        email: x.email,
        userPrincipalName: x.email,
        tenantId: x.tenantId,
        userRole: 'user',
      }));
      const next = start + size < this.members.length ? String(start + size) : undefined;
      return [200, { members: page, ...(next ? { continuationToken: next } : {}) }];
    }
    return [404, { error: { code: 'NotFound', message: `fake connector has no ${r.method} ${r.path}` } }];
  }

  /** The one-to-one chat an activity request was posted to, if any. */
  private directChatOf(r: RecordedRequest): string | undefined {
    const id = /^\/v3\/conversations\/([^/]+)\/activities/.exec(r.path)?.[1];
    return id && this.directChats.has(id) ? id : undefined;
  }

  /** Messages the bot posted (replies and new messages) in group chats, channels and meeting chats, oldest first; one-to-one messages are in `direct()`, typing indicators are left out. */
  sent(): Array<Record<string, unknown>> {
    return this.requests
      .filter((r) => r.method === 'POST' && r.path.includes('/activities') && accepted(r) && !this.directChatOf(r) && !isTyping(r))
      .map((r) => r.body as Record<string, unknown>);
  }

  /** Messages the bot posted in one-to-one chats it opened, with the member each went to, oldest first. */
  direct(): Array<{ memberId: string; tenantId: string; activity: Record<string, unknown> }> {
    return this.requests.flatMap((r) => {
      const chat = r.method === 'POST' && accepted(r) ? this.directChatOf(r) : undefined;
      return chat ? [{ ...this.directChats.get(chat)!, activity: r.body as Record<string, unknown> }] : [];
    });
  }

  /** The ids the fake gave the activities the bot posted outside one-to-one chats, oldest first (what a later PUT targets). */
  sentIds(): string[] {
    return this.requests.flatMap((r) => {
      const id = this.directChatOf(r) || isTyping(r) ? undefined : this.postedIds.get(r);
      return id ? [id] : [];
    });
  }

  /**
   * The id the fake gave the latest message it accepted in this conversation whose card has an action with
   * this verb: what Teams puts in `replyToId` when someone presses that card.
   */
  cardMessageId(conversationId: string, verb: string): string | undefined {
    const base = conversationId.split(';messageid=')[0]!;
    const marker = `"verb":${JSON.stringify(verb)}`;
    for (const r of [...this.requests].reverse()) {
      const id = this.postedIds.get(r);
      const to = /^\/v3\/conversations\/([^/]+)\/activities/.exec(r.path)?.[1];
      if (id && to === base && JSON.stringify(r.body).includes(marker)) return id;
    }
    // A card replaced in place (PUT) keeps its id.
    for (const r of [...this.requests].reverse()) {
      const m = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(r.path);
      if (r.method === 'PUT' && accepted(r) && m?.[1] === base && JSON.stringify(r.body).includes(marker)) return m[2];
    }
    return undefined;
  }

  /** Card updates in place (PUT to an activity). */
  updates(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'PUT' && accepted(r));
  }

  clear(): void {
    this.requests.length = 0;
    this.failures.length = 0;
  }
}

/** The Adaptive Card in a sent activity, or undefined. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const attachments = (activity?.attachments ?? []) as Array<{ contentType: string; content: Record<string, unknown> }>;
  return attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** All visible text of a card (TextBlock texts, TextRun texts, action titles), for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') out.push(o.title);
      if (typeof o.label === 'string') out.push(o.label);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out.join('\n');
}
