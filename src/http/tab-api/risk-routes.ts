/**
 * The tab's risk register: the register, one risk with its reviews, a review (through the bot's use
 * case), and the register as CSV. Shapes: contract.ts.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { riskCode, type RegisterEntry, type RiskDetail } from '../../app/tab-service';
import type { Locale } from '../../i18n';
import type { HistoryRow, RiskDetailView, RiskRegisterView, RiskRow } from './contract';
import { groupAccess, pathParam, requireEditor, TabApiError, tabRoute, type TabApiDeps } from './tab-auth';

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
    history: detail.history.map((e) => ({ at: e.at, by: e.actor.name, action: e.action, changes: historyChanges(e.action, e.details) })),
    ...(detail.risk.raised ? { raised: { ...detail.risk.raised, score: detail.risk.raised.probability * detail.risk.raised.impact, at: detail.risk.raisedAt } } : {}),
  };
}

const FIELDS = ['probability', 'impact', 'status'] as const;
/** A change may also renumber a risk (its chat's risks moved into a group's register). */
const CHANGED_FIELDS = [...FIELDS, 'number'] as const;
const value = (v: unknown): number | string | undefined => (typeof v === 'number' || typeof v === 'string' ? v : undefined);
/** A stored number goes out as the risk's code (R4), as everywhere else the tab shows a risk. */
const shown = (field: (typeof CHANGED_FIELDS)[number], v: number | string | undefined): number | string | undefined =>
  field === 'number' && typeof v === 'number' ? riskCode({ number: v }) : v;

/** An audit event as the fields it set (created) or changed (from → to); other details stay in the store. */
export function historyChanges(action: HistoryRow['action'], details: Record<string, unknown>): HistoryRow['changes'] {
  const changes: HistoryRow['changes'] = [];
  if (action === 'change' && details.from && details.to && typeof details.from === 'object' && typeof details.to === 'object') {
    const from = details.from as Record<string, unknown>;
    const to = details.to as Record<string, unknown>;
    for (const field of CHANGED_FIELDS) {
      const before = shown(field, value(from[field]));
      const after = shown(field, value(to[field]));
      if (after !== undefined && before !== after) changes.push({ field, ...(before === undefined ? {} : { from: before }), to: after });
    }
  } else if (action === 'create') {
    for (const field of FIELDS) {
      const set = value(details[field]) ?? (field === 'status' ? 'open' : undefined);
      if (set !== undefined) changes.push({ field, to: set });
    }
  }
  return changes;
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
      requireEditor(deps, access);
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

const CSV_HEADERS: Record<Locale, string[]> = {
  en: ['ID', 'Threat', 'Vulnerability', 'Consequence', 'S', 'K', 'R', 'Action needed', 'Action', 'Owner', 'Status', 'Last review'],
  sv: ['ID', 'Hot', 'Sårbarhet', 'Konsekvens', 'S', 'K', 'R', 'Åtgärd behövs', 'Åtgärd', 'Ansvarig', 'Status', 'Senast uppföljd'],
};
const STATUS_WORDS: Record<Locale, Record<RegisterEntry['status'], string>> = {
  en: { open: 'open', handled: 'handled', closed: 'closed' },
  sv: { open: 'öppen', handled: 'hanterad', closed: 'stängd' },
};

/**
 * One CSV cell (RFC 4180): quoted when it holds a separator, quote or line break. A text that a
 * spreadsheet would run as a formula (= + - @, or a leading tab or carriage return) gets a leading '.
 */
export function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM (so Excel reads å, ä, ö), CRLF line ends, header in the caller's language. */
export function registerCsv(risks: readonly RegisterEntry[], locale: Locale): string {
  const yes = locale === 'sv' ? 'Ja' : 'Yes';
  const no = locale === 'sv' ? 'Nej' : 'No';
  const lines = [CSV_HEADERS[locale].map(csvCell).join(',')];
  for (const r of risks) {
    lines.push(
      [r.code, r.threat, r.vulnerability, r.consequence, r.probability, r.impact, r.score, r.actionNeeded ? yes : no, r.action, r.owner, STATUS_WORDS[locale][r.status], r.lastReviewedAt?.slice(0, 10)]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
