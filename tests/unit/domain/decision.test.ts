import { numbersDecisions, numberingSwitch, parseDecision } from '../../../src/domain/decision';
import { domainErrorOf } from '../../helpers/domain-error';

describe('parseDecision', () => {
  it('keeps a decision of one text as today, dashes inside words and numbers included', () => {
    expect(parseDecision('  E-rådet beslutar om ändring av förstudiedirektiv ')).toEqual({ text: 'E-rådet beslutar om ändring av förstudiedirektiv' });
    expect(parseDecision('Budget 2027–2028 och IT-säkerhet—prioriteras')).toEqual({ text: 'Budget 2027–2028 och IT-säkerhet—prioriteras' });
    // A spaced hyphen is no separator: too common in ordinary sentences.
    expect(parseDecision('Sara - och Johan - tar fram ett erbjudande')).toEqual({ text: 'Sara - och Johan - tar fram ett erbjudande' });
  });

  it('splits a heading from the text at a spaced em dash or en dash', () => {
    const expected = { heading: 'Beslut om förstudiedirektiv', text: 'E-rådet beslutar om ändring av förstudiedirektiv' };
    expect(parseDecision('Beslut om förstudiedirektiv — E-rådet beslutar om ändring av förstudiedirektiv')).toEqual(expected);
    expect(parseDecision('Beslut om förstudiedirektiv – E-rådet beslutar om ändring av förstudiedirektiv')).toEqual(expected);
  });

  it('splits at the first em dash, else the first en dash, so the text keeps its own dashes', () => {
    expect(parseDecision('Beslut om svarstid — Svarstiden förlängs — veckan ut')).toEqual({ heading: 'Beslut om svarstid', text: 'Svarstiden förlängs — veckan ut' });
    expect(parseDecision('Snabbutredning – distans — Rapporten godkänns')).toEqual({ heading: 'Snabbutredning – distans', text: 'Rapporten godkänns' });
    expect(parseDecision('Beslut om svarstid – Svarstiden förlängs – veckan ut')).toEqual({ heading: 'Beslut om svarstid', text: 'Svarstiden förlängs – veckan ut' });
  });

  it('looks for the separator on the first line only, and keeps the text’s lines', () => {
    expect(parseDecision('Beslut om svarstid —\nSvarstiden förlängs.\nUtöka – veckan ut')).toEqual({ heading: 'Beslut om svarstid', text: 'Svarstiden förlängs.\nUtöka – veckan ut' });
    expect(parseDecision('Svarstiden förlängs.\nUtöka – veckan ut')).toEqual({ text: 'Svarstiden förlängs.\nUtöka – veckan ut' });
  });

  it('refuses an empty heading, an empty text and a heading over 200 characters, naming which', () => {
    expect(domainErrorOf(() => parseDecision('— Svarstiden förlängs'))).toMatchObject({ code: 'TEXT.EMPTY', params: { field: 'heading' } });
    expect(domainErrorOf(() => parseDecision('Beslut om svarstid —  '))).toMatchObject({ code: 'TEXT.EMPTY', params: { field: 'decision' } });
    expect(domainErrorOf(() => parseDecision('   '))).toMatchObject({ code: 'TEXT.EMPTY', params: { field: 'decision' } });
    expect(domainErrorOf(() => parseDecision(`${'a'.repeat(201)} — text`))).toMatchObject({ code: 'TEXT.TOO_LONG', params: { field: 'heading', max: 200, length: 201 } });
  });
});

describe('decision numbering', () => {
  it('is on for a group that did not switch it off, and without a group', () => {
    expect(numbersDecisions(undefined)).toBe(true);
    expect(numbersDecisions({})).toBe(true);
    expect(numbersDecisions({ decisionNumbering: true })).toBe(true);
    expect(numbersDecisions({ decisionNumbering: false })).toBe(false);
  });

  it('reads on/off and på/av in any case', () => {
    expect(['on', 'ON', ' på ', 'PÅ', 'pa'].map(numberingSwitch)).toEqual([true, true, true, true, true]);
    expect(['off', 'Off', 'av', 'AV'].map(numberingSwitch)).toEqual([false, false, false, false]);
  });

  it('refuses any other word, quoting it whole', () => {
    expect(domainErrorOf(() => numberingSwitch('kanske inte i dag'))).toMatchObject({ code: 'DECISION.BAD_NUMBERING', params: { value: 'kanske inte i dag' } });
    expect(domainErrorOf(() => numberingSwitch(''))).toMatchObject({ code: 'DECISION.BAD_NUMBERING', params: { value: '' } });
  });
});
