import { claimCodeFits, importPlaceholder, isImportPlaceholder, newClaimCode } from '../../../src/app/group-claim';

describe('the set-up code of an imported group', () => {
  it('is eight characters a person can read off a terminal, and only its hash is in the placeholder', () => {
    const { code, placeholder } = newClaimCode('Taktisk  styrgrupp');
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(placeholder.startsWith(`${importPlaceholder('taktisk styrgrupp')}#`)).toBe(true);
    expect(placeholder).not.toContain(code);
    expect(isImportPlaceholder(placeholder)).toBe(true);
    expect(isImportPlaceholder('19:abc@thread.v2')).toBe(false);
  });

  it('fits its own placeholder however it is typed, and no other', () => {
    const a = newClaimCode('Rådet');
    const b = newClaimCode('Rådet');
    expect(claimCodeFits(a.placeholder, a.code)).toBe(true);
    expect(claimCodeFits(a.placeholder, a.code.toLowerCase().replace('-', ''))).toBe(true);
    expect(claimCodeFits(a.placeholder, b.code)).toBe(a.code === b.code);
    expect(claimCodeFits(a.placeholder, undefined)).toBe(false);
  });

  it('is never accepted by a placeholder made before codes were given out', () => {
    expect(claimCodeFits(importPlaceholder('Rådet'), newClaimCode('Rådet').code)).toBe(false);
  });
});
