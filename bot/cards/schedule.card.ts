import type { RuleFinding } from '../../src/domain/charter';
import type { Meeting } from '../../src/domain/meeting';
import type { ProposedMeeting } from '../../src/domain/meeting-series';
import { utcToStockholm } from '../../src/domain/stockholm-time';
import type { ScheduleOutcome } from '../../src/app/scheduling-service';
import type { MessageKey, Translate } from '../../src/i18n';
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

const warningText = (w: RuleFinding, t: Translate): string => t(`schedule.warning.${w.rule}` as MessageKey, w.params);

export function scheduledCard(outcome: Extract<ScheduleOutcome, { kind: 'scheduled' }>, cardId: string, t: Translate): AdaptiveCard {
  const { meeting, teams } = outcome;
  const body: CardElement[] = [heading(t('schedule.scheduledTitle', { title: meeting.title ?? outcome.group.name })), userText(when(meeting, t))];
  if (outcome.alreadyScheduled) body.push(note(t('schedule.alreadyScheduled')));
  if (teams.kind === 'created') {
    body.push(note(t('schedule.teamsCreated'), { color: 'Good' }));
    if (teams.install.kind === 'refused') body.push(userText(t('schedule.installRefused', { message: teams.install.message }), { color: 'Warning' }));
  } else if (teams.kind === 'notConfigured') body.push(note(t('schedule.teamsNotConfigured')));
  else body.push(userText(t('schedule.teamsFailed', { message: teams.message }), { color: 'Attention' }));
  if (meeting.override) body.push(userText(t('schedule.override.note', { rule: meeting.override.rule, reason: meeting.override.reason, name: meeting.override.byName }), { color: 'Warning' }));
  for (const w of outcome.warnings) body.push(userText(warningText(w, t), { color: 'Warning' }));
  const actions: CardElement[] = [];
  if (meeting.joinUrl) actions.push({ type: 'Action.OpenUrl', title: t('schedule.join'), url: meeting.joinUrl });
  if (outcome.preparationProposal) actions.push(execute(t('schedule.bookPreparation', { date: outcome.preparationProposal }), BOOK_PREPARATION_VERB, { cardId, meetingId: meeting.id }));
  return card(body, actions);
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
