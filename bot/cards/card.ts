/**
 * Small helpers for Adaptive Card JSON (version 1.5, what Teams renders). Cards are plain data built by
 * pure functions `(viewModel, t) → card`; the bot only sends them.
 */
export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
  /** Per-user views: Teams asks the bot for a fresh card for each listed user (at most 60). */
  refresh?: { action: CardElement; userIds: string[] };
}

export function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/**
 * A heading. Headings carry group names and meeting titles, so they are TextRuns too: "[x](https://…)" in a
 * group's name stays those characters, never a link. `color` styles the text; other keys go on the block.
 */
export function heading(text: string, extra: CardElement = {}): CardElement {
  const { color, ...block } = extra;
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, weight: 'Bolder', size: 'Medium', ...(color === undefined ? {} : { color }) }], ...block };
}

/**
 * Small, subtle text. A TextRun, because notes carry people's names and user-typed values, and a TextRun
 * never reads them as markdown. `run` styles the text (color, fontType, …).
 */
export function note(text: string, run: CardElement = {}): CardElement {
  return { type: 'RichTextBlock', spacing: 'Small', inlines: [{ type: 'TextRun', text, isSubtle: true, size: 'Small', ...run }] };
}

/**
 * Text that people typed, shown exactly as typed: a TextRun does not interpret markdown, so "**" or
 * "[link](…)" in a decision stays literal.
 */
export function userText(text: string, extra: CardElement = {}): CardElement {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...extra }] };
}

/** A label and a user-typed value on one line. */
export function labelled(label: string, value: string): CardElement {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: label, weight: 'Bolder', wrap: true }] },
      { type: 'Column', width: 'stretch', items: [userText(value)] },
    ],
  };
}

/** An Action.Execute button: `cardId` lets the bot recognise a repeated press of the same card. */
export function execute(title: string, verb: string, data: Record<string, unknown>, extra: CardElement = {}): CardElement {
  return { type: 'Action.Execute', title, verb, data, ...extra };
}

/** Dates as people in the meeting read them (Swedish councils: Stockholm time). */
export function formatTime(iso: string, locale: 'sv' | 'en'): string {
  // The text shows minutes, and time zones move by whole minutes: one minute's times all read the same.
  // Formatting is the costly part of a decision card (ICU), so the last minutes' texts are kept.
  if (!UTC_ISO.test(iso)) return timeFormats[locale].format(new Date(iso));
  const key = `${locale}${iso.slice(0, 16)}`;
  let text = recentTimes.get(key);
  if (text === undefined) {
    text = timeFormats[locale].format(new Date(iso));
    if (recentTimes.size >= 64) recentTimes.delete(recentTimes.keys().next().value as string);
    recentTimes.set(key, text);
  }
  return text;
}
const recentTimes = new Map<string, string>();
/** As the store keeps times (toISOString): only these are cached by their minute. */
const UTC_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/;

// Building a formatter costs far more than using one: one per language, made once.
const timeFormats = {
  sv: new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }),
};
