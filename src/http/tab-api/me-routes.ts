/** GET /api/tab/me: who the tab is talking to, and the groups they can open. */
import type { Server } from 'restify';
import type { MeView } from '../../contract/tab-api';
import { tabRoute, type TabApiDeps } from './tab-auth';

export function registerMeRoutes(server: Server, deps: TabApiDeps): void {
  server.get(
    '/api/tab/me',
    tabRoute(deps, async (_req, res, caller) => {
      const home = await deps.tab.home(caller.principal);
      const view: MeView = {
        mode: caller.mode,
        user: { name: caller.person.name, ...(caller.person.aadObjectId ? { aadObjectId: caller.person.aadObjectId } : {}) },
        tenantId: caller.tenantId,
        groups: home.groups.map((g) => ({
          id: g.group.id,
          name: g.group.name,
          ...(g.role ? { role: g.role } : {}),
          canEdit: g.canEdit,
          conversationId: g.group.conversationId,
          meetingConversationIds: g.meetingConversationIds,
        })),
        ...(home.defaultGroupId ? { defaultGroupId: home.defaultGroupId } : {}),
      };
      res.send(200, view);
    }),
  );
}
