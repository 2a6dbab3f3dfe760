/**
 * Request bodies, read by us rather than restify's body parser: each route family takes one media type
 * (415 for any other, multipart included, so nothing is ever written to disk), no content coding (a
 * gzip body is refused, not unpacked), at most 1 MiB counted as it arrives (413 as soon as it passes,
 * the rest never read) and JSON nested at most 64 levels (400). Every refusal is `{ code, message }`.
 */
import querystring from 'node:querystring';
import type { Next, Request, Response } from 'restify';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_JSON_DEPTH = 64;

export type BodyKind = 'json' | 'form';

const MEDIA_TYPES: Record<BodyKind, string> = { json: 'application/json', form: 'application/x-www-form-urlencoded' };

export class BodyRefusal extends Error {
  constructor(
    readonly status: 400 | 408 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BodyRefusal';
  }
}

/** How deep arrays and objects nest in a JSON text (strings skipped), without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** The body's text as UTF-8, refused before it is read when its headers already say it cannot be taken. */
function checkHeaders(req: Request, kind: BodyKind): void {
  const coding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (coding !== '' && coding !== 'identity') {
    throw new BodyRefusal(415, 'UnsupportedMediaType', `A body with Content-Encoding "${coding.slice(0, 40)}" is not accepted: send it uncompressed.`);
  }
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== MEDIA_TYPES[kind]) {
    throw new BodyRefusal(415, 'UnsupportedMediaType', `This address takes ${MEDIA_TYPES[kind]} only${type ? `, not ${type.slice(0, 80)}` : ''}.`);
  }
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length > MAX_BODY_BYTES) {
    throw new BodyRefusal(413, 'PayloadTooLarge', `The body is ${length} bytes; at most ${MAX_BODY_BYTES} are accepted.`);
  }
}

/** Whether the request says it has a body at all. */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** How long a body may take to arrive: a sender that trickles it holds memory and a socket. */
export const BODY_TIMEOUT_MS = 30_000;

/** The client went away before its body was read: nothing to answer, nothing to log as a fault. */
class ClientGone extends Error {}

/**
 * Reads at most MAX_BODY_BYTES within BODY_TIMEOUT_MS; past either it stops reading and refuses (the
 * connection is then closed).
 */
function readAll(req: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      req.pause();
      done(new BodyRefusal(408, 'RequestTimeout', `The body did not arrive within ${BODY_TIMEOUT_MS / 1000} s.`));
    }, BODY_TIMEOUT_MS);
    timer.unref();
    const done = (error?: Error) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onAborted = () => done(new ClientGone('aborted'));
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.pause();
        done(new BodyRefusal(413, 'PayloadTooLarge', `The body is larger than ${MAX_BODY_BYTES} bytes, the most that is accepted.`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done();
    const onError = () => done(new ClientGone('the request stream failed'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

export async function readBody(req: Request, kind: BodyKind): Promise<unknown> {
  if (!hasBody(req)) return undefined;
  checkHeaders(req, kind);
  const text = (await readAll(req)).toString('utf8');
  if (kind === 'form') return querystring.parse(text, '&', '=', { maxKeys: 5000 });
  if (text.trim() === '') return undefined;
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new BodyRefusal(400, 'BadRequest', `The JSON nests deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new BodyRefusal(400, 'BadRequest', `The body is not valid JSON (${(e as Error).message.slice(0, 120)}).`);
  }
}

/**
 * A refusal the client must see while it may still be sending: the answer says the connection closes, and
 * the socket is closed shortly after the answer is written, so the rest of the body is never read.
 */
function refuse(req: Request, res: Response, refusal: BodyRefusal): void {
  const unread = !req.complete;
  if (unread) res.setHeader('Connection', 'close');
  res.send(refusal.status, { code: refusal.code, message: refusal.message });
  if (unread) res.once('finish', () => setTimeout(() => req.socket.destroy(), 100).unref());
}

/**
 * restify middleware: reads the body of every request with one (routes are matched first, so an unknown
 * address is never read) as the kind `kindOf` names for its path.
 */
export function bodyReader(kindOf: (path: string) => BodyKind) {
  return (req: Request, res: Response, next: Next): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      // These take no body: one that comes anyway is refused, not drained after the answer.
      if (!hasBody(req)) return next();
      refuse(req, res, new BodyRefusal(400, 'BadRequest', `A ${req.method} request takes no body.`));
      return next(false);
    }
    // By the route that matched (its pattern), not the raw path: /%70/x reaches /p/:token too.
    const route = (req.getRoute() as { path?: unknown } | undefined)?.path;
    readBody(req, kindOf(typeof route === 'string' ? route : req.path())).then(
      (body) => {
        req.body = body;
        next();
      },
      (e: unknown) => {
        if (e instanceof BodyRefusal) {
          refuse(req, res, e);
          next(false);
        } else if (e instanceof ClientGone) {
          req.socket.destroy();
          next(false);
        } else next(e);
      },
    );
  };
}
