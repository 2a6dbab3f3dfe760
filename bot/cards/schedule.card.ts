import { latestNoticeDate, type RuleFinding, type ScheduleRule } from '../../src/domain/charter';
import type { Group } from '../../src/domain/group';
import type { Meeting } from '../../src/domain/meeting';
import type { ProposedMeeting } from '../../src/domain/meeting-series';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import type { ScheduleOutcome } from '../../src/app/scheduling-service';
import type { MessageKey, Translate } from '../../src/i18n';
import { NOTICE_SEND_VERB } from './notice-overview.card';
import { card, execute, heading, note, userText, type AdaptiveCard, type CardElement } from './card';

export const SCHEDULE_VERB = 'schedule.book';
export const BOOK_PREPARATION_VERB = 'schedule.preparation';
export const BOOK_SERIES_VERB = 'schedule.series';

export interface ScheduleFormValues {
  title?: string;
  date?: string;
  start?: string;
  end?: string;
}

/** `/schedule` alone: every field of the quick form. */
export function scheduleFormCard(cardId: string, t: Translate, values: ScheduleFormValues = {}, problem?: string): AdaptiveCard {
  const body: CardElement[] = [heading(t('schedule.formTitle')), note(t('schedule.timesNote'))];
  if (problem) body.push(userText(problem, { color: 'Attention' }));
  body.push(
    { type: 'Input.Text', id: 'title', label: t('schedule.title'), maxLength: 200, ...(values.title ? { value: values.title } : {}) },
    { type: 'Input.Date', id: 'date', label: t('schedule.date'), isRequired: true, errorMessage: t('schedule.date'), ...(values.date ? { value: values.date } : {}) },
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: 'start', label: t('schedule.start'), isRequired: true, errorMessage: t('schedule.start'), value: values.start ?? '09:00' }] },
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: 'end', label: t('schedule.end'), isRequired: true, errorMessage: t('schedule.end'), value: values.end ?? '12:00' }] },
      ],
    },
  );
  return card(body, [execute(t('schedule.submit'), SCHEDULE_VERB, { cardId }, { style: 'positive' })]);
}

/** The notice rule holds the booking back: the organizer may book anyway, with a reason for the minutes. */
export function heldBackCard(outcome: Extract<ScheduleOutcome, { kind: 'heldBack' }>, cardId: string, t: Translate, problem?: string): AdaptiveCard {
  const notice = outcome.findings.find((f) => f.rule === 'NOTICE_PERIOD');
  const { request } = outcome;
  const body: CardElement[] = [
    heading(t('schedule.heldBackTitle'), { color: 'Warning' }),
    userText(t('schedule.heldBack', { title: request.title, date: request.date, start: request.start, ...(notice?.params ?? {}) })),
  ];
  if (problem) body.push(userText(problem, { color: 'Attention' }));
  body.push({ type: 'Input.Text', id: 'reason', label: t('schedule.reason'), isMultiline: true, maxLength: 500, isRequired: true, errorMessage: t('schedule.reason') });
  return card(body, [execute(t('schedule.override'), SCHEDULE_VERB, { cardId, ...request, override: 'true' }, { style: 'destructive' })]);
}

const when = (m: Meeting, t: Translate): string => {
  if (!m.startsAt || !m.endsAt) return '';
  const s = utcToStockholm(new Date(m.startsAt));
  return t('schedule.when', { date: s.date, start: s.time, end: utcToStockholm(new Date(m.endsAt)).time });
};

/** A rule in words ("notice at least 14 days ahead"), never its code; an override may name several, comma-separated. */
export const ruleInWords = (rules: string, t: Translate): string =>
  rules
    .split(',')
    .map((r) => (RULE_WORDS.includes(r as ScheduleRule) ? t(`minutes.rule.${r as ScheduleRule}`) : t('schedule.rule.other')))
    .join(', ');
const RULE_WORDS: readonly ScheduleRule[] = ['NOTICE_PERIOD', 'NO_PREPARATION_MEETING', 'YEARLY_COUNT', 'IN_THE_PAST', 'END_BEFORE_START'];

/** A meeting's day and time with its weekday: "Wednesday 2027-02-10, 09:00–12:00". */
export const whenWithDay = (m: Meeting, t: Translate): string => {
  if (!m.startsAt || !m.endsAt) return '';
  const s = utcToStockholm(new Date(m.startsAt));
  return t('schedule.whenDay', { weekday: t(`weekday.${s.weekday}` as MessageKey), date: s.date, start: s.time, end: utcToStockholm(new Date(m.endsAt)).time });
};

const warningText = (w: RuleFinding, t: Translate): string => t(`schedule.warning.${w.rule}` as MessageKey, w.params);

