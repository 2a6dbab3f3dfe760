import type { Guest, MemberAttendance, PeriodFigures } from '../../src/domain/attendance';
import { formatRate } from '../../src/domain/attendance';
import type { AttendanceView } from '../../src/app/ports';
import type { Translate } from '../../src/i18n';
import { openInTab } from './paging';
import { card, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

/** Guests named on the card; the rest are counted. */
export const MAX_NAMED_GUESTS = 25;

const personLine = (name: string, organisation: string | undefined, extra?: string): CardElement =>
  userText(`${name}${organisation ? ` — ${organisation}` : ''}${extra ? ` (${extra})` : ''}`);

/**
 * The meeting's attendance as the minutes list it: present with organisation, excused, absent, guests,
 * presenters and co-opted, and the meeting's rate. `actions` go first (the sheet's "Edit attendance").
 */
export function attendanceCard(view: AttendanceView, t: Translate, notice?: string, tabLink?: string, actions: CardElement[] = []): AdaptiveCard {
  const title = view.meeting.title ?? view.group?.name ?? '';
  const counted = view.members.filter((m) => m.counted);
  const listed = view.members.filter((m) => !m.counted);
  const section = (label: string, people: MemberAttendance[]): CardElement[] => [
    { type: 'TextBlock', text: `${label} (${people.length})`, weight: 'Bolder', separator: true, wrap: true },
    ...(people.length === 0
      ? [note(t('attendance.none'))]
      : people.map((m) => personLine(m.member.person.name, m.member.organisation, m.reason === 'correction' ? t('attendance.corrected') : m.reason === 'checkin' ? t('attendance.checkedIn') : undefined))),
  ];
  const guestLine = (g: Guest) => personLine(g.displayName, g.organisation);
  const body: CardElement[] = [
    heading(t('attendance.title', { title })),
    note(view.date),
    userText(t('attendance.rate', { rate: formatRate(view.rate), present: view.rate.present, expected: view.rate.expected }), { weight: 'Bolder' }),
  ];
  if (notice) body.push(note(notice));
  body.push(
    ...section(t('attendance.present'), counted.filter((m) => m.status === 'present')),
    ...section(t('attendance.excused'), counted.filter((m) => m.status === 'excused')),
    ...section(t('attendance.absent'), counted.filter((m) => m.status === 'absent')),
  );
  const presenters = [...listed.filter((m) => m.status === 'present').map((m) => personLine(m.member.person.name, m.member.organisation)), ...view.guests.filter((g) => g.role === 'Presenter').map(guestLine)];
  if (presenters.length > 0) body.push({ type: 'TextBlock', text: `${t('attendance.presenters')} (${presenters.length})`, weight: 'Bolder', separator: true, wrap: true }, ...presenters);
  const guests = view.guests.filter((g) => g.role !== 'Presenter');
  // A card has a size limit in Teams: a large audience is counted, and the first ones named.
  if (guests.length > 0) {
    body.push({ type: 'TextBlock', text: `${t('attendance.guests')} (${guests.length})`, weight: 'Bolder', separator: true, wrap: true }, ...guests.slice(0, MAX_NAMED_GUESTS).map(guestLine));
    if (guests.length > MAX_NAMED_GUESTS) body.push(note(t('attendance.moreGuests', { count: guests.length - MAX_NAMED_GUESTS })));
  }
  return card(body, [...actions, ...openInTab(tabLink, t)]);
}

/** The group's rates over a period: in total, by organisation, by member. */
export function attendanceFiguresCard(group: string, from: string, to: string, figures: PeriodFigures, t: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(t('attendance.figuresTitle', { group, from, to }))];
  if (figures.matrix.meetings.length === 0) return card([...body, userText(t('attendance.noMeetings'))]);
  body.push(userText(t('attendance.overall', { rate: formatRate(figures.overall), present: figures.overall.present, expected: figures.overall.expected }), { weight: 'Bolder' }));
  const table = (label: string, rows: Array<{ name: string; rate: string }>): CardElement[] => [
    { type: 'TextBlock', text: label, weight: 'Bolder', separator: true, wrap: true },
    ...rows.map((r) => ({
      type: 'ColumnSet',
      spacing: 'Small',
      columns: [
        { type: 'Column', width: 'stretch', items: [userText(r.name)] },
        { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: r.rate }] },
      ],
    })),
  ];
  body.push(...table(t('attendance.byOrganisation'), figures.byOrganisation.map((o) => ({ name: o.organisation, rate: formatRate(o.rate) }))));
  body.push(...table(t('attendance.byMember'), figures.byMember.slice(0, 60).map((m) => ({ name: m.member.person.name, rate: formatRate(m.rate) }))));
  return card(body);
}

export function attendanceDeniedCard(title: string, t: Translate): AdaptiveCard {
  return card([heading(t('attendance.deniedTitle'), { color: 'Warning' }), userText(t('attendance.denied', { title }))]);
}
