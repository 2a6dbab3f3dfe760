import type { RetentionPolicy } from '../domain/privacy';
import { AccessPolicy } from './access-policy';
import { APP_INSTALL_JOB, appInstallHandler } from './app-install';
import { ATTENDANCE_IMPORT_JOB, attendanceImportHandler } from './attendance-import';
import { AttendanceService } from './attendance-service';
import { CapabilityService, type CapabilityServiceOptions } from './capability-service';
import { DecisionService } from './decision-service';
import { GroupService } from './group-service';
import { HistoryImportService } from './history-import';
import type { JobHandler } from './job-runner';
import { MeetingService } from './meeting-service';
import { MeetingPageService } from './meeting-page-service';
import { MeetingRunService } from './meeting-run-service';
import { NoticeOverviewService } from './notice-overview';
import { MinutesRecordsService } from './minutes-records-service';
import { MinutesService } from './minutes-service';
import { NOTICE_REMINDER_JOB, noticeReminderHandler } from './notice-reminder';
import { RETENTION_JOB, retentionHandler } from './privacy-retention';
import type { AttendanceSource, TranscriptSource, Clock, CsvReader, DownloadLinks, MeetingCalendar, MinutesRendering, Notifier, Repositories } from './ports';
import { SchedulingService } from './scheduling-service';
import { RiskService } from './risk-service';
import { TabService } from './tab-service';
import { transcriptFetchHandler, transcriptRetentionHandler } from './transcript-jobs';
import { TRANSCRIPT_FETCH_JOB, TRANSCRIPT_RETENTION_JOB, TranscriptService } from './transcript-service';

export interface Services {
  meetings: MeetingService;
  decisions: DecisionService;
  risks: RiskService;
  groups: GroupService;
  scheduling: SchedulingService;
  /** Running a meeting: agenda, notice, check-in, the item in progress. */
  meetingRun: MeetingRunService;
  /** The notice's answers by name for editors, and its card kept current. */
  notice: NoticeOverviewService;
  attendance: AttendanceService;
  /** What is recorded for the minutes: notes, actions, the adjuster. */
  records: MinutesRecordsService;
  /** The minutes as documents: drafts, versions, approval, downloads. */
  minutes: MinutesService;
  /** The capability map: view, import, assessments, reminders. */
  capabilities: CapabilityService;
  /** What the tab reads, and who may edit there. */
  tab: TabService;
  /** The tab's meeting page: one meeting as the secretary's desk. */
  meetingPage: MeetingPageService;
  /** Meetings held before Rådslag, imported from their minutes (`npm run import:minutes`). */
  history: HistoryImportService;
  /** Teams' meeting transcripts: fetched, read per agenda item, taken as notes, deleted after retention. */
  transcripts: TranscriptService;
}

/** Wires the use cases to their ports. */
export interface ServiceOptions {
  /** Microsoft Graph, when configured. */
  calendar?: MeetingCalendar;
  teamsAppId?: string;
  /** Where Graph failures are reported (they never fail the command that caused them). */
  onGraphError?: (e: unknown, what: string) => void;
  /** Graph's attendance reports, when configured. */
  attendanceSource?: AttendanceSource;
  /** Recognises Graph's refusal for a missing Teams application access policy. */
  isAttendanceAccessDenied?: (e: unknown) => boolean;
  /** Graph's refusal for a permission the app registration lacks (graph-attendance.ts missingPermissionOf). */
  missingAttendancePermission?: (e: unknown) => string | undefined;
  /** Minutes after a meeting's end when the attendance is imported (default 15, 120, 1440). */
  attendanceRetryMinutes?: readonly number[];
  /** Minimum time in the meeting to count as present (default 5 minutes). */
  attendanceMinimumSeconds?: number;
  /** Sends capability-assessment reminders to representatives (the bot's proactive messages). */
  notifier?: Pick<Notifier, 'postToMember'>;
  /** Updates a posted card in place (the notice card, when an answer came through a personal link). */
  cardNotifier?: Pick<Notifier, 'replace'>;
  /** Where failed reminders are reported (the reminder names who could not be reached). */
  onNotifyError?: (e: unknown, what: string) => void;
  /** Reads CSV imports (csv-parse, wired in src/main.ts). */
  readCsv?: CsvReader;
  /** Mails a representative outside Teams' reach their personal assessment link. */
  mailAssessmentLink?: CapabilityServiceOptions['mailLink'];
  /** Graph's meeting transcripts, when configured. */
  transcriptSource?: TranscriptSource;
  /** Minutes after a meeting's end when its transcripts are fetched (default 15, 120, 1440). */
  transcriptRetryMinutes?: readonly number[];
  /** Days after the minutes' approval when the transcripts are deleted (default 30). */
  transcriptRetentionDays?: number;
  /** The tab's Transcript page of a meeting. */
  transcriptPageLink?: (meetingId: string) => string;
}

