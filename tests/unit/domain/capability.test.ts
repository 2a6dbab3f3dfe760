import {
  capabilitiesFromJson,
  capabilitiesFromTable,
  importanceOf,
  inMapOrder,
  maturityName,
  maturityOf,
  organisationList,
  responseCounts,
  summarise,
  validateAssessments,
  type Assessment,
  type Capability,
  type Importance,
  type Maturity,
} from '../../../src/domain/capability';
import type { ErrorCode } from '../../../src/domain/errors';
import { domainErrorOf } from '../../helpers/domain-error';

const cap = (n: number, area = 'Ledning', position = n): Capability => ({ id: `c${n}`, tenantId: 't', groupId: 'g', code: `1.${n}`, area, name: `Förmåga ${n}`, position });
const answer = (capabilityId: string, organisation: string, maturity: Maturity, importance: Importance, assessedAt = '2020-11-20T10:00:00.000Z'): Assessment => ({
  capabilityId,
  organisation,
  maturity,
  importance,
  assessedBy: { id: '29:x', name: 'X' },
  assessedAt,
  via: 'card',
});

describe('maturity levels', () => {
  it('names the five levels 1..5', () => {
    expect([1, 2, 3, 4, 5].map((m) => maturityName(m as Maturity))).toEqual(['nonExistent', 'inadequate', 'basic', 'good', 'leading']);
  });

  it.each<[unknown, Maturity]>([
    [1, 1],
    ['5', 5],
    [' 3 ', 3],
    ['obefintlig', 1],
    ['Undermålig', 2],
    ['grundläggande', 3],
    ['GOD', 4],
    ['branschledande', 5],
    ['leading', 5],
    ['non-existent', 1],
  ])('reads %p as %p', (raw, level) => {
    expect(maturityOf('1.1', raw)).toBe(level);
  });

  it.each<[unknown]>([[0], [6], ['2.5'], [2.5], ['bra'], [''], [null], [undefined], [{}], [true]])('refuses %p, naming the capability and the value', (raw) => {
    const e = domainErrorOf(() => maturityOf('1.1 Digital strategi', raw));
    expect(e.code).toBe<ErrorCode>('ASSESSMENT.BAD_MATURITY');
    expect(e.params.capability).toBe('1.1 Digital strategi');
    expect(typeof e.params.value).toBe('string');
  });

  it('importance is a whole number 1–5', () => {
    expect(importanceOf('1.1', '4')).toBe(4);
    expect(domainErrorOf(() => importanceOf('1.1', 'god')).code).toBe<ErrorCode>('ASSESSMENT.BAD_IMPORTANCE');
    expect(domainErrorOf(() => importanceOf('1.1', 0)).code).toBe<ErrorCode>('ASSESSMENT.BAD_IMPORTANCE');
  });
});

describe('validateAssessments', () => {
  const caps = [cap(1), cap(2), cap(3)];

  it('keeps answered capabilities, skips those left empty, and takes a repeated capability once', () => {
    const valid = validateAssessments(caps, [
      { capabilityId: 'c1', maturity: '3', importance: '5' },
      { capabilityId: 'c2' },
      { capabilityId: 'c3', maturity: 'god', importance: 2 },
      { capabilityId: 'c1', maturity: '1', importance: '1' },
    ]);
    expect(valid.map((v) => [v.capability.id, v.maturity, v.importance])).toEqual([
      ['c1', 3, 5],
      ['c3', 4, 2],
    ]);
  });

  it('refuses half an answer and an unknown capability', () => {
    expect(domainErrorOf(() => validateAssessments(caps, [{ capabilityId: 'c1', maturity: '3' }])).code).toBe<ErrorCode>('ASSESSMENT.BAD_IMPORTANCE');
    expect(domainErrorOf(() => validateAssessments(caps, [{ capabilityId: 'nope', maturity: '3', importance: '3' }])).code).toBe<ErrorCode>('CAPABILITY.NOT_FOUND');
  });
});

