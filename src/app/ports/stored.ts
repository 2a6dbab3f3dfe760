/** Result of an idempotent write: `created` is false when the same source key was stored before. */
export interface Stored<T> {
  value: T;
  created: boolean;
}

/**
 * The store did not answer (PostgreSQL down, restarting, unreachable, or slower than its statement timeout).
 * Nothing was acknowledged: the edges answer 503 so that the caller (Teams, the tab) tries again, rather than
 * 500, which says the request itself failed. Thrown by src/store; `cause` is the driver's error.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A StoreUnavailableError anywhere in an error's cause chain (botbuilder and Kysely may wrap it). */
export function isStoreUnavailable(e: unknown): boolean {
  for (let cur = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    if (cur instanceof StoreUnavailableError) return true;
  }
  return false;
}
