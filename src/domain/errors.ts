/**
 * Domain errors carry a stable code; adapters map the code to a localized message (bot) or a 4xx (HTTP).
 * `params` fill the message's placeholders.
 */
export type ErrorCode =
  | 'TEXT.EMPTY'
  | 'TEXT.TOO_LONG'
  | 'RISK.SCORE_MISSING'
  | 'RISK.SCORE_OUT_OF_RANGE'
  | 'RISK.NOT_FOUND'
  | 'DECISION.NEEDS_MEETING'
  | 'DECISION.NOT_FOUND'
  | 'ACCESS.RECORD_DENIED'
  | 'ACCESS.APPOINT_DENIED'
  | 'PERSON.NOT_FOUND'
  | 'PERSON.AMBIGUOUS'
  | 'PERSON.MISSING'
  | 'CARD.INVALID_DATA'
  | 'CARD.STALE';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
