import { DomainError } from '../../src/domain/errors';

/** Runs `fn` and returns the DomainError it throws (fails the test if it throws nothing, or something else). */
export function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
