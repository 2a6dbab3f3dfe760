/**
 * Signed tokens: `<payload>.<mac>`, both base64url; the payload is JSON, the mac HMAC-SHA256 over
 * `<context><payload>` with the link signing key. Each kind of token has its own context, so a token of one
 * kind can never be read as another. Shape and signature are checked (in constant time) before anything the
 * payload says.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

const MAX_TOKEN_LENGTH = 1500;
/** 32 MAC bytes are 43 base64url characters. */
const TOKEN_SHAPE = /^([A-Za-z0-9_-]{1,1400})\.([A-Za-z0-9_-]{43})$/;

const mac = (key: Buffer, context: string, payload: string): Buffer => createHmac('sha256', key).update(context + payload, 'utf8').digest();

export function signToken(key: Buffer, context: string, payload: Record<string, unknown>): string {
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${mac(key, context, encoded).toString('base64url')}`;
}

export type TokenCheck<T> = { ok: true; payload: T } | { ok: false; refusal: 'malformed' | 'forged' };

export function checkToken<T>(key: Buffer, context: string, token: unknown, schema: z.ZodType<T>): TokenCheck<T> {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, refusal: 'malformed' };
  const shape = TOKEN_SHAPE.exec(token);
  if (!shape) return { ok: false, refusal: 'malformed' };
  const payload = shape[1]!;
  // Compared as text, not decoded bytes: base64url's spare bits would otherwise let two spellings of one MAC pass.
  const given = Buffer.from(shape[2]!, 'ascii');
  const expected = Buffer.from(mac(key, context, payload).toString('base64url'), 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, refusal: 'forged' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, refusal: 'malformed' }; // signed by us but not JSON: a version this server does not read
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, payload: parsed.data } : { ok: false, refusal: 'malformed' };
}
