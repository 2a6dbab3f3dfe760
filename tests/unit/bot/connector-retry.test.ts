/**
 * The Bot Connector retry policy on its own: what it retries, how long it waits, and where it stops.
 * `next` stands in for the rest of @azure/core-rest-pipeline's chain (the HTTP client), answering from a
 * script; the policy under test is the real one.
 */
import pino from 'pino';
import { connectorRetryPolicy, CONNECTOR_RETRY_DEFAULTS, retryAfterMs, type ConnectorRetryOptions } from '../../../bot/connector-retry';

const silent = pino({ level: 'silent' });
const fast: ConnectorRetryOptions = { ...CONNECTOR_RETRY_DEFAULTS, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 50 };

type Step = number | { status: number; retryAfter?: string } | Error;
const response = (status: number, retryAfter?: string) => ({ status, headers: { get: (name: string) => (name.toLowerCase() === 'retry-after' ? retryAfter : undefined) } });

function scripted(steps: Step[]) {
  const calls: number[] = [];
  const next = (request: { timeout: number }) => {
    calls.push(request.timeout);
    const step = steps.shift() ?? 200;
    if (step instanceof Error) return Promise.reject(step);
    return Promise.resolve(typeof step === 'number' ? response(step) : response(step.status, step.retryAfter));
  };
  return { next, calls };
}

const request = () => ({ url: 'https://smba.trafficmanager.net/emea/v3/conversations/x/activities', method: 'POST', timeout: 0 });
const systemError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('retryAfterMs', () => {
  it.each([
    ['1', 1000],
    ['0', 0],
    ['2.5', 2500],
    [' 30 ', 30_000],
  ])('reads delta-seconds %j as %i ms', (value, ms) => expect(retryAfterMs(value)).toBe(ms));

  it('reads an HTTP date as the time left until then, and a past date as 0', () => {
    const now = Date.parse('2026-11-26T01:00:00Z');
    expect(retryAfterMs('Thu, 26 Nov 2026 01:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Thu, 26 Nov 2026 00:59:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('')).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('connectorRetryPolicy', () => {
  it('returns a success or a client error at once', async () => {
    for (const status of [200, 201, 400, 403, 404, 501]) {
      const { next, calls } = scripted([status]);
      expect((await connectorRetryPolicy(silent, fast).sendRequest(request(), next)).status).toBe(status);
      expect(calls).toHaveLength(1);
    }
  });

  it('retries 429 (with and without Retry-After), 408 and 5xx until a success', async () => {
    const { next, calls } = scripted([{ status: 429, retryAfter: '0' }, 429, 408, 502, 200]);
    expect((await connectorRetryPolicy(silent, fast).sendRequest(request(), next)).status).toBe(200);
    expect(calls).toHaveLength(5);
  });

  it('caps a long Retry-After', async () => {
    const { next, calls } = scripted([{ status: 429, retryAfter: '3600' }, 200]);
    const started = Date.now();
    expect((await connectorRetryPolicy(silent, fast).sendRequest(request(), next)).status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops after maxTries and hands back the last answer', async () => {
    const { next, calls } = scripted([503, 503, 503, 503, 503, 503, 503]);
    expect((await connectorRetryPolicy(silent, fast).sendRequest(request(), next)).status).toBe(503);
    expect(calls).toHaveLength(CONNECTOR_RETRY_DEFAULTS.maxTries);
  });

  it('stops when the next wait would overrun the total budget', async () => {
    const { next, calls } = scripted([{ status: 429, retryAfter: '1' }, 200]);
    const answer = await connectorRetryPolicy(silent, { ...fast, maxRetryAfterMs: 5000, totalBudgetMs: 500 }).sendRequest(request(), next);
    expect(answer.status).toBe(429);
    expect(calls).toHaveLength(1);
  });

  it('retries socket errors and its own timeouts, gives every try a timeout, and rethrows anything else', async () => {
    const timeout = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    const { next, calls } = scripted([systemError('ECONNRESET'), systemError('ECONNREFUSED'), timeout, 200]);
    expect((await connectorRetryPolicy(silent, fast).sendRequest(request(), next)).status).toBe(200);
    expect(calls).toEqual([15_000, 15_000, 15_000, 15_000]);

    const bug = new TypeError('not a network problem');
    const other = scripted([bug, 200]);
    await expect(connectorRetryPolicy(silent, fast).sendRequest(request(), other.next)).rejects.toBe(bug);
    expect(other.calls).toHaveLength(1);
  });

  it('does not retry when the caller itself aborted', async () => {
    const aborted = Object.assign(new Error('aborted'), { name: 'AbortError' });
    const { next, calls } = scripted([aborted, 200]);
    await expect(connectorRetryPolicy(silent, fast).sendRequest({ ...request(), abortSignal: { aborted: true } }, next)).rejects.toBe(aborted);
    expect(calls).toHaveLength(1);
  });
});
