/**
 * The tab's REST API: the JSON the server (src/http/tab-api) sends and the tab (tab/) reads. It lives
 * outside both so the tab need not import the HTTP layer; it may import only src/domain. The tab takes
 * its types with `import type`, so nothing of the server ends up in its bundle.
 *
 * Every route lives under /api/tab. Authentication: `Authorization: Bearer <Teams SSO token>`; in local
 * mode (no Entra configuration) a request without a token reads the demo workspace as a reader, and a
 * token that is presented is always validated. Errors: `{ code, message }` with 400/401/403/404/409.
 * Writes carry `requestId` (a UUID the tab makes per submit): the same request twice stores once.
 */

export type TabRole = 'chair' | 'viceChair' | 'organizer' | 'secretary' | 'member' | 'coopted';
export type RiskStatus = 'open' | 'handled' | 'closed';
export type RiskBand = 'low' | 'medium' | 'high' | 'critical';

export interface ApiError {
  code: string;
  message: string;
}

/** GET /api/tab/me */
export interface MeView {
  mode: 'local' | 'entra';
  user: { name: string; aadObjectId?: string };
  tenantId: string;
  /**
   * Groups the caller belongs to (all groups of the demo tenant in local mode). `conversationId` is the chat
   * or channel the group is set up in: a meeting or chat tab opens the group of the conversation it is in.
   */
  groups: Array<{
    id: string;
    name: string;
    role?: TabRole;
    canEdit: boolean;
    conversationId?: string;
    /** The chats of the group's meetings: a tab in a meeting (side panel, meeting chat) finds its group by these. */
    meetingConversationIds?: string[];
  }>;
  /**
   * The group the tab opens when neither the address (?group=) nor the Teams conversation names one: e.g. the
   * group with the latest activity; in local mode the demo group that holds the risk register. Absent: the first group.
   */
  defaultGroupId?: string;
}

export interface RiskRow {
  id: string;
  /** "R4" */
  code: string;
  number: number;
  threat: string;
  vulnerability?: string;
  consequence?: string;
  probability: number;
  impact: number;
  /** R = S×K */
  score: number;
  band: RiskBand;
  actionNeeded: boolean;
  action?: string;
  owner?: string;
  status: RiskStatus;
  raisedAt: string;
  /** Date (ISO) of the latest review, if any. */
  lastReviewedAt?: string;
}

/** GET /api/tab/groups/:groupId/risks  (register order: R desc, then K desc, then number) */
export interface RiskRegisterView {
  group: { id: string; name: string };
  canEdit: boolean;
  risks: RiskRow[];
}

export interface RiskReviewRow {
  id: string;
  meetingId?: string;
  meetingTitle?: string;
  /** ISO date-time of the review */
  reviewedAt: string;
  probability: number;
  impact: number;
  score: number;
  status: RiskStatus;
  note?: string;
  reviewedBy: string;
}

/** GET /api/tab/groups/:groupId/risks/:riskId  (reviews oldest first) */
/** One entry of a record's audit trail: who did what, when (oldest first). */
export interface HistoryRow {
  at: string;
  by: string;
  action: 'create' | 'change' | 'retract' | 'send' | 'approve' | 'requestChanges' | 'delete';
  /** The values set (no `from` when created) or changed; S and K as numbers, status as its key, a new number as the risk's code (R4). */
  changes: Array<{ field: 'probability' | 'impact' | 'status' | 'number'; from?: number | string; to: number | string }>;
}

export interface RiskDetailView {
  canEdit: boolean;
  risk: RiskRow;
  reviews: RiskReviewRow[];
  /** The risk's audit trail: raised, then each change, with who and when. */
  history: HistoryRow[];
  /** S and K as the risk was raised (unknown for risks reviewed before this was kept). */
  raised?: { probability: number; impact: number; score: number; at: string };
}

/** POST /api/tab/groups/:groupId/risks/:riskId/reviews → 201 RiskDetailView (200 when the requestId was seen). Editors only. */
export interface RiskReviewRequest {
  requestId: string;
  probability?: number;
  impact?: number;
  status?: RiskStatus;
  note?: string;
}

