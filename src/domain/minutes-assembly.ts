/** Assembling a version's content from what the meeting recorded, item by item. */
import type { Action } from './action';
import type { Attachment } from './attachment';
import { isCheckInItem, isItem, itemsOf, type AgendaEntry } from './agenda';
import { sectionHeading } from './agenda-edit';
import type { MeetingAttendance, MemberAttendance } from './attendance';
import { personKey, type CheckInAnswer } from './attendance-answers';
import { paragraph, type Decision } from './decision';
import type { Meeting } from './meeting';
import { sectionIsEmpty, type MinutesAction, type MinutesContent, type MinutesPerson, type MinutesRiskRow, type MinutesSection } from './minutes-content';
import type { Note } from './note';
import { riskCode, riskScore, type Risk, type RiskReview } from './risk';
import { utcToStockholm, type ClockTime, type IsoDate } from './stockholm-time';

/** Everything the minutes are made of, as the stores keep it. */
export interface MinutesRecords {
  groupName: string;
  meeting: Meeting;
  /** Items, breaks and the closing row, in agenda order. */
  agenda: readonly AgendaEntry[];
  attendance: MeetingAttendance;
  checkIns: readonly CheckInAnswer[];
  notes: readonly Note[];
  decisions: readonly Decision[];
  /** Risks raised in this meeting. */
  risksRaised: readonly Risk[];
  /** Follow-ups made in this meeting, with their risk. */
  reviews: ReadonlyArray<{ review: RiskReview; risk: Risk }>;
  /** Actions recorded in this meeting. */
  actions: readonly Action[];
  /** Open actions from earlier meetings of the group, with the date of the meeting that recorded them. */
  carried: ReadonlyArray<{ action: Action; fromDate: IsoDate }>;
  secretary?: string;
  adjuster?: string;
  /** false when the group writes its decisions without § numbers ("Beslut:"). */
  numberedDecisions?: boolean;
  /** Attachments added to the meeting (`/attach`, files shared in its chat, imported). */
  attachments?: readonly Attachment[];
}

const times = (iso: string | undefined): { date: IsoDate; time: ClockTime } | undefined => (iso ? utcToStockholm(new Date(iso)) : undefined);

