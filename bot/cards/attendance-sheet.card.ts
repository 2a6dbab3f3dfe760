/**
 * The secretary's attendance sheet: every member listed on the meeting's day, with organisation, each with
 * present / excused / absent pre-filled from what is known, submitted once. A large roster is split into
 * pages that fit in one Teams message; each page is saved as it is submitted and the next one follows.
 */
import type { MemberAttendance } from '../../src/domain/attendance';
import { formatRate } from '../../src/domain/attendance';
import { sheetField } from '../../src/domain/attendance-sheet';
import type { AttendanceView } from '../../src/app/ports';
import type { Translate } from '../../src/i18n';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';
import { byteSize, openInTab, rowsThatFit } from './paging';

export const RECORD_SHEET_VERB = 'attendance.recordSheet';
export const EDIT_SHEET_VERB = 'attendance.editSheet';

const STATUSES = ['present', 'excused', 'absent'] as const;

/** The sheet's order, as the council's minutes list participants: by organisation, then by name. The pages' offsets count in it. */
export const sheetOrder = (members: readonly MemberAttendance[]): MemberAttendance[] =>
  [...members].sort((a, b) => (a.member.organisation ?? '').localeCompare(b.member.organisation ?? '', 'sv') || a.member.person.name.localeCompare(b.member.person.name, 'sv'));

/** What decided a member's status, in a few words. */
function reasonOf(m: MemberAttendance, t: Translate): string | undefined {
  switch (m.reason) {
    case 'correction':
      return m.correction ? t('attendance.correctedBy', { name: m.correction.byName }) : t('attendance.corrected');
    case 'report':
      return t('attendance.fromReport');
    case 'checkin':
      return t('attendance.checkedIn');
    case 'notice':
      return t('attendance.fromNotice');
    case 'none':
      return undefined;
  }
}

function memberRow(m: MemberAttendance, t: Translate): CardElement {
  const details = [m.member.organisation, m.counted ? undefined : t('role.coopted'), reasonOf(m, t)].filter(Boolean).join(' · ');
  return {
    type: 'ColumnSet',
    separator: true,
    columns: [
      { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [userText(m.member.person.name, { weight: 'Bolder' }), ...(details ? [note(details)] : [])] },
      {
        type: 'Column',
        width: 'stretch',
        items: [{ type: 'Input.ChoiceSet', id: sheetField(m.member.id), style: 'compact', value: m.status, choices: STATUSES.map((s) => ({ title: t(`attendance.status.${s}`), value: s })) }],
      },
    ],
  };
}

export interface SheetOptions {
  offset?: number;
  /** What the last press did. */
  notice?: string;
  /** The tab's attendance page of the group. */
  tabLink?: string;
}

/**
 * The sheet from member `offset` on: as many members as fit, and one button that saves them (and brings
 * the next page, if any). `complete`: every member from `offset` on is on this page.
 */
export function attendanceSheet(view: AttendanceView, cardId: string, t: Translate, options: SheetOptions = {}): { card: AdaptiveCard; complete: boolean } {
  const { offset = 0, notice, tabLink } = options;
  const title = view.meeting.title ?? view.group?.name ?? '';
  const members = sheetOrder(view.members);
  const head: CardElement[] = [
    heading(t('attendance.sheetTitle', { title })),
    note(view.date),
    userText(t('attendance.rate', { rate: formatRate(view.rate), present: view.rate.present, expected: view.rate.expected }), { weight: 'Bolder' }),
    note(t('attendance.sheetIntro')),
  ];
  if (notice) head.push(note(notice, { color: 'Good' }));
  if (members.length === 0) return { card: card([...head, userText(t('attendance.sheetEmpty', { date: view.date }))], openInTab(tabLink, t)), complete: true };
  const rows = members.slice(offset).map((m) => memberRow(m, t));
  const action = (shown: number) => {
    const to = offset + shown;
    const label = to < members.length ? t('attendance.sheetSaveMore', { from: offset + 1, to, total: members.length }) : t('attendance.sheetSave');
    return execute(label, RECORD_SHEET_VERB, { cardId, meetingId: view.meeting.id, offset, next: to }, { style: 'positive' });
  };
  const base = byteSize(card([...head, note(t('list.window', { from: offset + 1, to: members.length, total: members.length }))], [action(rows.length), ...openInTab(tabLink, t)]));
  const shown = rowsThatFit(rows, base);
  const body = [...head];
  if (offset > 0 || shown < rows.length) body.push(note(t('list.window', { from: offset + 1, to: offset + shown, total: members.length })));
  return { card: card([...body, ...rows.slice(0, shown)], [action(shown), ...openInTab(tabLink, t)]), complete: shown === rows.length };
}

export const attendanceSheetCard = (view: AttendanceView, cardId: string, t: Translate, options: SheetOptions = {}): AdaptiveCard => attendanceSheet(view, cardId, t, options).card;

/** The button on the attendance card that opens the sheet for those who may record attendance. */
export const editSheetAction = (meetingId: string, cardId: string, t: Translate): CardElement => execute(t('attendance.edit'), EDIT_SHEET_VERB, { cardId, meetingId });
