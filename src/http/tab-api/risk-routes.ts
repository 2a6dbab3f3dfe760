/**
 * The tab's risk register: the register, one risk with its reviews, a review (through the bot's use
 * case), and the register as CSV (risk-csv.ts). Shapes: src/contract/tab-api.ts.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { RegisterEntry, RiskDetail } from '../../app/tab-service';
import type { RiskDetailView, RiskRegisterView, RiskRow } from '../../contract/tab-api';
import { registerCsv } from './risk-csv';
import { groupAccess, pathParam, TabApiError, tabRoute, type TabApiDeps } from './tab-auth';

export function toRiskRow(r: RegisterEntry): RiskRow {
  return {
    id: r.id,
    code: r.code,
    number: r.number,
    threat: r.threat,
    ...(r.vulnerability ? { vulnerability: r.vulnerability } : {}),
    ...(r.consequence ? { consequence: r.consequence } : {}),
    probability: r.probability,
    impact: r.impact,
    score: r.score,
    band: r.band,
    actionNeeded: r.actionNeeded,
    ...(r.action ? { action: r.action } : {}),
    ...(r.owner ? { owner: r.owner } : {}),
    status: r.status,
    raisedAt: r.raisedAt,
    ...(r.lastReviewedAt ? { lastReviewedAt: r.lastReviewedAt } : {}),
  };
}

function toDetailView(detail: RiskDetail, canEdit: boolean): RiskDetailView {
  return {
    canEdit,
    risk: toRiskRow(detail.risk),
    reviews: detail.reviews.map((r) => ({
      id: r.id,
      ...(r.meetingId ? { meetingId: r.meetingId } : {}),
      ...(r.meetingTitle ? { meetingTitle: r.meetingTitle } : {}),
      reviewedAt: r.reviewedAt,
      probability: r.probability,
      impact: r.impact,
      score: r.score,
      status: r.status,
      ...(r.note ? { note: r.note } : {}),
      reviewedBy: r.reviewedBy.name,
    })),
    history: detail.history,
    ...(detail.risk.raised ? { raised: { ...detail.risk.raised, score: detail.risk.raised.probability * detail.risk.raised.impact, at: detail.risk.raisedAt } } : {}),
  };
}

/** The review body; S, K, status and note are checked again, with clear messages, by the domain. */
const reviewBody = z
  .object({
    requestId: z.string().regex(/^[A-Za-z0-9-]{8,100}$/, 'requestId must be a UUID the tab makes per submit'),
    probability: z.union([z.number(), z.string().max(20)]).optional(),
    impact: z.union([z.number(), z.string().max(20)]).optional(),
    status: z.enum(['open', 'handled', 'closed']).optional(),
    note: z.string().max(20_000).optional(),
  })
  .strict();

export function registerRiskRoutes(server: Server, deps: TabApiDeps): void {
  server.get(
    '/api/tab/groups/:groupId/risks',
    tabRoute(deps, async (req, res, caller) => {
      const access = await groupAccess(deps, caller, pathParam(req, 'groupId'));
      const register = await deps.tab.register(access);
      const view: RiskRegisterView = { group: { id: access.group.id, name: access.group.name }, canEdit: access.canEdit, risks: register.risks.map(toRiskRow) };
      res.send(200, view);
    }),
  );

  server.get(
    '/api/tab/groups/:groupId/risks.csv',
    tabRoute(deps, async (req, res, caller) => {
      const access = await groupAccess(deps, caller, pathParam(req, 'groupId'));
      const register = await deps.tab.register(access);
      const csv = registerCsv(register.risks, caller.locale);
      const ascii = access.group.name.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'group';
      const file = caller.locale === 'sv' ? `riskregister-${ascii}.csv` : `risk-register-${ascii}.csv`;
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(file)}`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(csv);
    }),
  );

  server.get(
    '/api/tab/groups/:groupId/risks/:riskId',
    tabRoute(deps, async (req, res, caller) => {
      const access = await groupAccess(deps, caller, pathParam(req, 'groupId'));
      const detail = await deps.tab.riskDetail(access, pathParam(req, 'riskId'));
      res.send(200, toDetailView(detail, access.canEdit));
    }),
  );

  server.post(
    '/api/tab/groups/:groupId/risks/:riskId/reviews',
    tabRoute(deps, async (req: Request, res: Response, caller) => {
      const access = await groupAccess(deps, caller, pathParam(req, 'groupId'));
      await deps.tab.assertMay(access, 'risk.record');
      const parsed = reviewBody.safeParse(req.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new TabApiError(400, 'BadRequest', `The review is not valid: ${issue.path.join('.') || 'body'}: ${issue.message}. Send JSON { requestId, probability?: 1–5, impact?: 1–5, status?: "open"|"handled"|"closed", note? }.`);
      }
      const { requestId, ...input } = parsed.data;
      const riskId = pathParam(req, 'riskId');
      const { detail, created } = await deps.tab.reviewRisk(access, caller.person, riskId, input, `tab:${riskId}:${requestId}`);
      res.send(created ? 201 : 200, toDetailView(detail, access.canEdit));
    }),
  );
}
