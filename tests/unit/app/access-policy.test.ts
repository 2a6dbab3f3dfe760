/**
 * The one access policy, as a table: every standing × every action, and the way a caller's standing is
 * read from the roster, the appointed secretary and (without a group) the Teams meeting role. A refusal
 * names what was refused.
 */
import { AccessPolicy, ACTIONS, permits, STANDINGS, type Action, type Scope, type Standing } from '../../../src/app/access-policy';
import type { Appointment } from '../../../src/app/ports';
import { isDomainError } from '../../../src/domain/errors';
import type { Group, GroupRole, Member } from '../../../src/domain/group';
import type { Meeting, TeamsMeetingRole } from '../../../src/domain/meeting';
import type { PersonRef } from '../../../src/domain/person';

// Columns, in the order of ACTIONS.
const COLUMNS: readonly Action[] = [
  'decision.record',
  'risk.record',
  'note.record',
  'action.record',
  'minutes.record',
  'agenda.record',
  'attendance.record',
  'meeting.record',
  'capability.record',
  'officers.appoint',
  'group.manage',
  'group.read',
  'capability.assessAny',
  'transcript.read',
  'transcript.readShared',
];

/** What each standing may do: Y yes, . no. */
const TABLE: Record<Standing, string> = {
  //                dec ris not act min age att mee cap app man rea any trr trs
  chair: /*      */ 'Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y',
  viceChair: /*  */ 'Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y',
  organizer: /*  */ 'Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y',
  secretary: /*  */ 'Y   Y   Y   Y   Y   Y   Y   Y   Y   .   .   Y   Y   Y   .',
  member: /*     */ '.   .   .   .   .   .   .   .   .   .   .   Y   .   .   Y',
  coopted: /*    */ '.   .   .   .   .   .   .   .   .   .   .   Y   .   .   .',
  outsider: /*   */ '.   .   .   .   .   .   .   .   .   .   .   .   .   .   .',
  meetingOrganizer: 'Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   .   .   .   Y   .',
  meetingPresenter: 'Y   Y   Y   Y   Y   Y   Y   Y   Y   .   .   .   .   .   .',
  meetingAttendee: '.   .   .   .   .   .   .   .   .   .   .   .   .   .   .',
  openChat: /*   */ 'Y   Y   Y   Y   Y   Y   Y   Y   Y   .   .   .   .   .   .',
  localReader: /**/ '.   .   .   .   .   .   .   .   .   .   .   Y   .   .   .',
};
const allowed = (standing: Standing, action: Action): boolean => TABLE[standing].split(/\s+/)[COLUMNS.indexOf(action)] === 'Y';

it('covers every action and every standing', () => {
  expect([...COLUMNS].sort()).toEqual([...ACTIONS].sort());
  expect(Object.keys(TABLE).sort()).toEqual([...STANDINGS].sort());
  for (const row of Object.values(TABLE)) expect(row.split(/\s+/)).toHaveLength(COLUMNS.length);
});

describe.each(STANDINGS.map((s) => [s]))('%s', (standing) => {
  it.each(COLUMNS.map((a) => [a]))('%s', (action) => {
    expect(permits(standing, action)).toBe(allowed(standing, action));
  });
});

// ---- standings read from the store and from Teams ----

const TENANT = 't1';
const person = (name: string): PersonRef => ({ id: `29:${name}`, name, aadObjectId: `aad-${name}` });
const group: Group = { id: 'g1', tenantId: TENANT, name: 'Digitaliseringsrådet', kind: 'council', conversationId: 'chat-g', rules: {} as Group['rules'], createdBy: person('Anna'), createdAt: '2026-01-01T00:00:00Z' };
const meeting = (id: string, groupId?: string): Meeting => ({ id, tenantId: TENANT, teamsMeetingId: `tm-${id}`, conversationId: `chat-${id}`, createdAt: '2026-01-01T00:00:00Z', ...(groupId ? { groupId } : {}) });
const groupMeeting = meeting('m1', group.id);
const laterGroupMeeting = meeting('m2', group.id);
const plainMeeting = meeting('m3');

const roster: Array<[string, GroupRole]> = [['Anna', 'chair'], ['Bo', 'viceChair'], ['Cia', 'organizer'], ['Dan', 'member'], ['Eva', 'coopted']];
const members: Member[] = roster.map(([name, role], i) => ({ id: `mem${i}`, tenantId: TENANT, groupId: group.id, person: person(name), role, from: '2025-01-01' }));
const secretaries = new Map<string, Appointment>([
  [groupMeeting.id, { person: person('Gun'), appointedBy: person('Anna'), appointedAt: '2026-01-02T00:00:00Z' }],
  [laterGroupMeeting.id, { person: person('Lo'), appointedBy: person('Anna'), appointedAt: '2026-01-02T00:00:00Z' }],
  [plainMeeting.id, { person: person('Kim'), appointedBy: person('Hugo'), appointedAt: '2026-01-02T00:00:00Z' }],
]);
const teamsRoles: Record<string, TeamsMeetingRole> = { Hugo: 'Organizer', Ida: 'Presenter', Jon: 'Attendee' };

