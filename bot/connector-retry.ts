/**
 * Retries of calls to the Bot Connector (replies, card updates, proactive posts, new one-to-one chats).
 *
 * botbuilder 4.23's ConnectorClient runs on @azure/core-client, whose default pipeline already has a
 * `defaultRetryPolicy` in its Retry phase: up to 3 retries; 429/503 *with* a Retry-After header wait
 * exactly that long (no upper bound); 5xx (not 501/505), 408 and socket errors back off exponentially
 * (1 s doubling, up to 64 s, half of it random). What it lacks, and Teams needs:
 *
 * - a 429 *without* Retry-After is not retried at all (Teams does not always send the header, and its
 *   guidance for bots is exponential backoff on 429);
 * - a Retry-After is never capped (a `Retry-After: 3600` would hold a turn for an hour);
 * - no request has a timeout (a connector that accepts the connection and never answers hangs the turn).
 *
 * `connectorRetryPolicy` replaces that policy in the Retry phase of each ConnectorClient the adapter
 * creates (see `useConnectorRetries`), so there is one retry loop, not two nested ones.
 */
import type { Logger } from 'pino';

/** The parts of @azure/core-rest-pipeline's PipelineRequest / PipelineResponse this policy touches. */
interface PipelineRequest {
  url: string;
  method: string;
  timeout: number;
  abortSignal?: { aborted: boolean };
}
interface PipelineResponse {
  status: number;
  headers: { get(name: string): string | undefined };
}
type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;
interface PipelinePolicy {
  name: string;
  sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse>;
}
interface Pipeline {
  addPolicy(policy: PipelinePolicy, options?: { phase?: 'Serialize' | 'Retry' | 'Sign' | 'Deserialize' }): void;
  removePolicy(options: { name?: string }): PipelinePolicy[];
}

export interface ConnectorRetryOptions {
  /** Tries in all, the first one included. */
  maxTries: number;
  /** First backoff; doubles with each retry, half of it random ("equal jitter"). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer Retry-After is shortened to this. */
  maxRetryAfterMs: number;
  /** No retry starts once this much time has gone by since the first try. */
  totalBudgetMs: number;
  /** Each try is abandoned (and may be retried) after this long without an answer. */
  tryTimeoutMs: number;
}

export const CONNECTOR_RETRY_DEFAULTS: ConnectorRetryOptions = {
  maxTries: 5,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  totalBudgetMs: 60_000,
  tryTimeoutMs: 15_000,
};

export const CONNECTOR_RETRY_POLICY_NAME = 'radslagConnectorRetry';
const SYSTEM_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET']);

/** Milliseconds from a Retry-After header: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

const retriableStatus = (status: number) => status === 429 || status === 408 || (status >= 500 && status !== 501 && status !== 505);

function backoff(retry: number, o: ConnectorRetryOptions): number {
  const full = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** retry);
  return Math.round(full / 2 + Math.random() * (full / 2));
}

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return '(unparsable URL)';
  }
};

export function connectorRetryPolicy(log: Logger, options: ConnectorRetryOptions = CONNECTOR_RETRY_DEFAULTS): PipelinePolicy {
  return {
    name: CONNECTOR_RETRY_POLICY_NAME,
    async sendRequest(request, next) {
      const started = Date.now();
      if (!(request.timeout > 0)) request.timeout = options.tryTimeoutMs;
      for (let attempt = 1; ; attempt++) {
        let response: PipelineResponse | undefined;
        let failure: unknown;
        try {
          response = await next(request);
        } catch (e) {
          failure = e;
        }
        const status = response?.status;
        let delay: number | undefined;
        let why: string;
        if (response && !retriableStatus(response.status)) return response;
        if (response) {
          const header = retryAfterMs(response.headers.get('retry-after'));
          delay = header === undefined ? backoff(attempt - 1, options) : Math.min(header, options.maxRetryAfterMs);
          why = `HTTP ${response.status}${header === undefined ? '' : ` (Retry-After ${response.headers.get('retry-after')})`}`;
        } else {
          // The caller gave up (its own abort signal): not ours to retry.
          if (request.abortSignal?.aborted) throw failure;
          const code = failure && typeof failure === 'object' && 'code' in failure ? String(failure.code) : undefined;
          const timedOut = failure instanceof Error && failure.name === 'AbortError';
          if (!timedOut && !(code && SYSTEM_ERRORS.has(code))) throw failure;
          delay = backoff(attempt - 1, options);
          why = timedOut ? `no answer within ${request.timeout} ms` : (code ?? 'network error');
        }
        const context = { method: request.method, path: pathOf(request.url), attempt, status, reason: why };
        if (attempt >= options.maxTries || Date.now() - started + delay > options.totalBudgetMs) {
          log.warn({ ...context, ms: Date.now() - started }, 'the Bot Connector still fails after retries; giving up on this call');
          if (response) return response;
          throw failure;
        }
        log.warn({ ...context, delayMs: delay }, 'the Bot Connector failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    },
  };
}

/** The core-client ServiceClient inside a ConnectorClient (botbuilder-stdlib's compat context keeps it in `client`). */
function pipelineOf(connectorClient: unknown): Pipeline | undefined {
  const inner = connectorClient && typeof connectorClient === 'object' && 'client' in connectorClient ? connectorClient.client : undefined;
  const pipeline = inner && typeof inner === 'object' && 'pipeline' in inner ? inner.pipeline : undefined;
  if (!pipeline || typeof pipeline !== 'object') return undefined;
  const p = pipeline as Partial<Pipeline>;
  return typeof p.addPolicy === 'function' && typeof p.removePolicy === 'function' ? (p as Pipeline) : undefined;
}

/**
 * Swaps the SDK's default retry policy of one ConnectorClient for ours. Returns false (and changes
 * nothing) when the client is not shaped as botbuilder 4.23 builds it; the SDK's own retries then apply.
 */
export function useConnectorRetries(connectorClient: unknown, policy: PipelinePolicy): boolean {
  const pipeline = pipelineOf(connectorClient);
  if (!pipeline) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.removePolicy({ name: policy.name });
  pipeline.addPolicy(policy, { phase: 'Retry' });
  return true;
}
