import { DomainError } from './errors';

/** Longest free text a command or card field takes; longer text is refused, never cut. */
export const MAX_TEXT_LENGTH = 2000;

// A lone UTF-16 surrogate (half of a pair) cannot be stored as UTF-8; control characters other than tab
// and line breaks are never meant (PostgreSQL refuses NUL in text outright).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

// eslint-disable-next-line no-control-regex -- any surrogate or control character: the slower exact patterns decide
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff]/;

/** Text as it can be stored and shown: lone surrogates become U+FFFD, stray control characters go. */
export function wellFormedText(value: string): string {
  // Nearly every text is fine already: test first, so the common case allocates nothing.
  if (!SUSPECT.test(value)) return value;
  return value.replace(LONE_SURROGATE, '\ufffd').replace(CONTROL, '');
}

/**
 * Trims and checks a required free-text field. `field` names it in the error so the reply can say which
 * field was wrong.
 */
export function requiredText(field: string, value: string | undefined | null, max = MAX_TEXT_LENGTH): string {
  const text = wellFormedText(value ?? '').trim();
  if (text === '') throw new DomainError('TEXT.EMPTY', { field });
  if ([...text].length > max) throw new DomainError('TEXT.TOO_LONG', { field, max, length: [...text].length });
  return text;
}

/** Like `requiredText`, but an empty value is allowed and becomes `undefined`. */
export function optionalText(field: string, value: string | undefined | null, max = MAX_TEXT_LENGTH): string | undefined {
  const text = (value ?? '').trim();
  return text === '' ? undefined : requiredText(field, text, max);
}