/** What the minutes need beyond the stores: rendering (src/minutes), signed links (src/links), the public address. */
export interface MinutesOptions {
  rendering: MinutesRendering;
  links: DownloadLinks;
  publicBaseUrl: string;
}

export function createServices(repos: Repositories, clock: Clock, minutesOptions: MinutesOptions, options: ServiceOptions = {}): Services {
  const policy = new AccessPolicy(repos, clock);
  const meetings = new MeetingService(repos, policy, clock);
  const risks = new RiskService(repos, meetings, policy, clock);
  const attendance = new AttendanceService(repos, meetings, policy, clock, {
    ...(options.attendanceSource ? { source: options.attendanceSource } : {}),
    isAccessDenied: options.isAttendanceAccessDenied ?? (() => false),
    ...(options.missingAttendancePermission ? { missingPermission: options.missingAttendancePermission } : {}),
    ...(options.attendanceMinimumSeconds !== undefined ? { minimumSeconds: options.attendanceMinimumSeconds } : {}),
  });
  const tab = new TabService(repos, meetings, policy, risks, attendance, clock);
  const meetingRun = new MeetingRunService(repos, meetings, policy, clock);
  const decisions = new DecisionService(repos, meetings, policy, clock);
  const records = new MinutesRecordsService(repos, meetings, policy, clock);
  const transcripts = new TranscriptService(repos, meetings, policy, records, clock, {
    ...(options.transcriptSource ? { source: options.transcriptSource } : {}),
    ...(options.transcriptRetryMinutes ? { retryMinutes: options.transcriptRetryMinutes } : {}),
    ...(options.transcriptRetentionDays !== undefined ? { retentionDays: options.transcriptRetentionDays } : {}),
    ...(options.transcriptPageLink ? { pageLink: options.transcriptPageLink } : {}),
  });
  const minutes = new MinutesService(repos, meetings, attendance, policy, minutesOptions.rendering, minutesOptions.links, clock, minutesOptions.publicBaseUrl, (v) => transcripts.scheduleRetention(v));
  return {
    meetings,
    decisions,
    risks,
    groups: new GroupService(repos, meetings, policy, clock),
    scheduling: new SchedulingService(repos, meetings, policy, clock, options.calendar, options.teamsAppId ?? '', options.onGraphError ?? (() => undefined), options.attendanceRetryMinutes),
    meetingRun,
    notice: new NoticeOverviewService(repos, policy, clock, options.cardNotifier),
    records,
    capabilities: new CapabilityService(repos, meetings, clock, {
      ...(options.notifier ? { notifier: options.notifier } : {}),
      ...(options.onNotifyError ? { onError: options.onNotifyError } : {}),
      ...(options.readCsv ? { readCsv: options.readCsv } : {}),
      ...(options.mailAssessmentLink ? { mailLink: options.mailAssessmentLink } : {}),
    }),
    attendance,
    tab,
    meetingPage: new MeetingPageService(repos, meetings, tab, meetingRun, decisions, records, risks, clock),
    minutes,
    history: new HistoryImportService(repos, minutes, attendance, clock),
    transcripts,
  };
}

/** The durable jobs' handlers by kind, for the JobRunner (src/app/job-runner.ts). */
export function createJobHandlers(
  repos: Repositories,
  clock: Clock,
  notifier: Notifier,
  services: Pick<Services, 'attendance' | 'transcripts'>,
  install: { calendar?: MeetingCalendar; teamsAppId: string } = { teamsAppId: '' },
  report: (message: string) => void = () => undefined,
): Record<string, JobHandler> {
  return {
    [NOTICE_REMINDER_JOB]: noticeReminderHandler(repos, notifier, clock),
    [ATTENDANCE_IMPORT_JOB]: attendanceImportHandler(repos, services.attendance, notifier),
    [APP_INSTALL_JOB]: appInstallHandler(repos, install.calendar, install.teamsAppId),
    [TRANSCRIPT_FETCH_JOB]: transcriptFetchHandler(repos, services.transcripts, notifier, report),
    [TRANSCRIPT_RETENTION_JOB]: transcriptRetentionHandler(services.transcripts),
  };
}

/** The personal-data retention pass (src/app/privacy-retention.ts) as a durable job, beside createJobHandlers' jobs. */
export function privacyJobHandlers(repos: Repositories, clock: Clock, services: Pick<Services, 'attendance'>, retention: RetentionPolicy): Record<string, JobHandler> {
  return { [RETENTION_JOB]: retentionHandler({ repos, attendance: services.attendance, clock }, repos.jobs, retention) };
}
