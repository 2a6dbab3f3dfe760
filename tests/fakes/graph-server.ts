/**
 * A fake Microsoft Graph (v1.0) over HTTPS. It accepts only bearer tokens signed by the fake Entra
 * authority for the Graph audience (401 otherwise, as Graph does), records every request, and answers in
 * the documented shapes, with graph-fixtures/*.json (copies of shared/fixtures/graph) as templates:
 *
 * - `POST /users/{id}/events` creates a Teams meeting event (a repeated `transactionId` returns the first
 *   event, as Graph does); `PATCH`/`GET /users/{id}/events/{id}`.
 * - `GET /users/{id}/onlineMeetings?$filter=JoinWebUrl eq '…'`, `GET /users/{id}/onlineMeetings/{id}`:
 *   the online meeting of each event it created, `chatInfo.threadId` = `19:meeting_…@thread.v2`.
 * - `POST /chats/{id}/installedApps`: 201 the first time, 409 after; `installOverride` forces 201/409/403/404.
 * - `POST /users/{id}/sendMail`: 202.
 * - `GET /users/{id}/onlineMeetings/{id}/attendanceReports` and `…/{reportId}/attendanceRecords`, paged
 *   with `@odata.nextLink` pointing at this server (the fixtures' meeting by default; `setAttendance`).
 * - `GET /users/{id}/onlineMeetings/{id}/transcripts` and `…/transcripts/{id}/content` (`setTranscripts`):
 *   the content as WebVTT with `<v Speaker>` tags for `$format=text/vtt` or `Accept: text/vtt` (the default);
 *   while `speakerAttribution` is off, the attributed format is 403 `SpeakerAttributionNotAllowed` and a
 *   request without a format gets the cues without speakers, as Graph documents. These calls need
 *   OnlineMeetingTranscript.Read.All in the token, or the app installed with the RSC permission
 *   OnlineMeetingTranscript.Read.Chat in the meeting's chat (403 otherwise); an unknown meeting is 404.
 *
 * As Graph does, each call needs one of the application permissions Graph documents for it in the token's
 * `roles` (403 otherwise, in the error shape of the service behind it: Outlook's `ErrorAccessDenied`,
 * Teams' "Missing role permissions"); a user id or address the tenant does not have is 404; request bodies
 * are checked as Graph checks them (an unknown property of an event or a message is 400).
 *
 * `throttleNext` makes the next requests answer 429 + Retry-After (body: throttled.json) or 503/504;
 * `hangNext` makes the next requests get no answer at all (recorded with status 0; the socket stays open
 * until the client gives up or the fake stops).
 */
import crypto from 'node:crypto';
import https from 'node:https';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeEntraAuthority } from './entra-authority';
import { teamsRegistry } from './teams-registry';
import attendanceRecordsPage from './graph-fixtures/attendance-records-page.json';
import attendanceReportsFixture from './graph-fixtures/attendance-reports.json';
import createEventTemplate from './graph-fixtures/create-event-response.json';
import throttledTemplate from './graph-fixtures/throttled.json';

const REAL_GRAPH_BASE = 'https://graph.microsoft.com/v1.0';
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

export interface GraphRequestRecord {
  method: string;
  /** Below `/v1.0`, each segment URL-decoded: `/users/{id}/events/{id}`. */
  path: string;
  /** As sent, still encoded. */
  rawPath: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** The verified token's claims, when the token was good. */
  claims?: Record<string, unknown>;
  /** What the fake answered. */
  status: number;
}

export interface FakeOnlineMeeting {
  id: string;
  organizerUserId: string;
  tenantId: string;
  threadId: string;
  joinUrl: string;
  subject: string;
  eventId?: string;
  createdAt: string;
}

export interface FakeEvent {
  id: string;
  organizerUserId: string;
  transactionId?: string;
  /** The event as Graph would return it (create-event-response.json's shape, patched by PATCHes). */
  resource: Record<string, unknown>;
  /** Absent when the event was not created as a Teams meeting. */
  onlineMeeting?: FakeOnlineMeeting;
}

export interface SentMail {
  from: string;
  message: Record<string, unknown>;
  saveToSentItems: unknown;
}

export interface ThrottleOptions {
  status?: 429 | 503 | 504;
  /** Seconds in the Retry-After header; undefined sends none. Default 1 for 429, none for 503/504. */
  retryAfterSeconds?: number;
  /** Only requests with this method and a path (below /v1.0) matching this pattern are throttled. */
  method?: string;
  path?: RegExp;
  /**
   * Serve the request (its effects happen) and only then answer the error: a gateway timeout after the
   * work was done, the case Graph's `transactionId` exists for.
   */
  processFirst?: boolean;
}

type Json = Record<string, unknown>;

interface AttendanceData {
  organizerUserId: string;
  reports: Json[];
  records: Map<string, Json[]>;
}

type Answer = [status: number, body?: unknown, headers?: Record<string, string>];

