/** GET /api/tab/groups/:groupId/attendance?from=YYYY-MM-DD&to=YYYY-MM-DD: the participation matrix and rates per organisation (default: the latest year with meetings). */
import type { Server } from 'restify';
import { z } from 'zod';
import type { AttendanceView } from '../../contract/tab-api';
import { groupAccess, pathParam, TabApiError, tabRoute, type TabApiDeps } from './tab-auth';

const periodQuery = z
  .object({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined));

export function registerTabAttendanceRoutes(server: Server, deps: TabApiDeps): void {
  server.get(
    '/api/tab/groups/:groupId/attendance',
    tabRoute(deps, async (req, res, caller) => {
      // Unknown keys (lang, …) are dropped by the schema.
      const parsed = periodQuery.safeParse(req.query ?? {});
      if (!parsed.success) throw new TabApiError(400, 'BadRequest', 'Give the period as ?from=YYYY-MM-DD&to=YYYY-MM-DD (both or neither; default: the latest calendar year with meetings).');
      const access = await groupAccess(deps, caller, pathParam(req, 'groupId'));
      const { from, to } = parsed.data;
      const matrix = await deps.tab.attendanceMatrix(access, from && to ? { from, to } : undefined);
      const view: AttendanceView = {
        group: { id: access.group.id, name: access.group.name },
        period: matrix.period,
        years: matrix.years,
        meetings: matrix.meetings.map((m) => ({ id: m.id, title: m.title ?? '', startsAt: m.startsAt ?? m.startedAt ?? m.createdAt })),
        members: matrix.members.map((m) => ({ name: m.person.name, ...(m.organisation ? { organisation: m.organisation } : {}), role: m.role })),
        cells: matrix.cells,
        byOrganisation: matrix.byOrganisation,
        overallRate: matrix.overallRate,
      };
      res.send(200, view);
    }),
  );
}
