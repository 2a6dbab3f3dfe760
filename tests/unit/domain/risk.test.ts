import type { ErrorCode } from '../../../src/domain/errors';
import {
  byRegisterOrder,
  riskBand,
  riskCode,
  riskScore,
  score,
  validateNewRisk,
  type NewRiskInput,
  type Score,
} from '../../../src/domain/risk';
import { aRisk, seedRegister } from '../../helpers/builders';
import { domainErrorOf } from '../../helpers/domain-error';

function aNewRisk(overrides: NewRiskInput = {}): NewRiskInput {
  return { threat: 'Vikande intresse', probability: '5', impact: '4', ...overrides };
}


describe('score', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['3', 3],
    ['4', 4],
    ['5', 5],
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 5],
  ])('accepts %p as %p', (raw, expected) => {
    expect(score('S', raw)).toBe(expected);
  });

  it('trims a string value', () => {
    expect(score('K', ' 3 ')).toBe(3);
    expect(score('K', '\t5\n')).toBe(5);
  });

  it('accepts the number 3.0 (it is the integer 3)', () => {
    expect(score('S', 3.0)).toBe(3);
  });

  it.each<[unknown]>([[undefined], [null], ['']])('calls %p missing and names the field', (raw) => {
    const e = domainErrorOf(() => score('K', raw));
    expect(e.code).toBe<ErrorCode>('RISK.SCORE_MISSING');
    expect(e.params).toEqual({ field: 'K' });
  });

  it.each<[unknown, string]>([
    [0, '0'],
    [6, '6'],
    ['0', '0'],
    ['6', '6'],
    ['2.5', '2.5'],
    [2.5, '2.5'],
    ['x', 'x'],
    ['-1', '-1'],
    ['03', '03'],
    ['1 2', '1 2'],
    [Number.NaN, 'NaN'],
  ])('calls %p out of range, names the field and quotes the value', (raw, value) => {
    const e = domainErrorOf(() => score('S', raw));
    expect(e.code).toBe<ErrorCode>('RISK.SCORE_OUT_OF_RANGE');
    expect(e.params).toEqual({ field: 'S', value });
  });

  it('refuses values that are neither numbers nor strings', () => {
    const e = domainErrorOf(() => score('K', true));
    expect(e.code).toBe<ErrorCode>('RISK.SCORE_OUT_OF_RANGE');
    expect(e.params.field).toBe('K');
  });

  it('quotes at most 20 characters of a long wrong value', () => {
    const e = domainErrorOf(() => score('S', 'y'.repeat(500)));
    expect(e.params.value).toBe('y'.repeat(20));
  });
});

describe('validateNewRisk', () => {
  it('trims every text field and reads the scores', () => {
    const valid = validateNewRisk({
      threat: '  Vikande intresse  ',
      vulnerability: ' Svag förankring ',
      consequence: '\nLåg tilltro\n',
      probability: '5',
      impact: 4,
      actionNeeded: true,
      action: ' Förankra i E-rådet ',
      owner: ' Sara Herrman ',
    });
    expect(valid).toEqual({
      threat: 'Vikande intresse',
      vulnerability: 'Svag förankring',
      consequence: 'Låg tilltro',
      probability: 5,
      impact: 4,
      actionNeeded: true,
      action: 'Förankra i E-rådet',
      owner: 'Sara Herrman',
    });
  });

  it('makes empty optional fields undefined and actionNeeded false by default', () => {
    const valid = validateNewRisk(aNewRisk({ vulnerability: '', consequence: '   ', action: undefined, owner: ' ' }));
    expect(valid.vulnerability).toBeUndefined();
    expect(valid.consequence).toBeUndefined();
    expect(valid.action).toBeUndefined();
    expect(valid.owner).toBeUndefined();
    expect(valid.actionNeeded).toBe(false);
  });

  it.each([[undefined], [''], ['   ']])('refuses an empty threat (%p) naming the field "threat"', (threat) => {
    const e = domainErrorOf(() => validateNewRisk(aNewRisk({ threat })));
    expect(e.code).toBe<ErrorCode>('TEXT.EMPTY');
    expect(e.params).toEqual({ field: 'threat' });
  });

  it('takes a threat of 2000 characters and refuses 2001', () => {
    expect(validateNewRisk(aNewRisk({ threat: 'a'.repeat(2000) })).threat).toHaveLength(2000);
    const e = domainErrorOf(() => validateNewRisk(aNewRisk({ threat: 'a'.repeat(2001) })));
    expect(e.code).toBe<ErrorCode>('TEXT.TOO_LONG');
    expect(e.params).toEqual({ field: 'threat', max: 2000, length: 2001 });
  });

  it('limits the owner to 200 characters', () => {
    expect(validateNewRisk(aNewRisk({ owner: 'o'.repeat(200) })).owner).toHaveLength(200);
    const e = domainErrorOf(() => validateNewRisk(aNewRisk({ owner: 'o'.repeat(201) })));
    expect(e.code).toBe<ErrorCode>('TEXT.TOO_LONG');
    expect(e.params).toMatchObject({ field: 'owner', max: 200 });
  });

  it('names the optional field that is too long', () => {
    for (const field of ['vulnerability', 'consequence', 'action'] as const) {
      const e = domainErrorOf(() => validateNewRisk(aNewRisk({ [field]: 'v'.repeat(2001) })));
      expect(e.code).toBe<ErrorCode>('TEXT.TOO_LONG');
      expect(e.params.field).toBe(field);
    }
  });

  it('refuses a missing S and a wrong K with the field named', () => {
    const missing = domainErrorOf(() => validateNewRisk(aNewRisk({ probability: undefined })));
    expect(missing.code).toBe<ErrorCode>('RISK.SCORE_MISSING');
    expect(missing.params.field).toBe('S');
    const wrong = domainErrorOf(() => validateNewRisk(aNewRisk({ impact: '9' })));
    expect(wrong.code).toBe<ErrorCode>('RISK.SCORE_OUT_OF_RANGE');
    expect(wrong.params.field).toBe('K');
  });
});

