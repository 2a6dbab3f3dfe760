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
  /** The catalog message with each `{name}` replaced by hand: what the translator should produce. */
  const filled = (message: string, params: Record<string, string | number>) =>
    Object.entries(params).reduce((text, [name, value]) => text.split(`{${name}}`).join(String(value)), message);

  it('returns the message of the locale, and the two differ', () => {
    expect(tEn('common.yes')).toBe(enCatalog['common.yes']);
    expect(tSv('common.yes')).toBe(svCatalog['common.yes']);
    expect(tSv('common.yes')).not.toBe(tEn('common.yes'));
  });

  it('fills placeholders, numbers included, in both locales', () => {
    const params = { active: 3, retracted: 1 };
    expect(placeholders(enCatalog['decisions.summary']!)).toEqual(['active', 'retracted']);
    expect(tEn('decisions.summary', params)).toBe(filled(enCatalog['decisions.summary']!, params));
    expect(tSv('decisions.summary', params)).toBe(filled(svCatalog['decisions.summary']!, params));
    expect(tEn('decisions.summary', params)).not.toMatch(/\{\w+\}/);
    expect(tEn('decision.title', { paragraph: '§2' })).toContain('§2');
  });

  it('leaves placeholders without a value untouched', () => {
    const message = enCatalog['error.TEXT.TOO_LONG']!;
    expect(placeholders(message)).toEqual(['field', 'length', 'max']);
    const text = tEn('error.TEXT.TOO_LONG', { field: 'threat', length: 2001 });
    expect(text).toBe(filled(message, { field: 'threat', length: 2001 }));
    expect(text).toContain('{max}');
    expect(text).not.toContain('{field}');
    expect(tEn('error.TEXT.EMPTY', {})).toBe(enCatalog['error.TEXT.EMPTY']);
  });

  it('ignores params the message does not use', () => {
    expect(tEn('decisions.title', { unused: 'x' })).toBe(enCatalog['decisions.title']);
  });

  it('returns the raw message when no params are given', () => {
    expect(tEn('decision.recordedBy')).toBe(enCatalog['decision.recordedBy']);
    expect(tEn('decision.recordedBy')).toContain('{name}');
  });

  it('inserts values literally: no "$&" replacement patterns, no recursive filling', () => {
    const message = enCatalog['decision.recordedBy']!;
    expect(tEn('decision.recordedBy', { name: '$& $1 $$' })).toBe(message.replace('{name}', () => '$& $1 $$'));
    expect(tEn('decision.recordedBy', { name: '{name}' })).toBe(message);
  });

  it('gives every key its own message in both locales', () => {
    for (const key of Object.keys(enCatalog) as MessageKey[]) {
      expect(tEn(key)).toBe(enCatalog[key]);
      expect(tSv(key)).toBe(svCatalog[key]);
    }
  });
});
