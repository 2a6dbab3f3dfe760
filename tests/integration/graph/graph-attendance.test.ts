/**
 * The production attendance source (real MSAL, real Graph client) against the HTTPS fakes of Entra ID and
 * Graph: attendance reports and their records, paged with @odata.nextLink, throttled, not there yet, and
 * refused for want of a Teams application access policy. It runs in a child process started with
 * NODE_EXTRA_CA_CERTS (tests/fakes/calendar-in-child.ts); the fakes run here, so the tests read what went
 * over the wire.
 */
import crypto from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { AttendanceAccessDenied, type AttendanceSource, type FetchedAttendanceRecord, type MeetingCalendar } from '../../../src/app/ports';
import type { GraphConfig } from '../../../src/config';
import { isAccessPolicyDenied } from '../../../src/graph/graph-attendance';
import { GraphRequestError } from '../../../src/graph/graph-errors';
import { startCalendarChild, type CalendarChild } from '../../fakes/calendar-in-child';
import { FakeEntraAuthority } from '../../fakes/entra-authority';
import attendanceRecordsPage from '../../fakes/graph-fixtures/attendance-records-page.json';
import attendanceReportsFixture from '../../fakes/graph-fixtures/attendance-reports.json';
import { FakeGraph, GRAPH_AUDIENCE, type GraphRequestRecord, type ThrottleOptions } from '../../fakes/graph-server';
import { createTestTls, type TestTls } from '../../fakes/test-tls';

type Json = Record<string, unknown>;

const TENANT = '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00';
const GUEST_TENANT = '77aa88bb-3333-4c4d-9e5f-6a7b8c9d0e11';
const CLIENT_ID = '5e0c2a71-2d4b-4f7e-9b1a-3c8d6e2f4a10';
const CLIENT_SECRET = 'fake~secret.value_for-tests';
const SARA = '1d7a4b2c-3e5f-4a6b-9c8d-0e1f2a3b4c33';
const HAKAN = '0c9e2d44-5a61-4f2b-8d3e-7b1a9c0e5f22';
const JOHAN = '8f2e1d0c-aaaa-4bbb-8ccc-9ddd0eee1fff';
/** The fixtures' two reports: the meeting as first held, and after it was restarted. */
const [FIRST_REPORT, SECOND_REPORT] = attendanceReportsFixture.value as unknown as [Json & { id: string }, Json & { id: string }];
const [SARA_RECORD, HAKAN_RECORD, JOHAN_RECORD] = attendanceRecordsPage.value as unknown as [Json, Json, Json];

let tls: TestTls;
let authority: FakeEntraAuthority;
let graph: FakeGraph;
let child: CalendarChild;
let config: GraphConfig;
let attendance: AttendanceSource;
let calendar: MeetingCalendar;
let meetings = 0;

/** A fresh Graph online-meeting id of Sara's, shaped like Teams' own (base64, may hold + / =). */
function aMeetingId(): string {
  return Buffer.from(`1*${SARA}*0**19:meeting_attendance${++meetings}${crypto.randomBytes(6).toString('hex')}@thread.v2`).toString('base64');
}

function report(id: string, participants: number): Json {
  return { ...FIRST_REPORT, id, totalParticipantCount: participants };
}

/** Council member number `i` (a host-tenant user), in the fixture record's shape. */
function member(i: number): Json {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    id,
    emailAddress: `ledamot${i}@munkedal.se`,
    totalAttendanceInSeconds: 60 + i,
    role: 'Attendee',
    identity: { id, displayName: `Ledamot ${i}`, tenantId: TENANT },
    attendanceIntervals: [{ joinDateTime: '2026-12-17T08:00:05.0Z', leaveDateTime: '2026-12-17T08:01:05.0Z', durationInSeconds: 60 + i }],
  };
}

/** The GETs Graph got for this meeting's records, oldest first. */
function recordRequests(meetingId: string): GraphRequestRecord[] {
  return graph.requestsTo('GET', /\/attendanceRecords$/).filter((r) => r.path.startsWith(`/users/${SARA}/onlineMeetings/${meetingId}/`));
}

