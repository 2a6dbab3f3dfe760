/** The tab's two languages and how a locale maps to one; no messages and no React, so the entry can use it. */
export type Lang = 'sv' | 'en';
export const LANGS: readonly Lang[] = ['sv', 'en'];

/** "sv", "sv-SE", "sv-FI" → sv; "en", "en-GB" → en; everything else → undefined (no preference). */
export function langOf(locale: string | null | undefined): Lang | undefined {
  if (!locale) return undefined;
  const l = locale.toLowerCase();
  if (l === 'sv' || l.startsWith('sv-')) return 'sv';
  if (l === 'en' || l.startsWith('en-')) return 'en';
  return undefined;
}
