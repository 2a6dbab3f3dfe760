/**
 * The restify server: the bot endpoint, health, the personal-link pages, and the tab and its API. Routes call in; nothing
 * here knows the domain.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from 'pino';
import type { AttendanceService } from '../app/attendance-service';
import { registerAttendanceRoutes } from './attendance-routes';
import type { PersonalLinkService } from '../app/personal-link-service';
import { registerPersonalLinkRoutes } from './personal-link-routes';
import type { MinutesService } from '../app/minutes-service';
import { registerMinutesRoutes } from './minutes-routes';
import { registerTabAttendanceRoutes } from './tab-api/attendance-routes';
import type { CapabilityService } from '../app/capability-service';
import { registerCapabilityRoutes } from './tab-api/capability-routes';
import type { MeetingPageService } from '../app/meeting-page-service';
import type { TranscriptService } from '../app/transcript-service';
import { registerDecisionRoutes } from './tab-api/decision-routes';
import { registerMeetingRoutes } from './tab-api/meeting-routes';
import { registerMeRoutes } from './tab-api/me-routes';
import { registerRiskRoutes } from './tab-api/risk-routes';
import { registerTranscriptRoutes } from './tab-api/transcript-routes';
import type { TabApiDeps } from './tab-api/tab-auth';
import { registerTabStatic } from './tab-static';
import { isStoreUnavailable } from '../app/ports';
import { bodyReader } from './body';
import { registerLegalPages } from './legal-pages';

export interface HttpServerOptions {
  log: Logger;
  /** POST /api/messages — the Bot Framework endpoint (bot/). */
  botEndpoint: (req: Request, res: Response) => Promise<void>;
  /** Whether the store answers, for /healthz. */
  checkHealth: () => Promise<void>;
  /** GET/POST /p/:token — the personal-link pages, where members answer without the app. */
  personalLinks?: PersonalLinkService;
  /** GET /api/meetings/:id/attendance and /api/groups/:id/attendance. */
  attendance?: { service: AttendanceService; localMode: boolean };
  /** GET /minutes/:token — the minutes' signed download links. */
  minutes?: MinutesService;
  /** The tab: its API under /api/tab (src/http/tab-api) and the built app at /tab/. */
  tab?: { deps: TabApiDeps; distDir: string };
  /** /api/tab/groups/:id/capabilities… — the capability map (with the tab). */
  capabilities?: CapabilityService;
  /** /api/tab/groups/:id/meeting… — the meeting page (with the tab). */
  meetingPage?: MeetingPageService;
  /** /api/tab/meetings/:id/transcript… — the Transcript page (with the tab). */
  transcripts?: TranscriptService;
}

/** A personal link's or a download link's token is a key to someone's answers: it is never logged. */
export function withoutLinkTokens(text: string): string {
  return text.replace(/\/(p|minutes)\/[^/?#\s"']+/g, '/$1/[token]');
}

/** The answer when the database does not answer: 503, so that the caller (Teams) tries again. */
export const STORE_UNAVAILABLE = { code: 'StoreUnavailable', message: 'The database does not answer; nothing was stored. Try again.' };

export function createHttpServer(opts: HttpServerOptions): Server {
  // Passed on to find-my-way, restify's router, which does not find a path parameter over 100 characters by
  // default; a personal-link token (/p/:token) is about 300.
  const routerOptions = { maxParamLength: 1500 };
  const server = restify.createServer({ name: 'radslag', handleUncaughtExceptions: false, ...routerOptions });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // The personal-link pages post forms; the bot endpoint and the tab API take JSON (src/http/body.ts).
  server.use(bodyReader((path) => (path.startsWith('/p/') ? 'form' : 'json')));

  server.post('/api/messages', async (req: Request, res: Response) => {
    try {
      await opts.botEndpoint(req, res);
    } catch (e) {
      if (isStoreUnavailable(e)) {
        // Teams tries again later; nothing was acknowledged (see bot/adapter.ts).
        opts.log.warn({ err: e }, 'the bot endpoint: the store is unavailable');
        if (!res.headersSent) res.send(503, STORE_UNAVAILABLE, { 'retry-after': '5' });
        return;
      }
      opts.log.error({ err: e }, 'the bot endpoint failed');
      if (!res.headersSent) res.send(500, { code: 'InternalError', message: 'The activity could not be processed; nothing was stored. Try again.' });
    }
  });

  if (opts.personalLinks) registerPersonalLinkRoutes(server, opts.personalLinks, opts.log);
  if (opts.minutes) registerMinutesRoutes(server, opts.minutes, opts.log);
  if (opts.attendance) registerAttendanceRoutes(server, opts.attendance.service, opts.attendance.localMode, opts.log);
  if (opts.tab) {
    registerMeRoutes(server, opts.tab.deps);
    registerRiskRoutes(server, opts.tab.deps);
    registerTabAttendanceRoutes(server, opts.tab.deps);
    registerDecisionRoutes(server, opts.tab.deps);
    if (opts.capabilities) registerCapabilityRoutes(server, { ...opts.tab.deps, capabilities: opts.capabilities });
    if (opts.meetingPage) registerMeetingRoutes(server, { ...opts.tab.deps, meetingPage: opts.meetingPage });
    if (opts.transcripts) registerTranscriptRoutes(server, { ...opts.tab.deps, transcripts: opts.transcripts });
    registerTabStatic(server, opts.tab.distDir, opts.log);
  }

  registerLegalPages(server);

  server.get('/healthz', async (_req: Request, res: Response) => {
    try {
      await opts.checkHealth();
      res.send(200, { status: 'ok' });
    } catch (e) {
      opts.log.error({ err: e }, 'health check failed');
      res.send(503, { status: 'unavailable', message: 'The database does not answer.' });
    }
  });

  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    const url = withoutLinkTokens(req.url ?? '');
    if ((err.statusCode ?? 500) >= 500) opts.log.error({ err: { type: err.name, message: withoutLinkTokens(err.message), stack: withoutLinkTokens(err.stack ?? '') }, url }, 'request failed');
    else opts.log.info({ url, status: err.statusCode, message: withoutLinkTokens(err.message) }, 'request refused');
    callback();
  });
  return server;
}
