/** GET /api/tab/groups/:groupId/decisions?q=<text>: every decision across the group's meetings, searchable. */
import type { Server } from 'restify';
import type { DecisionsView } from '../../contract/tab-api';
import { groupAccess, pathParam, TabApiError, tabRoute, type TabApiDeps } from './tab-auth';

export function registerDecisionRoutes(server: Server, deps: TabApiDeps): void {
  server.get(
    '/api/tab/groups/:groupId/decisions',
    tabRoute(deps, async (req, res, caller) => {
      const q = (req.query as Record<string, unknown> | undefined)?.q;
      if (q !== undefined && (typeof q !== 'string' || q.length > 200)) throw new TabApiError(400, 'BadRequest', 'Give one search text of at most 200 characters as ?q=.');
      const access = await groupAccess(deps, caller, pathParam(req, 'groupId'));
      const decisions = await deps.tab.decisions(access, q);
      // The group's setting: a group that writes "Beslut:" without numbers sees none here either.
      const numbered = access.group.decisionNumbering !== false;
      const view: DecisionsView = {
        group: { id: access.group.id, name: access.group.name },
        decisions: decisions.map((d) => ({
          id: d.id,
          meetingId: d.meetingId,
          meetingTitle: d.meeting.title ?? '',
          meetingDate: (d.meeting.startsAt ?? d.meeting.createdAt).slice(0, 10),
          ...(d.agendaItem === undefined ? {} : { agendaItem: d.agendaItem }),
          ...(d.agendaTitle ? { agendaTitle: d.agendaTitle } : {}),
          ...(numbered ? { paragraph: `§${d.number}` } : {}),
          ...(d.heading ? { heading: d.heading } : {}),
          text: d.text,
          status: d.status,
        })),
      };
      res.send(200, view);
    }),
  );
}
