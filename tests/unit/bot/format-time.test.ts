/**
 * Card times are Stockholm time to the minute; the formatter keeps recent minutes' texts, so a cached text
 * must always equal a fresh formatting of the same instant.
 */
import { formatTime } from '../../../bot/cards/card';

const fresh = (iso: string, locale: 'sv' | 'en') =>
  new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

describe('formatTime', () => {
  it('shows Stockholm time in each language, winter and summer', () => {
    expect(formatTime('2026-11-26T13:05:59.999Z', 'sv')).toBe('2026-11-26 14:05');
    expect(formatTime('2026-06-01T13:05:00.000Z', 'sv')).toBe('2026-06-01 15:05');
    expect(formatTime('2026-11-26T13:05:00.000Z', 'en')).toBe('26/11/2026, 14:05');
  });

  it('gives every time of a minute the text a fresh formatting gives, across a DST change and many minutes', () => {
    const start = Date.parse('2026-10-25T00:30:00.000Z'); // Stockholm leaves summer time at 01:00 UTC
    for (let s = 0; s < 2 * 3600; s += 17) {
      const iso = new Date(start + s * 1000).toISOString();
      for (const locale of ['sv', 'en'] as const) expect(formatTime(iso, locale)).toBe(fresh(iso, locale));
    }
  });

  it('formats a time written with an offset as the instant it names (not cached by its text)', () => {
    expect(formatTime('2026-11-26T14:05:00+01:00', 'sv')).toBe('2026-11-26 14:05');
    expect(formatTime('2026-11-26T14:05:00+03:00', 'sv')).toBe('2026-11-26 12:05');
  });
});