/** GET /api/tab/groups/:groupId/risks.csv → text/csv; UTF-8 with BOM, header row in the caller's language (?lang=sv|en). */

/** Five named maturity levels, 1 = non-existent … 5 = leading. */
export type MaturityLevel = 1 | 2 | 3 | 4 | 5;
export const MATURITY_KEYS = ['nonExistent', 'inadequate', 'basic', 'good', 'leading'] as const;

export interface CapabilityRow {
  id: string;
  /** e.g. "1.3" */
  code: string;
  name: string;
  area: string;
  description?: string;
}

export interface AssessmentCell {
  capabilityId: string;
  organisation: string;
  maturity: MaturityLevel;
  /** Strategic importance 1–5 */
  importance: number;
  assessedBy: string;
  assessedAt: string;
}

export interface ResponseRow {
  organisation: string;
  representative?: string;
  answered: number;
  total: number;
  lastAnsweredAt?: string;
  remindedAt?: string;
}

export interface CapabilitySummary {
  /** How many capabilities each organisation rates "leading". */
  leadingByOrganisation: Array<{ organisation: string; leading: number; total: number }>;
  /** Capabilities where most organisations that answered are at level 1–2. */
  mostlyWeak: Array<{ capabilityId: string; weak: number; answered: number }>;
  /** Importance ≥ 4 and average maturity ≤ 2.5, most important first: the priority list. */
  priorities: Array<{ capabilityId: string; importance: number; averageMaturity: number }>;
}

/** GET /api/tab/groups/:groupId/capabilities */
export interface CapabilityMapView {
  group: { id: string; name: string };
  canEdit: boolean;
  /** The target vision the capabilities lead to, e.g. "Målbild 2030". */
  vision?: string;
  capabilities: CapabilityRow[];
  organisations: string[];
  assessments: AssessmentCell[];
  responses: ResponseRow[];
  summary: CapabilitySummary;
}

/** POST /api/tab/groups/:groupId/capabilities/import  body: { requestId, format: 'csv'|'json', content: string } → 200 CapabilityImportResult. Editors only. */
export interface CapabilityImportRequest {
  requestId: string;
  format: 'csv' | 'json';
  /**
   * CSV: a header row with the columns code, area, name, description (Swedish: kod, område, namn or
   * förmåga, beskrivning), separated by comma, semicolon or tab. JSON: an array of such objects, or
   * `{ "vision": "Målbild 2030", "organisations": ["Munkedals kommun", …], "capabilities": [ … ] }`
   * (`organisations`: those taking part, shown in the response tracker even before they answer; without
   * it, the organisations the group's representatives speak for). Capabilities are matched on their code:
   * new codes are added, known ones updated, others kept. A refused import (400, the message names row
   * and column) stores nothing.
   */
  content: string;
  /** Sets the map's target vision (else a JSON import's `vision`, else it stays). */
  vision?: string;
}

/** The answer to an import: capabilities added and changed; `repeated` when the requestId was seen (nothing stored again). */
export interface CapabilityImportResult {
  imported: number;
  updated: number;
  repeated?: boolean;
}

/**
 * POST /api/tab/groups/:groupId/capabilities/assessments → 200 CapabilityMapView. A representative
 * answers for their own organisation; chair, vice chair and organizer may name any organisation of the
 * map. Answers replace the organisation's earlier ones (kept with who and when); the same answers twice
 * change nothing. `maturity` 1–5 (or a level's name), `importance` 1–5.
 */
export interface AssessmentRequest {
  requestId: string;
  organisation?: string;
  answers: Array<{ capabilityId: string; maturity?: number | string; importance?: number | string }>;
}

/** POST /api/tab/groups/:groupId/capabilities/reminders  body: { requestId, organisation } → 202 ReminderResult. Editors only. */
export interface ReminderRequest {
  requestId: string;
  organisation: string;
}

/** The answer to a reminder (202): who was sent the card privately, and who could not be reached by Teams. The same requestId again answers the same, sending nothing. */
export interface ReminderResult {
  organisation: string;
  sentTo: string[];
  unreachable: string[];
  remindedAt: string;
}

