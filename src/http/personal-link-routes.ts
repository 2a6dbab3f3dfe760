/**
 * `GET /p/:token` shows the personal-link page; `POST /p/:token` (form-urlencoded) stores the answer for the
 * person the link names and shows it. A bad link gets a page that says so, with 400 (cut off or garbled),
 * 403 (altered, signed with another key, or posted with the other form) or 410 (expired, or its meeting
 * or membership is gone) — and nothing is stored. Swedish unless `?lang=en` or the browser prefers English.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { LINK_MOODS, type LinkAnswer, type LinkRefusal, type Mood, type PersonalLinkService } from '../app/personal-link-service';
import { translator, type Locale, type Translate } from '../i18n';
import { refusalMessage } from '../i18n/domain-errors';
import { linkPage, refusedPage, type LinkFormValues } from './personal-link-page';

/** No script, no external resource, forms only back to this server, never in a frame. */
export const LINK_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const REFUSAL_STATUS: Record<LinkRefusal, number> = { malformed: 400, forged: 403, wrongKind: 403, notMember: 403, expired: 410, gone: 410, cancelled: 410 };
const MAX_TEXT = 500;

/** Browsers send CRLF from a textarea; the length limit counts a line break once, as the textarea does. */
const formText = z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v), z.string().max(MAX_TEXT).optional());
const kindField = z.object({ kind: z.enum(['notice', 'checkin', 'assessment']) });
/** An assessment page posts `m_<capabilityId>` and `i_<capabilityId>`: "1".."5", or "" for not answered. */
const ASSESSMENT_FIELD = /^([mi])_([A-Za-z0-9-]{1,100})$/;
const MAX_ASSESSMENT_FIELDS = 2000;

function assessmentAnswers(body: Record<string, unknown>): { answers: Array<{ capabilityId: string; maturity?: string; importance?: string }>; values: Record<string, string> } {
  const byId = new Map<string, { capabilityId: string; maturity?: string; importance?: string }>();
  const values: Record<string, string> = {};
  for (const [key, raw] of Object.entries(body).slice(0, MAX_ASSESSMENT_FIELDS)) {
    const m = ASSESSMENT_FIELD.exec(key);
    if (!m) continue;
    // A field sent twice arrives as an array: the page's own form never does that, so it counts as garbled.
    const value = typeof raw === 'string' ? raw.slice(0, 20) : '?';
    values[key] = value;
    const entry = byId.get(m[2]!) ?? { capabilityId: m[2]! };
    if (m[1] === 'm') entry.maturity = value;
    else entry.importance = value;
    byId.set(m[2]!, entry);
  }
  return { answers: [...byId.values()], values };
}

/** A refusal from the domain: the message, in the page's language. */
function domainProblem(e: unknown, t: Translate): string | undefined {
  const message = refusalMessage(e, t);
  return message === undefined ? undefined : t('link.problem.assessment', { message });
}