function offsetOf(r: GraphRequestRecord): number {
  const token = r.query.get('$skiptoken');
  return token === null ? 0 : Number(/^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'))?.[1]);
}

/**
 * Throttles the first request for which `when` holds, decided as it arrives (FakeGraph records a request
 * before it looks for a throttle): `throttleNext` alone cannot aim at the second page of a listing, whose
 * path differs from the first only in its query.
 */
function throttleWhen(when: (r: GraphRequestRecord) => boolean, options: ThrottleOptions): void {
  const requests = graph.requests;
  const push = requests.push.bind(requests);
  requests.push = (...items: GraphRequestRecord[]): number => {
    if (items.some(when)) {
      requests.push = push;
      graph.throttleNext(1, options);
    }
    return push(...items);
  };
}

beforeAll(async () => {
  tls = await createTestTls();
  authority = new FakeEntraAuthority(tls).addClient({
    tenantId: TENANT,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    roles: ['Calendars.ReadWrite', 'OnlineMeetings.Read.All', 'OnlineMeetingArtifact.Read.All'],
  });
  const authorityHost = await authority.start();
  graph = new FakeGraph(tls, authority).addUsers({ aadObjectId: SARA }, { aadObjectId: HAKAN });
  const baseUrl = await graph.start();
  config = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tenantId: TENANT, authorityHost, baseUrl };
  child = await startCalendarChild({ caFile: tls.caFile });
  attendance = await child.createAttendanceSource(config);
  calendar = await child.createCalendar(config);
});

afterAll(async () => {
  await child?.stop();
  await graph?.stop();
  await authority?.stop();
  tls?.remove();
});

afterEach(() => {
  graph.attendancePageSize = 2;
});

describe('fetchRecords: paging', () => {
  const thousand = Array.from({ length: 1000 }, (_, i) => member(i + 1));
  const reportId = 'a1b2c3d4-0000-4000-8000-000000001000';

  it('brings a report of 1,000 records over three pages whole, in order, with the bearer token on every page', async () => {
    const meetingId = aMeetingId();
    graph.setAttendance(SARA, meetingId, [report(reportId, 1000)], { [reportId]: thousand });
    graph.attendancePageSize = 400;

    const records = await attendance.fetchRecords(SARA, meetingId);

    expect(records).toHaveLength(1000);
    expect(records.map((r) => r.recordId)).toEqual(thousand.map((r) => r.id));
    expect(new Set(records.map((r) => r.recordId)).size).toBe(1000);
    expect(records.every((r) => r.reportId === reportId)).toBe(true);
    expect(records[999]).toEqual({
      reportId,
      recordId: '00000000-0000-4000-8000-000000001000',
      aadObjectId: '00000000-0000-4000-8000-000000001000',
      tenantId: TENANT,
      email: 'ledamot1000@munkedal.se',
      displayName: 'Ledamot 1000',
      role: 'Attendee',
      seconds: 1060,
    });

    const pages = recordRequests(meetingId);
    expect(pages.map((r) => [r.status, offsetOf(r)])).toEqual([
      [200, 0],
      [200, 400],
      [200, 800],
    ]);
    // The first page is asked for by path, the next ones by following the nextLink (our fake's base URL).
    expect(pages[0]!.query.has('$skiptoken')).toBe(false);
    for (const page of pages) expect(page.claims).toMatchObject({ aud: GRAPH_AUDIENCE, tid: TENANT, appid: CLIENT_ID });
    const listing = graph.requestsTo('GET', /\/attendanceReports$/).filter((r) => r.path.includes(meetingId));
    expect(listing.map((r) => r.status)).toEqual([200]);
  });

  it('waits out a 429 (Retry-After) on the second page and asks for that page again: nothing lost, nothing twice', async () => {
    const meetingId = aMeetingId();
    graph.setAttendance(SARA, meetingId, [report(reportId, 1000)], { [reportId]: thousand });
    graph.attendancePageSize = 400;
    throttleWhen((r) => r.path.startsWith(`/users/${SARA}/onlineMeetings/${meetingId}/`) && offsetOf(r) === 400, {
      status: 429,
      retryAfterSeconds: 1,
      method: 'GET',
      path: /\/attendanceRecords$/,
    });

    const started = Date.now();
    const records = await attendance.fetchRecords(SARA, meetingId);
    const elapsed = Date.now() - started;

    expect(records.map((r) => r.recordId)).toEqual(thousand.map((r) => r.id));
    const pages = recordRequests(meetingId);
    expect(pages.map((r) => [r.status, offsetOf(r)])).toEqual([
      [200, 0],
      [429, 400],
      [200, 400],
      [200, 800],
    ]);
    expect(pages[2]!.headers['retry-attempt']).toBe('1');
    expect(elapsed).toBeGreaterThanOrEqual(950);
  });
});

