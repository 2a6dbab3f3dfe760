/**
 * Microsoft Graph over the real SDKs: `@azure/msal-node` gets the app-only token (client credentials),
 * `@microsoft/microsoft-graph-client` sends the request through its middleware (token, retry on
 * 429/503/504 honouring Retry-After, redirects). This module only carries HTTP: it hands back status and
 * JSON, and turns every failure into one of the typed errors in graph-errors.ts. What the JSON means is
 * for the callers (graph-calendar.ts), which translate it into the port's types.
 */
import { AuthError, ConfidentialClientApplication, LogLevel, ManagedIdentityApplication, type Configuration } from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  GraphClientError,
  HTTPMessageHandler,
  RedirectHandler,
  RedirectHandlerOptions,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
  type Context,
  type GraphRequest,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { GraphConfig } from '../config';
import { GraphAuthenticationError, GraphFailure, GraphRequestError, GraphTransportError } from './graph-errors';
import { msalAuthorityOptions } from './msal-authority';

/** App-only access to Graph: the permissions granted to the app registration, as one scope. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** Graph's guidance: honour Retry-After; the SDK waits `delay` (growing) when there is none. */
const RETRY_DELAY_SECONDS = 3;
const MAX_RETRIES = 3;
/** How long one try may go without an answer when GraphConfig.timeoutMs is not given (GRAPH_TIMEOUT_SECONDS). */
export const DEFAULT_GRAPH_TIMEOUT_MS = 15_000;
/**
 * A GET that got no answer in time is tried again this many times: it changes nothing. A write is not: it
 * may have been done (a sent mail cannot be taken back), so it fails and its caller (a durable job) decides.
 */
const TIMEOUT_RETRIES_FOR_GET = 1;

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GraphSendOptions {
  /** JSON body of a POST or PATCH. */
  body?: unknown;
  /** An OData `$filter` expression, not yet URL-encoded (string literals already quoted and escaped). */
  filter?: string;
  /** Statuses besides 2xx that the caller handles itself (e.g. 409 for "already installed"). */
  accept?: readonly number[];
  /**
   * Retry on 429 only. For requests that must not run twice (sending mail has no idempotency key):
   * a 429 was not processed, a 503/504 may have been.
   */
  retryOnlyWhenThrottled?: boolean;
}

export interface GraphAnswer {
  status: number;
  /** Parsed JSON, or undefined for an empty body (202, 204). */
  body: unknown;
  requestId?: string;
}

export interface GraphHttp {
  /**
   * Sends one request. `path` is below the version segment (`/users/{id}/events`, build it with
   * `graphPath`) or an absolute `@odata.nextLink` under the configured base URL.
   * Resolves for 2xx and `accept`ed statuses; throws a GraphFailure for anything else.
   */
  send(method: GraphMethod, path: string, options?: GraphSendOptions): Promise<GraphAnswer>;
  /** Parses an answer's body with `schema`; a mismatch is a GraphRequestError `UnexpectedResponse`. */
  parse<T>(schema: z.ZodType<T>, answer: GraphAnswer, method: GraphMethod, path: string): T;
}

/** A path with every interpolated value URL-encoded as one segment: graphPath`/users/${id}/events`. */
export function graphPath(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]!) : ''), '');
}

/** Splits GRAPH_BASE_URL into what the Graph client wants: a root ending in "/" and a version segment. */
export function splitGraphBaseUrl(baseUrl: string): { root: string; version: string; hostname: string } {
  const url = new URL(baseUrl);
  // The Graph client attaches the token only to https URLs: over http every request would go out unauthenticated.
  if (url.protocol !== 'https:') throw new Error(`GRAPH_BASE_URL must be an https URL: ${baseUrl}`);
  const segments = url.pathname.split('/').filter(Boolean);
  const version = segments.pop();
  if (!version) throw new Error(`GRAPH_BASE_URL must end with the API version, e.g. https://graph.microsoft.com/v1.0 (got ${baseUrl})`);
  return { root: `${url.origin}/${segments.map((s) => `${s}/`).join('')}`, version, hostname: url.hostname };
}

const graphErrorBody = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    innerError: z.object({ 'request-id': z.string().optional(), code: z.string().optional() }).optional(),
  }),
});

/**
 * Our own errors cross the Graph client's middleware chain inside a GraphClientError: the client rethrows
 * that type as it is, while it would flatten any other error into a GraphError and drop its cause.
 */
function tunnel(error: GraphFailure): GraphClientError {
  const carrier = new GraphClientError(error.message);
  carrier.customError = error;
  return carrier;
}

