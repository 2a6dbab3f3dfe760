/**
 * Teams refuses a bot message over about 28 KB. A list card holds as many rows as fit in a budget that
 * leaves room for the activity around the card, and offers "Show more" for the rest, which replaces the
 * presser's card with the next rows.
 */
import type { Translate } from '../../src/i18n';
import type { CardElement } from './card';

/** Teams' limit for one bot message (the serialized activity). */
export const MAX_MESSAGE_BYTES = 28 * 1024;
/** What a card may take of it: the activity's own fields (ids, names, service URL, conversation) need the rest. */
export const CARD_BUDGET_BYTES = 24 * 1024;

/** Shows the next rows of a long list: data `{ cardId, list, offset }`. */
export const SHOW_MORE_VERB = 'list.more';
export type PagedList = 'decisions' | 'risks' | 'roster';

export const byteSize = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * How many of `rows` (from the first) fit beside a card of `baseBytes` (the card with no rows, its notes
 * and buttons included): at least one, so that a list always moves on.
 */
export function rowsThatFit(rows: readonly CardElement[], baseBytes: number, budget = CARD_BUDGET_BYTES): number {
  let used = baseBytes;
  let n = 0;
  for (const row of rows) {
    // A comma between elements.
    used += byteSize(row) + 1;
    if (used > budget && n > 0) break;
    n++;
  }
  return n;
}

/** "Open in Rådslag": the tab's page for what the card summarises (a Teams deep link), when there is one. */
export const openInTab = (tabLink: string | undefined, t: Translate): CardElement[] => (tabLink ? [{ type: 'Action.OpenUrl', title: t('list.openInTab'), url: tabLink }] : []);
