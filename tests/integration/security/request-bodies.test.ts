/**
 * Request bodies as an attacker sends them, to the real server (no token needed to try): a gzip bomb, a
 * multipart upload, a body that never ends, JSON nested thousands of levels deep, the wrong media type.
 * Each gets a 4xx `{ code, message }` at once; nothing is unpacked, nothing is written to the temp folder,
 * and the server keeps answering.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import zlib from 'node:zlib';
import { aMeetingChat, aMessage, people } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';

const h = useHarness();

interface Answer {
  status: number;
  body: unknown;
  /** Bytes of the body the client had written when the answer came. */
  sentWhenAnswered: number;
}

/** A raw request; `chunks` are written one after another while no answer has come. */
function send(path: string, headers: Record<string, string>, chunks: Iterable<Buffer>): Promise<Answer> {
  const url = new URL(path, h.app.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let body: unknown = text || undefined;
        // JSON refusals are read as JSON; a page (the link routes') stays its text.
        if (/^application\/json/.test(res.headers['content-type'] ?? '')) body = JSON.parse(text) as unknown;
        resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered });
      });
    });
    // The server may close the connection while we still write: that is the point, not a failure.
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const iterator = chunks[Symbol.iterator]();
    const pump = () => {
      while (!answered) {
        const next = iterator.next();
        if (next.done) return req.end();
        sent += next.value.length;
        if (!req.write(next.value)) return req.once('drain', pump);
      }
    };
    pump();
  });
}

function* repeat(chunk: Buffer, times: number): Generator<Buffer> {
  for (let i = 0; i < times; i++) yield chunk;
}

const refusal = (code: string) => ({ code, message: expect.stringMatching(/.{20,}/) });

async function healthy(): Promise<void> {
  const res = await fetch(`${h.app.url}/healthz`);
  expect(res.status).toBe(200);
}

const tempFiles = () => new Set(fs.readdirSync(os.tmpdir()));

it('refuses a gzip body at once (415), unpacking nothing, and keeps answering', async () => {
  // 200 MB of JSON packed into about 200 KB: the kind of body that took the server down.
  const bomb = zlib.gzipSync(Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(200_000_000, 'A'), Buffer.from('"}')]), { level: 9 });
  expect(bomb.length).toBeLessThan(1024 * 1024);
  const rssBefore = process.memoryUsage().rss;
  const started = Date.now();
  const answer = await send('/api/messages', { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) }, [bomb]);
  expect(answer.status).toBe(415);
  expect(answer.body).toEqual(refusal('UnsupportedMediaType'));
  expect(Date.now() - started).toBeLessThan(1000);
  // The server runs in this process: had it unpacked the body, this process would hold hundreds of MB more.
  expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  await healthy();
});

it.each([
  ['/api/messages', 'application/json'],
  ['/p/x', 'application/x-www-form-urlencoded'],
  ['/api/tab/groups/g/capabilities/import', 'application/json'],
])('refuses a 5 MB multipart upload to %s (415) and writes no file to the temp folder', async (path, accepted) => {
  const before = tempFiles();
  const boundary = '----radslag-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const file = Buffer.alloc(5 * 1024 * 1024, 7);
  const answer = await send(path, { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + file.length + tail.length) }, [head, file, tail]);
  expect(answer.status).toBe(415);
  expect(answer.body).toEqual(refusal('UnsupportedMediaType'));
  expect(JSON.stringify(answer.body)).toContain(accepted);
  expect([...tempFiles()].filter((f) => !before.has(f))).toEqual([]);
  await healthy();
});

it('refuses a body that passes 1 MiB as soon as it does (413), without reading the rest', async () => {
  // Chunked, so no Content-Length warns the server: 64 KB at a time, up to 300 MB if nobody stops it.
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const answer = await send('/api/messages', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, repeat(chunk, 4800));
  expect(answer.status).toBe(413);
  expect(answer.body).toEqual(refusal('PayloadTooLarge'));
  // Answered while the client was still sending, long before the 300 MB were written.
  expect(answer.sentWhenAnswered).toBeLessThan(50 * 1024 * 1024);
  await healthy();
});

it('refuses a body whose Content-Length is over 1 MiB before reading any of it (413)', async () => {
  const answer = await send('/api/messages', { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) }, repeat(Buffer.alloc(64 * 1024, 0x20), 4800));
  expect(answer.status).toBe(413);
  expect(answer.body).toEqual(refusal('PayloadTooLarge'));
  expect(answer.sentWhenAnswered).toBeLessThan(50 * 1024 * 1024);
  await healthy();
});

it.each([5000, 65])('refuses JSON nested %i levels deep with 400', async (depth) => {
  const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const answer = await send('/api/messages', { 'content-type': 'application/json' }, [Buffer.from(deep)]);
  expect(answer.status).toBe(400);
  expect(answer.body).toEqual(refusal('BadRequest'));
  expect(JSON.stringify(answer.body)).toContain('64');
  await healthy();
});

it('takes an activity nested 64 levels deep in its channel data (the limit is the limit, not less)', async () => {
  let nested: unknown = 'x';
  // The activity object is level 1 and channelData level 2.
  for (let i = 0; i < 62; i++) nested = { n: nested };
  const activity = { ...aMessage({ serviceUrl: h.serviceUrl, chat: aMeetingChat(), from: people.sara, text: '/help' }), channelData: { tenant: { id: 't' }, deep: nested } };
  const answer = await send('/api/messages', { 'content-type': 'application/json' }, [Buffer.from(JSON.stringify(activity))]);
  expect(answer.status).toBe(200);
});

it.each([
  ['/api/messages', 'text/plain', '{"type":"message"}'],
  ['/api/messages', 'application/x-www-form-urlencoded', 'type=message'],
  ['/p/x', 'application/json', '{"attending":"yes"}'],
  ['/api/tab/groups/g/capabilities/import', 'text/csv', 'code,name'],
])('refuses %s with %s (415, { code, message })', async (path, type, body) => {
  const answer = await send(path, { 'content-type': type }, [Buffer.from(body)]);
  expect(answer.status).toBe(415);
  expect(answer.body).toEqual(refusal('UnsupportedMediaType'));
});

it('refuses a body that is not JSON with 400 that says so', async () => {
  const answer = await send('/api/messages', { 'content-type': 'application/json; charset=utf-8' }, [Buffer.from('{"type": "message",')]);
  expect(answer.status).toBe(400);
  expect(answer.body).toEqual(refusal('BadRequest'));
  expect(JSON.stringify(answer.body)).toMatch(/not valid JSON/);
});

it('refuses a body on a GET (400) instead of draining it after the answer', async () => {
  const answer = await new Promise<number>((resolve, reject) => {
    const req = http.request(new URL('/healthz', h.app.url), { method: 'GET', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (e) => reject(e));
    req.write(Buffer.alloc(64 * 1024, 0x20));
  });
  expect(answer).toBe(400);
  await healthy();
});

it('chooses the body’s kind by the route that matched, not the raw path (/%70/… is /p/…)', async () => {
  const json = await send('/%70/x', { 'content-type': 'application/json' }, [Buffer.from('{"attending":"yes"}')]);
  expect(json.status).toBe(415);
  const form = await send('/%70/x', { 'content-type': 'application/x-www-form-urlencoded' }, [Buffer.from('kind=notice&attending=yes')]);
  // Read as a form and handed to the link page, which refuses the link itself (not the body).
  expect(form.status).toBe(400);
  expect(String(form.body)).toContain('<!doctype html>');
});
