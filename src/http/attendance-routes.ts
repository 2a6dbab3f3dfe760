/**
 * The attendance figures as JSON, for the tab: a meeting's attendance, and a group's rates and
 * participation matrix over a period. Until the tab's Teams SSO lands, only local mode answers (the demo
 * workspace, no token); anywhere else the API says so with 401 rather than serving unauthenticated data.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AttendanceService } from '../app/attendance-service';
import { refusalOf } from '../i18n/domain-errors';

const tenantQuery = z.object({ tenantId: z.string().min(1).max(100) });
const periodQuery = tenantQuery.extend({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
const idParam = z.string().min(1).max(200);

export function registerAttendanceRoutes(server: Server, attendance: AttendanceService, localMode: boolean, log: Logger): void {
  const guard = (res: Response): boolean => {
    if (localMode) return true;
    res.send(401, { code: 'Unauthorized', message: 'The tab API needs a Teams SSO token, which comes with the tab; only local mode answers without one.' });
    return false;
  };
  const bad = (res: Response, message: string): void => {
    res.send(400, { code: 'BadRequest', message });
  };
  const param = (req: Request, name: string): unknown => (req.params as Record<string, unknown>)[name];

  server.get('/api/meetings/:meetingId/attendance', async (req: Request, res: Response) => {
    if (!guard(res)) return;
    const q = tenantQuery.safeParse(req.query);
    const id = idParam.safeParse(param(req, 'meetingId'));
    if (!q.success || !id.success) {
      bad(res, 'Give the meeting id in the path and ?tenantId=<tenant>.');
      return;
    }
    try {
      res.send(200, await attendance.attendanceOf(q.data.tenantId, id.data));
    } catch (e) {
      notFoundOr500(e, res, log);
    }
  });

  server.get('/api/groups/:groupId/attendance', async (req: Request, res: Response) => {
    if (!guard(res)) return;
    const q = periodQuery.safeParse(req.query);
    const id = idParam.safeParse(param(req, 'groupId'));
    if (!q.success || !id.success) {
      bad(res, 'Give the group id in the path, ?tenantId=<tenant>, and optionally from=YYYY-MM-DD&to=YYYY-MM-DD.');
      return;
    }
    try {
      const period = q.data.from && q.data.to ? { from: q.data.from, to: q.data.to } : undefined;
      res.send(200, await attendance.figuresForGroup(q.data.tenantId, id.data, period));
    } catch (e) {
      notFoundOr500(e, res, log);
    }
  });
}

function notFoundOr500(e: unknown, res: Response, log: Logger): void {
  const refusal = refusalOf(e, 'en');
  if (refusal?.status === 404) {
    res.send(404, { code: 'NotFound', message: 'No such meeting or group in this tenant.' });
    return;
  }
  // Any other domain refusal is a problem with the request, e.g. a date that does not exist.
  if (refusal) {
    res.send(400, { code: 'BadRequest', message: `The request was refused (${refusal.code}): ${refusal.message} Check the dates (YYYY-MM-DD, from before to) and ids.` });
    return;
  }
  log.error({ err: e }, 'attendance API failed');
  res.send(500, { code: 'InternalError', message: 'The figures could not be computed. Try again.' });
}
