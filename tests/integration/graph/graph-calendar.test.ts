/**
 * The production Graph calendar (real MSAL, real Graph client) against the HTTPS fakes of Entra ID and
 * Graph. The calendar runs in a child process started with NODE_EXTRA_CA_CERTS (see
 * tests/fakes/calendar-in-child.ts); the fakes run here, so the tests read what went over the wire.
 */
import https from 'node:https';
import type { MeetingCalendar, NewOnlineMeetingEvent } from '../../../src/app/ports';
import type { GraphConfig } from '../../../src/config';
import { startCalendarChild, type CalendarChild } from '../../fakes/calendar-in-child';
import { FakeEntraAuthority } from '../../fakes/entra-authority';
import { FakeGraph } from '../../fakes/graph-server';
import { createTestTls, type TestTls } from '../../fakes/test-tls';
import { freePort } from '../../helpers/spawned-app';
import { manifestRsc } from '../../helpers/graph-harness';

const TENANT = '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00';
const CLIENT_ID = '5e0c2a71-2d4b-4f7e-9b1a-3c8d6e2f4a10';
const CLIENT_SECRET = 'fake~secret.value_for-tests';
const SARA = '1d7a4b2c-3e5f-4a6b-9c8d-0e1f2a3b4c33';
const TEAMS_APP_ID = '6f3d6a53-6b0e-4a43-9c0f-2a9a1c1e7a01';
const CATALOG_ID = 'c8a7b6d5-1111-4000-8000-0000000ca7a1';

let tls: TestTls;
let authority: FakeEntraAuthority;
let graph: FakeGraph;
let child: CalendarChild;
let config: GraphConfig;
let calendar: MeetingCalendar;
let transactions = 0;

function aMeetingEvent(overrides: Partial<NewOnlineMeetingEvent> = {}): NewOnlineMeetingEvent {
  return {
    organizerUserId: SARA,
    subject: 'E-rådsmöte',
    start: '2027-02-11T09:00:00',
    end: '2027-02-11T12:00:00',
    timeZone: 'W. Europe Standard Time',
    attendees: [
      { name: 'Håkan Sundberg', address: 'hakan.sundberg@munkedal.se' },
      { name: 'Johan Högne', address: 'johan.hogne@centigo.se' },
    ],
    bodyHtml: '<p>Dagordning: <a href="https://radslag.example/m/1">Rådslag</a></p>',
    transactionId: `radslag-test-${++transactions}-${Date.now()}`,
    ...overrides,
  };
}

beforeAll(async () => {
  tls = await createTestTls();
  authority = new FakeEntraAuthority(tls).addClient({
    tenantId: TENANT,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    roles: ['Calendars.ReadWrite', 'OnlineMeetings.Read.All', 'TeamsAppInstallation.ReadWriteAndConsentSelfForChat.All', 'AppCatalog.Read.All', 'Mail.Send'],
  });
  const authorityHost = await authority.start();
  graph = new FakeGraph(tls, authority);
  // Published to the organisation's catalog under an id of its own, asking for the manifest's RSC.
  graph.catalog.set(CATALOG_ID, { externalId: TEAMS_APP_ID, rsc: manifestRsc() });
  const baseUrl = await graph.start();
  config = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tenantId: TENANT, authorityHost, baseUrl };
  child = await startCalendarChild({ caFile: tls.caFile });
  calendar = await child.createCalendar(config);
});

afterAll(async () => {
  await child?.stop();
  await graph?.stop();
  await authority?.stop();
  tls?.remove();
});

