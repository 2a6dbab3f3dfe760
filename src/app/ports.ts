/**
 * What the use cases need from the outside world. Implemented by src/store (persistence) and by bot/
 * (what Teams knows about a conversation); the use cases never see botbuilder, restify or SQL.
 */
import type { AgendaItem } from '../domain/agenda';
import type { Correction, MeetingAttendance } from '../domain/attendance';
import type { CheckInAnswer, NoticeAnswer } from '../domain/attendance-answers';
import type { Action } from '../domain/action';
import type { AuditEvent } from '../domain/audit';
import type { Assessment, Capability, CapabilityInput, Importance, Maturity } from '../domain/capability';
import type { Decision } from '../domain/decision';
import type { Group, Member } from '../domain/group';
import type { Meeting, TeamsMeetingRole } from '../domain/meeting';
import type { MinutesContent, MinutesVersion } from '../domain/minutes';
import type { Note } from '../domain/note';
import type { PersonRef } from '../domain/person';
import type { Risk, RiskReview, ValidRisk } from '../domain/risk';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Result of an idempotent write: `created` is false when the same source key was stored before. */
export interface Stored<T> {
  value: T;
  created: boolean;
}

export interface MeetingDetails {
  title?: string;
  startsAt?: string;
  endsAt?: string;
  organizerAadObjectId?: string;
  graphMeetingId?: string;
}

export interface NewScheduledMeeting {
  tenantId: string;
  groupId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  scheduledBy: PersonRef;
  /** The request that scheduled it: the same request twice schedules once. */
  sourceKey: string;
  override?: { rule: string; reason: string; byName: string };
  at: string;
}

/** What changes on a meeting as it is scheduled, noticed and run. */
export interface MeetingChanges {
  graphEventId?: string;
  joinUrl?: string;
  /** The meeting chat's thread id, once Graph tells it (replaces the placeholder only). */
  conversationId?: string;
  installStatus?: Meeting['installStatus'];
  conversationReference?: string;
  agendaActivityId?: string;
  currentItem?: number;
  startedAt?: string;
  endedAt?: string;
  noticeActivityId?: string;
  noticeSentAt?: string;
  checkinActivityId?: string;
  graphMeetingId?: string;
  attendanceImportedAt?: string;
  attendanceDeniedAt?: string;
}

export interface MeetingRepository {
  get(tenantId: string, id: string): Promise<Meeting | undefined>;
  schedule(input: NewScheduledMeeting): Promise<Stored<Meeting>>;
  /** The group's meetings starting in [fromIso, toIso), by start. */
  listByGroup(tenantId: string, groupId: string, fromIso: string, toIso: string): Promise<Meeting[]>;
  update(tenantId: string, meetingId: string, changes: MeetingChanges): Promise<Meeting>;
  /** Finds the meeting of a Teams meeting id, creating it on first contact. */
  /** A meeting booked through the bot whose chat (found from its join URL) is this conversation. */
  findScheduledByConversation(tenantId: string, conversationId: string): Promise<Meeting | undefined>;
  ensure(input: { tenantId: string; teamsMeetingId: string; conversationId: string; at: string }): Promise<Stored<Meeting>>;
  updateDetails(tenantId: string, meetingId: string, details: MeetingDetails): Promise<void>;
  findByTeamsId(tenantId: string, teamsMeetingId: string): Promise<Meeting | undefined>;
  linkToGroup(tenantId: string, meetingId: string, groupId: string): Promise<void>;
}

export interface NewDecision {
  tenantId: string;
  meetingId: string;
  text: string;
  recordedBy: PersonRef;
  recordedAt: string;
  sourceKey: string;
  agendaItem?: number;
}

export interface DecisionRepository {
  /** Stores with the next § number of the meeting; a repeated `sourceKey` returns the first one stored. */
  record(input: NewDecision): Promise<Stored<Decision>>;
  get(tenantId: string, id: string): Promise<Decision | undefined>;
  listForMeeting(tenantId: string, meetingId: string): Promise<Decision[]>;
  /** Every decision of the group's meetings, newest meeting first, then by § number. */
  listForGroup(tenantId: string, groupId: string): Promise<Decision[]>;
  /** Marks retracted (idempotent: a retracted decision keeps who and when it was first retracted). */
  retract(tenantId: string, id: string, by: PersonRef, at: string): Promise<Decision>;
}

