import { meetingAttendance, type MemberAttendance } from '../../../src/domain/attendance';
import { readSheet, sheetChanges, sheetField } from '../../../src/domain/attendance-sheet';
import type { Member } from '../../../src/domain/group';
import { domainErrorOf } from '../../helpers/domain-error';

const member = (id: string, name: string, organisation: string): Member => ({
  id,
  tenantId: 't',
  groupId: 'g',
  person: { id: `29:${id}`, name },
  role: 'member',
  organisation,
  from: '2020-01-01',
});

/** Seed 003's kind of day: Anders excused on the notice, the others not known yet. */
function attendance(): MemberAttendance[] {
  const roster = [member('m1', 'Marcus Holm', 'Bengtsfors'), member('m2', 'Anders Wockatz', 'Dals-Ed'), member('m3', 'Jan Lindgren', 'Dals-Ed')];
  return meetingAttendance({
    date: '2020-05-14',
    roster,
    matched: { seconds: new Map(), guests: [] },
    checkedIn: [],
    excused: [{ id: '29:m2', name: 'Anders Wockatz' }],
    corrections: [],
  }).members;
}

describe('readSheet', () => {
  it('reads one status per member field and ignores the rest of the card’s data', () => {
    expect(readSheet({ cardId: 'c', meetingId: 'x', [sheetField('m1')]: 'present', [sheetField('m2')]: 'excused', [sheetField('m3')]: '' })).toEqual([
      { memberId: 'm1', status: 'present' },
      { memberId: 'm2', status: 'excused' },
    ]);
  });

  it('refuses a status it does not know, quoting it', () => {
    expect(domainErrorOf(() => readSheet({ [sheetField('m1')]: 'sjuk' }))).toMatchObject({ code: 'ATTENDANCE.BAD_STATUS', params: { value: 'sjuk' } });
  });
});

describe('sheetChanges', () => {
  it('keeps only what the secretary changed: the notice’s excuse left as it was is not a correction', () => {
    const current = attendance();
    expect(current.map((m) => [m.member.person.name, m.status, m.reason])).toEqual([
      ['Marcus Holm', 'absent', 'none'],
      ['Anders Wockatz', 'excused', 'notice'],
      ['Jan Lindgren', 'absent', 'none'],
    ]);
    const submitted = readSheet({ [sheetField('m1')]: 'present', [sheetField('m2')]: 'excused', [sheetField('m3')]: 'absent' });
    expect(sheetChanges(current, submitted)).toEqual([{ memberId: 'm1', status: 'present' }]);
  });

  it('refuses a card that names someone not on the roster on the meeting’s day', () => {
    expect(domainErrorOf(() => sheetChanges(attendance(), [{ memberId: 'gone', status: 'present' }]))).toMatchObject({ code: 'ATTENDANCE.BAD_SHEET', params: { count: 1 } });
  });
});