describe('fetchRecords: what the records say', () => {
  const anonymous: Json = {
    id: 'f3c1aa09-7d2e-4c5b-8e41-2b9d6a0c7e55',
    // Graph may leave the address out altogether rather than send null.
    totalAttendanceInSeconds: 300,
    role: 'None',
    identity: { id: 'anonymous-visitor-7e2a', displayName: 'Ersättare (gäst)', tenantId: null },
    attendanceIntervals: [{ joinDateTime: '2026-12-17T10:21:00.0Z', leaveDateTime: '2026-12-17T10:26:00.0Z', durationInSeconds: 300 }],
  };
  const hakanAgain: Json = {
    ...HAKAN_RECORD,
    totalAttendanceInSeconds: 2400,
    attendanceIntervals: [{ joinDateTime: '2026-12-17T10:21:00.0Z', leaveDateTime: '2026-12-17T11:01:00.0Z', durationInSeconds: 2400 }],
  };
  let meetingId: string;
  let records: FetchedAttendanceRecord[];

  beforeAll(async () => {
    // The fixtures' meeting: held, left, and restarted; Håkan was in both sessions.
    meetingId = aMeetingId();
    graph.setAttendance(SARA, meetingId, [FIRST_REPORT, SECOND_REPORT], {
      [FIRST_REPORT.id]: [SARA_RECORD, HAKAN_RECORD, JOHAN_RECORD],
      [SECOND_REPORT.id]: [hakanAgain, anonymous],
    });
    records = await attendance.fetchRecords(SARA, meetingId);
  });

  it('returns every record of every report, report by report', () => {
    expect(records.map((r) => [r.reportId, r.displayName])).toEqual([
      [FIRST_REPORT.id, 'Sara Herrman'],
      [FIRST_REPORT.id, 'Håkan Sundberg'],
      [FIRST_REPORT.id, 'Johan Högne'],
      [SECOND_REPORT.id, 'Håkan Sundberg'],
      [SECOND_REPORT.id, 'Ersättare (gäst)'],
    ]);
    expect(graph.requestsTo('GET', /\/attendanceReports$/).filter((r) => r.path.includes(meetingId))).toHaveLength(1);
    // At two records a page: the first report's three take two pages, the second's two one.
    expect(recordRequests(meetingId).map((r) => r.path.split('/').at(-2))).toEqual([FIRST_REPORT.id, FIRST_REPORT.id, SECOND_REPORT.id]);
  });

  it('keeps one person who left and came back as two records, one per report', () => {
    const hakan = records.filter((r) => r.aadObjectId === HAKAN);
    expect(hakan).toEqual([
      { reportId: FIRST_REPORT.id, recordId: HAKAN, aadObjectId: HAKAN, tenantId: TENANT, displayName: 'Håkan Sundberg', role: 'Attendee', seconds: 3120 },
      { reportId: SECOND_REPORT.id, recordId: HAKAN, aadObjectId: HAKAN, tenantId: TENANT, displayName: 'Håkan Sundberg', role: 'Attendee', seconds: 2400 },
    ]);
  });

  it('gives records without an e-mail address (null or left out) no email', () => {
    const hakan = records.find((r) => r.aadObjectId === HAKAN)!;
    expect(hakan.email).toBeUndefined();
    const guest = records.find((r) => r.recordId === anonymous.id)!;
    expect(guest.email).toBeUndefined();
    expect(records.find((r) => r.aadObjectId === SARA)!.email).toBe('sara.herrman@fyrbodal.se');
  });

  it('keeps the home tenant of a guest from another organisation, and Graph’s role names', () => {
    expect(records.find((r) => r.aadObjectId === JOHAN)).toEqual({
      reportId: FIRST_REPORT.id,
      recordId: JOHAN,
      aadObjectId: JOHAN,
      tenantId: GUEST_TENANT,
      email: 'johan.hogne@centigo.se',
      displayName: 'Johan Högne',
      role: 'Presenter',
      seconds: 1800,
    });
    expect(records.find((r) => r.aadObjectId === SARA)).toMatchObject({ role: 'Organizer', tenantId: TENANT, seconds: 7448 });
  });

  it('gives an anonymous participant no Entra object id or tenant, and role None as Unknown', () => {
    expect(records.find((r) => r.recordId === anonymous.id)).toEqual({
      reportId: SECOND_REPORT.id,
      recordId: anonymous.id,
      displayName: 'Ersättare (gäst)',
      role: 'Unknown',
      seconds: 300,
    });
  });
});

