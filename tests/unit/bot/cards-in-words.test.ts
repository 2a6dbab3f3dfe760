/**
 * Issue 22: no card of the schedule, notice and attendance flows shows a rule code (`NOTICE_PERIOD`) or a
 * setting name (`AAD_APP_CLIENT_ID`): every variant those flows produce, and every refusal they can give,
 * rendered in Swedish and English, has no `WORD_WORD` token in its text or its buttons (and is a valid card).
 */
import * as AC from 'adaptivecards';
import { attendanceCard, attendanceDeniedCard } from '../../../bot/cards/attendance.card';
import { attendanceSheet } from '../../../bot/cards/attendance-sheet.card';
import type { AdaptiveCard } from '../../../bot/cards/card';
import { helpHereCard } from '../../../bot/cards/help.card';
import { meetingChangedCard, meetingsCard, moveMeetingCard } from '../../../bot/cards/meetings.card';
import { checkInCard } from '../../../bot/cards/checkin.card';
import { noticeConfirmCard, unreachableLinksCard } from '../../../bot/cards/notice-overview.card';
import { noticeCard } from '../../../bot/cards/notice.card';
import { noticeReminderCard } from '../../../bot/cards/notice-reminder.card';
import { heldBackCard, recordedCard, scheduledCard, scheduleFormCard, seriesBookedCard, seriesCard } from '../../../bot/cards/schedule.card';
import type { ScheduleOutcome } from '../../../src/app/scheduling-service';
import type { AttendanceView } from '../../../src/app/ports';
import { defaultAgendaTemplate } from '../../../src/domain/agenda';
import { meetingAttendance } from '../../../src/domain/attendance';
import type { RuleFinding } from '../../../src/domain/charter';
import { DomainError, type ErrorCode } from '../../../src/domain/errors';
import type { Group, Member } from '../../../src/domain/group';
import type { Meeting } from '../../../src/domain/meeting';
import { proposeSeries } from '../../../src/domain/meeting-series';
import { translator, type Translate } from '../../../src/i18n';
import { errorMessage } from '../../../src/i18n/domain-errors';

const CODE = /\b[A-Z]+_[A-Z_]+\b/;
const group: Group = {
  id: 'group-1',
  tenantId: 't',
  name: 'E-råd Fyrbodal',
  kind: 'council',
  conversationId: '19:g',
  rules: { noticeDays: 14, preparationDaysBefore: 14, meetingsPerYear: 6 },
  preparationGroupId: 'group-2',
  createdBy: { id: '29:sara', name: 'Sara Herrman' },
  createdAt: '2026-01-01T00:00:00.000Z',
};
const { preparationGroupId: _none, ...council } = group;
const prepGroup: Group = { ...council, id: 'group-2', name: 'Beredning e-råd', kind: 'preparation' };
const meeting = (extra: Partial<Meeting> = {}): Meeting => ({
  id: 'meeting-1',
  tenantId: 't',
  teamsMeetingId: 'scheduled:meeting-1',
  conversationId: 'scheduled:meeting-1',
  title: 'E-råd Fyrbodal',
  startsAt: '2026-12-10T08:00:00.000Z',
  endsAt: '2026-12-10T11:00:00.000Z',
  groupId: group.id,
  createdAt: '2026-12-03T09:00:00.000Z',
  ...extra,
});
const member = (i: number): Member => ({ id: `m-${i}`, tenantId: 't', groupId: group.id, person: { id: `29:m${i}`, name: `Ledamot ${i}` }, role: 'member', from: '2026-01-01' });
const attendance = (): AttendanceView => {
  const roster = [member(1), member(2), member(3)];
  return { ...meetingAttendance({ date: '2026-12-10', roster, matched: { seconds: new Map(), guests: [] }, checkedIn: [], excused: [roster[1]!.person], corrections: [] }), meeting: meeting(), group };
};
const override = { rule: 'NOTICE_PERIOD', reason: 'Budgeten måste beslutas', byName: 'Sara Herrman' };
const warnings: RuleFinding[] = [
  { rule: 'YEARLY_COUNT', params: { year: 2027, count: 7, meetingsPerYear: 6 } },
  { rule: 'NO_PREPARATION_MEETING', params: { expectedDate: '2027-01-27', earliestDate: '2027-01-25', latestDate: '2027-01-29', daysBefore: 14 } },
];
const scheduled = (extra: Partial<Extract<ScheduleOutcome, { kind: 'scheduled' }>> = {}): Extract<ScheduleOutcome, { kind: 'scheduled' }> => ({
  kind: 'scheduled',
  meeting: meeting(),
  group,
  warnings: [],
  teams: { kind: 'notConfigured' },
  alreadyScheduled: false,
  ...extra,
});
/** The refusals a schedule, notice or attendance card can show, with parameters as the use cases give them. */
const REFUSALS: Array<[ErrorCode, Record<string, string | number>]> = [
  ['SCHEDULE.PREPARATION_PASSED', { date: '2026-11-26', today: '2026-12-03', meetingDate: '2026-12-10', earliestDate: '2026-12-04' }],
  ['SCHEDULE.NO_PREPARATION_DATE', { today: '2026-12-03', meetingDate: '2026-12-04' }],
  ['SCHEDULE.OVERRIDE_REASON', { min: 5, max: 500, length: 2 }],
  ['SCHEDULE.UNDER_WAY', { start: '2026-12-03 09:00', end: '12:00', now: '2026-12-03 10:00' }],
  ['SCHEDULE.END_BEFORE_START', { start: '2026-12-10 12:00', end: '2026-12-10 09:00' }],
  ['SCHEDULE.SERIES_TOO_EARLY', { date: '2026-12-10', noticeDays: 14, earliestDate: '2026-12-17' }],
  ['GROUP.PREPARATION_NOT_FOUND', { name: 'Beredning e-råd' }],
];

