/** Files a newcomer can read whole: no source file over 350 lines, no tab file over 300. */
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

const lines = (file: string): number => fs.readFileSync(path.join(root, file), 'utf8').split('\n').length - 1;

it.each([
  ['src', 350],
  ['bot', 350],
  ['tab/src', 300],
])('keeps every file in %s at most %i lines', (dir, max) => {
  const files = sourceFiles(dir);
  expect(files.length).toBeGreaterThan(5);
  expect(files.filter((f) => lines(f) > max).map((f) => `${f}: ${lines(f)} lines`)).toEqual([]);
});
