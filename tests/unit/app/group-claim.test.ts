import { claimCodeFits, importPlaceholder, isImportPlaceholder, newClaimCode } from '../../../src/app/group-claim';

describe('the set-up code of an imported group', () => {
  it('is eight characters a person can read off a terminal, and only its hash is in the placeholder', async () => {
    const { code, placeholder } = await newClaimCode('Taktisk  styrgrupp');
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(placeholder.startsWith(`${importPlaceholder('taktisk styrgrupp')}#`)).toBe(true);
    expect(placeholder).not.toContain(code);
    expect(isImportPlaceholder(placeholder)).toBe(true);
    expect(isImportPlaceholder('19:abc@thread.v2')).toBe(false);
  });

  it('fits its own placeholder however it is typed, and no other', async () => {
    const a = await newClaimCode('Rådet');
    const b = await newClaimCode('Rådet');
    expect(await claimCodeFits(a.placeholder, a.code)).toBe(true);
    expect(await claimCodeFits(a.placeholder, a.code.toLowerCase().replace('-', ''))).toBe(true);
    expect(await claimCodeFits(a.placeholder, b.code)).toBe(a.code === b.code);
    expect(await claimCodeFits(a.placeholder, undefined)).toBe(false);
  });

  it('is never accepted by a placeholder made before codes were given out', async () => {
    expect(await claimCodeFits(importPlaceholder('Rådet'), (await newClaimCode('Rådet')).code)).toBe(false);
  });

  it('uses every character of its alphabet', async () => {
    const seen = new Set((await Promise.all(Array.from({ length: 200 }, () => newClaimCode('x')))).flatMap((c) => [...c.code.replace('-', '')]));
    expect(seen.size).toBe(31);
  });
});