function variants(t: Translate): Array<[string, AdaptiveCard]> {
  const view = { meeting: meeting(), group, agenda: defaultAgendaTemplate('sv', { start: '09:00', end: '12:00' }) };
  const proposals = proposeSeries({ year: 2027, rules: group.rules, time: { start: '09:00', end: '12:00' }, now: new Date('2026-12-03T09:00:00Z') });
  const prepMeeting = meeting({ id: 'meeting-2', groupId: prepGroup.id, title: 'Beredning e-råd: E-råd Fyrbodal', startsAt: '2026-12-04T08:00:00.000Z', endsAt: '2026-12-04T09:00:00.000Z' });
  return [
    ['scheduleFormCard', scheduleFormCard('c', t)],
    ['heldBackCard', heldBackCard({ kind: 'heldBack', findings: [{ rule: 'NOTICE_PERIOD', params: { daysAhead: 7, noticeDays: 14, latestNoticeDate: '2026-11-26', earliestStartDate: '2026-12-17' } }], request: { date: '2026-12-10', start: '09:00', end: '12:00', title: 'Extramöte' } }, 'c', t)],
    ['scheduledCard without Graph', scheduledCard(scheduled(), 'c', t)],
    ['scheduledCard with an override, warnings and a preparation offer', scheduledCard(scheduled({ meeting: meeting({ override }), warnings, preparationProposal: '2026-12-04' }), 'c', t)],
    ['scheduledCard with an override of several rules', scheduledCard(scheduled({ meeting: meeting({ override: { ...override, rule: 'NOTICE_PERIOD,YEARLY_COUNT' } }) }), 'c', t)],
    ['scheduledCard with no day left for preparation', scheduledCard(scheduled({ noPreparationDate: true }), 'c', t)],
    ['scheduledCard with Teams, install refused', scheduledCard(scheduled({ teams: { kind: 'created', joinUrl: 'https://teams.example/x', install: { kind: 'refused', status: 403, message: 'Forbidden' } } }), 'c', t)],
    ['scheduledCard when Graph failed', scheduledCard(scheduled({ teams: { kind: 'failed', message: 'Graph answered 503' } }), 'c', t)],
    ['recordedCard', recordedCard({ kind: 'recorded', meeting: meeting(), group, alreadyScheduled: false }, t)],
    ['seriesCard', seriesCard(2027, proposals, 'c', t)],
    ['seriesBookedCard', seriesBookedCard('2027', [scheduled(), scheduled({ meeting: prepMeeting, group: prepGroup })], t)],
    ['noticeCard', noticeCard({ ...view, answers: [], memberCount: 3, unanswered: [], editors: [] }, 'c', t)],
    ['noticeConfirmCard', noticeConfirmCard(meeting({ noticeSentAt: '2026-11-20T09:00:00.000Z' }), 'c', t)],
    ['meetingChangedCard moved', meetingChangedCard({ title: 'E-råd', from: { date: '2026-12-10', start: '09:00', end: '12:00' }, to: { date: '2026-12-17', start: '09:00', end: '12:00' } }, t)],
    ['moveMeetingCard with a problem', moveMeetingCard(meeting(), '2026-12-03', 'c', t, { values: { date: '2026-12-01' }, problem: 'Välj ett senare datum.' })],
    ['unreachableLinksCard', unreachableLinksCard({ links: [{ name: 'Eva Grann', url: 'https://radslag.example.org/p/abc.def' }] }, 'E-råd', t)],
    ['meetingChangedCard cancelled', meetingChangedCard({ title: 'E-råd', from: { date: '2026-12-10', start: '09:00' } }, t)],
    ['noticeReminderCard', noticeReminderCard({ kind: 'noticeReminder', meetingId: 'meeting-1', title: 'E-råd', meetingDate: '2026-12-10', noticeDeadline: '2026-11-26' }, t)],
    ['checkInCard', checkInCard('meeting-1', [], 'c', t)],
    ['attendanceCard without Graph', attendanceCard(attendance(), t, t('attendance.notConfigured'))],
    ['attendanceDeniedCard', attendanceDeniedCard('E-råd', t)],
    ['attendanceSheet', attendanceSheet(attendance(), 'c', t).card],
    ['meetingsCard for a manager, after a cancel', meetingsCard({ group, meetings: [{ meeting: meeting(), group, preparation: false }, { meeting: prepMeeting, group: prepGroup, preparation: true }], mayManage: true }, 'c', t, 'Inställt')],
    ['meetingsCard empty', meetingsCard({ group, meetings: [], mayManage: false }, 'c', t)],
    ['helpHereCard in a group chat', helpHereCard(t, 'group', 'c')],
    ['helpHereCard in a meeting chat', helpHereCard(t, 'meeting', 'c')],
    ['helpHereCard in a personal chat', helpHereCard(t, 'personal', 'c')],
  ];
}