describe('fetchRecords: no report yet', () => {
  it('is empty while Graph has no report (404), and filled once it has', async () => {
    const meetingId = aMeetingId();
    await expect(attendance.fetchRecords(SARA, meetingId)).resolves.toEqual([]);
    expect(graph.requestsTo('GET', /\/attendanceReports$/).filter((r) => r.path.includes(meetingId)).map((r) => r.status)).toEqual([404]);
    expect(recordRequests(meetingId)).toHaveLength(0);

    // Some minutes after the meeting ends, the report is there.
    graph.setAttendance(SARA, meetingId, [FIRST_REPORT], { [FIRST_REPORT.id]: [SARA_RECORD, HAKAN_RECORD, JOHAN_RECORD] });
    const later = await attendance.fetchRecords(SARA, meetingId);
    expect(later.map((r) => r.aadObjectId)).toEqual([SARA, HAKAN, JOHAN]);
  });

  it('is empty when Graph answers an empty list of reports', async () => {
    const meetingId = aMeetingId();
    graph.setAttendance(SARA, meetingId, [], {});
    await expect(attendance.fetchRecords(SARA, meetingId)).resolves.toEqual([]);
    expect(recordRequests(meetingId)).toHaveLength(0);
  });

  it('fails loudly (UnexpectedResponse) on a record that is not the documented shape', async () => {
    const meetingId = aMeetingId();
    const { id: _id, ...withoutId } = SARA_RECORD;
    graph.setAttendance(SARA, meetingId, [FIRST_REPORT], { [FIRST_REPORT.id]: [withoutId] });
    await expect(attendance.fetchRecords(SARA, meetingId)).rejects.toMatchObject({ name: 'GraphRequestError', code: 'UnexpectedResponse', status: 200 });
  });
});

