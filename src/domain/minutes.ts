/**
 * Minutes ("minnesanteckningar", "protokoll"): what a meeting recorded, in the shape the council's minutes
 * have (seeds 001 and 003): meeting information, present and excused with their organisation, co-opted and
 * presenters, the typed agenda with times, then per item its notes, check-in answers, decisions, risks and
 * actions; recorded by, approved by. The content is data only: the words around it come at rendering, so
 * the same version reads in Swedish and in English.
 *
 * Approval ("justering") locks a version: its content and hash never change; a later change to the
 * records makes a new version that needs approval again.
 */
import type { Action } from './action';
import { isCheckInItem, type AgendaItem, type AgendaItemType } from './agenda';
import type { MeetingAttendance, MemberAttendance } from './attendance';
import { personKey, type CheckInAnswer } from './attendance-answers';
import { paragraph, type Decision } from './decision';
import { DomainError } from './errors';
import type { Meeting } from './meeting';
import type { Note } from './note';
import type { PersonRef } from './person';
import { riskCode, riskScore, type Risk, type RiskReview, type RiskStatus } from './risk';
import { utcToStockholm, type ClockTime, type IsoDate } from './stockholm-time';

export interface MinutesPerson {
  name: string;
  organisation?: string;
  /** Contact details: kept in the internal minutes, left out of the public export. */
  email?: string;
}

export interface MinutesAgendaRow {
  number: number;
  type: AgendaItemType;
  title: string;
  responsible?: string;
  plannedStart: ClockTime;
}

export interface MinutesRiskRow {
  code: string;
  threat: string;
  vulnerability?: string;
  consequence?: string;
  probability: number;
  impact: number;
  /** R = S×K */
  score: number;
  actionNeeded: boolean;
  action?: string;
}

export interface MinutesRiskReview {
  code: string;
  /** The risk's consequence (or threat): how the seeds head a follow-up ("R1 Förstudien står utan projektledare"). */
  heading: string;
  probability: number;
  impact: number;
  score: number;
  status: RiskStatus;
  note?: string;
}

export interface MinutesCheckIn {
  name: string;
  organisation?: string;
  mood: 'good' | 'ok' | 'strained';
  text?: string;
}

export interface MinutesDecision {
  /** "§3" */
  paragraph: string;
  text: string;
  retracted: boolean;
}

export interface MinutesAction {
  text: string;
  owner?: string;
  due?: IsoDate;
  done: boolean;
  /** Set for an action carried over from an earlier meeting: that meeting's date. */
  carriedFrom?: IsoDate;
}

/** What was recorded under one agenda item (or, with number 0, outside any item). */
export interface MinutesSection {
  number: number;
  title: string;
  notes: string[];
  checkIns: MinutesCheckIn[];
  decisions: MinutesDecision[];
  risksRaised: MinutesRiskRow[];
  riskReviews: MinutesRiskReview[];
  actions: MinutesAction[];
}

export interface MinutesOverride {
  rule: string;
  reason: string;
  byName: string;
}

export interface MinutesContent {
  groupName: string;
  meetingTitle: string;
  date: IsoDate;
  startTime?: ClockTime;
  endTime?: ClockTime;
  /** `teams`: "Via Microsoft Teams" in the reader's language. */
  place: 'teams';
  present: MinutesPerson[];
  excused: MinutesPerson[];
  /** Co-opted members, presenters and guests: listed, not counted. */
  coopted: MinutesPerson[];
  agenda: MinutesAgendaRow[];
  /** One per agenda item that has anything recorded or is on the agenda, in agenda order; number 0 last. */
  sections: MinutesSection[];
  /** The secretary ("Antecknat av"). */
  recordedBy?: string;
  /** The adjuster appointed to approve ("Justeras av"); who actually approved is on the version. */
  adjuster?: string;
  overrides: MinutesOverride[];
  attachments: Array<{ title: string; url: string }>;
}

export type MinutesStatus = 'draft' | 'sent' | 'approved' | 'changesRequested';

/** A stored version of a meeting's minutes. */
export interface MinutesVersion {
  id: string;
  tenantId: string;
  meetingId: string;
  /** 1, 2, … per meeting */
  version: number;
  content: MinutesContent;
  /** SHA-256 of the canonical JSON of `content`, hex. */
  contentHash: string;
  status: MinutesStatus;
  createdBy: PersonRef;
  createdAt: string;
  sentBy?: PersonRef;
  sentAt?: string;
  approvedBy?: PersonRef;
  approvedAt?: string;
  changesRequestedBy?: PersonRef;
  changesRequestedAt?: string;
  changesNote?: string;
}

export const MAX_CHANGES_NOTE = 2000;

/** The adjuster's "request changes" note: optional, trimmed, bounded. */
export function changesNote(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw new DomainError('MINUTES.BAD_NOTE');
  const text = raw.trim();
  if (text.length > MAX_CHANGES_NOTE) throw new DomainError('TEXT.TOO_LONG', { field: 'note', max: MAX_CHANGES_NOTE });
  return text === '' ? undefined : text;
}