export function assembleMinutes(r: MinutesRecords): MinutesContent {
  const { meeting } = r;
  const start = times(meeting.startsAt ?? meeting.startedAt ?? meeting.createdAt);
  const end = times(meeting.endsAt ?? meeting.endedAt);
  const date = start?.date ?? r.attendance.date;
  const byName = (a: MinutesPerson, b: MinutesPerson): number => (a.organisation ?? '').localeCompare(b.organisation ?? '', 'sv') || a.name.localeCompare(b.name, 'sv');
  const person = (m: MemberAttendance): MinutesPerson => ({
    name: m.member.person.name,
    ...(m.member.organisation ? { organisation: m.member.organisation } : {}),
    ...(m.member.person.email ? { email: m.member.person.email } : {}),
  });
  const listed = r.attendance.members;
  const present = listed.filter((m) => m.status === 'present' && m.member.role !== 'coopted').map(person).sort(byName);
  const excused = listed.filter((m) => m.status === 'excused' && m.member.role !== 'coopted').map(person).sort(byName);
  const coopted = [
    ...listed.filter((m) => m.status === 'present' && m.member.role === 'coopted').map(person),
    ...r.attendance.guests
      .filter((g) => !g.ambiguousWith?.length)
      .map((g) => ({ name: g.displayName, ...(g.organisation ? { organisation: g.organisation } : {}), ...(g.email ? { email: g.email } : {}) })),
  ].sort(byName);

  const agenda = itemsOf(r.agenda).sort((a, b) => a.number - b.number);
  // The agenda table as written: breaks where they fall (the rows come in agenda order); items alone by number.
  const rows = r.agenda.some((e) => !isItem(e)) ? r.agenda : agenda;
  const sections = new Map<number, MinutesSection>();
  const section = (n: number | undefined): MinutesSection => {
    const number = n !== undefined && agenda.some((i) => i.number === n) ? n : 0;
    let s = sections.get(number);
    if (!s) {
      const item = agenda.find((i) => i.number === number);
      s = { number, title: item ? sectionHeading(item) : '', notes: [], checkIns: [], decisions: [], risksRaised: [], riskReviews: [], actions: [] };
      sections.set(number, s);
    }
    return s;
  };
  for (const item of agenda) section(item.number);

  const organisationOf = new Map(r.attendance.members.map((m) => [personKey(m.member.person), m.member.organisation]));
  const checkInItem = agenda.find(isCheckInItem)?.number;
  for (const a of [...r.checkIns].sort((x, y) => x.answeredAt.localeCompare(y.answeredAt))) {
    const organisation = organisationOf.get(personKey(a.person));
    section(checkInItem).checkIns.push({ name: a.person.name, ...(organisation ? { organisation } : {}), mood: a.mood, ...(a.text ? { text: a.text } : {}) });
  }
  for (const n of [...r.notes].sort((x, y) => x.recordedAt.localeCompare(y.recordedAt))) section(n.agendaItem).notes.push(n.text);
  const numbered = r.numberedDecisions !== false;
  for (const d of [...r.decisions].sort((x, y) => x.number - y.number)) {
    const label = { ...(numbered ? { paragraph: paragraph(d) } : {}), ...(d.heading ? { heading: d.heading } : {}) };
    section(d.agendaItem).decisions.push({ ...label, text: d.text, retracted: d.status === 'retracted' });
  }
  // A risk as it was raised: follow-ups (here or at later meetings) are minuted as reviews, so a later
  // meeting's review changes the register, not these minutes.
  for (const k of [...r.risksRaised].sort((x, y) => x.number - y.number)) {
    section(k.agendaItem).risksRaised.push(riskRow({ ...k, ...(k.raised ?? {}) }));
  }
  for (const { review, risk } of [...r.reviews].sort((x, y) => x.review.reviewedAt.localeCompare(y.review.reviewedAt))) {
    section(review.agendaItem).riskReviews.push({
      code: riskCode(risk),
      heading: risk.consequence ?? risk.threat,
      probability: review.probability,
      impact: review.impact,
      score: review.probability * review.impact,
      status: review.status,
      ...(review.note ? { note: review.note } : {}),
    });
  }
  const firstItem = agenda[0]?.number;
  for (const { action, fromDate } of r.carried) section(firstItem).actions.push({ ...actionRow(action), carriedFrom: fromDate });
  for (const a of [...r.actions].sort((x, y) => x.createdAt.localeCompare(y.createdAt))) section(a.agendaItem).actions.push(actionRow(a));

  const ordered = [...sections.values()].sort((a, b) => (a.number === 0 ? 1 : b.number === 0 ? -1 : a.number - b.number));
  return {
    groupName: r.groupName,
    meetingTitle: meeting.title ?? r.groupName,
    date,
    ...(start && meeting.startsAt ? { startTime: start.time } : {}),
    ...(end ? { endTime: end.time } : {}),
    place: 'teams',
    present,
    excused,
    coopted,
    agenda: rows.map((i) =>
      isItem(i)
        ? { number: i.number, type: i.type, title: i.title, plannedStart: i.plannedStart, ...(i.responsible ? { responsible: i.responsible } : {}) }
        : { number: 0, kind: i.kind, title: i.title ?? '', plannedStart: i.plannedStart },
    ),
    sections: ordered.filter((s) => s.number !== 0 || !sectionIsEmpty(s)),
    ...(r.secretary ? { recordedBy: r.secretary } : {}),
    ...(r.adjuster ? { adjuster: r.adjuster } : {}),
    overrides: meeting.override ? [meeting.override] : [],
    attachments: [
      ...agenda.flatMap((i) => (i.links ?? []).map((url) => ({ title: `${i.number}. ${i.title}`, url }))),
      ...[...(r.attachments ?? [])]
        .sort((x, y) => x.addedAt.localeCompare(y.addedAt))
        .map((a) => ({ title: a.title, ...(a.url ? { url: a.url } : {}), date: utcToStockholm(new Date(a.addedAt)).date })),
    ],
  };
}

function riskRow(k: Risk): MinutesRiskRow {
  return {
    code: riskCode(k),
    threat: k.threat,
    ...(k.vulnerability ? { vulnerability: k.vulnerability } : {}),
    ...(k.consequence ? { consequence: k.consequence } : {}),
    probability: k.probability,
    impact: k.impact,
    score: riskScore(k),
    actionNeeded: k.actionNeeded,
    ...(k.action ? { action: k.action } : {}),
  };
}

function actionRow(a: Action): MinutesAction {
  return { text: a.text, ...(a.owner ? { owner: a.owner } : {}), ...(a.due ? { due: a.due } : {}), done: a.status === 'done' };
}