export interface NewRisk {
  tenantId: string;
  registerId: string;
  risk: ValidRisk;
  meetingId?: string;
  agendaItem?: number;
  raisedBy: PersonRef;
  raisedAt: string;
  sourceKey: string;
}

export interface NewRiskReview {
  tenantId: string;
  risk: Risk;
  review: Omit<RiskReview, 'id' | 'riskId'>;
  sourceKey: string;
}

export interface RiskRepository {
  findByNumber(tenantId: string, registerId: string, number: number): Promise<Risk | undefined>;
  /** Stores the review and gives the risk its S, K and status; a repeated `sourceKey` stores once. */
  review(input: NewRiskReview): Promise<Stored<RiskReview>>;
  reviews(tenantId: string, riskId: string): Promise<RiskReview[]>;
  /** Risks raised in a meeting, by number. */
  raisedInMeeting(tenantId: string, meetingId: string): Promise<Risk[]>;
  /** Follow-ups made in a meeting, oldest first, each with its risk. */
  reviewsInMeeting(tenantId: string, meetingId: string): Promise<Array<{ review: RiskReview; risk: Risk }>>;
  /** When each risk of the register was last reviewed (risks never reviewed are left out). */
  lastReviewed(tenantId: string, registerId: string): Promise<Array<{ riskId: string; at: string }>>;
  /** The register a conversation keeps before it belongs to a group. */
  ensureConversationRegister(tenantId: string, conversationId: string): Promise<string>;
  /** Stores with the next R number of the register; a repeated `sourceKey` returns the first one stored. */
  raise(input: NewRisk): Promise<Stored<Risk>>;
  list(tenantId: string, registerId: string): Promise<Risk[]>;
  /** The register of a group, created on first use. */
  ensureGroupRegister(tenantId: string, groupId: string): Promise<string>;
  /**
   * Risks a conversation kept before it belonged to a group move into the group's register: the
   * conversation's register becomes the group's if the group has none, else its risks are appended
   * (renumbered after the group's last; each renumbered risk's audit trail says so, by `by`). Returns how
   * many risks moved.
   */
  moveConversationRisksToGroup(tenantId: string, conversationId: string, groupId: string, by: { actor: PersonRef; at: string }): Promise<number>;
}

export type NewGroup = Omit<Group, 'id'>;
export type NewMember = Omit<Member, 'id'>;
export interface MemberChanges {
  role?: Member['role'];
  organisation?: string | null;
  email?: string | null;
  from?: string;
  to?: string | null;
}

export interface GroupRepository {
  /** Throws GROUP.NAME_TAKEN when the tenant has a group of that name, GROUP.ALREADY_LINKED for the conversation. */
  create(group: NewGroup, members: NewMember[]): Promise<Group>;
  get(tenantId: string, id: string): Promise<Group | undefined>;
  findByConversation(tenantId: string, conversationId: string): Promise<Group | undefined>;
  findByName(tenantId: string, name: string): Promise<Group | undefined>;
  /** The tenant's groups, by name. */
  list(tenantId: string): Promise<Group[]>;
  /** Tenants that have a group of this name (for the CSV import, which runs outside any tenant). */
  tenantsWithGroup(name: string): Promise<string[]>;
  setPreparationGroup(tenantId: string, groupId: string, preparationGroupId: string): Promise<void>;
  members(tenantId: string, groupId: string): Promise<Member[]>;
  addMember(member: NewMember): Promise<Member>;
  updateMember(tenantId: string, memberId: string, changes: MemberChanges): Promise<Member>;
}

export interface Appointment {
  person: PersonRef;
  appointedBy: PersonRef;
  appointedAt: string;
}

export interface SecretaryRepository {
  appoint(input: { tenantId: string; meetingId: string; person: PersonRef; appointedBy: PersonRef; at: string }): Promise<void>;
  current(tenantId: string, meetingId: string): Promise<Appointment | undefined>;
}

export interface NewNote {
  tenantId: string;
  meetingId: string;
  agendaItem?: number;
  text: string;
  recordedBy: PersonRef;
  recordedAt: string;
  sourceKey: string;
}

