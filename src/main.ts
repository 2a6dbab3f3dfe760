/**
 * Composition root: configuration, store, use cases, bot and HTTP server. `start()` is what tests call;
 * running this file starts the app and stops it gracefully on SIGTERM/SIGINT.
 */
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { createAdapter } from '../bot/adapter';
import { createBotEndpoint } from '../bot/bot-endpoint';
import { TeamsNotifier } from '../bot/notifier';
import { assessmentLinkMessage } from '../bot/personal-link-messages';
import { RadslagBot } from '../bot/radslag-bot';
import { createJobHandlers, createServices, privacyJobHandlers } from './app';
import { retentionEnabled, retentionJob } from './app/privacy-retention';
import { JobRunner } from './app/job-runner';
import { PersonalLinkService } from './app/personal-link-service';
import { systemClock, type Clock } from './app/ports';
import { ConfigError, describeConfig, loadConfig, type AppConfig } from './config';
import { DEMO_TENANT, seedDemoWorkspace } from './demo/seed-demo';
import { createHttpServer } from './http/server';
import { readCsv } from './import/csv-reader';
import { TabAuth } from './http/tab-api/tab-auth';
import { hmacLinkTokens } from './links/personal-link-token';
import { teamsTabLinks } from './links/tab-links';
import { minutesOptions } from './minutes';
import { resolveLinkSigningKey } from './links/signing-key';
import type { Group } from './domain/group';
import { localeOf, translator, type Locale } from './i18n';
import { createLogger } from './logger';
import { createRepositories, openStore } from './store';