describe.each(['sv', 'en'] as const)('cards in words (%s)', (locale) => {
  const t = translator(locale);
  it.each(variants(t))('%s shows no rule code or setting name', (_name, card) => {
    expect(JSON.stringify(card).match(/"(?:text|title|label|placeholder|errorMessage)":"[^"]*"/g)?.join('\n') ?? '').not.toMatch(CODE);
  });

  it.each(variants(t))('%s is a valid Adaptive Card 1.5', (_name, card) => {
    const sdkCard = new AC.AdaptiveCard();
    sdkCard.hostConfig = new AC.HostConfig({ supportsInteractivity: true, actions: { maxActions: 6 } });
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    sdkCard.parse(card, context);
    const problems = [...Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message), ...sdkCard.validateProperties().validationEvents.map((e) => e.message)];
    expect(problems).toEqual([]);
  });

  it.each(REFUSALS)('the refusal %s is said in words', (code, params) => {
    expect(errorMessage(new DomainError(code, params), t)).not.toMatch(CODE);
  });

  it('names the overridden rule in words', () => {
    const text = JSON.stringify(scheduledCard(scheduled({ meeting: meeting({ override }) }), 'c', t));
    expect(text).toContain(t('minutes.rule.NOTICE_PERIOD'));
  });
});

it('catches a code when one is there (the check itself works)', () => {
  expect('Exception to NOTICE_PERIOD').toMatch(CODE);
  expect('(AAD_APP_CLIENT_ID, SECRET_AAD_APP_CLIENT_SECRET)').toMatch(CODE);
});