/** `meetingPage`: the tab's page of the meeting, offered as a next step with sending the notice. */
export function scheduledCard(outcome: Extract<ScheduleOutcome, { kind: 'scheduled' }>, cardId: string, t: Translate, meetingPage?: string): AdaptiveCard {
  const { meeting, teams } = outcome;
  const body: CardElement[] = [heading(t('schedule.scheduledTitle', { title: meeting.title ?? outcome.group.name })), userText(when(meeting, t))];
  if (outcome.alreadyScheduled) body.push(note(t('schedule.alreadyScheduled')));
  if (teams.kind === 'created') {
    body.push(note(t('schedule.teamsCreated'), { color: 'Good' }));
    if (teams.install.kind === 'refused') body.push(userText(t('schedule.installRefused', { message: teams.install.message }), { color: 'Warning' }));
  } else if (teams.kind === 'notConfigured') body.push(note(t('schedule.teamsNotConfigured')));
  else body.push(userText(t('schedule.teamsFailed', { message: teams.message }), { color: 'Attention' }));
  if (meeting.override) body.push(userText(t('schedule.override.note', { rule: ruleInWords(meeting.override.rule, t), reason: meeting.override.reason, name: meeting.override.byName }), { color: 'Warning' }));
  for (const w of outcome.warnings) body.push(userText(warningText(w, t), { color: 'Warning' }));
  if (outcome.noPreparationDate) body.push(userText(t('schedule.noPreparationDate'), { color: 'Warning' }));
  body.push(nextSteps([meeting], outcome.group.rules, t));
  const actions: CardElement[] = [];
  if (meeting.joinUrl) actions.push({ type: 'Action.OpenUrl', title: t('schedule.join'), url: meeting.joinUrl });
  if (outcome.preparationProposal) {
    actions.push(execute(t('schedule.bookPreparation', { date: outcome.preparationProposal }), BOOK_PREPARATION_VERB, { cardId, meetingId: meeting.id, date: outcome.preparationProposal }));
  }
  if (!meeting.noticeSentAt) actions.push(execute(t('schedule.sendNotice'), NOTICE_SEND_VERB, { cardId, meetingId: meeting.id }));
  if (meetingPage) actions.push({ type: 'Action.OpenUrl', title: t('notice.openMeetingPage'), url: meetingPage });
  return card(body, actions);
}

/** What comes next: the notice, by the charter's last day for the first of the meetings. */
function nextSteps(meetings: readonly Meeting[], rules: Group['rules'], t: Translate): CardElement {
  const first = meetings.find((m) => m.startsAt && !m.noticeSentAt);
  // Booked with an exception to the notice rule, its deadline has passed: the notice goes out now.
  const late = !first?.startsAt || (first.override?.rule ?? '').split(',').includes('NOTICE_PERIOD');
  return note(late ? t('schedule.nextNoticeAny') : t('schedule.nextNotice', { deadline: latestNoticeDate(new Date(first.startsAt!), rules) }));
}

/** `/schedule series` booked: every meeting with its day, the preparation meetings too, and the next step. */
export function seriesBookedCard(year: string, outcomes: readonly ScheduleOutcome[], t: Translate): AdaptiveCard {
  const booked = outcomes.filter((o): o is Extract<ScheduleOutcome, { kind: 'scheduled' }> => o.kind === 'scheduled');
  // The series' own group books first; the rest are its preparation group's meetings.
  const main = booked.filter((o) => o.group.id === booked[0]?.group.id);
  const body: CardElement[] = [heading(t('schedule.seriesTitle', { year })), userText(t('schedule.seriesBooked', { count: main.length, year }))];
  for (const o of booked) {
    const line = whenWithDay(o.meeting, t);
    body.push(userText(main.includes(o) ? line : t('schedule.seriesPreparationLine', { when: line, group: o.group.name })));
  }
  if (main[0]) body.push(nextSteps(main.map((o) => o.meeting), main[0].group.rules, t));
  return card(body);
}

/** A meeting that has taken place, recorded afterwards: held, with no Teams meeting, notice or reminders. */
export function recordedCard(outcome: Extract<ScheduleOutcome, { kind: 'recorded' }>, t: Translate): AdaptiveCard {
  const { meeting } = outcome;
  return card([
    heading(t('schedule.recordedTitle', { title: meeting.title ?? outcome.group.name })),
    userText(when(meeting, t)),
    ...(outcome.alreadyScheduled ? [note(t('schedule.alreadyScheduled'))] : []),
    note(t('schedule.recorded')),
  ]);
}

/** `/schedule series <year>`: the proposals, each with a tick box. */
export function seriesCard(year: number, proposals: ProposedMeeting[], cardId: string, t: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(t('schedule.seriesTitle', { year })), note(t('schedule.seriesIntro'))];
  if (proposals.length === 0) return card([...body, userText(t('schedule.seriesEmpty', { year }))]);
  proposals.forEach((p, i) => {
    const s = utcToStockholm(p.start);
    body.push({
      type: 'Input.Toggle',
      id: `pick${i}`,
      title: t('schedule.seriesItem', { date: p.date, start: s.time, end: utcToStockholm(p.end).time, prepDate: p.preparation.date }),
      value: 'true',
      valueOn: 'true',
      valueOff: 'false',
    });
  });
  const slots = proposals.map((p) => ({ date: p.date, start: utcToStockholm(p.start).time, end: utcToStockholm(p.end).time }));
  return card(body, [execute(t('schedule.seriesBook'), BOOK_SERIES_VERB, { cardId, year, slots: JSON.stringify(slots) }, { style: 'positive' })]);
}