describe('capabilitiesFromTable (CSV rows)', () => {
  it('reads English headers in any order, with or without a description, skipping blank rows', () => {
    const list = capabilitiesFromTable([
      ['name', 'code', 'area', 'description'],
      ['Digital strategi', '1.1', 'Ledning', 'Förankrad i ledningen'],
      ['', '', '', ''],
      ['Öppna data', '3.3', 'Information', ''],
    ]);
    expect(list).toEqual([
      { code: '1.1', area: 'Ledning', name: 'Digital strategi', description: 'Förankrad i ledningen' },
      { code: '3.3', area: 'Information', name: 'Öppna data' },
    ]);
  });

  it('reads Swedish headers (kod, område, förmåga, beskrivning), a byte-order mark and any case', () => {
    const list = capabilitiesFromTable([
      ['\uFEFFKod', 'Område', 'Förmåga', 'Beskrivning'],
      ['2.1', 'Invånare', 'E-tjänster', ''],
    ]);
    expect(list).toEqual([{ code: '2.1', area: 'Invånare', name: 'E-tjänster' }]);
    expect(capabilitiesFromTable([['kod', 'omrade', 'namn'], ['2.1', 'Invånare', 'E-tjänster']])).toHaveLength(1);
  });

  it.each<[string, string[][], ErrorCode, Record<string, string | number>]>([
    ['an empty file', [], 'CAPABILITY.IMPORT_EMPTY', {}],
    ['a header only', [['code', 'area', 'name']], 'CAPABILITY.IMPORT_EMPTY', {}],
    ['an unknown column', [['code', 'area', 'namne'], ['1', 'a', 'b']], 'CAPABILITY.IMPORT_UNKNOWN_COLUMN', { row: 1, column: 'namne' }],
    ['a missing column', [['code', 'name'], ['1', 'b']], 'CAPABILITY.IMPORT_MISSING_COLUMN', { column: 'area' }],
    ['an empty name on row 3', [['code', 'area', 'name'], ['1', 'a', 'b'], ['2', 'a', ' ']], 'CAPABILITY.IMPORT_FIELD_EMPTY', { row: 3, column: 'name' }],
    ['too many cells on row 2', [['code', 'area', 'name'], ['1', 'a', 'b', 'c']], 'CAPABILITY.IMPORT_EXTRA_CELLS', { row: 2, expected: 3, count: 4 }],
    ['a bad code', [['code', 'area', 'name'], ['1 .1', 'a', 'b']], 'CAPABILITY.IMPORT_BAD_CODE', { row: 2, column: 'code', value: '1 .1' }],
    ['a repeated code', [['code', 'area', 'name'], ['1.1', 'a', 'b'], ['1.2', 'a', 'c'], ['1.1', 'a', 'd']], 'CAPABILITY.IMPORT_DUPLICATE_CODE', { row: 4, code: '1.1', firstRow: 2 }],
    ['a name too long', [['code', 'area', 'name'], ['1', 'a', 'x'.repeat(301)]], 'CAPABILITY.IMPORT_FIELD_TOO_LONG', { row: 2, column: 'name', max: 300 }],
  ])('refuses %s, naming row and column', (_what, rows, code, params) => {
    const e = domainErrorOf(() => capabilitiesFromTable(rows));
    expect(e.code).toBe(code);
    expect(e.params).toEqual(params);
  });

  it('refuses more than 500 capabilities', () => {
    const rows = [['code', 'area', 'name'], ...Array.from({ length: 501 }, (_, i) => [`${i + 1}`, 'a', 'b'])];
    expect(domainErrorOf(() => capabilitiesFromTable(rows)).code).toBe<ErrorCode>('CAPABILITY.IMPORT_TOO_MANY');
  });
});

describe('capabilitiesFromJson', () => {
  it('reads an array, or an object with the vision and the capabilities, Swedish keys too', () => {
    expect(capabilitiesFromJson('[{"code":"1.1","area":"Ledning","name":"Strategi"}]')).toEqual({ capabilities: [{ code: '1.1', area: 'Ledning', name: 'Strategi' }] });
    expect(capabilitiesFromJson('{"målbild":"Målbild 2030","förmågor":[{"kod":"1.1","område":"Ledning","namn":"Strategi","beskrivning":"B"}]}')).toEqual({
      vision: 'Målbild 2030',
      capabilities: [{ code: '1.1', area: 'Ledning', name: 'Strategi', description: 'B' }],
    });
  });

  it.each<[string, string, ErrorCode, Record<string, unknown>]>([
    ['broken JSON', '[{"code":', 'CAPABILITY.IMPORT_BAD_JSON', {}],
    ['not a list', '{"code":"1"}', 'CAPABILITY.IMPORT_BAD_JSON', {}],
    ['a number where text is wanted', '[{"code":"1","area":"a","name":{"x":1}}]', 'CAPABILITY.IMPORT_FIELD_TYPE', { row: 1, column: 'name' }],
    ['an unknown key', '[{"code":"1","area":"a","name":"b"},{"code":"2","area":"a","nam":"b"}]', 'CAPABILITY.IMPORT_UNKNOWN_COLUMN', { row: 2, column: 'nam' }],
    ['an empty area', '[{"code":"1","area":"","name":"b"}]', 'CAPABILITY.IMPORT_FIELD_EMPTY', { row: 1, column: 'area' }],
  ])('refuses %s with a clear error', (_what, text, code, params) => {
    const e = domainErrorOf(() => capabilitiesFromJson(text));
    expect(e.code).toBe(code);
    expect(e.params).toEqual(expect.objectContaining(params));
  });

  it('reads the organisations taking part, each once whatever its spelling, and refuses a list that is not names', () => {
    const parsed = capabilitiesFromJson('{"organisations":["Munkedals kommun"," munkedals  KOMMUN ","SML-IT"],"capabilities":[{"code":"1","area":"a","name":"b"}]}');
    expect(parsed.organisations).toEqual(['Munkedals kommun', 'SML-IT']);
    expect(capabilitiesFromJson('{"organisationer":["Åmåls kommun"],"förmågor":[{"kod":"1","område":"a","namn":"b"}]}').organisations).toEqual(['Åmåls kommun']);
    expect(domainErrorOf(() => capabilitiesFromJson('{"organisations":"Munkedal","capabilities":[{"code":"1","area":"a","name":"b"}]}')).code).toBe<ErrorCode>('CAPABILITY.BAD_ORGANISATIONS');
    expect(domainErrorOf(() => organisationList(['Munkedal', ''])).params).toEqual({ max: 200, row: 2 });
  });

  it('accepts a number as a code (a spreadsheet exported to JSON)', () => {
    expect(capabilitiesFromJson('[{"code":12,"area":"a","name":"b"}]').capabilities[0]!.code).toBe('12');
  });
});

