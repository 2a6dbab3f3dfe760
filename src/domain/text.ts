import { DomainError } from './errors';

/** Longest free text a command or card field takes; longer text is refused, never cut. */
export const MAX_TEXT_LENGTH = 2000;

/**
 * Trims and checks a required free-text field. `field` names it in the error so the reply can say which
 * field was wrong.
 */
export function requiredText(field: string, value: string | undefined | null, max = MAX_TEXT_LENGTH): string {
  const text = (value ?? '').trim();
  if (text === '') throw new DomainError('TEXT.EMPTY', { field });
  if ([...text].length > max) throw new DomainError('TEXT.TOO_LONG', { field, max, length: [...text].length });
  return text;
}

/** Like `requiredText`, but an empty value is allowed and becomes `undefined`. */
export function optionalText(field: string, value: string | undefined | null, max = MAX_TEXT_LENGTH): string | undefined {
  const text = (value ?? '').trim();
  return text === '' ? undefined : requiredText(field, text, max);
}
