/**
 * The tab API client (src/contract/tab-api.ts). Inside Teams every request carries the SSO token as a
 * bearer token; in a plain browser none (local mode reads the demo workspace without one).
 */
import type {
  ApiError,
  AssessmentRequest,
  AttendanceView,
  CapabilityImportRequest,
  CapabilityImportResult,
  CapabilityMapView,
  DecisionsView,
  MeView,
  MeetingPageView,
  MeetingRecordRequest,
  ReminderRequest,
  ReminderResult,
  RiskDetailView,
  RiskRegisterView,
  RiskReviewRequest,
  TranscriptNoteRequest,
  TranscriptNoteResult,
  TranscriptPageView,
} from '../../src/contract/tab-api';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export type TokenSource = () => Promise<string | undefined>;

const BASE = '/api/tab';
/** How long an answer asked for early stays usable: a later visit to the page asks again. */
const EARLY_ANSWER_MS = 10_000;
const enc = encodeURIComponent;

export class TabApi {
  constructor(
    private readonly token: TokenSource,
    /** The page's language: the server answers errors in it. */
    private readonly lang: () => string,
  ) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    let token: string | undefined;
    try {
      token = await this.token();
    } catch (e) {
      // Teams' SSO failed (no consent yet, a blocked pop-up, an expired session): say so, not "no network".
      throw new ApiFailure(401, 'SSO', e instanceof Error ? e.message : String(e));
    }
    if (token) headers.set('Authorization', `Bearer ${token}`);
    headers.set('Accept-Language', this.lang());
    if (init.body) headers.set('Content-Type', 'application/json');
    let res: Response;
    try {
      res = await fetch(`${BASE}${path}`, { ...init, headers });
    } catch (e) {
      throw new ApiFailure(0, 'NETWORK', e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) {
      let body: Partial<ApiError> = {};
      try {
        body = (await res.json()) as Partial<ApiError>;
      } catch (_) {
        // Not JSON (a proxy's error page): the status says enough.
      }
      throw new ApiFailure(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? res.statusText);
    }
    return res;
  }

  /** GETs started early (see `startEarly`), by path, each handed out once and only while fresh. */
  private readonly early = new Map<string, { answer: Promise<unknown>; at: number }>();
  private recordingEarly = false;

  /**
   * Runs `read` now and keeps the answers of the GETs it makes: the page that asks for the same address
   * next (within a few seconds) gets the answer already on its way instead of asking after /me is back.
   */
  startEarly(read: (api: TabApi) => Promise<unknown>): void {
    this.recordingEarly = true;
    try {
      read(this).catch(() => undefined); // a failure reaches the page that takes the answer
    } finally {
      this.recordingEarly = false;
    }
  }

  private json<T>(path: string, init?: RequestInit): Promise<T> {
    const read = async () => (await (await this.request(path, init)).json()) as T;
    if (init !== undefined) return read();
    if (this.recordingEarly) {
      const answer = read();
      this.early.set(path, { answer, at: Date.now() });
      return answer;
    }
    const early = this.early.get(path);
    this.early.delete(path);
    if (early && Date.now() - early.at < EARLY_ANSWER_MS) return early.answer as Promise<T>;
    return read();
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>(path, { method: 'POST', body: JSON.stringify(body) });
  }

  me = (): Promise<MeView> => this.json('/me');
  risks = (groupId: string): Promise<RiskRegisterView> => this.json(`/groups/${enc(groupId)}/risks`);
  risk = (groupId: string, riskId: string): Promise<RiskDetailView> => this.json(`/groups/${enc(groupId)}/risks/${enc(riskId)}`);
  addReview = (groupId: string, riskId: string, body: RiskReviewRequest): Promise<RiskDetailView> =>
    this.post(`/groups/${enc(groupId)}/risks/${enc(riskId)}/reviews`, body);
  risksCsv = async (groupId: string, lang: string): Promise<Blob> =>
    (await this.request(`/groups/${enc(groupId)}/risks.csv?lang=${enc(lang)}`)).blob();
  capabilities = (groupId: string): Promise<CapabilityMapView> => this.json(`/groups/${enc(groupId)}/capabilities`);
  importCapabilities = (groupId: string, body: CapabilityImportRequest): Promise<CapabilityImportResult> =>
    this.post(`/groups/${enc(groupId)}/capabilities/import`, body);
  assess = (groupId: string, body: AssessmentRequest): Promise<CapabilityMapView> => this.post(`/groups/${enc(groupId)}/capabilities/assessments`, body);
  remind = (groupId: string, body: ReminderRequest): Promise<ReminderResult> =>
    this.post(`/groups/${enc(groupId)}/capabilities/reminders`, body);
  /** The period's meetings; without one, the server takes the current calendar year. */
  attendance = (groupId: string, period?: { from: string; to: string }): Promise<AttendanceView> =>
    this.json(`/groups/${enc(groupId)}/attendance${period ? `?from=${enc(period.from)}&to=${enc(period.to)}` : ''}`);
  decisions = (groupId: string): Promise<DecisionsView> => this.json(`/groups/${enc(groupId)}/decisions`);
  /** The meeting page: `meeting` (an id) or `chat` (a meeting chat's id) chooses; else the group's meeting in progress or next. */
  meeting = (groupId: string, choice: { meeting?: string; chat?: string }): Promise<MeetingPageView> => {
    const q = choice.meeting ? `?meeting=${enc(choice.meeting)}` : choice.chat ? `?chat=${enc(choice.chat)}` : '';
    return this.json(`/groups/${enc(groupId)}/meeting${q}`);
  };
  recordInMeeting = (groupId: string, meetingId: string, kind: 'decisions' | 'notes' | 'actions' | 'risks' | 'next', body: MeetingRecordRequest): Promise<MeetingPageView> =>
    this.post(`/groups/${enc(groupId)}/meetings/${enc(meetingId)}/${kind}`, body);
  /** A meeting's transcript per agenda item, and passages of it taken as a note. */
  transcript = (meetingId: string): Promise<TranscriptPageView> => this.json(`/meetings/${enc(meetingId)}/transcript`);
  transcriptNote = (meetingId: string, body: TranscriptNoteRequest): Promise<TranscriptNoteResult> => this.post(`/meetings/${enc(meetingId)}/transcript/notes`, body);
}

/** A request id for a write: the same submit sent twice is stored once. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only in secure contexts (https, localhost); a version-4 UUID from random bytes otherwise.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
