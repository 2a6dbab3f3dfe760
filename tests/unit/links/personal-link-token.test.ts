/** Personal-link tokens: what a genuine token says, and every way an altered or stale one is refused. */
import { createHmac } from 'node:crypto';
import type { PersonalLinkClaims } from '../../../src/app/ports';
import { hmacLinkTokens, signPersonalLink, verifyPersonalLink } from '../../../src/links/personal-link-token';

const KEY = Buffer.from('k'.repeat(43));
const NOW = new Date('2027-02-01T10:00:00.000Z');
const claims = (over: Partial<PersonalLinkClaims> = {}): PersonalLinkClaims => ({
  tenantId: '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00',
  meetingId: 'b3a1c2d4-0000-4000-8000-000000000001',
  memberId: 'member-hakan',
  kind: 'notice',
  expiresAt: new Date('2027-02-10T11:00:00.000Z'),
  ...over,
});

const parts = (token: string) => token.split('.') as [string, string];
const payloadOf = (token: string) => JSON.parse(Buffer.from(parts(token)[0], 'base64url').toString('utf8')) as Record<string, unknown>;
const withPayload = (token: string, changes: Record<string, unknown>) => `${Buffer.from(JSON.stringify({ ...payloadOf(token), ...changes })).toString('base64url')}.${parts(token)[1]}`;

it('reads back exactly what was signed, to the second', () => {
  const token = signPersonalLink(KEY, claims({ expiresAt: new Date('2027-02-10T11:00:00.750Z') }));
  expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  expect(payloadOf(token)).toEqual({ v: 1, tenant: claims().tenantId, meeting: claims().meetingId, member: 'member-hakan', kind: 'notice', exp: Date.parse('2027-02-10T11:00:00Z') / 1000 });
  expect(verifyPersonalLink(KEY, token, NOW)).toEqual({ ok: true, claims: claims() });
  expect(verifyPersonalLink(KEY, token, NOW, 'notice').ok).toBe(true);
});

it('refuses a token with any one character changed', () => {
  const token = signPersonalLink(KEY, claims());
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '.') continue;
    const other = alphabet[(alphabet.indexOf(token[i]!) + 1) % alphabet.length]!;
    const tampered = `${token.slice(0, i)}${other}${token.slice(i + 1)}`;
    // Even where base64url's spare bits would decode to the same bytes: the token is compared as written.
    expect({ at: i, read: verifyPersonalLink(KEY, tampered, NOW) }).toEqual({ at: i, read: { ok: false, refusal: 'forged' } });
  }
});

it('refuses a link made over to another person, meeting, tenant, kind or expiry (the signature no longer fits)', () => {
  const token = signPersonalLink(KEY, claims());
  for (const change of [{ member: 'member-titti' }, { meeting: 'another-meeting' }, { tenant: 'another-tenant' }, { kind: 'checkin' }, { exp: Date.parse('2030-01-01T00:00:00Z') / 1000 }]) {
    expect(verifyPersonalLink(KEY, withPayload(token, change), NOW)).toEqual({ ok: false, refusal: 'forged' });
  }
  // Another person's genuine link says that person, never this one.
  const titti = signPersonalLink(KEY, claims({ memberId: 'member-titti' }));
  expect(verifyPersonalLink(KEY, titti, NOW)).toEqual({ ok: true, claims: claims({ memberId: 'member-titti' }) });
  // Swapping signatures between two genuine links does not work either.
  expect(verifyPersonalLink(KEY, `${parts(titti)[0]}.${parts(token)[1]}`, NOW)).toEqual({ ok: false, refusal: 'forged' });
});

it('refuses a link signed with another key: a rotated key ends the old links', () => {
  const old = hmacLinkTokens('the-old-key-the-old-key-the-old-key!!');
  const current = hmacLinkTokens('the-new-key-the-new-key-the-new-key!!');
  const token = old.issue(claims());
  expect(old.read(token, NOW).ok).toBe(true);
  expect(current.read(token, NOW)).toEqual({ ok: false, refusal: 'forged' });
});

it('refuses an expired link, from the second of its expiry', () => {
  const token = signPersonalLink(KEY, claims());
  expect(verifyPersonalLink(KEY, token, new Date('2027-02-10T10:59:59.999Z')).ok).toBe(true);
  expect(verifyPersonalLink(KEY, token, new Date('2027-02-10T11:00:00.000Z'))).toEqual({ ok: false, refusal: 'expired' });
});

it('refuses the other kind of answer', () => {
  const notice = signPersonalLink(KEY, claims());
  expect(verifyPersonalLink(KEY, notice, NOW, 'checkin')).toEqual({ ok: false, refusal: 'wrongKind' });
  const checkin = signPersonalLink(KEY, claims({ kind: 'checkin' }));
  expect(verifyPersonalLink(KEY, checkin, NOW, 'notice')).toEqual({ ok: false, refusal: 'wrongKind' });
  expect(verifyPersonalLink(KEY, checkin, NOW, 'checkin').ok).toBe(true);
});

it('checks the signature before anything the token says: a forged expired link is "forged", not "expired"', () => {
  const token = signPersonalLink(KEY, claims());
  expect(verifyPersonalLink(KEY, withPayload(token, { exp: 1 }), NOW)).toEqual({ ok: false, refusal: 'forged' });
});

it.each([
  ['empty', ''],
  ['no signature', 'eyJ2IjoxfQ'],
  ['a short signature', `eyJ2IjoxfQ.${'A'.repeat(42)}`],
  ['characters outside base64url', `eyJ2Ijox+Q.${'A'.repeat(43)}`],
  ['three parts', `a.b.${'A'.repeat(43)}`],
  ['far too long', `${'A'.repeat(5000)}.${'A'.repeat(43)}`],
])('refuses a garbled token (%s) as malformed', (_label, token) => {
  expect(verifyPersonalLink(KEY, token, NOW)).toEqual({ ok: false, refusal: 'malformed' });
});

it('refuses a genuinely signed payload of an unknown version or shape as malformed', () => {
  const sign = (payload: unknown) => {
    const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
    // Signed the way the module signs, to show the shape check stands on its own.
    const mac = createHmac('sha256', KEY).update(`rl1.${p}`, 'utf8').digest('base64url');
    return `${p}.${mac}`;
  };
  const good = payloadOf(signPersonalLink(KEY, claims()));
  expect(verifyPersonalLink(KEY, sign(good), NOW).ok).toBe(true);
  expect(verifyPersonalLink(KEY, sign({ ...good, v: 2 }), NOW)).toEqual({ ok: false, refusal: 'malformed' });
  expect(verifyPersonalLink(KEY, sign({ ...good, kind: 'decision' }), NOW)).toEqual({ ok: false, refusal: 'malformed' });
  expect(verifyPersonalLink(KEY, sign({ ...good, extra: true }), NOW)).toEqual({ ok: false, refusal: 'malformed' });
});
