import { decisionText, paragraph } from '../../../src/domain/decision';
import { DomainError, isDomainError } from '../../../src/domain/errors';
import { normaliseName, samePerson, type PersonRef } from '../../../src/domain/person';
import { MAX_TEXT_LENGTH, optionalText, requiredText, wellFormedText } from '../../../src/domain/text';

function aPerson(overrides: Partial<PersonRef> = {}): PersonRef {
  return { id: '29:1abc', aadObjectId: '8f0c2a44-0000-4000-8000-000000000001', name: 'Håkan Sundberg', ...overrides };
}

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

const EMOJI = '\u{1F3DB}'; // 🏛 — one code point, two UTF-16 units

describe('requiredText', () => {
  it('trims and returns the text', () => {
    expect(requiredText('decision', '  Budgeten antas \n')).toBe('Budgeten antas');
  });

  it.each([[undefined], [null], [''], ['  \n\t ']])('refuses %p as TEXT.EMPTY naming the field', (value) => {
    const e = thrown(() => requiredText('decision', value));
    expect(e.code).toBe('TEXT.EMPTY');
    expect(e.params).toEqual({ field: 'decision' });
  });

  it('allows exactly MAX_TEXT_LENGTH (2000) characters and refuses one more, never cutting', () => {
    expect(MAX_TEXT_LENGTH).toBe(2000);
    expect(requiredText('decision', 'a'.repeat(2000))).toBe('a'.repeat(2000));
    const e = thrown(() => requiredText('decision', 'a'.repeat(2001)));
    expect(e.code).toBe('TEXT.TOO_LONG');
    expect(e.params).toEqual({ field: 'decision', max: 2000, length: 2001 });
  });

  it('counts the length after trimming', () => {
    expect(requiredText('decision', `   ${'a'.repeat(2000)}   `)).toHaveLength(2000);
  });

  it('counts code points, not UTF-16 units: 2000 emoji pass, 2001 fail', () => {
    const twoThousand = EMOJI.repeat(2000);
    expect(twoThousand.length).toBe(4000); // what String#length would have counted
    expect(requiredText('decision', twoThousand)).toBe(twoThousand);
    const e = thrown(() => requiredText('decision', EMOJI.repeat(2001)));
    expect(e.code).toBe('TEXT.TOO_LONG');
    expect(e.params).toMatchObject({ length: 2001, max: 2000 });
  });

  it('takes a custom maximum', () => {
    expect(requiredText('owner', 'x'.repeat(200), 200)).toHaveLength(200);
    expect(thrown(() => requiredText('owner', 'x'.repeat(201), 200)).params).toEqual({ field: 'owner', max: 200, length: 201 });
  });
});

describe('optionalText', () => {
  it.each([[undefined], [null], [''], ['   ']])('makes %p undefined', (value) => {
    expect(optionalText('action', value)).toBeUndefined();
  });

  it('trims a given value', () => {
    expect(optionalText('action', '  Förankra i E-rådet ')).toBe('Förankra i E-rådet');
  });

  it('counts code points like requiredText and names the field', () => {
    expect(optionalText('action', EMOJI.repeat(2000))).toBe(EMOJI.repeat(2000));
    const e = thrown(() => optionalText('action', EMOJI.repeat(2001)));
    expect(e.code).toBe('TEXT.TOO_LONG');
    expect(e.params.field).toBe('action');
  });
});

describe('decisionText and paragraph', () => {
  it('validates decision text under the field name "decision"', () => {
    expect(decisionText(' E-rådet beslutar ')).toBe('E-rådet beslutar');
    expect(thrown(() => decisionText('')).params).toEqual({ field: 'decision' });
  });

  it('shows a decision number as §n', () => {
    expect(paragraph({ number: 3 })).toBe('§3');
  });
});

describe('normaliseName', () => {
  it('folds case, accents and spacing', () => {
    expect(normaliseName('  HÅKAN   sundberg ')).toBe('hakan sundberg');
    expect(normaliseName('  HÅKAN   sundberg ')).toBe(normaliseName('Håkan Sundberg'));
  });

  it('folds Swedish and other Latin accents', () => {
    expect(normaliseName('Åsa Öberg-Ärlig')).toBe('asa oberg-arlig');
    expect(normaliseName('José Müller')).toBe('jose muller');
  });

  it('treats a decomposed å (a + combining ring) like a precomposed one', () => {
    expect(normaliseName('Ha\u030akan')).toBe(normaliseName('H\u00e5kan'));
  });

  it('turns tabs, line breaks and non-breaking spaces into single spaces', () => {
    expect(normaliseName('Sara\t\u00a0\nHerrman')).toBe('sara herrman');
  });

  it('keeps different names different', () => {
    expect(normaliseName('Sara Herrman')).not.toBe(normaliseName('Sara Hermann'));
  });
});

describe('samePerson', () => {
  it('compares Entra object ids when both have one, ignoring case', () => {
    const a = aPerson({ id: '29:one', aadObjectId: '8F0C2A44-AAAA-4000-8000-000000000001' });
    const b = aPerson({ id: '29:other', aadObjectId: '8f0c2a44-aaaa-4000-8000-000000000001' });
    expect(samePerson(a, b)).toBe(true);
  });

  it('tells people apart by Entra object id even when the channel ids match', () => {
    expect(samePerson(aPerson({ id: '29:same', aadObjectId: 'aad-a' }), aPerson({ id: '29:same', aadObjectId: 'aad-b' }))).toBe(false);
  });

  it('falls back to the channel account id when either lacks an Entra object id', () => {
    expect(samePerson(aPerson({ id: '29:x', aadObjectId: undefined }), aPerson({ id: '29:x', aadObjectId: 'aad-b' }))).toBe(true);
    expect(samePerson(aPerson({ id: '29:x', aadObjectId: 'aad-a' }), aPerson({ id: '29:y', aadObjectId: undefined }))).toBe(false);
    expect(samePerson(aPerson({ id: '29:x', aadObjectId: undefined }), aPerson({ id: '29:x', aadObjectId: undefined }))).toBe(true);
  });

  it('ignores display names', () => {
    expect(samePerson(aPerson({ name: 'Håkan Sundberg' }), aPerson({ name: 'H. Sundberg' }))).toBe(true);
    expect(samePerson(aPerson({ id: '29:a', aadObjectId: undefined }), aPerson({ id: '29:b', aadObjectId: undefined }))).toBe(false);
  });
});

describe('wellFormedText', () => {
  it('turns lone surrogates into U+FFFD, drops stray control characters, keeps tabs, line breaks and emoji', () => {
    expect(wellFormedText('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(wellFormedText('a\u0000b\u0007c\u007f')).toBe('abc');
    expect(wellFormedText('rad 1\n\trad 2\r\n😀 Åsa')).toBe('rad 1\n\trad 2\r\n😀 Åsa');
  });

  it('is applied to every required text, so NUL never reaches the store', () => {
    expect(requiredText('decision', '\u0000Beslut\u0000')).toBe('Beslut');
    expect(() => requiredText('decision', '\u0000\u0001')).toThrow(expect.objectContaining({ code: 'TEXT.EMPTY' }));
  });
});