let teamsAsked = 0;
const policy = new AccessPolicy(
  {
    groups: { members: (tenantId, groupId) => Promise.resolve(tenantId === TENANT && groupId === group.id ? members : []) },
    secretaries: { current: (tenantId, meetingId) => Promise.resolve(tenantId === TENANT ? secretaries.get(meetingId) : undefined) },
  },
  { now: () => new Date('2026-12-03T10:00:00Z') },
);
const ctxOf = (name: string) => ({
  tenantId: TENANT,
  caller: person(name),
  directory: {
    meetingRoleOf: (p: PersonRef) => {
      teamsAsked++;
      return Promise.resolve(teamsRoles[p.name] ?? 'Unknown');
    },
    members: () => Promise.resolve([]),
  },
});

const inGroupMeeting: Scope = { meeting: groupMeeting, group };
const cases: Array<[string, string, Scope, Standing]> = [
  ['the chair', 'Anna', inGroupMeeting, 'chair'],
  ['the vice chair', 'Bo', inGroupMeeting, 'viceChair'],
  ['the organizer', 'Cia', inGroupMeeting, 'organizer'],
  ['a member', 'Dan', inGroupMeeting, 'member'],
  ['a co-opted member', 'Eva', inGroupMeeting, 'coopted'],
  ['the meeting’s secretary, not on the roster', 'Gun', inGroupMeeting, 'secretary'],
  ['another meeting’s secretary, in this meeting', 'Lo', inGroupMeeting, 'outsider'],
  ['another meeting’s secretary, for the group as a whole (the tab)', 'Lo', { group, groupMeetings: [groupMeeting, laterGroupMeeting] }, 'secretary'],
  ['someone else', 'Frank', inGroupMeeting, 'outsider'],
  ['the Teams organizer of a meeting without a group', 'Hugo', { meeting: plainMeeting }, 'meetingOrganizer'],
  ['a presenter there', 'Ida', { meeting: plainMeeting }, 'meetingPresenter'],
  ['an attendee there', 'Jon', { meeting: plainMeeting }, 'meetingAttendee'],
  ['the secretary the organizer appointed there', 'Kim', { meeting: plainMeeting }, 'secretary'],
  ['anyone in a chat with neither', 'Jon', {}, 'openChat'],
];

describe.each(cases)('%s', (_who, name, scope, standing) => {
  it(`stands as ${standing}`, async () => {
    await expect(policy.standing(ctxOf(name), scope)).resolves.toBe(standing);
  });

  it('is let through or refused by the table, and a refusal says what was refused', async () => {
    for (const action of COLUMNS) {
      const outcome = await policy.assert(ctxOf(name), scope, action).then(
        () => 'allowed',
        (e: unknown) => e,
      );
      if (allowed(standing, action)) {
        expect([action, outcome]).toEqual([action, 'allowed']);
        continue;
      }
      expect(isDomainError(outcome)).toBe(true);
      if (!isDomainError(outcome)) continue;
      if (action.endsWith('.record')) {
        expect(outcome.code).toBe(scope.group ? 'ACCESS.GROUP_RECORD_DENIED' : 'ACCESS.RECORD_DENIED');
        expect(outcome.params.kind).toBe(action.slice(0, -'.record'.length));
        // The refusal names the meeting's secretary, who can record instead.
        expect(outcome.params.secretary).toBe(scope.meeting ? secretaries.get(scope.meeting.id)!.person.name : '');
      } else if (action === 'group.read') {
        expect(outcome.code).toBe('ACCESS.TAB_DENIED');
      } else if (action.startsWith('transcript.')) {
        expect(outcome.code).toBe('ACCESS.TRANSCRIPT_DENIED');
      } else {
        expect(outcome.code).toBe(action === 'officers.appoint' && !scope.group ? 'ACCESS.APPOINT_DENIED' : 'ACCESS.MANAGE_DENIED');
      }
    }
  });
});

it('asks Teams for a meeting role only when neither the roster nor an appointment decides', async () => {
  teamsAsked = 0;
  await policy.standing(ctxOf('Anna'), inGroupMeeting);
  await policy.standing(ctxOf('Kim'), { meeting: plainMeeting });
  expect(teamsAsked).toBe(0);
  await policy.standing(ctxOf('Ida'), { meeting: plainMeeting });
  expect(teamsAsked).toBe(1);
});

it('reads a group’s later meetings only when the caller’s role does not decide', async () => {
  let read = 0;
  const later = () => {
    read++;
    return Promise.resolve([laterGroupMeeting]);
  };
  await expect(policy.standing(ctxOf('Anna'), { group }, later)).resolves.toBe('chair');
  expect(read).toBe(0);
  await expect(policy.standing(ctxOf('Lo'), { group }, later)).resolves.toBe('secretary');
  expect(read).toBe(1);
});
