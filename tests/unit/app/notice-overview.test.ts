/** Who has not answered the notice: a member's answer counts whether it came on the card or through their link. */
import { unansweredMembers } from '../../../src/app/notice-overview';
import type { NoticeAnswer } from '../../../src/domain/attendance-answers';
import type { Member } from '../../../src/domain/group';

const member = (id: string, person: Member['person']): Member => ({ id, tenantId: 't', groupId: 'g', person, role: 'member', from: '2020-01-01' });
const answer = (person: NoticeAnswer['person']): NoticeAnswer => ({ person, attending: true, answeredAt: '2027-01-01T00:00:00.000Z', via: 'card' });

it('matches a card answer by Entra object id, a link answer of a roster row without an account by the row, and leaves the rest', () => {
  const sara = member('m1', { id: '29:sara', aadObjectId: 'AAD-SARA', name: 'Sara' });
  const pia = member('m2', { id: '', name: 'Pia', email: 'pia@amal.se' });
  const per = member('m3', { id: '', name: 'Per', email: 'per@amal.se' });
  const olle = member('m4', { id: '29:olle', name: 'Olle' });
  const answers = [answer({ id: '29:other-id', aadObjectId: 'aad-sara', name: 'Sara H' }), answer({ id: 'member:m2', name: 'Pia' })];
  expect(unansweredMembers([sara, pia, per, olle], answers).map((m) => m.person.name)).toEqual(['Per', 'Olle']);
  expect(unansweredMembers([olle], [answer({ id: '29:olle', name: 'Olle' })])).toEqual([]);
});
