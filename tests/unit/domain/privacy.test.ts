/** The rules of personal-data handling: the pseudonym, the cut-off, who a person is, which records are theirs, frozen facts. */
import { matchRecords, meetingAttendance, type AttendanceRecord } from '../../../src/domain/attendance';
import type { Member } from '../../../src/domain/group';
import { distinctPeople, identityOf, pseudonym, recordsOfPerson, retentionCutoff } from '../../../src/domain/privacy';

const member = (id: string, name: string, extra: Partial<Member['person']> = {}, role: Member['role'] = 'member'): Member => ({
  id,
  tenantId: 't',
  groupId: 'g',
  person: { id: `29:${id}`, name, ...extra },
  role,
  from: '2026-01-01',
});
const pia = member('pia', 'Pia Carlsson', { aadObjectId: 'AAD-PIA', email: 'Pia.Carlsson@amal.se' });
const hakan = member('hakan', 'Håkan Sundberg', { aadObjectId: 'aad-hakan' });
const record = (recordId: string, displayName: string, seconds: number, extra: Partial<AttendanceRecord> = {}): AttendanceRecord => ({ reportId: 'r1', recordId, displayName, role: 'Attendee', seconds, ...extra });

it('names the erased "Tidigare ledamot <n>", one number each', () => {
  expect([pseudonym(1), pseudonym(7)]).toEqual(['Tidigare ledamot 1', 'Tidigare ledamot 7']);
});

it('cuts off at the given days before now, and never for `never`', () => {
  const now = new Date('2026-12-03T02:00:00.000Z');
  expect(retentionCutoff(0, now)).toBe('2026-12-03T02:00:00.000Z');
  expect(retentionCutoff(365, now)).toBe('2025-12-03T02:00:00.000Z');
  expect(retentionCutoff('never', now)).toBeUndefined();
});

it('folds a person’s roster rows and what was asked into one identity, without a personal link’s ids', () => {
  const second = { ...member('pia-2', 'pia  carlsson', { aadObjectId: 'aad-pia', email: 'pia.carlsson@AMAL.se' }), person: { id: 'member:pia-2', name: 'pia  carlsson', aadObjectId: 'aad-pia', email: 'pia.carlsson@AMAL.se' } };
  const who = identityOf([pia, second], { email: 'pia@privat.se' }, ['Pia C.']);
  expect(who).toEqual({ members: [pia, second], names: ['Pia Carlsson', 'Pia C.'], emails: ['Pia.Carlsson@amal.se', 'pia@privat.se'], aadObjectIds: ['AAD-PIA'], personIds: ['29:pia'] });
});

it('finds the person’s records by Entra id, address, folded name or the roster’s matching, and no one else’s', () => {
  const records = [
    record('1', 'Pia C.', 100, { aadObjectId: 'aad-pia' }),
    record('2', 'Someone', 100, { email: 'pia.carlsson@amal.se' }),
    record('3', 'Pia Carlsson (Guest)', 100),
    record('4', 'Håkan Sundberg', 100, { aadObjectId: 'aad-hakan' }),
    record('5', 'Johan Högne', 100, { email: 'johan@centigo.se' }),
  ];
  expect(recordsOfPerson(records, [pia, hakan], identityOf([pia])).map((r) => r.recordId)).toEqual(['1', '2', '3']);
});

it('lets frozen facts stand in for deleted reports and answers, and a correction still wins', () => {
  const roster = [pia, hakan];
  const input = { date: '2026-12-03', roster, checkedIn: [], excused: [], corrections: [] } as const;
  const emptied = meetingAttendance({ ...input, matched: matchRecords([], roster) });
  expect(emptied.rate).toMatchObject({ present: 0, expected: 2 });
  const settled = new Map([
    ['pia', { memberId: 'pia', seconds: 0, checkedIn: true, gaveNotice: true }],
    ['hakan', { memberId: 'hakan', seconds: 3000, checkedIn: false, gaveNotice: false }],
  ]);
  const frozen = meetingAttendance({ ...input, matched: matchRecords([], roster), settled });
  expect(frozen.members.map((m) => [m.member.id, m.status, m.reason])).toEqual([
    ['pia', 'present', 'checkin'],
    ['hakan', 'present', 'report'],
  ]);
  const corrected = meetingAttendance({ ...input, matched: matchRecords([], roster), settled, corrections: [{ memberId: 'hakan', status: 'excused', byName: 'Sara', at: '2026-12-04T00:00:00Z' }] });
  expect(corrected.members.find((m) => m.member.id === 'hakan')).toMatchObject({ status: 'excused', reason: 'correction' });
});

it('tells namesakes apart: rows sharing an address or account are one person, others are another', () => {
  const piaElsewhere = { ...member('pia-2', 'Pia Carlsson', { email: 'PIA.CARLSSON@amal.se' }), groupId: 'g2' };
  const namesake = member('pia-3', 'Pia Carlsson', { aadObjectId: 'aad-other', email: 'pia.carlsson@vanersborg.se' });
  expect(distinctPeople([pia, piaElsewhere]).map((p) => p.map((m) => m.id))).toEqual([['pia', 'pia-2']]);
  expect(distinctPeople([pia, namesake, piaElsewhere]).map((p) => p.map((m) => m.id).sort())).toEqual([['pia-3'], ['pia', 'pia-2']]);
  // A row with a name only cannot be told to be anyone: it counts as one more person.
  const nameOnly = { ...member('pia-4', 'Pia Carlsson'), person: { id: 'member:pia-4', name: 'Pia Carlsson' } };
  expect(distinctPeople([pia, nameOnly])).toHaveLength(2);
  expect(distinctPeople([])).toEqual([]);
});
