import en from '../../../src/i18n/en.json';
import sv from '../../../src/i18n/sv.json';
import { errorKey, localeOf, translator, type MessageKey } from '../../../src/i18n';

const enCatalog: Record<string, string> = en;
const svCatalog: Record<string, string> = sv;

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

describe('catalogs', () => {
  it('en.json and sv.json have exactly the same keys', () => {
    expect(Object.keys(svCatalog).sort()).toEqual(Object.keys(enCatalog).sort());
  });

  it('every message is a non-empty string in both languages', () => {
    for (const catalog of [enCatalog, svCatalog]) {
      for (const [key, text] of Object.entries(catalog)) {
        expect({ key, ok: typeof text === 'string' && text.trim() !== '' }).toEqual({ key, ok: true });
      }
    }
  });

  it('every {placeholder} of an English message appears in the Swedish one', () => {
    const missing = Object.entries(enCatalog).flatMap(([key, text]) =>
      placeholders(text)
        .filter((p) => !placeholders(svCatalog[key] ?? '').includes(p))
        .map((p) => `${key}: {${p}}`),
    );
    expect(missing).toEqual([]);
  });

  it('the Swedish messages use no placeholder the English ones lack (no one would fill it)', () => {
    const extra = Object.entries(svCatalog).flatMap(([key, text]) =>
      placeholders(text)
        .filter((p) => !placeholders(enCatalog[key] ?? '').includes(p))
        .map((p) => `${key}: {${p}}`),
    );
    expect(extra).toEqual([]);
  });

  it('has a message for every domain error code, in both languages', () => {
    const codes = ['TEXT.EMPTY', 'RISK.SCORE_OUT_OF_RANGE', 'ACCESS.RECORD_DENIED', 'CARD.STALE'] as const;
    for (const code of codes) {
      expect(enCatalog[errorKey(code)]).toEqual(expect.any(String));
      expect(svCatalog[errorKey(code)]).toEqual(expect.any(String));
    }
    expect(errorKey('PERSON.AMBIGUOUS')).toBe('error.PERSON.AMBIGUOUS');
  });
});

describe('localeOf', () => {
  it.each([
    ['sv-SE', 'sv'],
    ['sv', 'sv'],
    ['sv-FI', 'sv'],
    ['SV-se', 'sv'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['de-DE', 'en'],
    ['fi-FI', 'en'],
    ['', 'en'],
  ])('%p → %s', (tag, locale) => {
    expect(localeOf(tag)).toBe(locale);
  });

  it('falls back to English without a locale', () => {
    expect(localeOf(undefined)).toBe('en');
    expect(localeOf(null)).toBe('en');
  });
});

describe('translator', () => {
  const tEn = translator('en');
  const tSv = translator('sv');

  it('returns the message of the locale', () => {
    expect(tEn('common.yes')).toBe('Yes');
    expect(tSv('common.yes')).toBe('Ja');
  });

  it('fills placeholders, numbers included', () => {
    expect(tEn('decisions.summary', { active: 3, retracted: 1 })).toBe('3 in force, 1 retracted');
    expect(tSv('decisions.summary', { active: 3, retracted: 1 })).toBe('3 gällande, 1 återkallade');
    expect(tEn('decision.title', { paragraph: '§2' })).toBe('Decision §2');
  });

  it('fills every occurrence and leaves placeholders without a value untouched', () => {
    expect(tEn('error.TEXT.TOO_LONG', { field: 'threat', length: 2001 })).toBe(
      'The threat is 2001 characters long; at most {max} are allowed. Shorten it or split it in two.',
    );
    expect(tEn('error.TEXT.EMPTY', {})).toBe('The {field} is empty.');
  });

  it('returns the raw message when no params are given', () => {
    expect(tEn('decision.recordedBy')).toBe('Recorded by {name}');
  });

  it('inserts values literally: no "$&" replacement patterns, no recursive filling', () => {
    expect(tEn('decision.recordedBy', { name: '$& $1 $$' })).toBe('Recorded by $& $1 $$');
    expect(tEn('decision.recordedBy', { name: '{name}' })).toBe('Recorded by {name}');
  });

  it('gives every key a message in both locales', () => {
    for (const key of Object.keys(enCatalog) as MessageKey[]) {
      expect(tEn(key)).toBe(enCatalog[key]);
      expect(tSv(key)).toBe(svCatalog[key]);
    }
  });
});