describe('summarise', () => {
  const caps = [cap(1), cap(2), cap(3), cap(4)];
  const orgs = ['Munkedal', 'Åmål', 'Vänersborg'];
  const answers = [
    // c1: strong everywhere; Vänersborg leading
    answer('c1', 'Munkedal', 4, 3),
    answer('c1', 'Åmål', 4, 3),
    answer('c1', 'Vänersborg', 5, 3),
    // c2: mostly weak (2 of 3), important (avg 4.7), avg maturity 2.33 → priority
    answer('c2', 'Munkedal', 2, 5),
    answer('c2', 'Åmål', 1, 4),
    answer('c2', 'Vänersborg', 4, 5),
    // c3: weak in one of two (not most), importance 5, avg 2.5 → priority (ties the bound), ranks first
    answer('c3', 'Munkedal', 2, 5),
    answer('c3', 'Vänersborg', 3, 5),
    // c4: unanswered
  ];

  it('counts leading per organisation of all capabilities', () => {
    expect(summarise(caps, orgs, answers).leadingByOrganisation).toEqual([
      { organisation: 'Munkedal', leading: 0, total: 4 },
      { organisation: 'Åmål', leading: 0, total: 4 },
      { organisation: 'Vänersborg', leading: 1, total: 4 },
    ]);
  });

  it('lists capabilities where more than half of those who answered are at level 1–2', () => {
    expect(summarise(caps, orgs, answers).mostlyWeak).toEqual([{ capabilityId: 'c2', weak: 2, answered: 3 }]);
  });

  it('lists the priorities: importance ≥ 4 and maturity ≤ 2.5, most important first', () => {
    expect(summarise(caps, orgs, answers).priorities).toEqual([
      { capabilityId: 'c3', importance: 5, averageMaturity: 2.5 },
      { capabilityId: 'c2', importance: 4.7, averageMaturity: 2.33 },
    ]);
  });

  it('ignores answers to capabilities no longer on the map, and an empty map has empty figures', () => {
    expect(summarise([], orgs, answers)).toEqual({ leadingByOrganisation: orgs.map((organisation) => ({ organisation, leading: 0, total: 0 })), mostlyWeak: [], priorities: [] });
  });

  it('the response counts say who has answered how much, and when last', () => {
    const late = answer('c4', 'munkedal ', 3, 3, '2020-11-25T10:00:00.000Z');
    expect(responseCounts(caps, [...orgs, 'Dals-Ed'], [...answers, late])).toEqual([
      { organisation: 'Munkedal', answered: 4, total: 4, lastAnsweredAt: '2020-11-25T10:00:00.000Z' },
      { organisation: 'Åmål', answered: 2, total: 4, lastAnsweredAt: '2020-11-20T10:00:00.000Z' },
      { organisation: 'Vänersborg', answered: 3, total: 4, lastAnsweredAt: '2020-11-20T10:00:00.000Z' },
      { organisation: 'Dals-Ed', answered: 0, total: 4 },
    ]);
  });
});

it('inMapOrder groups by area in order of first appearance, then by position', () => {
  const list = [cap(1, 'B', 1), cap(2, 'A', 2), cap(3, 'B', 3), cap(4, 'A', 4)];
  expect(inMapOrder(list).map((c) => c.id)).toEqual(['c1', 'c3', 'c2', 'c4']);
});