function untunnel(e: unknown): unknown {
  if (e instanceof GraphClientError) {
    const inner: unknown = e.customError;
    if (inner instanceof GraphFailure) return inner;
  }
  return e;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** MSAL as the Graph client's token source: client credentials (secret or certificate) or a managed identity. */
class MsalTokenProvider implements AuthenticationProvider {
  constructor(
    private readonly acquire: () => Promise<string | undefined>,
    private readonly authority: string,
  ) {}

  async getAccessToken(): Promise<string> {
    let accessToken: string | undefined;
    try {
      // MSAL caches the token in memory and asks Entra ID (or the identity endpoint) again only shortly before it expires.
      accessToken = await this.acquire();
    } catch (e) {
      const code = e instanceof AuthError ? e.errorCode : 'token_request_failed';
      let description = e instanceof AuthError ? e.errorMessage || e.message : messageOf(e);
      if (code === 'network_error') {
        // MSAL drops the socket error, so say where to look.
        description += ` (no answer from ${this.authority}/oauth2/v2.0/token: unreachable, or its TLS certificate is not trusted by this Node process)`;
      }
      throw tunnel(new GraphAuthenticationError(code, this.authority, description, { cause: e }));
    }
    if (!accessToken) throw tunnel(new GraphAuthenticationError('no_token', this.authority, 'MSAL returned no access token'));
    return accessToken;
  }
}

/** The request's URL without its query (which may carry a join URL), for error messages. */
function urlOf(context: Context): string {
  // The SDK types `request` with the DOM's RequestInfo, which this Node project's lib does not declare.
  const request = context.request as unknown;
  const url = typeof request === 'string' ? request : request instanceof Request ? request.url : '(unknown URL)';
  return url.split('?')[0]!;
}

/**
 * Sits just before the fetch, after the Graph client's RetryHandler (so every try passes here): each try
 * gets `timeoutMs` to answer (the fetch's signal), a GET that times out is tried once more, and a request
 * that gets no HTTP answer becomes a GraphTransportError with its cause (code `Timeout` for no answer in time).
 */
class TransportErrorHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('TransportErrorHandler is the last middleware: nothing sends the request');
    const method = context.options?.method ?? 'GET';
    const callerSignal = context.options?.signal ?? undefined;
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(this.timeoutMs);
      // The fetch keeps this signal for the body as well: a body that stalls past the deadline is cut off too.
      context.options = { ...context.options, signal: callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout };
      try {
        await this.next.execute(context);
        return;
      } catch (e) {
        if (timeout.aborted && !callerSignal?.aborted) {
          if (method === 'GET' && attempt < TIMEOUT_RETRIES_FOR_GET) {
            this.log.warn({ method, url: urlOf(context), timeoutMs: this.timeoutMs }, 'Microsoft Graph did not answer in time; trying once more');
            continue;
          }
          throw tunnel(new GraphTransportError('Timeout', method, urlOf(context), `no answer within ${this.timeoutMs} ms`, { cause: e }));
        }
        // fetch reports "fetch failed"; what went wrong (ECONNREFUSED, an untrusted certificate, …) is its cause.
        const cause: unknown = e instanceof Error && e.cause !== undefined ? e.cause : e;
        const causeCode = cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
        throw tunnel(new GraphTransportError(causeCode ?? 'NetworkError', method, urlOf(context), messageOf(cause), { cause: e }));
      } finally {
        // The RetryHandler may send again with the same context: it starts from the caller's own signal.
        if (context.options) context.options.signal = callerSignal;
      }
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export function createGraphHttp(config: GraphConfig, log: Logger): GraphHttp {
  const { root, version, hostname } = splitGraphBaseUrl(config.baseUrl);
  const authority = `${config.authorityHost.replace(/\/+$/, '')}/${config.tenantId}`;
  const loggerOptions: NonNullable<NonNullable<Configuration['system']>['loggerOptions']> = {
    piiLoggingEnabled: false,
    logLevel: LogLevel.Warning,
    // MSAL's errors also reach us as thrown errors, and it warns "No client info in response" on every
    // client-credentials token: keep its voice below ours.
    loggerCallback: (level: LogLevel, message: string) => {
      if (level === LogLevel.Error) log.warn({ msal: message }, 'MSAL error');
      else log.debug({ msal: message }, 'MSAL');
    },
  };
  let acquire: () => Promise<string | undefined>;
  let tokenSource = authority;
  if (config.managedIdentity) {
    // In Azure: the identity endpoint of the host (App Service, Container Apps) issues the token; no secret exists.
    const mi = new ManagedIdentityApplication({
      ...(config.managedIdentity.clientId ? { managedIdentityIdParams: { userAssignedClientId: config.managedIdentity.clientId } } : {}),
      system: { loggerOptions },
    });
    acquire = async () => (await mi.acquireToken({ resource: GRAPH_SCOPE.replace(/\/\.default$/, '') }))?.accessToken;
    tokenSource = 'the managed identity endpoint';
  } else {
    const msal = new ConfidentialClientApplication({
      auth: {
        clientId: config.clientId,
        ...(config.certificate ? { clientCertificate: { thumbprintSha256: config.certificate.thumbprintSha256, privateKey: config.certificate.privateKey } } : { clientSecret: config.clientSecret ?? '' }),
        ...msalAuthorityOptions(authority),
      },
      system: { loggerOptions },
    });
    acquire = async () => (await msal.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] }))?.accessToken;
  }

  const client = Client.initWithMiddleware({
    // The SDK's default chain, in its order, plus TransportErrorHandler before the fetch.
    middleware: [
      new AuthenticationHandler(new MsalTokenProvider(acquire, tokenSource)),
      new RetryHandler(new RetryHandlerOptions(RETRY_DELAY_SECONDS, MAX_RETRIES)),
      new RedirectHandler(new RedirectHandlerOptions()),
      new TelemetryHandler(),
      new TransportErrorHandler(config.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS, log),
      new HTTPMessageHandler(),
    ],
    baseUrl: root,
    defaultVersion: version,
    // The client attaches the token only to hosts it knows: Microsoft's Graph hosts and these (no port, no path).
    customHosts: new Set([hostname]),
  });

  const base = `${root}${version}`;

  function request(path: string, options: GraphSendOptions): GraphRequest {
    let relative = path;
    if (/^https:\/\//i.test(path)) {
      // An @odata.nextLink: only ever follow it to our own Graph, which is where the token goes.
      if (!path.startsWith(`${base}/`)) throw new Error(`Refusing to follow a Graph link outside ${base}: ${path}`);
      relative = path.slice(base.length);
    }
    let req = client.api(relative).responseType(ResponseType.RAW);
    if (options.filter !== undefined) req = req.filter(encodeURIComponent(options.filter));
    if (options.retryOnlyWhenThrottled) {
      req = req.middlewareOptions([
        new RetryHandlerOptions(RETRY_DELAY_SECONDS, MAX_RETRIES, (_delay, _attempt, _request, _options, response) => response.status === 429),
      ]);
    }
    return req;
  }

  async function readBody(response: Response): Promise<unknown> {
    const text = await response.text();
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      // Not JSON (a proxy's HTML error page, say): keep the text so the error shows what came back.
      log.debug({ err: e, status: response.status }, 'Graph answered a body that is not JSON');
      return text;
    }
  }

  return {
    async send(method, path, options = {}) {
      const started = Date.now();
      let response: unknown;
      try {
        const req = request(path, options);
        if (method === 'GET') response = await req.get();
        else if (method === 'POST') response = await req.post(options.body ?? {});
        else if (method === 'PATCH') response = await req.patch(options.body ?? {});
        else response = await req.delete();
      } catch (e) {
        throw untunnel(e);
      }
      if (!(response instanceof Response)) throw new Error(`The Graph client answered ${method} ${path} without a Response`);
      let body: unknown;
      try {
        body = await readBody(response);
      } catch (e) {
        // The body stalled past the try's deadline (the fetch's signal fired), or the connection broke mid-body.
        const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
        throw new GraphTransportError(timedOut ? 'Timeout' : 'NetworkError', method, path.split('?')[0]!, timedOut ? 'the answer’s body did not arrive in time' : messageOf(e), { cause: e });
      }
      const parsedError = graphErrorBody.safeParse(body);
      const requestId =
        response.headers.get('request-id') ?? (parsedError.success ? parsedError.data.error.innerError?.['request-id'] : undefined) ?? undefined;
      const logPath = path.split('?')[0]!;
      log.debug({ method, path: logPath, status: response.status, ms: Date.now() - started, requestId }, 'Graph request');
      if (response.ok || options.accept?.includes(response.status)) return { status: response.status, body, requestId };
      const graphError = parsedError.success ? parsedError.data.error : undefined;
      throw new GraphRequestError(
        method,
        logPath,
        response.status,
        graphError?.code ?? `HTTP${response.status}`,
        graphError?.message ?? (typeof body === 'string' ? body.slice(0, 500) : response.statusText),
        requestId,
        graphError?.innerError?.code,
      );
    },

    parse(schema, answer, method, path) {
      const result = schema.safeParse(answer.body);
      if (result.success) return result.data;
      const issues = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      throw new GraphRequestError(method, path.split('?')[0]!, answer.status, 'UnexpectedResponse', `not the documented shape: ${issues}`, answer.requestId);
    },
  };
}