export interface NoteRepository {
  /** A repeated `sourceKey` returns the note stored first. */
  add(input: NewNote): Promise<Stored<Note>>;
  listForMeeting(tenantId: string, meetingId: string): Promise<Note[]>;
}

export interface NewAction {
  tenantId: string;
  groupId?: string;
  meetingId: string;
  agendaItem?: number;
  text: string;
  owner?: string;
  due?: string;
  createdBy: PersonRef;
  createdAt: string;
  sourceKey: string;
}

export interface ActionRepository {
  /** A repeated `sourceKey` returns the action stored first. */
  record(input: NewAction): Promise<Stored<Action>>;
  get(tenantId: string, id: string): Promise<Action | undefined>;
  /** Open actions of a group (across its meetings), or of one meeting, oldest first. */
  listOpen(tenantId: string, where: { groupId: string } | { meetingId: string }): Promise<Action[]>;
  /** Every action recorded in a meeting, open or done, oldest first. */
  listForMeeting(tenantId: string, meetingId: string): Promise<Action[]>;
  /** Marks done; an action already done keeps who and when it was first marked. */
  markDone(tenantId: string, id: string, by: PersonRef, at: string): Promise<Action>;
}

/** What Teams knows about the people of one conversation; implemented per turn by the bot. */
export interface ConversationDirectory {
  /** The caller's role in the meeting of this conversation, as Teams reports it. */
  meetingRoleOf(person: PersonRef): Promise<TeamsMeetingRole>;
  /** The people of the conversation, with their e-mail when Teams tells it. */
  members(): Promise<Array<PersonRef & { email?: string }>>;
}

export interface StoredAgendaItem extends AgendaItem {
  /** When the item actually began during the meeting. */
  actualStart?: string;
}

export interface AgendaRepository {
  list(tenantId: string, meetingId: string): Promise<StoredAgendaItem[]>;
  replace(tenantId: string, meetingId: string, items: AgendaItem[]): Promise<void>;
  /** Records when an item began (the first time only). */
  markStarted(tenantId: string, meetingId: string, number: number, at: string): Promise<void>;
}

export interface AnswerRepository {
  saveNotice(tenantId: string, meetingId: string, answer: NoticeAnswer): Promise<void>;
  notices(tenantId: string, meetingId: string): Promise<NoticeAnswer[]>;
  saveCheckIn(tenantId: string, meetingId: string, answer: CheckInAnswer): Promise<void>;
  checkIns(tenantId: string, meetingId: string): Promise<CheckInAnswer[]>;
}

// ---- Durable jobs (implemented in src/store) ------------------------------------------------------