describe('createOnlineMeetingEvent', () => {
  it('POSTs a Teams meeting event with a bearer token from the authority and returns its ids and join URL', async () => {
    const input = aMeetingEvent();
    const created = await calendar.createOnlineMeetingEvent(input);

    const [post, ...others] = graph.requestsTo('POST', /^\/users\/[^/]+\/events$/).filter((r) => (r.body as { transactionId?: string }).transactionId === input.transactionId);
    expect(others).toHaveLength(0);
    expect(post!.path).toBe(`/users/${SARA}/events`);
    expect(post!.body).toEqual({
      subject: 'E-rådsmöte',
      body: { contentType: 'HTML', content: input.bodyHtml },
      start: { dateTime: '2027-02-11T09:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2027-02-11T12:00:00', timeZone: 'W. Europe Standard Time' },
      attendees: [
        { type: 'required', emailAddress: { name: 'Håkan Sundberg', address: 'hakan.sundberg@munkedal.se' } },
        { type: 'required', emailAddress: { name: 'Johan Högne', address: 'johan.hogne@centigo.se' } },
      ],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      allowNewTimeProposals: false,
      transactionId: input.transactionId,
    });
    expect(post!.headers['content-type']).toMatch(/^application\/json/);

    // The token came from the fake authority's client-credentials endpoint, for Graph's .default scope.
    const bearer = /^Bearer (.+)$/.exec(post!.headers.authorization ?? '')?.[1];
    expect(authority.issuedTokens).toContain(bearer);
    expect(post!.claims).toMatchObject({ aud: 'https://graph.microsoft.com', tid: TENANT, appid: CLIENT_ID });
    const tokenRequest = authority.tokenRequests()[0]!;
    expect(tokenRequest.path).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(tokenRequest.form).toMatchObject({ grant_type: 'client_credentials', client_id: CLIENT_ID, scope: 'https://graph.microsoft.com/.default' });

    const stored = graph.events.get(created.eventId)!;
    expect(created).toEqual({
      eventId: stored.id,
      joinUrl: stored.onlineMeeting!.joinUrl,
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(stored.id)}&exvsurl=1&path=/calendar/item`,
    });
    expect(created.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_[A-Za-z0-9]+%40thread\.v2\/0\?context=/);
  });

  it('gets one event when a POST is retried with the same transactionId', async () => {
    // Graph did the work but the gateway timed out (504): the client retries the same POST.
    graph.throttleNext(1, { status: 504, retryAfterSeconds: 0, method: 'POST', path: /\/events$/, processFirst: true });
    const input = aMeetingEvent();
    const created = await calendar.createOnlineMeetingEvent(input);

    const posts = graph.requestsTo('POST', /\/events$/).filter((r) => (r.body as { transactionId?: string }).transactionId === input.transactionId);
    expect(posts.map((r) => r.status)).toEqual([504, 201]);
    const events = [...graph.events.values()].filter((e) => e.transactionId === input.transactionId);
    expect(events.map((e) => e.id)).toEqual([created.eventId]);

    // A second call with the same transactionId (e.g. after a restart) also returns the first event.
    const again = await calendar.createOnlineMeetingEvent(input);
    expect(again.eventId).toBe(created.eventId);
    expect([...graph.events.values()].filter((e) => e.transactionId === input.transactionId)).toHaveLength(1);
  });

  it('waits for Retry-After on 429 and then succeeds', async () => {
    graph.throttleNext(1, { status: 429, retryAfterSeconds: 1, method: 'POST', path: /\/events$/ });
    const input = aMeetingEvent();
    const started = Date.now();
    const created = await calendar.createOnlineMeetingEvent(input);
    const elapsed = Date.now() - started;

    const posts = graph.requestsTo('POST', /\/events$/).filter((r) => (r.body as { transactionId?: string }).transactionId === input.transactionId);
    expect(posts.map((r) => r.status)).toEqual([429, 201]);
    expect(posts[1]!.headers['retry-attempt']).toBe('1');
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(graph.events.has(created.eventId)).toBe(true);
  });

  it('gives up after a few retries with a typed error carrying Graph’s code and request-id', async () => {
    graph.throttleNext(4, { status: 503, retryAfterSeconds: 0, method: 'POST', path: /\/events$/ });
    const input = aMeetingEvent();
    await expect(calendar.createOnlineMeetingEvent(input)).rejects.toMatchObject({
      name: 'GraphRequestError',
      status: 503,
      code: 'ServiceUnavailable',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const posts = graph.requestsTo('POST', /\/events$/).filter((r) => (r.body as { transactionId?: string }).transactionId === input.transactionId);
    expect(posts).toHaveLength(4); // the first try and three retries
  });
});

describe('updateEventBody', () => {
  it('PATCHes the body of the event, its id encoded in the path', async () => {
    const created = await calendar.createOnlineMeetingEvent(aMeetingEvent());
    await calendar.updateEventBody(SARA, created.eventId, '<p>Ny dagordning</p>');

    const patch = graph.requestsTo('PATCH', /\/events\//).at(-1)!;
    expect(patch.path).toBe(`/users/${SARA}/events/${created.eventId}`);
    expect(patch.rawPath).toBe(`/users/${SARA}/events/${encodeURIComponent(created.eventId)}`);
    expect(patch.body).toEqual({ body: { contentType: 'HTML', content: '<p>Ny dagordning</p>' } });
    expect(graph.events.get(created.eventId)!.resource.body).toEqual({ contentType: 'HTML', content: '<p>Ny dagordning</p>' });
  });

  it('throws GraphRequestError for an event Graph does not have', async () => {
    const error = await calendar.updateEventBody(SARA, 'AAMkAGnot-there=', '<p>x</p>').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GraphRequestError', status: 404, code: 'ErrorItemNotFound', graphMessage: 'The specified object was not found in the store.' });
    const answered = graph.requestsTo('PATCH', /AAMkAGnot-there=$/).at(-1)!;
    expect(error).toMatchObject({ requestId: expect.any(String) });
    expect(answered.status).toBe(404);
  });
});

describe('cancelEvent', () => {
  it('POSTs the cancellation with its comment (202, no body); the event leaves the calendar', async () => {
    const created = await calendar.createOnlineMeetingEvent(aMeetingEvent());
    await calendar.cancelEvent(SARA, created.eventId, 'Mötet är inställt.');

    const post = graph.requestsTo('POST', /\/cancel$/).at(-1)!;
    expect(post.path).toBe(`/users/${SARA}/events/${created.eventId}/cancel`);
    expect(post.body).toEqual({ comment: 'Mötet är inställt.' });
    expect(post.status).toBe(202);
    expect(graph.events.has(created.eventId)).toBe(false);
    expect(graph.cancelled.get(created.eventId)).toMatchObject({ comment: 'Mötet är inställt.', resource: expect.objectContaining({ isCancelled: true }) });
  });

  it('is refused (404) for an event that is not the organizer’s, or is cancelled already', async () => {
    const created = await calendar.createOnlineMeetingEvent(aMeetingEvent());
    const other = await calendar.cancelEvent('0c9e2d44-5a61-4f2b-8d3e-7b1a9c0e5f22', created.eventId, 'x').catch((e: unknown) => e);
    expect(other).toMatchObject({ name: 'GraphRequestError', status: 404 });
    await calendar.cancelEvent(SARA, created.eventId, 'x');
    const again = await calendar.cancelEvent(SARA, created.eventId, 'x').catch((e: unknown) => e);
    expect(again).toMatchObject({ name: 'GraphRequestError', status: 404, code: 'ErrorItemNotFound' });
  });
});

describe('moveEvent', () => {
  it('PATCHes start and end by the organizer (200): the event moves, its times as Graph keeps them', async () => {
    const created = await calendar.createOnlineMeetingEvent(aMeetingEvent());
    await calendar.moveEvent(SARA, created.eventId, { start: '2027-02-18T12:00:00', end: '2027-02-18T14:00:00', timeZone: 'UTC' });
    const patch = graph.requestsTo('PATCH', /\/events\/[^/]+$/).at(-1)!;
    expect(patch.path).toBe(`/users/${SARA}/events/${created.eventId}`);
    expect(patch.body).toEqual({ start: { dateTime: '2027-02-18T12:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-02-18T14:00:00', timeZone: 'UTC' } });
    expect(patch.status).toBe(200);
    expect(graph.events.get(created.eventId)!.resource).toMatchObject({ start: { dateTime: '2027-02-18T12:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2027-02-18T14:00:00.0000000', timeZone: 'UTC' } });
  });

  it('is refused as Graph refuses it: an end before the start (400), a time without its zone (400), another organizer’s or a cancelled event (404)', async () => {
    const created = await calendar.createOnlineMeetingEvent(aMeetingEvent());
    const backwards = await calendar.moveEvent(SARA, created.eventId, { start: '2027-02-18T14:00:00', end: '2027-02-18T12:00:00', timeZone: 'UTC' }).catch((e: unknown) => e);
    expect(backwards).toMatchObject({ name: 'GraphRequestError', status: 400, code: 'ErrorCalendarEndDateIsEarlierThanStartDate' });
    const noZone = await calendar.moveEvent(SARA, created.eventId, { start: '2027-02-18T12:00:00', end: '2027-02-18T14:00:00', timeZone: '' }).catch((e: unknown) => e);
    expect(noZone).toMatchObject({ name: 'GraphRequestError', status: 400, code: 'ErrorInvalidRequest' });
    // Nothing moved.
    expect(graph.events.get(created.eventId)!.resource).toMatchObject({ start: { dateTime: '2027-02-11T09:00:00.0000000' } });
    const other = await calendar.moveEvent('0c9e2d44-5a61-4f2b-8d3e-7b1a9c0e5f22', created.eventId, { start: '2027-02-18T12:00:00', end: '2027-02-18T14:00:00', timeZone: 'UTC' }).catch((e: unknown) => e);
    expect(other).toMatchObject({ name: 'GraphRequestError', status: 404 });
    await calendar.cancelEvent(SARA, created.eventId, 'x');
    const cancelled = await calendar.moveEvent(SARA, created.eventId, { start: '2027-02-18T12:00:00', end: '2027-02-18T14:00:00', timeZone: 'UTC' }).catch((e: unknown) => e);
    expect(cancelled).toMatchObject({ name: 'GraphRequestError', status: 404, code: 'ErrorItemNotFound' });
  });
});

describe('findOnlineMeetingByJoinUrl', () => {
  it('finds the meeting of a created event and returns its chat thread id', async () => {
    const created = await calendar.createOnlineMeetingEvent(aMeetingEvent());
    const found = await calendar.findOnlineMeetingByJoinUrl(SARA, created.joinUrl!);

    const meeting = graph.events.get(created.eventId)!.onlineMeeting!;
    expect(found).toEqual({ id: meeting.id, chatThreadId: meeting.threadId, joinUrl: created.joinUrl });
    expect(found!.chatThreadId).toMatch(/^19:meeting_[A-Za-z0-9]+@thread\.v2$/);
    const lookup = graph.requestsTo('GET', /\/onlineMeetings$/).at(-1)!;
    expect(lookup.path).toBe(`/users/${SARA}/onlineMeetings`);
    expect(lookup.query.get('$filter')).toBe(`JoinWebUrl eq '${created.joinUrl}'`);
  });

  it('returns undefined when no meeting has that join URL, quotes in the URL doubled', async () => {
    const joinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_it's-not-there%40thread.v2/0";
    await expect(calendar.findOnlineMeetingByJoinUrl(SARA, joinUrl)).resolves.toBeUndefined();
    const lookup = graph.requestsTo('GET', /\/onlineMeetings$/).at(-1)!;
    expect(lookup.query.get('$filter')).toBe(`JoinWebUrl eq '${joinUrl.replace("'", "''")}'`);
  });

  it('retries a throttled lookup after Retry-After', async () => {
    const created = await calendar.createOnlineMeetingEvent(aMeetingEvent());
    graph.throttleNext(1, { status: 429, retryAfterSeconds: 0, method: 'GET', path: /\/onlineMeetings$/ });
    await expect(calendar.findOnlineMeetingByJoinUrl(SARA, created.joinUrl!)).resolves.toMatchObject({ chatThreadId: expect.stringMatching(/^19:meeting_/) });
    expect(graph.requestsTo('GET', /\/onlineMeetings$/).slice(-2).map((r) => r.status)).toEqual([429, 200]);
  });
});

describe('installAppInChat', () => {
  let chatThreadId: string;

  beforeAll(async () => {
    const created = await calendar.createOnlineMeetingEvent(aMeetingEvent());
    chatThreadId = (await calendar.findOnlineMeetingByJoinUrl(SARA, created.joinUrl!))!.chatThreadId!;
  });

  afterEach(() => {
    graph.installOverride = undefined;
  });

  it('looks up the catalog id by the manifest id, installs (201) with the manifest’s RSC consented, then reports it already installed (409)', async () => {
    await expect(calendar.installAppInChat(chatThreadId, TEAMS_APP_ID)).resolves.toEqual({ kind: 'installed' });
    const lookup = graph.requestsTo('GET', /^\/appCatalogs\/teamsApps$/);
    expect(lookup.map((r) => r.query.get('$filter'))).toEqual([`externalId eq '${TEAMS_APP_ID}'`]);
    const install = graph.requestsTo('POST', /\/installedApps$/).at(-1)!;
    expect(install.path).toBe(`/chats/${chatThreadId}/installedApps`);
    expect(install.body).toEqual({
      'teamsApp@odata.bind': `${graph.baseUrl}/appCatalogs/teamsApps/${CATALOG_ID}`,
      consentedPermissionSet: { resourceSpecificPermissions: manifestRsc().map((name) => ({ permissionValue: name, permissionType: 'Application' })) },
    });
    expect(graph.installedApps.get(chatThreadId)).toEqual(new Set([CATALOG_ID]));

    await expect(calendar.installAppInChat(chatThreadId, TEAMS_APP_ID)).resolves.toEqual({ kind: 'alreadyInstalled' });
    expect(graph.requestsTo('POST', /\/installedApps$/).at(-1)!.status).toBe(409);
  });

  it('reports a refusal (403) with Graph’s message', async () => {
    graph.installOverride = 403;
    await expect(calendar.installAppInChat(chatThreadId, TEAMS_APP_ID)).resolves.toEqual({
      kind: 'refused',
      status: 403,
      message: "Installation of this app in the chat is blocked by the organization's app permission policy.",
    });
  });

  it('looks the catalog id up once, and reports an app not published to the catalog as refused without trying to install it', async () => {
    await calendar.installAppInChat(chatThreadId, TEAMS_APP_ID);
    expect(graph.requestsTo('GET', /^\/appCatalogs\/teamsApps$/)).toHaveLength(1);
    const installs = graph.requestsTo('POST', /\/installedApps$/).length;
    const unpublished = '11111111-2222-4333-8444-555555555555';
    await expect(calendar.installAppInChat(chatThreadId, unpublished)).resolves.toEqual({ kind: 'refused', status: 404, message: expect.stringContaining('not published') });
    expect(graph.requestsTo('POST', /\/installedApps$/)).toHaveLength(installs);
  });

  it('reports an unknown chat (404) as a refusal', async () => {
    await expect(calendar.installAppInChat('19:meeting_unknown@thread.v2', TEAMS_APP_ID)).resolves.toEqual({
      kind: 'refused',
      status: 404,
      message: 'Chat 19:meeting_unknown@thread.v2 was not found.',
    });
  });
});

describe('sendMail', () => {
  it('POSTs the message to /users/{from}/sendMail (202)', async () => {
    await expect(
      calendar.sendMail(SARA, { name: 'Håkan Sundberg', address: 'hakan.sundberg@munkedal.se' }, 'Kallelse: E-rådsmöte', '<p>Välkommen</p>'),
    ).resolves.toBeUndefined();

    const post = graph.requestsTo('POST', /\/sendMail$/).at(-1)!;
    expect(post.path).toBe(`/users/${SARA}/sendMail`);
    expect(post.status).toBe(202);
    expect(post.body).toEqual({
      message: {
        subject: 'Kallelse: E-rådsmöte',
        body: { contentType: 'HTML', content: '<p>Välkommen</p>' },
        toRecipients: [{ emailAddress: { name: 'Håkan Sundberg', address: 'hakan.sundberg@munkedal.se' } }],
      },
      saveToSentItems: false,
    });
    expect(graph.sentMail.at(-1)!.from).toBe(SARA);
  });

  it('retries a 429 but not a 503, which may have sent the mail already', async () => {
    const before = graph.requestsTo('POST', /\/sendMail$/).length;
    graph.throttleNext(1, { status: 429, retryAfterSeconds: 0, path: /\/sendMail$/ });
    await calendar.sendMail(SARA, { name: 'Sara', address: 'sara.herrman@fyrbodal.se' }, 'Påminnelse', '<p>x</p>');
    expect(graph.requestsTo('POST', /\/sendMail$/).slice(before).map((r) => r.status)).toEqual([429, 202]);

    graph.throttleNext(1, { status: 503, retryAfterSeconds: 0, path: /\/sendMail$/ });
    await expect(calendar.sendMail(SARA, { name: 'Sara', address: 'sara.herrman@fyrbodal.se' }, 'Påminnelse', '<p>x</p>')).rejects.toMatchObject({
      name: 'GraphRequestError',
      status: 503,
    });
    expect(graph.requestsTo('POST', /\/sendMail$/).slice(before).map((r) => r.status)).toEqual([429, 202, 503]);
  });
});

describe('authentication', () => {
  it('asks the authority once and reuses the cached token', () => {
    expect(authority.tokenRequests().filter((r) => r.form?.client_id === CLIENT_ID && r.status === 200)).toHaveLength(1);
  });

  it('fails fast with GraphAuthenticationError (invalid_client) for a wrong client secret, sending nothing to Graph', async () => {
    const wrong = await child.createCalendar({ ...config, clientSecret: 'not-the-secret' });
    const graphRequests = graph.requests.length;
    const started = Date.now();

    const error = await wrong.createOnlineMeetingEvent(aMeetingEvent()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GraphAuthenticationError', code: 'invalid_client', authority: `${config.authorityHost}/${TENANT}` });
    expect((error as Error).message).toContain('AADSTS7000215: Invalid client secret provided');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(graph.requests).toHaveLength(graphRequests);
    expect(authority.tokenRequests().at(-1)!.status).toBe(401);
  });

  it('is refused by Graph (401) without a token from the authority', async () => {
    // Straight at the fake over node:https with the test CA: what any caller without a token gets.
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request(`${graph.baseUrl}/users/${SARA}/events`, { method: 'POST', ca: tls.certPem }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(401);
    expect(graph.requests.at(-1)!.status).toBe(401);
  });
});

describe('no answer', () => {
  it('throws GraphTransportError with the socket error when Graph cannot be reached', async () => {
    const closedPort = await freePort();
    const unreachable = await child.createCalendar({ ...config, baseUrl: `https://127.0.0.1:${closedPort}/v1.0` });
    await expect(unreachable.sendMail(SARA, { name: 'Sara', address: 'sara.herrman@fyrbodal.se' }, 's', '<p>x</p>')).rejects.toMatchObject({
      name: 'GraphTransportError',
      code: 'ECONNREFUSED',
      url: `https://127.0.0.1:${closedPort}/v1.0/users/${SARA}/sendMail`,
    });
  });

  it('says where to look when the authority’s certificate is not trusted (no NODE_EXTRA_CA_CERTS)', async () => {
    const untrusting = await startCalendarChild({ caFile: null });
    try {
      const untrusted = await untrusting.createCalendar(config);
      const error = await untrusted.sendMail(SARA, { name: 'Sara', address: 'sara.herrman@fyrbodal.se' }, 's', '<p>x</p>').catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'GraphAuthenticationError', code: 'network_error' });
      expect((error as Error).message).toContain('TLS certificate is not trusted');
    } finally {
      await untrusting.stop();
    }
  });
});