/** A body that is not JSON (a transcript's WebVTT), sent as it is with its content type. */
class RawBody {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

export interface FakeTranscript {
  id: string;
  createdDateTime: string;
  endDateTime: string;
  /** WebVTT with `<v Speaker>` voice tags, as Teams writes it. */
  vtt: string;
  /** The tenant's speaker attribution as it stood for this transcript (else `FakeGraph.speakerAttribution`). */
  speakerAttribution?: boolean;
}

interface TranscriptData {
  organizerUserId: string;
  /** The meeting chat, where an RSC grant would be. */
  threadId: string;
  transcripts: FakeTranscript[];
}

/**
 * The application permissions Graph documents for each call we make (any one of them suffices). Outlook
 * (events, mail) and Teams (online meetings, artifacts, app installations) answer a missing one differently.
 */
export const GRAPH_PERMISSIONS: ReadonlyArray<{ method: string; path: RegExp; anyOf: readonly string[]; service: 'outlook' | 'teams'; rsc?: string }> = [
  { method: 'POST', path: /^\/users\/[^/]+\/events$/, anyOf: ['Calendars.ReadWrite'], service: 'outlook' },
  { method: 'PATCH', path: /^\/users\/[^/]+\/events\/[^/]+$/, anyOf: ['Calendars.ReadWrite'], service: 'outlook' },
  { method: 'POST', path: /^\/users\/[^/]+\/events\/[^/]+\/cancel$/, anyOf: ['Calendars.ReadWrite'], service: 'outlook' },
  { method: 'GET', path: /^\/users\/[^/]+\/events\/[^/]+$/, anyOf: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'], service: 'outlook' },
  { method: 'POST', path: /^\/users\/[^/]+\/sendMail$/, anyOf: ['Mail.Send'], service: 'outlook' },
  { method: 'GET', path: /^\/users\/[^/]+\/onlineMeetings(\/[^/]+)?$/, anyOf: ['OnlineMeetings.Read.All', 'OnlineMeetings.ReadWrite.All'], service: 'teams' },
  { method: 'GET', path: /^\/users\/[^/]+\/onlineMeetings\/[^/]+\/attendanceReports(\/[^/]+\/attendanceRecords)?$/, anyOf: ['OnlineMeetingArtifact.Read.All'], service: 'teams' },
  // Or the resource-specific grant in the meeting's chat (the app installed there with that permission consented).
  { method: 'GET', path: /^\/users\/[^/]+\/onlineMeetings\/[^/]+\/transcripts(\/[^/]+\/content)?$/, anyOf: ['OnlineMeetingTranscript.Read.All'], service: 'teams', rsc: 'OnlineMeetingTranscript.Read.Chat' },
  { method: 'GET', path: /^\/appCatalogs\/teamsApps$/, anyOf: ['AppCatalog.Read.All', 'AppCatalog.ReadWrite.All'], service: 'teams' },
  {
    method: 'POST',
    path: /^\/chats\/[^/]+\/installedApps$/,
    anyOf: ['TeamsAppInstallation.ReadWriteSelfForChat.All', 'TeamsAppInstallation.ReadWriteForChat.All', 'TeamsAppInstallation.ReadWriteAndConsentSelfForChat.All', 'TeamsAppInstallation.ReadWriteAndConsentForChat.All'],
    service: 'teams',
  },
];

/** The properties of a Graph event the API takes in a create or an update (others are 400, as Graph answers). */
const EVENT_PROPERTIES = new Set([
  'subject', 'body', 'start', 'end', 'attendees', 'location', 'locations', 'isOnlineMeeting', 'onlineMeetingProvider', 'allowNewTimeProposals',
  'transactionId', 'showAs', 'importance', 'sensitivity', 'isReminderOn', 'reminderMinutesBeforeStart', 'responseRequested', 'categories', 'isAllDay', 'hideAttendees',
]);
const MESSAGE_PROPERTIES = new Set(['subject', 'body', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo', 'importance', 'attachments', 'internetMessageHeaders', 'from']);
const unknownProperty = (name: string, type: string): Answer => [
  400,
  graphError('RequestBodyRead', `The property '${name}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`),
];
const badBody = (body: unknown): boolean => body !== undefined && (!isObject(body) || typeof body.content !== 'string' || !/^(text|html)$/i.test(String(body.contentType)));
const badRecipients = (list: unknown): boolean => !Array.isArray(list) || !list.every((a) => isObject(a) && isObject(a.emailAddress) && typeof a.emailAddress.address === 'string' && /^[^@\s]+@[^@\s]+$/.test(a.emailAddress.address));

const lowerPercent = (s: string): string => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const graphError = (code: string, message: string): Json => ({
  error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': crypto.randomUUID(), 'client-request-id': crypto.randomUUID() } },
});
/** Graph writes dateTimeTimeZone values with seven fractional digits. */
const graphDateTime = (v: string): string => (/\.\d+$/.test(v) ? v : `${v}.0000000`);

export class FakeGraph {
  readonly requests: GraphRequestRecord[] = [];
  readonly events = new Map<string, FakeEvent>();
  /** Events cancelled through `POST …/cancel`, with the comment sent to the attendees. */
  readonly cancelled = new Map<string, FakeEvent & { comment?: string }>();
  readonly onlineMeetings = new Map<string, FakeOnlineMeeting>();
  /** Chat thread id → installed catalog app ids. */
  readonly installedApps = new Map<string, Set<string>>();
  readonly sentMail: SentMail[] = [];
  /** Chats that exist besides the meeting chats of created events (installing elsewhere answers 404). */
  readonly chats = new Set<string>();
  /**
   * The organisation's app catalog: catalog id → the manifest id (`externalId`) and the resource-specific
   * permissions its manifest asks for. Installing an id not here is 404; installing an app that asks for RSC
   * needs a ...AndConsent... permission and a `consentedPermissionSet` naming exactly those (403 otherwise).
   */
  readonly catalog = new Map<string, { externalId: string; rsc: string[] }>();
  /** Forces the answer of POST /chats/{id}/installedApps (201 also records the installation). */
  installOverride?: 201 | 409 | 403 | 404;
  /** The tenant's users, by object id or address (any other user in a path is 404). */
  readonly users = new Set<string>();
  /** Page size of attendanceRecords (the fixture page holds three records). */
  attendancePageSize = 2;
  private readonly attendance = new Map<string, AttendanceData>();
  private readonly transcripts = new Map<string, TranscriptData>();
  /** The tenant's "speaker attribution" for transcripts (Teams admin): off makes the attributed format 403. */
  speakerAttribution = true;
  private readonly throttles: Array<Required<Pick<ThrottleOptions, 'status'>> & ThrottleOptions> = [];
  private readonly hangs: Array<Pick<ThrottleOptions, 'method' | 'path'>> = [];
  private server?: https.Server;
  private origin?: string;

  constructor(
    private readonly tls: { certPem: string; keyPem: string },
    private readonly authority: FakeEntraAuthority,
  ) {
    // The fixtures' meeting: its reports, and all records of the first report (paged by attendancePageSize).
    const meetingId = /onlineMeetings\('([^']+)'\)/.exec(attendanceReportsFixture['@odata.context'])![1]!;
    const organizer = /users\('([^']+)'\)/.exec(attendanceReportsFixture['@odata.context'])![1]!;
    const firstReport = attendanceReportsFixture.value[0]!.id;
    this.setAttendance(organizer, meetingId, attendanceReportsFixture.value, { [firstReport]: attendanceRecordsPage.value });
    this.users.add(organizer);
  }

  /** Users of the tenant, by Entra object id and, where given, address. */
  addUsers(...people: Array<{ aadObjectId: string; email?: string }>): this {
    for (const p of people) {
      this.users.add(p.aadObjectId.toLowerCase());
      if (p.email) this.users.add(p.email.toLowerCase());
    }
    return this;
  }

  /** Starts on 127.0.0.1 and returns the base URL with its version, e.g. `https://127.0.0.1:41234/v1.0` (GRAPH_BASE_URL). */
  async start(): Promise<string> {
    this.server = https.createServer({ cert: this.tls.certPem, key: this.tls.keyPem }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get baseUrl(): string {
    if (!this.origin) throw new Error('FakeGraph is not started');
    return `${this.origin}/v1.0`;
  }

  /** The next `count` matching requests answer 429 (default) or 503/504 instead of being served. */
  throttleNext(count: number, options: ThrottleOptions = {}): void {
    const status = options.status ?? 429;
    const retryAfterSeconds = 'retryAfterSeconds' in options ? options.retryAfterSeconds : status === 429 ? 1 : undefined;
    for (let i = 0; i < count; i++) this.throttles.push({ ...options, status, retryAfterSeconds });
  }

  /** The next `count` matching requests (by method and decoded path below /v1.0) are never answered. */
  hangNext(count: number, options: Pick<ThrottleOptions, 'method' | 'path'> = {}): void {
    for (let i = 0; i < count; i++) this.hangs.push({ ...options });
  }

  /** Attendance of an online meeting: its reports and, per report id, all its records (served in pages). */
  setAttendance(organizerUserId: string, meetingId: string, reports: Json[], recordsByReport: Record<string, Json[]>): void {
    this.attendance.set(meetingId, { organizerUserId, reports, records: new Map(Object.entries(recordsByReport)) });
    this.users.add(organizerUserId.toLowerCase());
  }

  /** Transcripts of an online meeting whose chat is `threadId` (served until `setTranscripts` again). */
  setTranscripts(organizerUserId: string, meetingId: string, threadId: string, transcripts: FakeTranscript[]): void {
    this.transcripts.set(meetingId, { organizerUserId, threadId, transcripts });
    this.users.add(organizerUserId.toLowerCase());
  }

  /** Requests with this method whose decoded path matches. */
  requestsTo(method: string, path: RegExp): GraphRequestRecord[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  clear(): void {
    this.requests.length = 0;
  }

  /** The fixtures, with https://graph.microsoft.com/v1.0 in their links replaced by this server's base URL. */
  private ownLinks<T>(value: T): T {
    return JSON.parse(JSON.stringify(value).split(REAL_GRAPH_BASE).join(this.baseUrl)) as T;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', this.origin);
    const rawPath = url.pathname.startsWith('/v1.0/') ? url.pathname.slice('/v1.0'.length) : url.pathname;
    const record: GraphRequestRecord = {
      method: req.method ?? 'GET',
      path: rawPath.split('/').map((s) => decodeURIComponent(s)).join('/'),
      rawPath,
      query: url.searchParams,
      headers: req.headers,
      body: undefined,
      status: 0,
    };
    this.requests.push(record);
    const requestId = crypto.randomUUID();
    const send = ([status, body, headers = {}]: Answer) => {
      record.status = status;
      const raw = body instanceof RawBody ? body : undefined;
      res.writeHead(status, {
        'request-id': requestId,
        'client-request-id': String(req.headers['client-request-id'] ?? requestId),
        ...(body === undefined ? {} : { 'content-type': raw ? raw.contentType : 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8' }),
        ...headers,
      });
      res.end(body === undefined ? undefined : raw ? raw.text : JSON.stringify(body));
    };

    if (raw) {
      try {
        record.body = JSON.parse(raw) as unknown;
      } catch (e) {
        return send([400, graphError('BadRequest', `Unable to read JSON request payload: ${String(e)}`)]);
      }
    }
    if (!url.pathname.startsWith('/v1.0/')) return send([400, graphError('BadRequest', 'Invalid version.')]);

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!bearer) return send([401, graphError('InvalidAuthenticationToken', 'Access token is empty.')]);
    const check = this.authority.verifyToken(bearer[1]!, { audience: GRAPH_AUDIENCE });
    if (!check.ok) return send([401, graphError('InvalidAuthenticationToken', `Access token validation failure: ${check.reason}.`)]);
    record.claims = check.claims;
    const refused = this.permissionRefusal(record);
    if (refused) return send(refused);

    const hang = this.hangs.findIndex((t) => (!t.method || t.method === record.method) && (!t.path || t.path.test(record.path)));
    if (hang >= 0) {
      // No answer: the request stays recorded with status 0, and the socket open.
      this.hangs.splice(hang, 1);
      return;
    }
    const throttle = this.throttles.findIndex((t) => (!t.method || t.method === record.method) && (!t.path || t.path.test(record.path)));
    if (throttle >= 0) {
      const t = this.throttles.splice(throttle, 1)[0]!;
      const headers: Record<string, string> = t.retryAfterSeconds === undefined ? {} : { 'retry-after': String(t.retryAfterSeconds) };
      const body =
        t.status === 429
          ? { error: { ...throttledTemplate.error, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': requestId } } }
          : graphError(t.status === 503 ? 'ServiceUnavailable' : 'GatewayTimeout', t.status === 503 ? 'Service Unavailable' : 'Gateway Timeout');
      if (t.processFirst) this.route(record);
      return send([t.status, body, headers]);
    }
    send(this.route(record));
  }

  /** 403 without a documented permission in the token's roles; 404 for a user the tenant does not have. */
  private permissionRefusal(r: GraphRequestRecord): Answer | undefined {
    const rule = GRAPH_PERMISSIONS.find((p) => p.method === r.method && p.path.test(r.path));
    if (!rule) return undefined;
    const roles = Array.isArray(r.claims?.roles) ? (r.claims.roles as unknown[]).map(String) : [];
    if (!rule.anyOf.some((p) => roles.includes(p)) && !(rule.rsc && this.hasRscGrant(r.path, rule.rsc))) {
      return rule.service === 'outlook'
        ? [403, graphError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.')]
        : [403, graphError('Forbidden', `Missing role permissions on the request. API requires one of '${rule.anyOf.join(', ')}'. Roles on the request '${roles.join(', ')}'.`)];
    }
    const user = /^\/users\/([^/]+)/.exec(r.path)?.[1];
    if (user !== undefined && !this.users.has(user.toLowerCase())) {
      return rule.service === 'outlook'
        ? [404, graphError('ErrorInvalidUser', `The requested user '${user}' is invalid.`)]
        : [404, graphError('NotFound', `User '${user}' was not found.`)];
    }
    return undefined;
  }

  /** The app installed, with `permission` among its manifest's RSC, in the chat of the path's online meeting. */
  private hasRscGrant(path: string, permission: string): boolean {
    const meetingId = /^\/users\/[^/]+\/onlineMeetings\/([^/]+)/.exec(path)?.[1];
    const threadId = meetingId === undefined ? undefined : (this.transcripts.get(meetingId)?.threadId ?? this.onlineMeetings.get(meetingId)?.threadId);
    if (threadId === undefined) return false;
    return [...(this.installedApps.get(threadId) ?? [])].some((appId) => this.catalog.get(appId)?.rsc.includes(permission));
  }

  private transcriptsOf(user: string, meetingId: string): TranscriptData | undefined {
    const data = this.transcripts.get(meetingId);
    return data && data.organizerUserId === user ? data : undefined;
  }

  private listTranscripts(user: string, meetingId: string): Answer {
    const data = this.transcriptsOf(user, meetingId);
    if (!data) return [404, graphError('NotFound', 'Meeting not found.')];
    const self = `${REAL_GRAPH_BASE}/users/${encodeURIComponent(user)}/onlineMeetings/${encodeURIComponent(meetingId)}/transcripts`;
    return [
      200,
      this.ownLinks({
        '@odata.context': `${REAL_GRAPH_BASE}/$metadata#users('${user}')/onlineMeetings('${meetingId}')/transcripts`,
        value: data.transcripts.map((t) => ({
          id: t.id,
          meetingId,
          callId: null,
          contentCorrelationId: crypto.createHash('sha256').update(t.id).digest('hex').slice(0, 36),
          transcriptContentUrl: `${self}/${encodeURIComponent(t.id)}/content`,
          createdDateTime: t.createdDateTime,
          endDateTime: t.endDateTime,
          meetingOrganizer: { application: null, device: null, user: { id: user, displayName: null, tenantId: null, userIdentityType: 'aadUser' } },
        })),
      }),
    ];
  }

  /**
   * The content: `$format` may only be text/vtt (the unattributed format is asked for with Accept); the
   * attributed format is refused while speaker attribution is off, and no format then gives the cues bare.
   */
  private transcriptContent(user: string, meetingId: string, transcriptId: string, r: GraphRequestRecord): Answer {
    const transcript = this.transcriptsOf(user, meetingId)?.transcripts.find((t) => t.id === transcriptId);
    if (!transcript) return [404, graphError('NotFound', 'Transcript not found.')];
    const format = r.query.get('$format');
    if (format !== null && format !== 'text/vtt') return [400, graphError('BadRequest', `Invalid format '${format}'. Supported: text/vtt.`)];
    const accept = String(r.headers.accept ?? '');
    const unattributedAsked = /application\/vnd\.microsoft\.graph\.transcript\+text/i.test(accept);
    const attributedAsked = format === 'text/vtt' || /text\/vtt/i.test(accept);
    const attribution = transcript.speakerAttribution ?? this.speakerAttribution;
    if (attributedAsked && !attribution) {
      const error = graphError('Forbidden', 'Speaker attribution is disabled for this tenant: request the transcript without a format.');
      (error.error as Json).innerError = { ...((error.error as Json).innerError as Json), code: 'SpeakerAttributionNotAllowed' };
      return [403, error];
    }
    if (unattributedAsked || !attribution) {
      const bare = transcript.vtt.replace(/<v(?:\.[^ \t>]+)*[ \t][^>]*>/g, '').replace(/<\/v>/g, '');
      return [200, new RawBody(bare, 'application/vnd.microsoft.graph.transcript+text')];
    }
    return [200, new RawBody(transcript.vtt, 'text/vtt')];
  }

  private route(r: GraphRequestRecord): Answer {
    const s = r.path.split('/').slice(1);
    const m = r.method;
    if (s[0] === 'users' && s.length >= 3) {
      const user = s[1]!;
      if (s[2] === 'events' && s.length === 3 && m === 'POST') return this.createEvent(user, r);
      if (s[2] === 'events' && s.length === 4 && (m === 'PATCH' || m === 'GET')) return this.eventById(user, s[3]!, r);
      if (s[2] === 'events' && s.length === 5 && s[4] === 'cancel' && m === 'POST') return this.cancelEvent(user, s[3]!, r);
      if (s[2] === 'sendMail' && s.length === 3 && m === 'POST') return this.sendMail(user, r);
      if (s[2] === 'onlineMeetings' && m === 'GET') {
        if (s.length === 3) return this.findMeetings(user, r);
        if (s.length === 4) return this.meetingById(user, s[3]!);
        if (s.length === 5 && s[4] === 'attendanceReports') return this.attendanceReports(user, s[3]!);
        if (s.length === 7 && s[4] === 'attendanceReports' && s[6] === 'attendanceRecords') return this.attendanceRecords(user, s[3]!, s[5]!, r);
        if (s.length === 5 && s[4] === 'transcripts') return this.listTranscripts(user, s[3]!);
        if (s.length === 7 && s[4] === 'transcripts' && s[6] === 'content') return this.transcriptContent(user, s[3]!, s[5]!, r);
      }
    }
    if (s[0] === 'chats' && s.length === 3 && s[2] === 'installedApps' && m === 'POST') return this.installApp(s[1]!, r);
    if (s[0] === 'appCatalogs' && s[1] === 'teamsApps' && s.length === 2 && m === 'GET') return this.catalogApps(r);
    return [400, graphError('BadRequest', `Resource not found for the segment '${s[s.length - 1] ?? ''}'. (The fake Graph has no ${m} ${r.path}.)`)];
  }

  private createEvent(user: string, r: GraphRequestRecord): Answer {
    const b = r.body;
    if (!isObject(b)) return [400, graphError('ErrorInvalidRequest', 'Your request can\'t be completed. The request body is empty.')];
    const tenantId = typeof r.claims?.tid === 'string' ? r.claims.tid : '';
    const unknown = Object.keys(b).find((k) => !EVENT_PROPERTIES.has(k));
    if (unknown) return unknownProperty(unknown, 'event');
    if (badBody(b.body)) return [400, graphError('ErrorInvalidRequest', "The event's body needs contentType text or html and content.")];
    const transactionId = typeof b.transactionId === 'string' ? b.transactionId : undefined;
    if (transactionId) {
      const earlier = [...this.events.values()].find((e) => e.organizerUserId === user && e.transactionId === transactionId);
      if (earlier) return [201, this.ownLinks(earlier.resource)];
    }
    for (const key of ['start', 'end'] as const) {
      const v = b[key];
      if (!isObject(v) || typeof v.dateTime !== 'string' || typeof v.timeZone !== 'string') {
        return [400, graphError('ErrorInvalidRequest', `Your request can't be completed. '${key}' needs dateTime and timeZone.`)];
      }
    }
    const attendees = Array.isArray(b.attendees) ? b.attendees : [];
    if (badRecipients(attendees) || !attendees.every((a: Json) => a.type === undefined || (typeof a.type === 'string' && ['required', 'optional', 'resource'].includes(a.type)))) {
      return [400, graphError('ErrorInvalidRequest', 'Every attendee needs emailAddress.address, and a type of required, optional or resource.')];
    }
    if (b.isOnlineMeeting !== undefined && typeof b.isOnlineMeeting !== 'boolean') return [400, graphError('RequestBodyRead', "Cannot convert the literal to 'Edm.Boolean' (isOnlineMeeting).")];
    if (b.onlineMeetingProvider !== undefined && !(typeof b.onlineMeetingProvider === 'string' && ['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer', 'unknown'].includes(b.onlineMeetingProvider))) {
      return [400, graphError('RequestBodyRead', `The value ${JSON.stringify(b.onlineMeetingProvider)} is not valid for onlineMeetingProvider.`)];
    }

    const id = `AAMkAG${crypto.randomBytes(32).toString('base64').replace(/\+/g, '_').replace(/\//g, '-')}`;
    const start = b.start as { dateTime: string; timeZone: string };
    const end = b.end as { dateTime: string; timeZone: string };
    const online = b.isOnlineMeeting === true && b.onlineMeetingProvider === 'teamsForBusiness';
    const meeting = online ? this.newOnlineMeeting(user, tenantId, typeof b.subject === 'string' ? b.subject : '', id) : undefined;
    const resource: Json = {
      ...createEventTemplate,
      '@odata.context': `${REAL_GRAPH_BASE}/$metadata#users('${user}')/events/$entity`,
      id,
      subject: b.subject ?? '',
      body: b.body ?? { contentType: 'text', content: '' },
      isOnlineMeeting: Boolean(meeting),
      onlineMeetingProvider: meeting ? 'teamsForBusiness' : 'unknown',
      allowNewTimeProposals: b.allowNewTimeProposals ?? true,
      transactionId: transactionId ?? null,
      start: { dateTime: graphDateTime(start.dateTime), timeZone: start.timeZone },
      end: { dateTime: graphDateTime(end.dateTime), timeZone: end.timeZone },
      attendees: attendees.map((a: Json) => ({
        type: a.type ?? 'required',
        status: { response: 'none', time: '0001-01-01T00:00:00Z' },
        emailAddress: a.emailAddress,
      })),
      organizer: { emailAddress: { name: user, address: user.includes('@') ? user : `${user}@fake.invalid` } },
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
      onlineMeeting: meeting ? { joinUrl: meeting.joinUrl } : null,
    };
    if (meeting) this.onlineMeetings.set(meeting.id, meeting);
    const event: FakeEvent = { id, organizerUserId: user, transactionId, resource, onlineMeeting: meeting };
    this.events.set(id, event);
    return [201, this.ownLinks(resource)];
  }

  private newOnlineMeeting(user: string, tenantId: string, subject: string, eventId: string): FakeOnlineMeeting {
    // Shaped like Teams' own: 19:meeting_<base64ish>@thread.v2, and a join URL that encodes it with lower-case escapes.
    const token = crypto.randomBytes(27).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 36);
    const threadId = `19:meeting_${token}@thread.v2`;
    // The meeting's chat now exists in Teams too.
    teamsRegistry.addConversation(threadId);
    const context = lowerPercent(encodeURIComponent(JSON.stringify({ Tid: tenantId, Oid: user })));
    return {
      id: Buffer.from(`1*${user}*0**${threadId}`).toString('base64'),
      organizerUserId: user,
      tenantId,
      threadId,
      joinUrl: `https://teams.microsoft.com/l/meetup-join/${lowerPercent(encodeURIComponent(threadId))}/0?context=${context}`,
      subject,
      eventId,
      createdAt: new Date().toISOString(),
    };
  }

  private eventById(user: string, id: string, r: GraphRequestRecord): Answer {
    const event = this.events.get(id);
    if (!event || event.organizerUserId !== user) return [404, graphError('ErrorItemNotFound', 'The specified object was not found in the store.')];
    if (r.method === 'PATCH') {
      if (!isObject(r.body)) return [400, graphError('ErrorInvalidRequest', 'Empty PATCH body.')];
      const unknown = Object.keys(r.body).find((k) => !EVENT_PROPERTIES.has(k) || k === 'transactionId');
      if (unknown) return unknownProperty(unknown, 'event');
      if (badBody(r.body.body)) return [400, graphError('ErrorInvalidRequest', "The event's body needs contentType text or html and content.")];
      const moved = this.movedTimes(event.resource, r.body);
      if (!Array.isArray(moved)) return moved.refusal;
      Object.assign(event.resource, r.body, ...moved);
    }
    return [200, this.ownLinks(event.resource)];
  }

  /**
   * A PATCH that moves an event, refused as Graph refuses it: `start` or `end` must be a dateTimeTimeZone
   * (a parsable `dateTime` and a `timeZone`, else 400 ErrorInvalidRequest), and the event may not end at or
   * before its start (400 ErrorCalendarEndDateIsEarlierThanStartDate). The times as Graph stores them.
   */
  private movedTimes(resource: Json, body: Json): Json[] | { refusal: Answer } {
    const times: Json[] = [];
    for (const key of ['start', 'end'] as const) {
      const v = body[key];
      if (v === undefined) continue;
      if (!isObject(v) || typeof v.dateTime !== 'string' || typeof v.timeZone !== 'string' || v.timeZone === '' || Number.isNaN(Date.parse(`${v.dateTime.slice(0, 19)}Z`))) {
        return { refusal: [400, graphError('ErrorInvalidRequest', `Your request can't be completed. '${key}' needs dateTime and timeZone.`)] };
      }
      times.push({ [key]: { dateTime: graphDateTime(v.dateTime), timeZone: v.timeZone } });
    }
    const after = Object.assign({}, resource, ...times) as { start?: { dateTime: string }; end?: { dateTime: string } };
    if (times.length > 0 && after.start && after.end && Date.parse(`${after.end.dateTime.slice(0, 19)}Z`) <= Date.parse(`${after.start.dateTime.slice(0, 19)}Z`)) {
      return { refusal: [400, graphError('ErrorCalendarEndDateIsEarlierThanStartDate', 'The end date you entered occurs before the start date.')] };
    }
    return times;
  }

  /**
   * `POST /users/{id}/events/{id}/cancel`: only the organizer's event (anyone else's copy has another id:
   * 404); the body may hold `comment` only; 202 without a body. The event leaves the calendar (a second
   * cancel is 404), kept in `cancelled` for the tests.
   */
  private cancelEvent(user: string, id: string, r: GraphRequestRecord): Answer {
    const event = this.events.get(id);
    if (!event || event.organizerUserId !== user) return [404, graphError('ErrorItemNotFound', 'The specified object was not found in the store.')];
    const body = r.body === undefined ? {} : r.body;
    if (!isObject(body)) return [400, graphError('ErrorInvalidRequest', 'The request body is not an object.')];
    const unknown = Object.keys(body).find((k) => k !== 'comment');
    if (unknown) return unknownProperty(unknown, 'microsoft.graph.cancel');
    if (body.comment !== undefined && typeof body.comment !== 'string') return [400, graphError('ErrorInvalidRequest', 'comment must be a string.')];
    this.events.delete(id);
    this.cancelled.set(id, { ...event, resource: { ...event.resource, isCancelled: true }, ...(typeof body.comment === 'string' ? { comment: body.comment } : {}) });
    return [202];
  }

  private meetingResource(meeting: FakeOnlineMeeting): Json {
    return {
      id: meeting.id,
      creationDateTime: meeting.createdAt,
      joinUrl: meeting.joinUrl,
      joinWebUrl: meeting.joinUrl,
      subject: meeting.subject,
      isBroadcast: false,
      autoAdmittedUsers: 'everyoneInCompany',
      allowedPresenters: 'everyone',
      chatInfo: { threadId: meeting.threadId, messageId: '0', replyChainMessageId: null },
      participants: {
        organizer: { upn: null, role: 'presenter', identity: { user: { id: meeting.organizerUserId, displayName: null, tenantId: meeting.tenantId, identityProvider: 'AAD' } } },
        attendees: [],
      },
      externalId: null,
      videoTeleconferenceId: null,
    };
  }

  private findMeetings(user: string, r: GraphRequestRecord): Answer {
    const filter = r.query.get('$filter');
    if (filter === null) return [400, graphError('BadRequest', 'This API requires a $filter on JoinWebUrl or joinMeetingIdSettings/joinMeetingId.')];
    const match = /^\s*joinWebUrl\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
    if (!match) return [400, graphError('BadRequest', `The query specified in the URI is not valid: ${filter}`)];
    const joinUrl = match[1]!.replace(/''/g, "'");
    const meetings = [...this.onlineMeetings.values()].filter((x) => x.joinUrl === joinUrl);
    // Graph serves the lookup to the organizer only: anyone else, even an attendee, gets 403.
    if (meetings.length > 0 && !meetings.some((x) => x.organizerUserId === user)) {
      return [403, graphError('Forbidden', 'Organizer ID in request url does not match the meeting organizer.')];
    }
    return [200, { '@odata.context': `${this.baseUrl}/$metadata#users('${user}')/onlineMeetings`, value: meetings.map((x) => this.meetingResource(x)) }];
  }

  private meetingById(user: string, id: string): Answer {
    const meeting = this.onlineMeetings.get(id);
    if (!meeting || meeting.organizerUserId !== user) return [404, graphError('NotFound', 'Meeting not found.')];
    return [200, { '@odata.context': `${this.baseUrl}/$metadata#users('${user}')/onlineMeetings/$entity`, ...this.meetingResource(meeting) }];
  }

  private attendanceOf(user: string, meetingId: string): AttendanceData | undefined {
    const data = this.attendance.get(meetingId);
    return data && data.organizerUserId === user ? data : undefined;
  }

  private attendanceReports(user: string, meetingId: string): Answer {
    const data = this.attendanceOf(user, meetingId);
    if (!data) return [404, graphError('NotFound', 'Meeting not found.')];
    return [200, this.ownLinks({ '@odata.context': `${REAL_GRAPH_BASE}/$metadata#users('${user}')/onlineMeetings('${meetingId}')/attendanceReports`, value: data.reports })];
  }

  private attendanceRecords(user: string, meetingId: string, reportId: string, r: GraphRequestRecord): Answer {
    const records = this.attendanceOf(user, meetingId)?.records.get(reportId);
    if (!records) return [404, graphError('NotFound', 'Attendance report not found.')];
    const skiptoken = r.query.get('$skiptoken');
    const offset = skiptoken ? Number(/^offset:(\d+)$/.exec(Buffer.from(skiptoken, 'base64url').toString('utf8'))?.[1] ?? NaN) : 0;
    if (!Number.isInteger(offset)) return [400, graphError('BadRequest', 'Invalid $skiptoken.')];
    const end = offset + this.attendancePageSize;
    const self = `${REAL_GRAPH_BASE}/users/${encodeURIComponent(user)}/onlineMeetings/${encodeURIComponent(meetingId)}/attendanceReports/${encodeURIComponent(reportId)}/attendanceRecords`;
    const page: Json = {
      '@odata.context': `${REAL_GRAPH_BASE}/$metadata#users('${user}')/onlineMeetings('${meetingId}')/attendanceReports('${reportId}')/attendanceRecords`,
      ...(end < records.length ? { '@odata.nextLink': `${self}?$skiptoken=${Buffer.from(`offset:${end}`).toString('base64url')}` } : {}),
      value: records.slice(offset, end),
    };
    return [200, this.ownLinks(page)];
  }

  private installApp(chatId: string, r: GraphRequestRecord): Answer {
    const unknown = isObject(r.body) ? Object.keys(r.body).find((k) => k !== 'teamsApp@odata.bind' && k !== 'consentedPermissionSet') : undefined;
    if (unknown) return unknownProperty(unknown, 'teamsAppInstallation');
    const bind = isObject(r.body) ? r.body['teamsApp@odata.bind'] : undefined;
    const appMatch = typeof bind === 'string' ? /^(https:\/\/[^/]+\/v1\.0)\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind) : null;
    if (!appMatch || (appMatch[1] !== this.baseUrl && appMatch[1] !== REAL_GRAPH_BASE)) {
      return [400, graphError('BadRequest', `teamsApp@odata.bind must be ${REAL_GRAPH_BASE}/appCatalogs/teamsApps/{id}, got ${JSON.stringify(bind)}`)];
    }
    const appId = decodeURIComponent(appMatch[2]!);
    const app = this.catalog.get(appId);
    if (!app && this.installOverride === undefined) return [404, graphError('NotFound', `The teamsApp with id '${appId}' was not found in the app catalog.`)];
    if (app && app.rsc.length > 0 && this.installOverride === undefined) {
      const roles = Array.isArray(r.claims?.roles) ? (r.claims.roles as unknown[]).map(String) : [];
      if (!roles.some((p) => /^TeamsAppInstallation\.ReadWriteAndConsent(Self)?ForChat\.All$/.test(p))) {
        return [403, graphError('Forbidden', 'The app requires resource-specific consent: installing it needs TeamsAppInstallation.ReadWriteAndConsentSelfForChat.All or TeamsAppInstallation.ReadWriteAndConsentForChat.All.')];
      }
      const set = isObject(r.body) ? r.body.consentedPermissionSet : undefined;
      const named = isObject(set) && Array.isArray(set.resourceSpecificPermissions) ? set.resourceSpecificPermissions.map((p: unknown) => (isObject(p) ? String(p.permissionValue) : '')) : [];
      if ([...named].sort().join() !== [...app.rsc].sort().join()) {
        return [403, graphError('Forbidden', `The consentedPermissionSet must name the app's resource-specific permissions: ${app.rsc.join(', ')}.`)];
      }
    }
    const installed = this.installedApps.get(chatId) ?? new Set<string>();
    const isKnownChat = this.chats.has(chatId) || [...this.onlineMeetings.values()].some((x) => x.threadId === chatId);
    const status = this.installOverride ?? (!isKnownChat ? 404 : installed.has(appId) ? 409 : 201);
    switch (status) {
      case 201:
        installed.add(appId);
        this.installedApps.set(chatId, installed);
        return [201];
      case 409:
        return [409, graphError('Conflict', 'The app is already installed in this chat.')];
      case 403:
        return [403, graphError('Forbidden', 'Installation of this app in the chat is blocked by the organization\'s app permission policy.')];
      case 404:
        return [404, graphError('NotFound', `Chat ${chatId} was not found.`)];
    }
  }

  private catalogApps(r: GraphRequestRecord): Answer {
    const filter = r.query.get('$filter') ?? '';
    const match = /^\s*externalId\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
    if (filter && !match) return [400, graphError('BadRequest', `The query specified in the URI is not valid: ${filter}`)];
    const apps = [...this.catalog].filter(([, a]) => !match || a.externalId === match[1]!.replace(/''/g, "'"));
    return [200, { '@odata.context': `${this.baseUrl}/$metadata#appCatalogs/teamsApps`, value: apps.map(([id, a]) => ({ id, externalId: a.externalId, displayName: 'Rådslag', distributionMethod: 'organization' })) }];
  }

  private sendMail(user: string, r: GraphRequestRecord): Answer {
    const b = r.body;
    const message = isObject(b) ? b.message : undefined;
    if (isObject(b)) {
      const unknown = Object.keys(b).find((k) => k !== 'message' && k !== 'saveToSentItems');
      if (unknown) return unknownProperty(unknown, 'sendMail');
      if (b.saveToSentItems !== undefined && typeof b.saveToSentItems !== 'boolean') return [400, graphError('RequestBodyRead', "Cannot convert the literal to 'Edm.Boolean' (saveToSentItems).")];
    }
    if (!isObject(message)) return [400, graphError('ErrorInvalidRequest', 'The message is missing.')];
    const unknown = Object.keys(message).find((k) => !MESSAGE_PROPERTIES.has(k));
    if (unknown) return unknownProperty(unknown, 'message');
    if (!Array.isArray(message.toRecipients) || message.toRecipients.length === 0 || badRecipients(message.toRecipients)) {
      return [400, graphError('ErrorInvalidRecipients', 'At least one recipient is not valid., Recipient is missing.')];
    }
    if (badBody(message.body)) return [400, graphError('ErrorInvalidRequest', "The message's body needs contentType text or html and content.")];
    this.sentMail.push({ from: user, message, saveToSentItems: isObject(b) ? b.saveToSentItems : undefined });
    return [202];
  }
}
