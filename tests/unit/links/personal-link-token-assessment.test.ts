/** Assessment links name a group (its capability map), not a meeting; they are signed and checked like the others. */
import { createHmac } from 'node:crypto';
import type { PersonalLinkClaims } from '../../../src/app/ports';
import { signPersonalLink, verifyPersonalLink } from '../../../src/links/personal-link-token';

const KEY = Buffer.from('a'.repeat(43));
const NOW = new Date('2027-02-01T10:00:00.000Z');
const claims: PersonalLinkClaims = {
  tenantId: '9f1c2b7a-1111-4c3e-9a7b-5d2c1e0f9a00',
  meetingId: '',
  groupId: 'group-1',
  memberId: 'member-pia',
  kind: 'assessment',
  expiresAt: new Date('2027-03-01T10:00:00.000Z'),
};
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;

it('signs the group and reads it back', () => {
  const token = signPersonalLink(KEY, claims);
  expect(payloadOf(token)).toEqual({ v: 1, tenant: claims.tenantId, group: 'group-1', member: 'member-pia', kind: 'assessment', exp: Date.parse('2027-03-01T10:00:00Z') / 1000 });
  expect(verifyPersonalLink(KEY, token, NOW, 'assessment')).toEqual({ ok: true, claims });
});

it('is refused as another kind of link, and a notice link is refused as an assessment link', () => {
  const token = signPersonalLink(KEY, claims);
  expect(verifyPersonalLink(KEY, token, NOW, 'notice')).toEqual({ ok: false, refusal: 'wrongKind' });
  const notice = signPersonalLink(KEY, { ...claims, kind: 'notice', meetingId: 'meeting-1' });
  expect(payloadOf(notice)).toMatchObject({ meeting: 'meeting-1', kind: 'notice' });
  expect(payloadOf(notice)).not.toHaveProperty('group');
  expect(verifyPersonalLink(KEY, notice, NOW, 'assessment')).toEqual({ ok: false, refusal: 'wrongKind' });
});

it('refuses an assessment payload that names a meeting instead of a group (not a shape this server signs)', () => {
  const body = Buffer.from(JSON.stringify({ v: 1, tenant: claims.tenantId, meeting: 'm', member: 'x', kind: 'assessment', exp: 1900000000 })).toString('base64url');
  const mac = createHmac('sha256', KEY).update(`rl1.${body}`, 'utf8').digest('base64url');
  expect(verifyPersonalLink(KEY, `${body}.${mac}`, NOW)).toEqual({ ok: false, refusal: 'malformed' });
});