describe('onlineMeetingIdByJoinUrl', () => {
  it('returns the Graph online-meeting id of the meeting with that join URL', async () => {
    const created = await calendar.createOnlineMeetingEvent({
      organizerUserId: SARA,
      subject: 'E-rådsmöte',
      start: '2027-02-11T09:00:00',
      end: '2027-02-11T12:00:00',
      timeZone: 'W. Europe Standard Time',
      attendees: [{ name: 'Håkan Sundberg', address: 'hakan.sundberg@munkedal.se' }],
      bodyHtml: '<p>Dagordning</p>',
      transactionId: `radslag-attendance-${Date.now()}`,
    });
    const meeting = graph.events.get(created.eventId)!.onlineMeeting!;

    await expect(attendance.onlineMeetingIdByJoinUrl(SARA, created.joinUrl!)).resolves.toBe(meeting.id);
    const lookup = graph.requestsTo('GET', /\/onlineMeetings$/).at(-1)!;
    expect(lookup.path).toBe(`/users/${SARA}/onlineMeetings`);
    expect(lookup.query.get('$filter')).toBe(`JoinWebUrl eq '${created.joinUrl}'`);
  });

  it('returns undefined for a join URL Graph does not know', async () => {
    await expect(attendance.onlineMeetingIdByJoinUrl(SARA, 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_none%40thread.v2/0')).resolves.toBeUndefined();
  });
});

describe('no application access policy for the organizer', () => {
  /** Graph's answer to an app no Teams application access policy covers (learn.microsoft.com, "Configure application access to online meetings"). */
  const POLICY_MESSAGE = 'No application access policy found for this app.';
  let policyless: https.Server;
  let refused: Array<{ path: string; authorized: boolean }>;
  let source: AttendanceSource;

  beforeAll(async () => {
    // A Graph of a tenant whose admin has not granted the policy: good token, yet every online-meeting call is 403.
    refused = [];
    policyless = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const authorized = bearer !== undefined && authority.verifyToken(bearer, { audience: GRAPH_AUDIENCE }).ok;
      refused.push({ path: (req.url ?? '').split('?')[0]!, authorized });
      const requestId = crypto.randomUUID();
      res.writeHead(authorized ? 403 : 401, { 'content-type': 'application/json', 'request-id': requestId });
      res.end(
        JSON.stringify({
          error: {
            code: authorized ? 'Forbidden' : 'InvalidAuthenticationToken',
            message: authorized ? POLICY_MESSAGE : 'Access token validation failure.',
            innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': requestId },
          },
        }),
      );
    });
    await new Promise<void>((resolve) => policyless.listen(0, '127.0.0.1', resolve));
    source = await child.createAttendanceSource({ ...config, baseUrl: `https://127.0.0.1:${(policyless.address() as AddressInfo).port}/v1.0` });
  });

  afterAll(async () => {
    policyless.closeAllConnections();
    await new Promise<void>((resolve) => policyless.close(() => resolve()));
  });

  it('rejects fetchRecords with AttendanceAccessDenied at once (no retries), Graph’s 403 as its cause', async () => {
    const meetingId = aMeetingId();
    const error = await source.fetchRecords(SARA, meetingId).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'AttendanceAccessDenied', organizerUserId: SARA });
    expect((error as Error).message).toContain('Grant-CsApplicationAccessPolicy');
    expect((error as Error).cause).toMatchObject({ name: 'GraphRequestError', status: 403, code: 'Forbidden', graphMessage: POLICY_MESSAGE, requestId: expect.any(String) });
    expect(refused.filter((r) => r.path.includes('/attendanceReports'))).toEqual([
      { path: `/v1.0/users/${SARA}/onlineMeetings/${encodeURIComponent(meetingId)}/attendanceReports`, authorized: true },
    ]);
  });

  it('rejects the join-URL lookup with AttendanceAccessDenied too', async () => {
    await expect(source.onlineMeetingIdByJoinUrl(SARA, 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0')).rejects.toMatchObject({
      name: 'AttendanceAccessDenied',
      organizerUserId: SARA,
    });
  });

  it('leaves other 403s as they are: a lookup by someone not the organizer is a plain GraphRequestError', async () => {
    const created = await calendar.createOnlineMeetingEvent({
      organizerUserId: SARA,
      subject: 'E-rådsmöte',
      start: '2027-03-11T09:00:00',
      end: '2027-03-11T12:00:00',
      timeZone: 'W. Europe Standard Time',
      attendees: [],
      bodyHtml: '<p>x</p>',
      transactionId: `radslag-attendance-403-${Date.now()}`,
    });
    await expect(attendance.onlineMeetingIdByJoinUrl(HAKAN, created.joinUrl!)).rejects.toMatchObject({ name: 'GraphRequestError', status: 403, code: 'Forbidden' });
  });

  it('isAccessPolicyDenied knows AttendanceAccessDenied and the wordings Graph has used, and nothing else', () => {
    const refusal = (status: number, code: string, message: string) => new GraphRequestError('GET', `/users/${SARA}/onlineMeetings`, status, code, message);
    expect(isAccessPolicyDenied(new AttendanceAccessDenied(SARA, 'no policy', { cause: refusal(403, 'Forbidden', 'No application access policy found for this app.') }))).toBe(true);
    expect(isAccessPolicyDenied(refusal(403, 'Forbidden', 'No application access policy found for this app.'))).toBe(true);
    expect(isAccessPolicyDenied(refusal(403, 'General', 'No Application Access Policy found for this app.'))).toBe(true);
    expect(isAccessPolicyDenied(refusal(403, 'Unauthorized', `App ${CLIENT_ID} is not authorized to Read meeting on behalf of user ${SARA}`))).toBe(true);
    expect(isAccessPolicyDenied(refusal(403, 'Forbidden', 'Organizer ID in request url does not match the meeting organizer.'))).toBe(false);
    expect(isAccessPolicyDenied(refusal(403, 'Forbidden', 'Application does not have permission to read attendance reports.'))).toBe(false);
    expect(isAccessPolicyDenied(refusal(404, 'NotFound', 'No application access policy found for this app.'))).toBe(false);
    expect(isAccessPolicyDenied(new Error('No application access policy found for this app.'))).toBe(false);
  });
});
