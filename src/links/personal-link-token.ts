/**
 * Personal-link tokens: `<payload>.<mac>`, both base64url. The payload is JSON
 * `{"v":1,"tenant":…,"meeting":…,"member":…,"kind":"notice"|"checkin","exp":<unix seconds>}` (an assessment
 * link: `"group":…` instead of `"meeting"`, `"kind":"assessment"`); the mac is
 * HMAC-SHA256 over `rl1.<payload>` with the link signing key. Whose answer a link gives is in the signed
 * payload, so a link for one person can never answer for another, and any changed byte is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { LinkKind, LinkTokenReading, LinkTokens, PersonalLinkClaims } from '../app/ports';

/** Separates these MACs from anything else the same key might ever sign. */
const MAC_CONTEXT = 'rl1.';
const MAX_TOKEN_LENGTH = 1500;
/** 32 MAC bytes are 43 base64url characters. */
const TOKEN_SHAPE = /^([A-Za-z0-9_-]{1,1400})\.([A-Za-z0-9_-]{43})$/;

const meetingPayload = z.strictObject({
  v: z.literal(1),
  tenant: z.string().min(1).max(200),
  meeting: z.string().min(1).max(200),
  member: z.string().min(1).max(200),
  kind: z.enum(['notice', 'checkin']),
  exp: z.number().int().positive(),
});
/** An assessment link names the group whose capability map it answers, not a meeting. */
const groupPayload = z.strictObject({
  v: z.literal(1),
  tenant: z.string().min(1).max(200),
  group: z.string().min(1).max(200),
  member: z.string().min(1).max(200),
  kind: z.literal('assessment'),
  exp: z.number().int().positive(),
});
const payloadSchema = z.union([meetingPayload, groupPayload]);

const mac = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(MAC_CONTEXT + payload, 'utf8').digest();

/** Signs the claims; the expiry is kept to the second. */
export function signPersonalLink(key: Buffer, claims: PersonalLinkClaims): string {
  const exp = Math.floor(claims.expiresAt.getTime() / 1000);
  const body =
    claims.kind === 'assessment'
      ? { v: 1, tenant: claims.tenantId, group: claims.groupId, member: claims.memberId, kind: claims.kind, exp }
      : { v: 1, tenant: claims.tenantId, meeting: claims.meetingId, member: claims.memberId, kind: claims.kind, exp };
  const payload = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/**
 * Checks a token: its shape, then its signature (in constant time), and only then what it says — so an
 * altered token tells nothing about why. Expired at `exp` exactly.
 */
export function verifyPersonalLink(key: Buffer, token: string, now: Date, expectedKind?: LinkKind): LinkTokenReading {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, refusal: 'malformed' };
  const shape = TOKEN_SHAPE.exec(token);
  if (!shape) return { ok: false, refusal: 'malformed' };
  const payload = shape[1]!;
  // Compared as text, not decoded bytes: base64url's spare bits would otherwise let two spellings of one MAC pass.
  const given = Buffer.from(shape[2]!, 'ascii');
  const expected = Buffer.from(mac(key, payload).toString('base64url'), 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, refusal: 'forged' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, refusal: 'malformed' }; // signed by us but not JSON: a version this server does not read
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, refusal: 'malformed' };
  const p = parsed.data;
  if (p.exp * 1000 <= now.getTime()) return { ok: false, refusal: 'expired' };
  if (expectedKind && p.kind !== expectedKind) return { ok: false, refusal: 'wrongKind' };
  const expiresAt = new Date(p.exp * 1000);
  if ('group' in p) return { ok: true, claims: { tenantId: p.tenant, meetingId: '', groupId: p.group, memberId: p.member, kind: p.kind, expiresAt } };
  return { ok: true, claims: { tenantId: p.tenant, meetingId: p.meeting, memberId: p.member, kind: p.kind, expiresAt } };
}

/** The `LinkTokens` port over one signing key (the key's text, as configured or generated, is the HMAC key). */
export function hmacLinkTokens(signingKey: string): LinkTokens {
  const key = Buffer.from(signingKey, 'utf8');
  return {
    issue: (claims) => signPersonalLink(key, claims),
    read: (token, now, expectedKind) => verifyPersonalLink(key, token, now, expectedKind),
  };
}
