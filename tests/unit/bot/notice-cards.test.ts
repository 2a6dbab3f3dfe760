/** The notice's cards stay under Teams' 28 KB per message however many answered, and list names only where they may. */
import { noticeCard } from '../../../bot/cards/notice.card';
import { noticeConfirmCard, personalLinkCard, unreachableLinksCard } from '../../../bot/cards/notice-overview.card';
import { cardMessage } from '../../../bot/turn';
import type { NoticeOverview } from '../../../src/app/notice-overview';
import { DEFAULT_CHARTER_RULES } from '../../../src/domain/charter';
import type { Member } from '../../../src/domain/group';
import { translator } from '../../../src/i18n';
import { cardText, MAX_MESSAGE_BYTES } from '../../fakes/bot-connector';

const t = translator('en');
const bytes = (c: unknown) => Buffer.byteLength(JSON.stringify({ type: 'message', ...cardMessage(c as Parameters<typeof cardMessage>[0]) }));
const long = (n: number) => 'Å'.repeat(n);

function aCrowd(count: number): NoticeOverview {
  const person = (i: number) => ({ id: `29:person-${i}`, aadObjectId: `aad-${i}`, name: `Ledamot ${i} ${long(40)}` });
  const member = (i: number): Member => ({ id: `m${i}`, tenantId: 't', groupId: 'g', person: person(i), role: 'member', from: '2020-01-01' });
  return {
    meeting: { id: 'meeting-1', tenantId: 't', teamsMeetingId: 'x', conversationId: 'c', title: 'E-råd', startsAt: '2027-02-10T08:00:00.000Z', endsAt: '2027-02-10T11:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z' },
    group: { id: 'g', tenantId: 't', name: 'E-råd Fyrbodal', kind: 'council', conversationId: '19:c', rules: DEFAULT_CHARTER_RULES, createdBy: person(0), createdAt: '2020-01-01T00:00:00.000Z' },
    agenda: [],
    answers: Array.from({ length: count }, (_, i) => ({ person: person(i), attending: i % 2 === 0, note: long(500), substitute: long(200), answeredAt: '2027-01-01T00:00:00.000Z', via: 'link' as const })),
    memberCount: count * 2,
    unanswered: Array.from({ length: count }, (_, i) => member(count + i)),
    editors: Array.from({ length: 70 }, (_, i) => ({ id: `29:editor-${i}`, name: `Editor ${i}` })),
  };
}

it('keeps the shared card and an editor’s view under 28 KB with 300 answers and 300 not answered, saying how many more', () => {
  const o = aCrowd(300);
  const shared = noticeCard(o, 'card-1', t);
  const editor = noticeCard(o, 'card-1', t, { person: o.editors[0]!, follows: true, meetingLink: 'https://teams.microsoft.com/l/entity/x' });
  expect(bytes(shared)).toBeLessThan(MAX_MESSAGE_BYTES);
  expect(bytes(editor)).toBeLessThan(MAX_MESSAGE_BYTES);
  expect(cardText(editor)).toMatch(/and \d+ more \(all of them on the meeting page\)/);
  // Names only in the editor's view.
  expect(cardText(shared)).not.toContain('Ledamot 1 ');
  expect(cardText(editor)).toContain('Ledamot 1 ');
  // Teams refreshes at most 60 users: the editors first.
  expect(shared.refresh!.userIds).toHaveLength(60);
  expect(shared.refresh!.userIds.slice(0, 3)).toEqual(['29:editor-0', '29:editor-1', '29:editor-2']);
});

it('gives a member no names and no remind button', () => {
  const o = aCrowd(3);
  const member = noticeCard(o, 'card-1', t, { person: o.answers[1]!.person, follows: false });
  expect(cardText(member)).toContain('Your answer: I can’t attend');
  expect(cardText(member)).not.toContain('Ledamot 0');
  expect(JSON.stringify(member)).not.toContain('notice.remind');
});

it('carries a link as a button, and an editor’s list of links under 28 KB', () => {
  const url = `https://radslag.example.org/p/${'x'.repeat(300)}`;
  const link = personalLinkCard({ subject: 'Notice: E-råd', paragraphs: ['Hello'], action: 'Answer here' }, url);
  expect(link.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Answer here', url }]);
  expect(cardText(link)).not.toContain('/p/');
  const list = unreachableLinksCard({ links: Array.from({ length: 80 }, (_, i) => ({ name: `Ledamot ${i}`, url })) }, 'E-råd', t);
  expect(bytes(list)).toBeLessThan(MAX_MESSAGE_BYTES);
  expect(cardText(list)).toContain('and 60 more');
  expect(cardText(noticeConfirmCard(aCrowd(1).meeting, 'c', t))).toContain('Send to everyone again');
});
