/**
 * Authentication and access for the tab API (/api/tab/...): `tabRoute` authenticates (401 missing, forged
 * or expired token; 403 another tenant), runs the handler and answers any failure as `{ code, message }`.
 * Where to add a route: docs/architecture.md. In local mode a request without a token is an anonymous
 * reader of the demo tenant; a token that is presented is always validated.
 */
import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import type { EntraTokenValidator } from '../../auth/entra-token';
import { isStoreUnavailable } from '../../app/ports';
import type { GroupAccess, TabPrincipal, TabService } from '../../app/tab-service';
import { localeOf, type Locale } from '../../i18n';
import { refusalOf } from '../../i18n/domain-errors';

type PersonRef = TabPrincipal['person'];

export interface TabCaller {
  tenantId: string;
  /** `id` and `aadObjectId` are the token's `oid`; `name` its `name`. The local reader is `local:reader`. */
  person: PersonRef;
  mode: 'local' | 'entra';
  /** What src/app's TabService takes. */
  principal: TabPrincipal;
  locale: Locale;
}

export interface TabAuthOptions {
  /** Absent in local mode. */
  validator?: EntraTokenValidator;
  /** The tenant an anonymous local-mode request reads (the demo workspace's). */
  localTenantId: string;
  log: Logger;
}

/** What every tab route needs: authentication, the tab's use cases, a logger. */
export interface TabApiDeps {
  auth: TabAuth;
  tab: TabService;
  log: Logger;
}

/** An HTTP refusal with the contract's `{ code, message }`. */
export class TabApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TabApiError';
  }
}

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.header('cache-control', 'no-store');
  res.send(status, { code, message });
}

/** The caller's language: ?lang=sv|en, else the browser's Accept-Language. */
export function requestLocale(req: Request): Locale {
  const lang = (req.query as Record<string, unknown> | undefined)?.lang;
  if (lang === 'sv' || lang === 'en') return lang;
  return localeOf(String(req.headers['accept-language'] ?? '').split(',')[0]);
}

export class TabAuth {
  constructor(private readonly opts: TabAuthOptions) {}

  get mode(): 'local' | 'entra' {
    return this.opts.validator ? 'entra' : 'local';
  }

  /** Who calls; throws TabApiError 401/403 (the answer never says more than why). */
  async authenticate(req: Request): Promise<TabCaller> {
    const locale = requestLocale(req);
    const header = req.headers.authorization;
    const validator = this.opts.validator;
    if (header === undefined || header === '') {
      if (!validator) {
        const person = { id: 'local:reader', name: locale === 'sv' ? 'Lokal läsare' : 'Local reader' };
        return { tenantId: this.opts.localTenantId, person, mode: 'local', principal: { kind: 'localReader', tenantId: this.opts.localTenantId, person }, locale };
      }
      throw new TabApiError(401, 'Unauthorized', 'Sign-in required: send the Teams SSO token as "Authorization: Bearer <token>". The tab does this when opened in Teams.');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new TabApiError(401, 'Unauthorized', 'The Authorization header must be "Bearer <token>".');
    if (!validator) {
      throw new TabApiError(401, 'Unauthorized', 'This server runs in local mode (AAD_APP_CLIENT_ID and AAD_APP_TENANT_ID are not set) and cannot check a token; send the request without one to read the demo workspace.');
    }
    const check = await validator.validate(match[1]!);
    if (!check.ok) {
      this.opts.log.info({ reason: check.reason, status: check.status, url: req.path() }, 'tab token refused');
      throw new TabApiError(check.status, check.code, check.message);
    }
    const { identity } = check;
    const person: PersonRef = { id: identity.objectId, aadObjectId: identity.objectId, name: identity.name };
    return { tenantId: identity.tenantId, person, mode: 'entra', principal: { kind: 'person', tenantId: identity.tenantId, person }, locale };
  }
}

/** The caller's role in the group and whether they may edit (see TabService.access). */
export function groupAccess(deps: TabApiDeps, caller: TabCaller, groupId: string): Promise<GroupAccess> {
  return deps.tab.access(caller.principal, groupId);
}

/** Sends any failure as `{ code, message }`: TabApiError as is, a domain refusal in the caller's language (src/i18n/domain-errors.ts), anything else as a logged 500. */
export function sendFailure(res: Response, e: unknown, locale: Locale, log: Logger): void {
  if (e instanceof TabApiError) {
    sendError(res, e.status, e.code, e.message);
    return;
  }
  const refusal = refusalOf(e, locale);
  if (refusal) {
    sendError(res, refusal.status, refusal.code, refusal.message);
    return;
  }
  if (isStoreUnavailable(e)) {
    // The database did not answer: nothing changed, and trying again later is right (503, not 500).
    log.warn({ err: e }, 'tab API: the store is unavailable');
    res.header('retry-after', '5');
    sendError(res, 503, 'StoreUnavailable', locale === 'sv' ? 'Databasen svarar inte just nu; inget ändrades. Försök igen om en stund.' : 'The database does not answer right now; nothing was changed. Try again in a moment.');
    return;
  }
  log.error({ err: e }, 'tab API failed');
  sendError(res, 500, 'InternalError', locale === 'sv' ? 'Något gick fel; inget ändrades. Försök igen.' : 'Something went wrong; nothing was changed. Try again.');
}

/** Wraps a tab route: authenticates, runs the handler, turns failures into `{ code, message }`. */
export function tabRoute(deps: TabApiDeps, handler: (req: Request, res: Response, caller: TabCaller) => Promise<void>): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    let locale: Locale = 'en';
    try {
      locale = requestLocale(req);
      const caller = await deps.auth.authenticate(req);
      res.header('cache-control', 'no-store');
      await handler(req, res, caller);
    } catch (e) {
      if (!res.headersSent) sendFailure(res, e, locale, deps.log);
      else deps.log.error({ err: e }, 'tab API failed after answering');
    }
  };
}

/** A path parameter as a non-empty string of at most 200 characters, else 400. */
export function pathParam(req: Request, name: string): string {
  const value = (req.params as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string' || value === '' || value.length > 200) throw new TabApiError(400, 'BadRequest', `The path parameter ${name} is missing or too long.`);
  return value;
}