/** Something to do later, once, even across restarts and with several server instances. */
export interface NewJob {
  tenantId: string;
  /** Which handler runs it, e.g. `notice-reminder`. */
  kind: string;
  /** One job per purpose (e.g. `notice-reminder:<meetingId>`): enqueueing the same key again keeps the first. */
  uniqueKey: string;
  /** ISO instant from which it may run. */
  runAt: string;
  /** JSON-serialisable; the handler checks what it reads. */
  payload: Record<string, unknown>;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface Job extends NewJob {
  id: string;
  status: JobStatus;
  /** Runs started so far (a claim counts as one, so a crash mid-run counts too). */
  attempts: number;
  /** While `running`: until when the runner that claimed it owns it; after that another may claim it. */
  lockedUntil?: string;
  lastError?: string;
  doneAt?: string;
}

export interface JobRepository {
  /** Stores the job unless one with its `uniqueKey` exists (whatever its status); `created` tells which. */
  enqueue(job: NewJob): Promise<Stored<Job>>;
  /**
   * Claims up to `limit` jobs due at `now` (pending, or running with an expired lock) for `lockMs`: each
   * job goes to exactly one caller, across connections and server instances. `kinds` limits the claim to
   * the kinds the caller can run (a job of a kind it does not know stays for a server that does).
   */
  claimDue(now: Date, limit: number, lockMs: number, kinds?: readonly string[]): Promise<Job[]>;
  complete(id: string, at: Date): Promise<void>;
  /** With `retryAt` the job is pending again from then; without, it has failed for good. */
  fail(id: string, error: string, retryAt?: Date): Promise<void>;
  /** For tests and operators: jobs, of one kind or with one key when asked, by run time. */
  list(filter?: { kind?: string; uniqueKey?: string }): Promise<Job[]>;
}

// ---- Posting on the app's own initiative (implemented in bot/) --------------------------------------

/**
 * What the app tells a chat without being asked (reminders, later attendance summaries): a view model the
 * bot renders as a card in the language of the chat's stored conversation reference.
 */
/** A meeting's attendance as the cards and the API show it. */
export interface AttendanceView extends MeetingAttendance {
  meeting: Meeting;
  group?: Group;
}

export type Notification =
  | {
      kind: 'noticeReminder';
      meetingId: string;
      title: string;
      /** The meeting's day and the last day the notice may go out, `YYYY-MM-DD`, Stockholm calendar. */
      meetingDate: string;
      noticeDeadline: string;
    }
  /** The meeting's attendance after an import added records. */
  | { kind: 'attendance'; view: AttendanceView }
  /** Graph refused the attendance reports: the admin step that is missing. */
  | { kind: 'attendanceAccessDenied'; title: string }
  /** A representative is asked to assess their organisation on the group's capability map. */
  | { kind: 'assessmentReminder'; groupId: string; groupName: string; organisation: string; answered: number; total: number; vision?: string };

export interface Notifier {
  /** Posts to the conversation of a serialized conversation reference (as stored on a meeting or group). */
  post(conversationReference: string, notification: Notification): Promise<void>;
  /** Posts to the group's own chat or channel; throws when the group has no stored reference. */
  postToGroup(group: Group, notification: Notification): Promise<void>;
  /**
   * Posts to one member privately: a one-to-one chat opened through the group chat's stored reference
   * (its service URL and bot), in that chat's language. Throws when there is no reference or Teams refuses.
   */
  postToMember(group: Group, member: Member, notification: Notification): Promise<void>;
}

export interface AttendanceRepository {
  /** Stores the records not stored before (by report and record id); returns how many were new. */
  saveRecords(tenantId: string, meetingId: string, records: readonly FetchedAttendanceRecord[], at: string): Promise<number>;
  records(tenantId: string, meetingId: string): Promise<FetchedAttendanceRecord[]>;
  addCorrection(tenantId: string, meetingId: string, correction: Correction & { byId: string }): Promise<void>;
  corrections(tenantId: string, meetingId: string): Promise<Correction[]>;
}

export interface NewMinutesVersion {
  tenantId: string;
  meetingId: string;
  content: MinutesContent;
  contentHash: string;
  createdBy: PersonRef;
  createdAt: string;
}

export interface MinutesRepository {
  latest(tenantId: string, meetingId: string): Promise<MinutesVersion | undefined>;
  get(tenantId: string, id: string): Promise<MinutesVersion | undefined>;
  /** The latest approved version of a meeting, if any. */
  latestApproved(tenantId: string, meetingId: string): Promise<MinutesVersion | undefined>;
  /**
   * Stores the content as the next version unless the latest version has the same hash, which is returned
   * instead (`created` false): asking for the minutes twice without a change makes one version.
   */
  snapshot(input: NewMinutesVersion): Promise<Stored<MinutesVersion>>;
  /** draft/changesRequested → sent; a version already sent or approved is returned unchanged. */
  markSent(tenantId: string, id: string, by: PersonRef, at: string): Promise<MinutesVersion>;
  /** sent → approved; an approved version keeps its first approver and time (a second press changes nothing). */
  approve(tenantId: string, id: string, by: PersonRef, at: string): Promise<MinutesVersion>;
  /** sent → changesRequested, with the adjuster's note. */
  requestChanges(tenantId: string, id: string, by: PersonRef, at: string, note: string | undefined): Promise<MinutesVersion>;
}

/** The append-only audit trail (written by the repositories with each change; read here). */
export interface AuditRepository {
  /** Events of the records, oldest first. */
  history(tenantId: string, entity: AuditEvent['entity'], entityIds: readonly string[]): Promise<AuditEvent[]>;
}

// ---- Capability map (implemented in src/store) -----------------------------------------------------

export interface CapabilityImport {
  tenantId: string;
  groupId: string;
  /** The tab's request id: the same import twice stores once and answers as the first time. */
  requestId: string;
  vision?: string;
  /** The organisations taking part (replaces the list when given). */
  organisations?: string[];
  capabilities: CapabilityInput[];
  at: string;
}

export interface NewAssessments {
  tenantId: string;
  groupId: string;
  organisation: string;
  answers: Array<{ capabilityId: string; maturity: Maturity; importance: Importance }>;
  by: PersonRef;
  at: string;
  via: Assessment['via'];
}

export interface CapabilityRepository {
  /** The group's vision, participating organisations (when listed) and capabilities (import order). */
  map(tenantId: string, groupId: string): Promise<{ vision?: string; organisations?: string[]; capabilities: Capability[] }>;
  /**
   * Adds capabilities with new codes, updates those whose code exists and whose text changed, keeps the
   * rest; all or nothing. A `requestId` seen before returns the first result with `created: false`.
   */
  importCapabilities(input: CapabilityImport): Promise<Stored<{ imported: number; updated: number }>>;
  assessments(tenantId: string, groupId: string): Promise<Assessment[]>;
  /**
   * Stores the organisation's answers, each replacing its earlier answer for that capability with who and
   * when; an answer equal to the stored one keeps the stored one. All or nothing; returns how many changed.
   */
  saveAssessments(input: NewAssessments): Promise<number>;
  /** The result stored with a request id (imports and reminders), if the request was seen. */
  findRequest(tenantId: string, requestId: string): Promise<{ kind: string; groupId: string; result: unknown } | undefined>;
  /** Keeps a reminder (by request id: a repeat keeps the first) and its result. */
  recordReminder(input: { tenantId: string; groupId: string; requestId: string; organisation: string; result: unknown; at: string }): Promise<void>;
  /** The latest reminder per organisation key. */
  remindedAt(tenantId: string, groupId: string): Promise<Map<string, string>>;
}

/** Splits CSV text into rows of cells (the header row first); throws CsvSyntaxError naming the row it could not read. */
export type CsvReader = (text: string) => string[][];

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';

