/** `npm run import:minutes`: the command line checked (exit 2), the dry run, and a document it cannot read (exit 1). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, parseImportArgs, UsageError } from '../../../scripts/import-minutes';

const SEED = path.join(__dirname, '../../fixtures/minutes/003_0b11bbf2015957b8.txt');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the command line', () => {
  it.each([
    [[], /^Name the minutes file to import \(\.docx, \.txt or \.md\)\./],
    [[SEED, 'other.txt', '--group', 'E-rådet'], /^Name one minutes file; got 2/],
    [['nowhere/minutes.docx', '--group', 'E-rådet'], /^No such file: “nowhere\/minutes\.docx”\./],
    [['minutes.pdf', '--group', 'E-rådet'], /^“minutes\.pdf” is not a \.docx, \.txt or \.md file\./],
    [[SEED], /^Name the group whose meeting this is: --group "<name>"\./],
    [[SEED, '--group', '  '], /^Name the group whose meeting this is/],
    [[SEED, '--group', 'E-rådet', '--verbose'], /^Unknown option '--verbose'\.\n/],
    [[SEED, '--group'], /^Option '--group <value>' argument missing/],
    [[SEED, '--group', 'E-rådet', '--dry-run', '--out', 'back.md'], /^--out writes the stored meeting, and a dry run stores nothing/],
    [[SEED, '--group', 'E-rådet', '--out', 'back.docx'], /^--out writes \.md \(Markdown\) or \.txt \(the council's text format\); got “back\.docx”\./],
    [[SEED, '--group', 'E-rådet', '--tenant', ' '], /^--tenant needs a tenant id\./],
  ])('%j is refused with exit code 2 and the usage', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('Usage: npm run import:minutes -- <file> --group "<name>" [--tenant <id>] [--dry-run] [--out <file.md|.txt>]');
    expect(r.out).toBe('');
  });

  it('reads the options it is given', () => {
    expect(parseImportArgs(['m.docx', '--group', ' E-rådet ', '--out', 'back.md'], () => true)).toEqual({ file: 'm.docx', format: 'docx', group: 'E-rådet', dryRun: false, out: 'back.md' });
    expect(parseImportArgs(['--dry-run', 'm.md', '--group=Nätverket'], () => true)).toEqual({ file: 'm.md', format: 'md', group: 'Nätverket', dryRun: true });
    expect(parseImportArgs(['m.txt', '--group', 'E-rådet', '--tenant', 't-1', '--out', 'back.txt'], () => true)).toEqual({ file: 'm.txt', format: 'txt', group: 'E-rådet', tenant: 't-1', dryRun: false, out: 'back.txt' });
    expect(() => parseImportArgs(['-h'], () => true)).toThrow(UsageError);
  });

  it('prints the usage for --help, with exit code 0', async () => {
    const r = await run('--help');
    expect([r.code, r.out.split('\n')[0]]).toEqual([0, 'Usage: npm run import:minutes -- <file> --group "<name>" [--tenant <id>] [--dry-run] [--out <file.md|.txt>]']);
  });
});

describe('a dry run', () => {
  it('prints what it understood and stores nothing', async () => {
    const r = await run(SEED, '--group', 'Fyrbodals nätverk för e-samhälle', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Group: Fyrbodals nätverk för e-samhälle');
    expect(lines).toContain('Date 2020-05-14, time 13:00–16:00, place Microsoft Teams-möte');
    expect(lines).toContain('  Jörgen Haglund, Vänernborg');
    expect(lines).toContain('  9 [D] Övrigt — Alla at 15:50');
    expect(lines[lines.length - 1]).toBe('Dry run: nothing stored.');
  });

  it('names the line of a document it cannot read, with exit code 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minutes-'));
    try {
      const file = path.join(dir, 'broken.txt');
      fs.writeFileSync(file, fs.readFileSync(SEED, 'utf8').replace('Datum\t2020-05-14', 'Datum\t14/5'));
      const r = await run(file, '--group', 'Nätverket', '--dry-run');
      expect(r.code).toBe(1);
      expect(r.err).toBe(`${file}: Line 9: expected a date like 2020-11-27 after “Datum”, found “14/5”. Nothing was imported.`);
      expect(r.out).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what cannot be stored is refused before the store is opened', () => {
  // The store named here does not exist: reaching it would fail otherwise than these refusals do.
  const nowhere = { env: { DATABASE_URL: 'postgres://nobody@nowhere.invalid:5432/none', TEAMSFX_ENV: 'import-minutes-unit' } };

  it('an agenda the store would refuse, naming its line, with exit code 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minutes-'));
    try {
      const file = path.join(dir, 'long.txt');
      const rows = Array.from({ length: 41 }, (_, i) => `${i + 1}\tI\tPunkt ${i + 1}\tAlla\t${String(13 + Math.floor(i / 20)).padStart(2, '0')}.${String((i % 20) * 2).padStart(2, '0')}`);
      fs.writeFileSync(file, fs.readFileSync(SEED, 'utf8').replace(/(Punkt\tTyp\tBeskrivning\tAnsvarig\tCa tid\n)[\s\S]*?\n\n/, `$1${rows.join('\n')}\n\n`));
      const out: string[] = [];
      const err: string[] = [];
      const code = await main([file, '--group', 'Nätverket'], { out: (l) => out.push(l), err: (l) => err.push(l) }, nowhere);
      expect(code).toBe(1);
      expect(err.join('\n')).toBe(`${file}: Line 47: expected an agenda that fits the meeting (13:00–16:00), found “The agenda has 41 items; at most 40 are allowed.”. Nothing was imported.`);
      expect(out).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
