/** tests/unit mirrors the code: each unit test of a layer is named after the module it tests. */
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../../..');

it.each([
  ['tests/unit/app', 'src/app'],
  ['tests/unit/domain', 'src/domain'],
  ['tests/unit/links', 'src/links'],
])('names every test in %s after a module of %s', (testDir, codeDir) => {
  const tests = fs.readdirSync(path.join(root, testDir)).filter((f) => f.endsWith('.test.ts'));
  expect(tests.length).toBeGreaterThan(0);
  const orphans = tests.filter((t) => {
    const stem = t.replace(/\.test\.ts$/, '');
    // A module may be tested in several files: "capability-hostile" tests "capability".
    return !fs.readdirSync(path.join(root, codeDir)).some((m) => m.endsWith('.ts') && stem.startsWith(m.replace(/\.ts$/, '')));
  });
  expect(orphans).toEqual([]);
});