  constructor(
    readonly row: number,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`CSV row ${row}: ${detail}`, options);
  }
}

export interface Repositories {
  minutes: MinutesRepository;
  audit: AuditRepository;
  meetings: MeetingRepository;
  decisions: DecisionRepository;
  risks: RiskRepository;
  secretaries: SecretaryRepository;
  /** The meetings' adjusters, appointed like the secretary. */
  adjusters: SecretaryRepository;
  notes: NoteRepository;
  actions: ActionRepository;
  groups: GroupRepository;
  agendas: AgendaRepository;
  answers: AnswerRepository;
  jobs: JobRepository;
  attendance: AttendanceRepository;
  capabilities: CapabilityRepository;
}

// ---- Microsoft Graph (implemented in src/graph) ---------------------------------------------------

export interface EmailAddress {
  name: string;
  address: string;
}

export interface NewOnlineMeetingEvent {
  /** Entra object id (or UPN) of the organizer whose calendar holds the event. */
  organizerUserId: string;
  subject: string;
  /** Local wall-clock times in `timeZone`, as Graph's dateTimeTimeZone wants them: "2027-02-11T09:00:00". */
  start: string;
  end: string;
  timeZone: string;
  attendees: EmailAddress[];
  bodyHtml: string;
  /** Graph's transactionId: a retried POST with the same id returns the first event instead of a second one. */
  transactionId: string;
}

export interface CreatedEvent {
  eventId: string;
  joinUrl?: string;
  webLink?: string;
}

export interface OnlineMeetingInfo {
  id: string;
  /** The meeting chat's thread id (`chatInfo.threadId`): the conversation id of the meeting chat in Teams. */
  chatThreadId?: string;
  joinUrl?: string;
}

export type InstallResult = { kind: 'installed' } | { kind: 'alreadyInstalled' } | { kind: 'refused'; status: number; message: string };

/** The calendar, online meetings, app installation and mail, as Rådslag uses them. */
export interface MeetingCalendar {
  createOnlineMeetingEvent(input: NewOnlineMeetingEvent): Promise<CreatedEvent>;
  updateEventBody(organizerUserId: string, eventId: string, bodyHtml: string): Promise<void>;
  findOnlineMeetingByJoinUrl(organizerUserId: string, joinUrl: string): Promise<OnlineMeetingInfo | undefined>;
  installAppInChat(chatThreadId: string, teamsAppId: string): Promise<InstallResult>;
  sendMail(fromUserId: string, to: EmailAddress, subject: string, bodyHtml: string): Promise<void>;
}

