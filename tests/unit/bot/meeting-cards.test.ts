/**
 * The cards of issue 17 — the agenda with breaks, the attendance sheet, the booking link — parsed and
 * validated by the Adaptive Cards SDK as cards.test.ts does for the others, and the sheet's pages within
 * Teams' message size for a large roster, every member once.
 */
import * as AC from 'adaptivecards';
import { agendaCard } from '../../../bot/cards/agenda.card';
import { attendanceSheet, RECORD_SHEET_VERB } from '../../../bot/cards/attendance-sheet.card';
import { bookingTakenCard, linkedWithBookingsCard } from '../../../bot/cards/booking-link.card';
import type { AdaptiveCard } from '../../../bot/cards/card';
import { CARD_BUDGET_BYTES } from '../../../bot/cards/paging';
import { recordedCard } from '../../../bot/cards/schedule.card';
import type { MeetingView } from '../../../src/app/meeting-run-service';
import type { AttendanceView } from '../../../src/app/ports';
import { addRow, parseAgendaRow } from '../../../src/domain/agenda-edit';
import type { AgendaEntry } from '../../../src/domain/agenda';
import { meetingAttendance } from '../../../src/domain/attendance';
import type { Group, Member } from '../../../src/domain/group';
import type { Meeting } from '../../../src/domain/meeting';
import { translator, type Translate } from '../../../src/i18n';

const CARD_ID = 'card-1';
const group: Group = {
  id: 'group-1',
  tenantId: 't',
  name: 'Fyrbodals nätverk för e-samhälle',
  kind: 'network',
  conversationId: '19:g',
  rules: { noticeDays: 14, preparationDaysBefore: 14, meetingsPerYear: 6 },
  createdBy: { id: '29:sara', name: 'Sara Herrman' },
  createdAt: '2020-01-01T00:00:00.000Z',
};
const meeting = (extra: Partial<Meeting> = {}): Meeting => ({
  id: 'meeting-1',
  tenantId: 't',
  teamsMeetingId: 'scheduled:meeting-1',
  conversationId: 'scheduled:meeting-1',
  title: 'Nätverksmöte',
  startsAt: '2020-05-14T11:00:00.000Z',
  endsAt: '2020-05-14T14:00:00.000Z',
  groupId: group.id,
  createdAt: '2020-05-01T00:00:00.000Z',
  ...extra,
});
const agenda = (): AgendaEntry[] =>
  ['I 13.00 Tidigare mötesprotokoll — Sara', 'D 13.05 Hur står det till i Corona-tider? — Alla', 'paus 14.30', 'D 14.45 Digitala möten — Sara', 'avslut 16.00'].reduce<AgendaEntry[]>((a, l) => addRow(a, parseAgendaRow(l)), []);
const member = (i: number, organisation?: string): Member => ({ id: `member-${i}`, tenantId: 't', groupId: group.id, person: { id: `29:m${i}`, name: `Ledamot ${String(i).padStart(3, '0')} Förnamn-Efternamn` }, role: 'member', ...(organisation ? { organisation } : {}), from: '2020-01-01' });
const attendanceOf = (members: Member[]): AttendanceView => ({
  ...meetingAttendance({ date: '2020-05-14', roster: members, matched: { seconds: new Map(), guests: [] }, checkedIn: [], excused: [members[1]!.person], corrections: [] }),
  meeting: meeting(),
  group,
});

function sdkProblems(json: unknown): string[] {
  const sdkCard = new AC.AdaptiveCard();
  sdkCard.hostConfig = new AC.HostConfig({ supportsInteractivity: true, actions: { maxActions: 6 } });
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  sdkCard.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of sdkCard.validateProperties().validationEvents) problems.push(e.message);
  return problems;
}

const cards = (t: Translate): Array<[string, AdaptiveCard]> => {
  const view: MeetingView = { meeting: meeting(), group, agenda: agenda() };
  const running: MeetingView = { ...view, meeting: meeting({ currentItem: 3, startedAt: '2020-05-14T11:00:00.000Z' }) };
  const done: MeetingView = { ...view, meeting: meeting({ currentItem: 3, startedAt: '2020-05-14T11:00:00.000Z', agendaDoneAt: '2020-05-14T13:58:00.000Z' }) };
  return [
    ['agenda with a break and the closing row', agendaCard(view, new Date('2020-05-14T10:00:00.000Z'), CARD_ID, t, true)],
    ['agenda on its last item', agendaCard(running, new Date('2020-05-14T13:00:00.000Z'), CARD_ID, t, true)],
    ['agenda done', agendaCard(done, new Date('2020-05-14T14:00:00.000Z'), CARD_ID, t, true)],
    ['attendance sheet', attendanceSheet(attendanceOf([member(1, 'Bengtsfors'), member(2, 'Dals-Ed'), member(3)]), CARD_ID, t, { tabLink: 'https://teams.microsoft.com/l/entity/x' }).card],
    ['booking taken', bookingTakenCard(group, meeting(), { items: 3, attending: 12, excused: 3, secretary: 'Curt-Göran Crantz' }, 0, t)],
    ['linked, with bookings to choose', linkedWithBookingsCard(group, 1, '2020-05-13', [meeting(), meeting({ id: 'meeting-2', title: 'Junimötet' })], CARD_ID, t)],
    ['recorded as held', recordedCard({ kind: 'recorded', meeting: meeting(), group, alreadyScheduled: false }, t)],
  ];
};

describe.each(['sv', 'en'] as const)('in %s', (locale) => {
  it.each(cards(translator(locale)))('%s parses and validates without a single warning', (_name, c) => {
    expect(sdkProblems(c)).toEqual([]);
  });
});

it('shows breaks without number or type, and the last item’s button finishes the agenda', () => {
  const t = translator('sv');
  const [plain, last, done] = cards(t).map(([, c]) => JSON.stringify(c));
  expect(plain).toContain('"text":"PAUS"');
  expect(plain).toContain('"value":"break@14:30"');
  expect(last).toContain('"title":"Avsluta dagordningen"');
  expect(done).not.toContain('"verb":"agenda.next"');
  expect(done).toContain('Dagordningen är genomgången: alla 3 punkter är behandlade.');
});

it('splits a sheet of 200 members into pages within a message, every member once, in the minutes’ order', () => {
  const t = translator('sv');
  const members = Array.from({ length: 200 }, (_, i) => member(i, `Kommun ${String(199 - i).padStart(3, '0')}`));
  const view = attendanceOf(members);
  const seen: string[] = [];
  let offset = 0;
  for (let page = 0; page < 20 && offset < members.length; page++) {
    const { card, complete } = attendanceSheet(view, CARD_ID, t, { offset });
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const ids = [...JSON.stringify(card).matchAll(/"id":"m_(member-\d+)"/g)].map((m) => m[1]!);
    seen.push(...ids);
    const save = card.actions!.find((a) => a.verb === RECORD_SHEET_VERB) as { data: { offset: number; next: number } };
    expect(save.data).toMatchObject({ offset, next: offset + ids.length });
    expect(complete).toBe(offset + ids.length === members.length);
    offset = save.data.next;
  }
  expect(seen).toHaveLength(200);
  expect(new Set(seen).size).toBe(200);
  // By organisation: Kommun 000 (member 199) first.
  expect(seen[0]).toBe('member-199');
});
