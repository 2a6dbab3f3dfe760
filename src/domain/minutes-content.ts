/** What minutes hold: the content of one version (data only, no words around it) and the stored version. */
import type { AgendaItemType } from './agenda';
import type { PersonRef } from './person';
import type { RiskStatus } from './risk';
import type { ClockTime, IsoDate } from './stockholm-time';

export interface MinutesPerson {
  name: string;
  organisation?: string;
  /** Contact details: kept in the internal minutes, left out of the public export. */
  email?: string;
}

export interface MinutesAgendaRow {
  /** The item's number; 0 for a break or the closing row. */
  number: number;
  /** A row without number or type, as the council writes "PAUS 14.30" (`break`) and "AVSLUT 16.00" (`end`). */
  kind?: 'break' | 'end';
  /** Absent on a break or the closing row. */
  type?: AgendaItemType;
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
  /** "§3"; absent when the group writes its decisions without numbers ("Beslut:"). */
  paragraph?: string;
  /** The heading written before the text ("Beslut om projektplan"), when there is one. */
  heading?: string;
  text: string;
  retracted: boolean;
}

/** A document listed under "Bilagor": agenda items' links, `/attach`, files shared in the meeting chat. */
export interface MinutesAttachment {
  title: string;
  /** Absent for a document known only by its title (imported minutes). */
  url?: string;
  /** The day it was added, in Stockholm ("2020-11-30"); agenda links have none. */
  date?: IsoDate;
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
  attachments: MinutesAttachment[];
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

/** Whether a section has anything recorded (an empty item still appears, with "nothing recorded"). */
export const sectionIsEmpty = (s: MinutesSection): boolean =>
  s.notes.length + s.checkIns.length + s.decisions.length + s.risksRaised.length + s.riskReviews.length + s.actions.length === 0;
