/**
 * The tab's capability map: the map (heat map, response tracker, summary), the import of capabilities
 * (CSV or JSON, editors only), assessments (a representative for their own organisation, editors for
 * any) and the reminder that sends a representative a card (editors only). Shapes: src/contract/tab-api.ts.
 */
import type { Request, Server } from 'restify';
import { z } from 'zod';
import { permits } from '../../app/access-policy';
import type { CapabilityService } from '../../app/capability-service';
import type { AssessmentRequest, CapabilityImportResult, CapabilityMapView, ReminderResult } from '../../contract/tab-api';
import { pathParam, TabApiError, tabRoute, type TabApiDeps } from './tab-auth';

/** A request id as the tab makes it per submit (a UUID). */
const requestId = z.string().regex(/^[A-Za-z0-9-]{8,100}$/, 'requestId must be a UUID the tab makes per submit');

/** 1 MB is the server's body limit too: room for several thousand capabilities with descriptions. */
const importBody = z.object({ requestId, format: z.enum(['csv', 'json']), content: z.string().min(1).max(1_000_000), vision: z.string().max(400).optional() }).strict();
const reminderBody = z.object({ requestId, organisation: z.string().min(1).max(200) }).strict();
const level = z.union([z.number(), z.string().max(40)]);
const assessmentBody = z
  .object({
    requestId,
    organisation: z.string().min(1).max(200).optional(),
    answers: z.array(z.object({ capabilityId: z.string().min(1).max(200), maturity: level.optional(), importance: level.optional() }).strict()).min(1).max(1000),
  })
  .strict();

/** The body checked against its schema; a 400 names the first wrong field. */
function bodyOf<T>(req: Request, schema: z.ZodType<T>, example: string): T {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new TabApiError(400, 'BadRequest', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}. Send JSON like ${example}.`);
}

export function registerCapabilityRoutes(server: Server, deps: TabApiDeps & { capabilities: CapabilityService }): void {
  const { capabilities } = deps;

  server.get(
    '/api/tab/groups/:groupId/capabilities',
    tabRoute(deps, async (req, res, caller) => {
      const access = await deps.tab.access(caller.principal, pathParam(req, 'groupId'));
      const view: CapabilityMapView = await capabilities.mapView(access.group, access.canEdit);
      res.send(200, view);
    }),
  );

  server.post(
    '/api/tab/groups/:groupId/capabilities/import',
    tabRoute(deps, async (req, res, caller) => {
      const access = await deps.tab.access(caller.principal, pathParam(req, 'groupId'));
      await deps.tab.assertMay(access, 'capability.record');
      const body = bodyOf(req, importBody, '{ "requestId": "<uuid>", "format": "csv", "content": "code,area,name,description\\n1.1,Ledning,Digital strategi," }');
      const { value, created } = await capabilities.importCapabilities(access.group, body.requestId, { format: body.format, text: body.content }, body.vision);
      const result: CapabilityImportResult = { ...value, repeated: !created };
      res.send(200, result);
    }),
  );

  server.post(
    '/api/tab/groups/:groupId/capabilities/reminders',
    tabRoute(deps, async (req, res, caller) => {
      const access = await deps.tab.access(caller.principal, pathParam(req, 'groupId'));
      await deps.tab.assertMay(access, 'capability.record');
      const body = bodyOf(req, reminderBody, '{ "requestId": "<uuid>", "organisation": "Munkedal" }');
      const result: ReminderResult = await capabilities.remind(access.group, body.requestId, body.organisation);
      res.send(202, result);
    }),
  );

  server.post(
    '/api/tab/groups/:groupId/capabilities/assessments',
    tabRoute(deps, async (req, res, caller) => {
      const access = await deps.tab.access(caller.principal, pathParam(req, 'groupId'));
      // A reader without a seat (local mode's anonymous reader) has no organisation to answer for.
      if (caller.principal.kind !== 'person') throw new TabApiError(403, 'Forbidden', 'Sign in to assess: answers are kept with who gave them.');
      const body: AssessmentRequest = bodyOf(req, assessmentBody, '{ "requestId": "<uuid>", "answers": [{ "capabilityId": "<id>", "maturity": 3, "importance": 4 }] }');
      await capabilities.assess(access.group.tenantId, access.group, caller.person, {
        ...(body.organisation ? { organisation: body.organisation } : {}),
        answers: body.answers,
        via: 'tab',
        mayAssessAny: permits(access.standing, 'capability.assessAny'),
      });
      const view: CapabilityMapView = await capabilities.mapView(access.group, access.canEdit);
      res.send(200, view);
    }),
  );
}
