/**
 * The fake Graph's transcript endpoints refuse what Graph documents: no OnlineMeetingTranscript.Read.All and
 * no RSC grant in the meeting's chat (403), an unknown meeting or transcript (404), a `$format` other than
 * text/vtt (400), and the attributed format while speaker attribution is off (403 with the inner code
 * SpeakerAttributionNotAllowed; without a format the cues come bare). Plain node:https, as fake-graph.test.ts.
 */
import https from 'node:https';
import { FakeEntraAuthority } from '../../fakes/entra-authority';
import { FakeGraph, GRAPH_AUDIENCE } from '../../fakes/graph-server';
import { createTestTls, type TestTls } from '../../fakes/test-tls';

const TENANT = '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00';
const CLIENT_ID = '5e0c2a71-2d4b-4f7e-9b1a-3c8d6e2f4a10';
const SARA = '1d7a4b2c-3e5f-4a6b-9c8d-0e1f2a3b4c33';
const MEETING = 'MSp0cmFuc2NyaXB0cw';
const CHAT = '19:meeting_transcripts@thread.v2';
const VTT = 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Sara Herrman>Välkomna.</v>\n';

let tls: TestTls;
let authority: FakeEntraAuthority;
let graph: FakeGraph;

function get(path: string, token: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${graph.baseUrl}${path}`, { ca: tls.certPem, headers: { authorization: `Bearer ${token}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text }));
    });
    req.on('error', reject);
    req.end();
  });
}
const token = (roles: string[]) => authority.signToken({ aud: GRAPH_AUDIENCE, tid: TENANT, appid: CLIENT_ID, iss: `https://sts.windows.net/${TENANT}/`, roles });
const list = `/users/${SARA}/onlineMeetings/${MEETING}/transcripts`;
const content = `${list}/t1/content`;

beforeAll(async () => {
  tls = await createTestTls();
  authority = new FakeEntraAuthority(tls).addClient({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: 'x' });
  await authority.start();
  graph = new FakeGraph(tls, authority);
  graph.catalog.set('catalog-app', { externalId: 'manifest-id', rsc: ['OnlineMeetingTranscript.Read.Chat'] });
  graph.setTranscripts(SARA, MEETING, CHAT, [{ id: 't1', createdDateTime: '2027-02-11T08:00:00Z', endDateTime: '2027-02-11T09:00:00Z', vtt: VTT }]);
  await graph.start();
});

afterAll(async () => {
  await graph?.stop();
  await authority?.stop();
  tls?.remove();
});

it('needs OnlineMeetingTranscript.Read.All, or the app installed with the RSC permission in the meeting chat', async () => {
  const refused = await get(list, token(['OnlineMeetingArtifact.Read.All']));
  expect(refused.status).toBe(403);
  expect(JSON.parse(refused.text).error.message).toContain('OnlineMeetingTranscript.Read.All');
  expect((await get(content, token([]))).status).toBe(403);
  expect((await get(list, token(['OnlineMeetingTranscript.Read.All']))).status).toBe(200);
  graph.installedApps.set(CHAT, new Set(['catalog-app']));
  try {
    const listed = await get(list, token([]));
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.text).value).toEqual([expect.objectContaining({ id: 't1', createdDateTime: '2027-02-11T08:00:00Z', meetingId: MEETING })]);
  } finally {
    graph.installedApps.delete(CHAT);
  }
});

it('answers an unknown meeting or transcript 404 and a $format other than text/vtt 400', async () => {
  const all = token(['OnlineMeetingTranscript.Read.All']);
  expect((await get(`/users/${SARA}/onlineMeetings/nope/transcripts`, all)).status).toBe(404);
  expect((await get(`${list}/nope/content`, all)).status).toBe(404);
  expect((await get(`${content}?$format=application/vnd.microsoft.graph.transcript%2Btext`, all)).status).toBe(400);
});

it('gives WebVTT with voice tags, and refuses them while speaker attribution is off', async () => {
  const all = token(['OnlineMeetingTranscript.Read.All']);
  const attributed = await get(`${content}?$format=text/vtt`, all);
  expect([attributed.status, attributed.type, attributed.text]).toEqual([200, 'text/vtt', VTT]);
  expect((await get(content, all, { accept: 'text/vtt' })).text).toBe(VTT);
  graph.speakerAttribution = false;
  try {
    const refused = await get(`${content}?$format=text/vtt`, all);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).error.innerError.code).toBe('SpeakerAttributionNotAllowed');
    expect((await get(content, all, { accept: 'text/vtt' })).status).toBe(403);
    const bare = await get(content, all);
    expect([bare.status, bare.type]).toEqual([200, 'application/vnd.microsoft.graph.transcript+text']);
    expect(bare.text).toContain('Välkomna.');
    expect(bare.text).not.toContain('<v');
  } finally {
    graph.speakerAttribution = true;
  }
  expect((await get(content, all, { accept: 'application/vnd.microsoft.graph.transcript+text' })).text).not.toContain('<v');
});
