/**
 * Personal-link tokens (src/links/signed-token.ts). The payload is JSON
 * `{"v":1,"tenant":…,"meeting":…,"member":…,"kind":"notice"|"checkin","exp":<unix seconds>}` (an assessment
 * link: `"group":…` instead of `"meeting"`, `"kind":"assessment"`), signed in the context `rl1.`. Whose
 * answer a link gives is in the signed
 * payload, so a link for one person can never answer for another, and any changed byte is refused.
 */
import { z } from 'zod';
import type { LinkKind, LinkTokenReading, LinkTokens, PersonalLinkClaims } from '../app/ports';
import { checkToken, signToken } from './signed-token';

/** Separates these MACs from anything else the same key might ever sign. */
const MAC_CONTEXT = 'rl1.';

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

/** Signs the claims; the expiry is kept to the second. */
export function signPersonalLink(key: Buffer, claims: PersonalLinkClaims): string {
  const exp = Math.floor(claims.expiresAt.getTime() / 1000);
  const body =
    claims.kind === 'assessment'
      ? { v: 1, tenant: claims.tenantId, group: claims.groupId, member: claims.memberId, kind: claims.kind, exp }
      : { v: 1, tenant: claims.tenantId, meeting: claims.meetingId, member: claims.memberId, kind: claims.kind, exp };
  return signToken(key, MAC_CONTEXT, body);
}

/**
 * Checks a token: its shape, then its signature (in constant time), and only then what it says — so an
 * altered token tells nothing about why. Expired at `exp` exactly.
 */
export function verifyPersonalLink(key: Buffer, token: string, now: Date, expectedKind?: LinkKind): LinkTokenReading {
  const checked = checkToken(key, MAC_CONTEXT, token, payloadSchema);
  if (!checked.ok) return checked;
  const p = checked.payload;
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
