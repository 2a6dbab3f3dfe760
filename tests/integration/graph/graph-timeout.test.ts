/**
 * A Graph endpoint that accepts the request and never answers (issue 7, item 6, Graph side): every try
 * has a deadline (GraphConfig.timeoutMs, GRAPH_TIMEOUT_SECONDS); a GET that times out is tried once more,
 * a write fails at once with GraphTransportError `Timeout` (it may have been done). The production client
 * runs in a child process (see calendar-in-child.ts) against the HTTPS fakes, here with a 700 ms deadline.
 */
import type { AttendanceSource, MeetingCalendar } from '../../../src/app/ports';
import type { GraphConfig } from '../../../src/config';
import { startCalendarChild, type CalendarChild } from '../../fakes/calendar-in-child';
import { FakeEntraAuthority } from '../../fakes/entra-authority';
import { FakeGraph } from '../../fakes/graph-server';
import { createTestTls, type TestTls } from '../../fakes/test-tls';

const TENANT = '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00';
const CLIENT_ID = '5e0c2a71-2d4b-4f7e-9b1a-3c8d6e2f4a10';
const CLIENT_SECRET = 'fake~secret.value_for-tests';
const SARA = '1d7a4b2c-3e5f-4a6b-9c8d-0e1f2a3b4c33';
const TIMEOUT_MS = 700;

let tls: TestTls;
let authority: FakeEntraAuthority;
let graph: FakeGraph;
let child: CalendarChild;
let calendar: MeetingCalendar;
let attendance: AttendanceSource;

beforeAll(async () => {
  tls = await createTestTls();
  authority = new FakeEntraAuthority(tls).addClient({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, roles: ['OnlineMeetings.Read.All', 'Mail.Send'] });
  const authorityHost = await authority.start();
  graph = new FakeGraph(tls, authority);
  const baseUrl = await graph.start();
  const config: GraphConfig = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tenantId: TENANT, authorityHost, baseUrl, timeoutMs: TIMEOUT_MS };
  child = await startCalendarChild({ caFile: tls.caFile });
  calendar = await child.createCalendar(config);
  attendance = await child.createAttendanceSource(config);
  // A first call, so the token is cached and the timings below are Graph's alone.
  await calendar.findOnlineMeetingByJoinUrl(SARA, 'https://teams.microsoft.com/l/meetup-join/warm-up');
});

afterAll(async () => {
  await child?.stop();
  await graph?.stop();
  await authority?.stop();
  tls?.remove();
});

beforeEach(() => graph.clear());

const lookups = () => graph.requestsTo('GET', /^\/users\/[^/]+\/onlineMeetings$/);

describe('a Graph request that gets no answer', () => {
  it('is a GET: tried once more after the deadline, and the second answer is used', async () => {
    graph.hangNext(1, { method: 'GET', path: /\/onlineMeetings$/ });
    const started = Date.now();
    await expect(attendance.onlineMeetingIdByJoinUrl(SARA, 'https://teams.microsoft.com/l/meetup-join/none')).resolves.toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(lookups().map((r) => r.status)).toEqual([0, 200]);
  });

  it('is a GET that hangs twice: GraphTransportError Timeout after two deadlines, not a hang', async () => {
    graph.hangNext(2, { method: 'GET', path: /\/onlineMeetings$/ });
    const started = Date.now();
    await expect(calendar.findOnlineMeetingByJoinUrl(SARA, 'https://teams.microsoft.com/l/meetup-join/none')).rejects.toMatchObject({
      name: 'GraphTransportError',
      code: 'Timeout',
      method: 'GET',
      message: expect.stringContaining(`no answer within ${TIMEOUT_MS} ms`),
    });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(2 * TIMEOUT_MS - 50);
    expect(took).toBeLessThan(2 * TIMEOUT_MS + 3000);
    expect(lookups().map((r) => r.status)).toEqual([0, 0]);
  });

  it('is a write (sendMail): fails with Timeout after one deadline and is not sent again', async () => {
    graph.hangNext(1, { method: 'POST', path: /\/sendMail$/ });
    const started = Date.now();
    await expect(calendar.sendMail(SARA, { name: 'Håkan', address: 'hakan.sundberg@munkedal.se' }, 'Kallelse', '<p>x</p>')).rejects.toMatchObject({
      name: 'GraphTransportError',
      code: 'Timeout',
      method: 'POST',
    });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 3000);
    expect(graph.requestsTo('POST', /\/sendMail$/).map((r) => r.status)).toEqual([0]);
    expect(graph.sentMail).toEqual([]);
  });

  it('leaves the client working: the next request is answered as usual', async () => {
    await expect(calendar.sendMail(SARA, { name: 'Håkan', address: 'hakan.sundberg@munkedal.se' }, 'Kallelse', '<p>x</p>')).resolves.toBeUndefined();
    expect(graph.sentMail).toHaveLength(1);
  });
});