/**
 * JSON with keys in a fixed order and no undefined values: the same content always gives the same text,
 * so its hash tells whether anything changed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Swedish and international phone numbers, which begin with 0 or +: 070-123 45 67, +46 70 123 45 67, 08-123 456 78.
const PHONE = /(?<![\p{L}\p{N}])(?:\+\d{1,3}[\s-]?(?:\(0\))?|0)\d{1,3}(?:[\s-]?\d{2,4}){2,4}(?![\p{L}\p{N}])/gu;
export const REDACTED = '[…]';

/** Free text with e-mail addresses and phone numbers replaced, for the public export. */
export function withoutContactDetails(text: string): string {
  return text.replace(EMAIL, REDACTED).replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? REDACTED : m));
}

/**
 * The public export: the same minutes without personal contact details — no e-mail addresses in the
 * participant lists, and addresses and phone numbers masked in the recorded text.
 */
export function publicContent(content: MinutesContent): MinutesContent {
  const person = (p: MinutesPerson): MinutesPerson => ({ name: p.name, ...(p.organisation ? { organisation: p.organisation } : {}) });
  const clean = (s: string): string => withoutContactDetails(s);
  const opt = (s: string | undefined): string | undefined => (s === undefined ? undefined : clean(s));
  return {
    ...content,
    present: content.present.map(person),
    excused: content.excused.map(person),
    coopted: content.coopted.map(person),
    sections: content.sections.map((s) => ({
      ...s,
      notes: s.notes.map(clean),
      checkIns: s.checkIns.map((c) => ({ ...c, ...(c.text === undefined ? {} : { text: clean(c.text) }) })),
      decisions: s.decisions.map((d) => ({ ...d, text: clean(d.text) })),
      risksRaised: s.risksRaised.map((r) => ({ ...r, threat: clean(r.threat), vulnerability: opt(r.vulnerability), consequence: opt(r.consequence), action: opt(r.action) })),
      riskReviews: s.riskReviews.map((r) => ({ ...r, note: opt(r.note) })),
      actions: s.actions.map((a) => ({ ...a, text: clean(a.text) })),
    })),
  };
}

/** Whether a section has anything recorded (an empty item still appears, with "nothing recorded"). */
export const sectionIsEmpty = (s: MinutesSection): boolean =>
  s.notes.length + s.checkIns.length + s.decisions.length + s.risksRaised.length + s.riskReviews.length + s.actions.length === 0;

/** Figures for the card's summary. */
export function minutesSummary(c: MinutesContent): { present: number; excused: number; items: number; decisions: number; risks: number; actions: number; notes: number } {
  const sum = (f: (s: MinutesSection) => number): number => c.sections.reduce((n, s) => n + f(s), 0);
  return {
    present: c.present.length,
    excused: c.excused.length,
    items: c.agenda.length,
    decisions: sum((s) => s.decisions.filter((d) => !d.retracted).length),
    risks: sum((s) => s.risksRaised.length + s.riskReviews.length),
    actions: sum((s) => s.actions.length),
    notes: sum((s) => s.notes.length),
  };
}

// ---- Assembling the content from what the meeting recorded -------------------------------------------

/** Everything the minutes are made of, as the stores keep it. */
export interface MinutesRecords {
  groupName: string;
  meeting: Meeting;
  agenda: readonly AgendaItem[];
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

  const agenda = [...r.agenda].sort((a, b) => a.number - b.number);
  const sections = new Map<number, MinutesSection>();
  const section = (n: number | undefined): MinutesSection => {
    const number = n !== undefined && agenda.some((i) => i.number === n) ? n : 0;
    let s = sections.get(number);
    if (!s) {
      s = { number, title: agenda.find((i) => i.number === number)?.title ?? '', notes: [], checkIns: [], decisions: [], risksRaised: [], riskReviews: [], actions: [] };
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
  for (const d of [...r.decisions].sort((x, y) => x.number - y.number)) {
    section(d.agendaItem).decisions.push({ paragraph: paragraph(d), text: d.text, retracted: d.status === 'retracted' });
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
    agenda: agenda.map((i) => ({ number: i.number, type: i.type, title: i.title, plannedStart: i.plannedStart, ...(i.responsible ? { responsible: i.responsible } : {}) })),
    sections: ordered.filter((s) => s.number !== 0 || !sectionIsEmpty(s)),
    ...(r.secretary ? { recordedBy: r.secretary } : {}),
    ...(r.adjuster ? { adjuster: r.adjuster } : {}),
    overrides: meeting.override ? [meeting.override] : [],
    attachments: agenda.flatMap((i) => (i.links ?? []).map((url) => ({ title: `${i.number}. ${i.title}`, url }))),
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