// ---- Personal links (tokens in src/links, one-to-one messages in bot/) -----------------------------

/** Which answer a personal link gives: the notice's, the check-in's, or the capability assessment's. */
export type LinkKind = 'notice' | 'checkin' | 'assessment';

/** What a personal link says, fixed when it is made: whose answer, to what, until when. */
export interface PersonalLinkClaims {
  tenantId: string;
  /** The meeting a notice or check-in link answers; empty for an assessment link, which names its group. */
  meetingId: string;
  /** The group whose capability map an assessment link answers. */
  groupId?: string;
  /** The roster row of the person the link is for: the page answers for that person only. */
  memberId: string;
  kind: LinkKind;
  expiresAt: Date;
}

/** Why a link is refused: cut off or garbled, altered or signed with another key, out of date, or for the other form. */
export type LinkTokenRefusal = 'malformed' | 'forged' | 'expired' | 'wrongKind';

export type LinkTokenReading = { ok: true; claims: PersonalLinkClaims } | { ok: false; refusal: LinkTokenRefusal };

/** Signs and checks personal-link tokens. */
export interface LinkTokens {
  issue(claims: PersonalLinkClaims): string;
  /** Checks the signature first; only a genuine token is then checked for expiry (at `now`) and kind. */
  read(token: string, now: Date, expectedKind?: LinkKind): LinkTokenReading;
}

// ---- Minutes files (rendering in src/minutes, download tokens in src/links) ------------------------

export type MinutesFormat = 'docx' | 'html' | 'md';
export type Locale = 'sv' | 'en';

export interface RenderedMinutes {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** Turns a version into a file, and fixes the content's hash. */
export interface MinutesRendering {
  /** SHA-256 (hex) of the content's canonical JSON. */
  hash(content: MinutesContent): string;
  render(version: MinutesVersion, format: MinutesFormat, locale: Locale, audience: 'internal' | 'public'): Promise<RenderedMinutes>;
}

export interface DownloadClaims {
  tenantId: string;
  versionId: string;
  format: MinutesFormat;
  locale: Locale;
  public: boolean;
  expiresAt: Date;
}

export type DownloadReading = { ok: true; claims: DownloadClaims } | { ok: false; refusal: 'malformed' | 'forged' | 'expired' };

/** Signs and checks the minutes' download links. */
export interface DownloadLinks {
  issue(claims: DownloadClaims): string;
  read(token: string, now: Date): DownloadReading;
}

/** One-to-one messages from the bot, to people Teams knows in the conversation at hand. */
export interface DirectMessenger {
  /** The person's Teams account here and their home tenant, as Teams reports them; undefined when Teams does not know them. */
  find(person: PersonRef): Promise<{ accountId: string; tenantId?: string } | undefined>;
  /** Opens (or reuses) the one-to-one chat with the account and posts plain text there. */
  send(accountId: string, tenantId: string, text: string): Promise<void>;
}

// ---- Attendance reports (implemented in src/graph) -------------------------------------------------

/** One record of one attendance report, translated from Graph. */
export interface FetchedAttendanceRecord {
  reportId: string;
  recordId: string;
  aadObjectId?: string;
  tenantId?: string;
  email?: string;
  displayName: string;
  role: 'Organizer' | 'Presenter' | 'Attendee' | 'Unknown';
  seconds: number;
}

export interface AttendanceSource {
  /** Every record of every attendance report of the online meeting (a meeting left and re-joined has several reports), following paging. Empty when Graph has no report yet. */
  fetchRecords(organizerUserId: string, onlineMeetingId: string): Promise<FetchedAttendanceRecord[]>;
  /** The Graph online-meeting id of a meeting from its join URL (GET /users/{id}/onlineMeetings?$filter=JoinWebUrl eq '…'), when Teams did not tell it. */
  onlineMeetingIdByJoinUrl(organizerUserId: string, joinUrl: string): Promise<string | undefined>;
}

/**
 * Graph refused because the tenant's Teams application access policy does not cover the organizer. Asking
 * again does not help: a Teams admin must grant the policy (New-/Grant-CsApplicationAccessPolicy) first.
 */
export class AttendanceAccessDenied extends Error {
  override readonly name = 'AttendanceAccessDenied';

  constructor(
    readonly organizerUserId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
