/** The use cases the bot calls, wired in src/main.ts. */
import type { Logger } from 'pino';
import type { AttendanceService } from '../src/app/attendance-service';
import type { CapabilityService } from '../src/app/capability-service';
import type { DecisionService } from '../src/app/decision-service';
import type { GroupService } from '../src/app/group-service';
import type { MeetingRunService } from '../src/app/meeting-run-service';
import type { MeetingService } from '../src/app/meeting-service';
import type { MinutesRecordsService } from '../src/app/minutes-records-service';
import type { MinutesService } from '../src/app/minutes-service';
import type { NoticeOverviewService } from '../src/app/notice-overview';
import type { PersonalLinkService } from '../src/app/personal-link-service';
import type { Clock, Notifier, Repositories } from '../src/app/ports';
import type { RiskService } from '../src/app/risk-service';
import type { SchedulingService } from '../src/app/scheduling-service';
import type { TranscriptService } from '../src/app/transcript-service';
import type { TabLinks } from '../src/links/tab-links';

export interface BotServices {
  decisions: DecisionService;
  risks: RiskService;
  meetings: MeetingService;
  groups: GroupService;
  scheduling: SchedulingService;
  meetingRun: MeetingRunService;
  /** The notice's answers by name for editors, and its card kept current. */
  notice: NoticeOverviewService;
  attendance: AttendanceService;
  /** Notes, actions and the adjuster. */
  records: MinutesRecordsService;
  /** The minutes document: overview, sending, approval. */
  minutes: MinutesService;
  capabilities: CapabilityService;
  repos: Pick<Repositories, 'groups'>;
  clock: Clock;
  log: Logger;
  meetingRoleCacheSeconds: number;
  /** Personal links to the notice and check-in pages, sent privately after /notice and /checkin. */
  personalLinks?: PersonalLinkService;
  /** The bot's Microsoft App ID, for one-to-one chats it opens; empty in local mode. */
  botAppId?: string;
  /** Microsoft Graph is configured: some commands wait on it, and show a typing indicator meanwhile. */
  waitsOnGraph?: boolean;
  /** Posts to a group's own chat (a meeting moved or cancelled from another chat). */
  notifier?: Pick<Notifier, 'postToGroup'>;
  /** Deep links from the cards to the tab's pages. */
  tabLinks?: TabLinks;
  /** Teams' meeting transcripts (fetched after the end event, the members' reading switch). */
  transcripts?: TranscriptService;
}