const noticeForm = z.object({ attending: z.enum(['yes', 'no']), note: formText, substitute: z.preprocess((v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ') : v), z.string().max(200).optional()) });
const checkInForm = z.object({ mood: z.enum(LINK_MOODS as [Mood, ...Mood[]]), text: formText, inRoom: z.literal('true').optional() });

function send(res: Response, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': LINK_PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The token is in the address: keep it out of caches and out of any Referer.
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(html);
}

/** `?lang=sv|en`, else the browser's first preference among Swedish and English, else Swedish. */
export function pageLocale(url: string | undefined, acceptLanguage: string | undefined): { locale: Locale; asked: boolean } {
  const lang = new URL(url ?? '/', 'http://page').searchParams.get('lang');
  if (lang === 'sv' || lang === 'en') return { locale: lang, asked: true };
  const preferences = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((p) => p.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const first = preferences.find((p) => /^(sv|en)(-|$)/.test(p.tag));
  return { locale: first?.tag.startsWith('en') ? 'en' : 'sv', asked: false };
}

function problemOf(issue: z.core.$ZodIssue | undefined, t: Translate): string {
  const field = String(issue?.path[0] ?? '');
  if (field === 'attending') return t('link.problem.attending');
  if (field === 'mood') return t('link.problem.mood');
  if ((field === 'note' || field === 'text') && issue?.code === 'too_big') return t('link.problem.tooLong', { max: MAX_TEXT });
  if (field === 'substitute' && issue?.code === 'too_big') return t('link.problem.tooLong', { max: 200 });
  return t('link.problem.generic');
}

const asRecord = (body: unknown): Record<string, unknown> => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {});
const asText = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, 2 * MAX_TEXT) : undefined);

export function registerPersonalLinkRoutes(server: Server, links: PersonalLinkService, log: Logger): void {
  const page = (req: Request) => {
    const { locale, asked } = pageLocale(req.url, req.header('accept-language'));
    const param = (req.params as Record<string, unknown> | undefined)?.token;
    const token = typeof param === 'string' ? param : '';
    // Relative to /p/<token>: the form posts back to the link itself, whatever path prefix a proxy adds.
    return { locale, t: translator(locale), token, action: `${encodeURIComponent(token)}${asked ? `?lang=${locale}` : ''}` };
  };
  const failed = (res: Response, e: unknown, t: Translate, locale: Locale) => {
    log.error({ err: e }, 'the personal-link page failed');
    send(res, 500, refusedPage('unavailable', t, locale));
  };

  server.get('/p/:token', async (req: Request, res: Response) => {
    const { locale, t, token, action } = page(req);
    try {
      const opened = await links.open(token);
      if (!opened.ok) return send(res, REFUSAL_STATUS[opened.refusal], refusedPage(opened.refusal, t, locale));
      send(res, 200, linkPage(opened.view, { t, locale, action }));
    } catch (e) {
      failed(res, e, t, locale);
    }
  });

  server.post('/p/:token', async (req: Request, res: Response) => {
    const { locale, t, token, action } = page(req);
    try {
      const opened = await links.open(token);
      if (!opened.ok) return send(res, REFUSAL_STATUS[opened.refusal], refusedPage(opened.refusal, t, locale));
      const body = asRecord(req.body);
      const kind = kindField.safeParse(body);
      // A form for the other kind of answer (a stale page, or an edited one) is not this link's.
      if (kind.success && kind.data.kind !== opened.view.kind) return send(res, 403, refusedPage('wrongKind', t, locale));
      const values: LinkFormValues = { attending: asText(body.attending), note: asText(body.note), substitute: asText(body.substitute), mood: asText(body.mood), text: asText(body.text), inRoom: body.inRoom === 'true' };
      if (opened.view.kind === 'assessment') {
        const { answers, values: assessment } = assessmentAnswers(body);
        let stored;
        try {
          stored = await links.answer(token, { kind: 'assessment', answers });
        } catch (e) {
          const problem = domainProblem(e, t);
          if (problem === undefined) throw e;
          // Nothing was stored: the form comes back with what was chosen and what to fix.
          return send(res, 400, linkPage(opened.view, { t, locale, action, values: { assessment }, problem }));
        }
        if (!stored.ok) return send(res, REFUSAL_STATUS[stored.refusal], refusedPage(stored.refusal, t, locale));
        return send(res, 200, linkPage(stored.view, { t, locale, action, stored: true }));
      }
      let answer: LinkAnswer;
      if (opened.view.kind === 'notice') {
        const form = noticeForm.safeParse(body);
        if (!kind.success || !form.success) return send(res, 400, linkPage(opened.view, { t, locale, action, values, problem: problemOf(form.error?.issues[0], t) }));
        answer = {
          kind: 'notice',
          attending: form.data.attending === 'yes',
          ...(form.data.note === undefined ? {} : { note: form.data.note }),
          ...(form.data.substitute === undefined ? {} : { substitute: form.data.substitute }),
        };
      } else {
        const form = checkInForm.safeParse(body);
        if (!kind.success || !form.success) return send(res, 400, linkPage(opened.view, { t, locale, action, values, problem: problemOf(form.error?.issues[0], t) }));
        answer = { kind: 'checkin', mood: form.data.mood, inRoom: form.data.inRoom === 'true', ...(form.data.text === undefined ? {} : { text: form.data.text }) };
      }
      let stored;
      try {
        stored = await links.answer(token, answer);
      } catch (e) {
        const message = refusalMessage(e, t);
        if (message === undefined) throw e;
        // The domain refused what was typed (e.g. only control characters): nothing was stored, the form comes back.
        return send(res, 400, linkPage(opened.view, { t, locale, action, values, problem: message }));
      }
      if (!stored.ok) return send(res, REFUSAL_STATUS[stored.refusal], refusedPage(stored.refusal, t, locale));
      send(res, 200, linkPage(stored.view, { t, locale, action, stored: true }));
    } catch (e) {
      failed(res, e, t, locale);
    }
  });
}
