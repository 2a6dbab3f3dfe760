/** Hostile imports and answers: whatever comes in, the domain either accepts it or refuses it with a DomainError. */
import fc from 'fast-check';
import { capabilitiesFromJson, capabilitiesFromTable, validateAssessments, type Capability } from '../../../src/domain/capability';
import { DomainError } from '../../../src/domain/errors';

const acceptsOrRefuses = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
  }
};

const text = fc.string({ unit: 'grapheme-composite', maxLength: 60 });

it('a table of any text is read or refused with a DomainError', () => {
  fc.assert(
    fc.property(fc.array(fc.array(fc.oneof(text, fc.constantFrom('code', 'area', 'name', 'kod', 'område', 'beskrivning', '')), { maxLength: 6 }), { maxLength: 8 }), (rows) => {
      acceptsOrRefuses(() => capabilitiesFromTable(rows));
    }),
    { numRuns: 300 },
  );
});

it('any JSON (and any text) is read or refused with a DomainError', () => {
  fc.assert(
    fc.property(fc.oneof(fc.json(), text, fc.jsonValue().map((v) => JSON.stringify({ capabilities: [v], vision: v, organisations: v }))), (input) => {
      acceptsOrRefuses(() => capabilitiesFromJson(input));
    }),
    { numRuns: 300 },
  );
});

it('answers of any shape are validated or refused with a DomainError', () => {
  const caps: Capability[] = [1, 2, 3].map((n) => ({ id: `c${n}`, tenantId: 't', groupId: 'g', code: `1.${n}`, area: 'A', name: `F${n}`, position: n }));
  fc.assert(
    fc.property(fc.array(fc.record({ capabilityId: fc.oneof(fc.constantFrom('c1', 'c2', 'c3'), text), maturity: fc.anything({ withBigInt: true }), importance: fc.anything({ withBigInt: true }) }), { maxLength: 5 }), (answers) => {
      acceptsOrRefuses(() => validateAssessments(caps, answers));
    }),
    { numRuns: 300 },
  );
});