describe('riskScore', () => {
  const scores: Score[] = [1, 2, 3, 4, 5];
  const combinations = scores.flatMap((s) => scores.map((k) => [s, k, s * k] as const));

  it('covers all 25 combinations', () => {
    expect(combinations).toHaveLength(25);
  });

  it.each(combinations)('S=%i K=%i gives R=%i', (probability, impact, expected) => {
    expect(riskScore({ probability, impact })).toBe(expected);
  });
});

describe('riskBand', () => {
  it.each([
    [1, 'low'],
    [4, 'low'],
    [5, 'medium'],
    [9, 'medium'],
    [10, 'high'],
    [16, 'high'],
    [20, 'critical'],
    [25, 'critical'],
  ])('R=%i is %s', (r, band) => {
    expect(riskBand(r)).toBe(band);
  });

  it('gives every possible R exactly one of the four bands, rising with R', () => {
    const order = ['low', 'medium', 'high', 'critical'];
    const possible = [...new Set([1, 2, 3, 4, 5].flatMap((s) => [1, 2, 3, 4, 5].map((k) => s * k)))].sort((a, b) => a - b);
    const ranks = possible.map((r) => order.indexOf(riskBand(r)));
    expect(ranks.every((rank) => rank >= 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });
});

describe('byRegisterOrder', () => {
  // The seed's register (steering group 2020-11-27).
  const seed = seedRegister();

  it('sorts the seed register R4, R3, R2, R5, R1 (R3 before R2: same R=12, higher K first)', () => {
    expect([...seed].sort(byRegisterOrder).map(riskCode)).toEqual(['R4', 'R3', 'R2', 'R5', 'R1']);
  });

  it('gives the same order whatever order the risks come in', () => {
    const shuffled = [seed[4]!, seed[1]!, seed[3]!, seed[0]!, seed[2]!];
    expect(shuffled.sort(byRegisterOrder).map(riskCode)).toEqual(['R4', 'R3', 'R2', 'R5', 'R1']);
  });

  it('puts the higher R first', () => {
    expect(byRegisterOrder(aRisk({ probability: 5, impact: 5 }), aRisk({ probability: 1, impact: 1 }))).toBeLessThan(0);
  });

  it('breaks a tie on R by the higher K (impact)', () => {
    const highImpact = aRisk({ number: 9, probability: 2, impact: 5 });
    const lowImpact = aRisk({ number: 1, probability: 5, impact: 2 });
    expect([lowImpact, highImpact].sort(byRegisterOrder)).toEqual([highImpact, lowImpact]);
  });

  it('breaks a tie on R and K by the lower number (the oldest first)', () => {
    const older = aRisk({ number: 2, probability: 3, impact: 3 });
    const newer = aRisk({ number: 7, probability: 3, impact: 3 });
    expect([newer, older].sort(byRegisterOrder)).toEqual([older, newer]);
    expect(byRegisterOrder(older, older)).toBe(0);
  });
});

describe('riskCode', () => {
  it('shows the number as R1, R2, …', () => {
    expect(riskCode({ number: 1 })).toBe('R1');
    expect(riskCode({ number: 12 })).toBe('R12');
  });
});