export interface RunningApp {
  url: string;
  port: number;
  /** Runs the jobs due now (as the poll would), for tests that move the clock; resolves to how many ran. */
  runJobsOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** The language of a group's chat (kept in its conversation reference by /setup); Swedish when unknown. */
function groupLocale(group: Group): Locale {
  const locale = group.conversationReference ? (JSON.parse(group.conversationReference) as { locale?: string }).locale : undefined;
  return locale ? localeOf(locale) : 'sv';
}

export async function start(config: AppConfig, options: { log?: Logger; clock?: Clock } = {}): Promise<RunningApp> {
  const log = options.log ?? createLogger(config.logLevel);
  log.info({ config: describeConfig(config) }, 'starting Rådslag');
  if (config.localMode) {
    log.warn(
      '!!! LOCAL MODE (LOCAL_MODE=on, BOT_ID empty): /api/messages accepts activities WITHOUT authentication. ' +
        'This is for local development and tests only and must never face the internet. !!!',
    );
  }
  if (config.testEndpoints.length > 0) {
    log.warn({ keys: config.testEndpoints }, 'test endpoints are in use: tokens are checked against the keys of the URLs these keys name, not Microsoft\'s');
  }
  const store = await openStore(config.store, { checkpointInBackground: true, onWarning: (message) => log.warn(message) });
  const repos = createRepositories(store);
  // Graph (MSAL, the Graph client) and the tab's token validation (jose) are loaded only when configured.
  const graph = config.graph ? await loadGraph(config.graph, log, config.teamsAppCatalogId) : undefined;
  const calendar = graph?.calendar;
  if (!calendar) log.warn('Microsoft Graph is not configured: meetings are stored, and Teams meetings are created once AAD_APP_* is set.');
  const clock = options.clock ?? systemClock;
  const linkKey = resolveLinkSigningKey(config);
  if (linkKey.source === 'generated') log.info({ file: linkKey.file }, 'generated the personal-link signing key (kept for restarts)');
  const adapter = createAdapter(config.bot, log);
  // Reminders and jobs post to chats on their own: proactive messages through the same adapter.
  const notifier = new TeamsNotifier(adapter, config.bot.appId ?? '');
  // The personal links need the services and the reminders need the links: bound once both exist.
  const linksLater: { service?: PersonalLinkService } = {};
  const tabLinks = teamsTabLinks(config.teamsAppId, config.publicBaseUrl);
  const services = createServices(repos, clock, minutesOptions(linkKey.key, config.publicBaseUrl), {
    notifier,
    cardNotifier: notifier,
    readCsv,
    mailAssessmentLink: (group, member, about) =>
      linksLater.service?.mailAssessmentLink(group, member, assessmentLinkMessage(translator(groupLocale(group)), { groupName: group.name, ...about })) ?? Promise.resolve(false),
    onNotifyError: (e, what) => log.error({ err: e }, `proactive message not delivered: ${what}`),
    ...(calendar ? { calendar } : {}),
    teamsAppId: config.teamsAppId,
    onGraphError: (e, what) => log.error({ err: e }, `Microsoft Graph failed while ${what}`),
    ...(graph ? { attendanceSource: graph.attendance, isAttendanceAccessDenied: graph.isAccessDenied, missingAttendancePermission: graph.missingPermission } : {}),
    attendanceRetryMinutes: config.attendanceRetryMinutes,
    attendanceMinimumSeconds: config.attendanceMinimumMinutes * 60,
    ...(graph ? { transcriptSource: graph.transcripts } : {}),
    transcriptRetryMinutes: config.transcriptRetryMinutes,
    transcriptRetentionDays: config.transcriptRetentionDays,
    transcriptPageLink: (meetingId) => tabLinks.toTranscript(meetingId),
  });
  if (config.demoWorkspace && (await seedDemoWorkspace(repos, clock, services.minutes)).seeded) {
    log.info({ tenant: DEMO_TENANT }, 'loaded the demo workspace (DEMO_WORKSPACE=off to start empty)');
  }
  const personalLinks = new PersonalLinkService(repos, services.meetingRun, hmacLinkTokens(linkKey.key), clock, {
    capabilities: services.capabilities,
    ...(calendar ? { calendar } : {}),
    publicBaseUrl: config.publicBaseUrl,
    ...(config.hostTenantId ? { hostTenantId: config.hostTenantId } : {}),
    onError: (e, what) => log.error({ err: e }, `personal link not delivered: ${what}`),
    onNoticeAnswered: (meeting) => services.notice.refreshCard(meeting.tenantId, meeting.id),
  });
  linksLater.service = personalLinks;
  const bot = new RadslagBot({ ...services, repos, clock, log, meetingRoleCacheSeconds: config.meetingRoleCacheSeconds, personalLinks, notifier, botAppId: config.bot.appId ?? '', waitsOnGraph: Boolean(graph), tabLinks });
  const jobs = new JobRunner(repos.jobs, clock, {
    ...createJobHandlers(repos, clock, notifier, services, { ...(calendar ? { calendar } : {}), teamsAppId: config.teamsAppId }, (message) => log.warn(message)),
    ...privacyJobHandlers(repos, clock, services, config.retention),
  }, {
    log: ({ level, message, job, err }) => log[level]({ job, ...(err ? { err } : {}) }, message),
  });
  const server = createHttpServer({
    log,
    botEndpoint: createBotEndpoint(adapter, bot, { ...(config.bot.appId ? { appId: config.bot.appId } : {}), localMode: config.localMode, serviceUrlHosts: config.bot.serviceUrlHosts }, log),
    personalLinks,
    attendance: { service: services.attendance, localMode: config.localMode },
    minutes: services.minutes,
    tab: {
      deps: {
        auth: new TabAuth({ ...(config.tabAuth ? { validator: new (await import('./auth/entra-token')).EntraTokenValidator(config.tabAuth) } : {}), localTenantId: DEMO_TENANT, log }),
        tab: services.tab,
        log,
      },
      distDir: config.tabDistDir,
    },
    capabilities: services.capabilities,
    meetingPage: services.meetingPage,
    transcripts: services.transcripts,
    checkHealth: async () => {
      await sql`select 1`.execute(store.db);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Local mode takes activities without a token: only this machine may reach it.
    if (config.localMode) server.listen(config.port, '127.0.0.1', () => resolve());
    else server.listen(config.port, () => resolve());
  });
  const port = server.address().port;
  log.info({ port }, `Rådslag listens on ${config.publicBaseUrl.replace(/:\d+$/, `:${port}`)}/api/messages`);
  if (!config.tabAuth) log.warn(`The tab (${config.publicBaseUrl}/tab/) runs in local mode: without AAD_APP_CLIENT_ID and AAD_APP_TENANT_ID its API lets anyone read the demo workspace without signing in.`);
  // Today's retention pass, unless already there (its key names the day; each run enqueues the next day's).
  if (retentionEnabled(config.retention)) await repos.jobs.enqueue(retentionJob(clock.now()));
  jobs.start(config.jobPollSeconds * 1000);

  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    runJobsOnce: () => jobs.tick(),
    stop() {
      // In-flight requests finish; new connections are refused; the job running (if any) ends; then the store closes.
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
      })
        .then(() => jobs.stop())
        .then(() => bot.drain())
        .then(() => store.close());
      return stopping;
    },
  };
}

async function loadGraph(graph: NonNullable<AppConfig['graph']>, log: Logger, catalogId?: string) {
  const [{ createGraphCalendar }, { createGraphAttendance, isAccessPolicyDenied, missingPermissionOf }, { graphTranscriptsOver }, { createGraphHttp }] = await Promise.all([
    import('./graph/graph-calendar'),
    import('./graph/graph-attendance'),
    import('./graph/graph-transcripts'),
    import('./graph/graph-http'),
  ]);
  return {
    calendar: createGraphCalendar(graph, log, catalogId ? { catalogId } : {}),
    attendance: createGraphAttendance(graph, log),
    isAccessDenied: isAccessPolicyDenied,
    missingPermission: missingPermissionOf,
    transcripts: graphTranscriptsOver(createGraphHttp(graph, log), log),
  };
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Rådslag cannot start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const app = await start(config, { log });
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    app.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error('Rådslag failed to start:', e);
    process.exit(1);
  });
}