/** GET /api/tab/groups/:groupId/attendance?from=YYYY-MM-DD&to=YYYY-MM-DD */
export interface AttendanceView {
  group: { id: string; name: string };
  /** The period shown: the one asked for, else the latest calendar year in which the group held meetings. */
  period: { from: string; to: string };
  /** The calendar years in which the group held meetings, latest first. */
  years: number[];
  meetings: Array<{ id: string; title: string; startsAt: string }>;
  members: Array<{ name: string; organisation?: string; role: TabRole }>;
  /** cells[memberIndex][meetingIndex]; 'none' = not a member on that date */
  cells: Array<Array<'present' | 'excused' | 'absent' | 'none'>>;
  /** Rate 0–1 of present among counted members, per organisation and meeting. */
  byOrganisation: Array<{ organisation: string; rates: Array<number | null> }>;
  overallRate: number | null;
}

/** GET /api/tab/groups/:groupId/decisions?q=<text> */
export interface DecisionsView {
  group: { id: string; name: string };
  decisions: Array<{
    id: string;
    meetingId: string;
    meetingTitle: string;
    meetingDate: string;
    agendaItem?: number;
    agendaTitle?: string;
    /** "§3"; absent when the group writes its decisions without numbers ("Beslut:"). */
    paragraph?: string;
    /** The heading written before the text, when there is one. */
    heading?: string;
    text: string;
    status: 'active' | 'retracted';
  }>;
}

/**
 * GET /api/tab/groups/:groupId/meeting?meeting=<meeting id>|chat=<meeting chat id>: the meeting page. Without
 * either, the group's meeting in progress, else its next one; `meeting` is absent when there is none.
 */
export interface MeetingPageView {
  group: { id: string; name: string };
  /** Whether the caller may record here (decisions, notes, actions, risks, the next item). */
  canRecord: boolean;
  meeting?: {
    id: string;
    title: string;
    /** Stockholm date (YYYY-MM-DD) and times (HH:MM); the tab writes the weekday. */
    date?: string;
    start?: string;
    end?: string;
    joinUrl?: string;
    started: boolean;
    /** Held: ended, its agenda gone through, or its scheduled end more than 12 hours ago. */
    ended: boolean;
    /** The number of the item in progress; absent before the start and after the last item. */
    currentItem?: number;
  };
  agenda: Array<{ kind: 'item'; number: number; type: string; title: string; start?: string; responsible?: string; current: boolean } | { kind: 'break' | 'end'; title?: string; start?: string }>;
  /** Names and notes for those who may record; counts only for the others. */
  /** `answers` and `unanswered` (names) for those who run the meeting only; `substitute` is who comes instead. */
  notice: { attending: number; notAttending: number; answers?: Array<{ name: string; attending: boolean; note?: string; substitute?: string; viaLink?: boolean }>; unanswered?: string[] };
  decisions: Array<{ id: string; agendaItem?: number; paragraph?: string; heading?: string; text: string; status: 'active' | 'retracted' }>;
  notes: Array<{ id: string; agendaItem?: number; text: string; by: string }>;
  actions: Array<MeetingActionRow>;
  /** The group's open actions across its meetings. */
  openActions: Array<MeetingActionRow>;
  /** The group's highest risks, top 3 by R. */
  topRisks: Array<{ id: string; code: string; threat: string; score: number; band: RiskBand; status: RiskStatus }>;
}

export interface MeetingActionRow {
  id: string;
  agendaItem?: number;
  text: string;
  owner?: string;
  due?: string;
  status: 'open' | 'done';
}

/**
 * POST /api/tab/groups/:groupId/meetings/:meetingId/{decisions|notes|actions|risks|next}: recorded on the
 * item in progress through the chat commands' use cases (source key `tab:<meetingId>:<requestId>`);
 * answers the meeting page (201 stored, 200 seen before).
 */
export type MeetingRecordRequest =
  | { requestId: string; heading?: string; text: string } // decisions
  | { requestId: string; text: string } // notes
  | { requestId: string; text: string; owner?: string; due?: string } // actions
  | { requestId: string; threat: string; probability: number; impact: number } // risks
  | { requestId: string; from?: number }; // next: `from` is the item the page showed (a second press moves nothing)

// The Transcript page's shapes (issue 20), in their own file.
export type * from './transcript-api';
