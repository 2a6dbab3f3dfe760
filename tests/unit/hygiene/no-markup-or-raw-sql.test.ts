/**
 * Two rules the code keeps, checked over the source: the tab never writes HTML from strings (React renders
 * text; no dangerouslySetInnerHTML, innerHTML or document.write), and SQL goes through Kysely's builders
 * and parameters (no sql.raw; the one raw statement is the fixed `begin immediate`).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function sources(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(rel, ext));
    else if (ext.test(entry.name)) out.push(rel);
  }
  return out;
}

it('finds the sources it checks (the rules are not vacuous)', () => {
  expect(sources('tab/src', /\.tsx?$/).length).toBeGreaterThan(10);
  expect(sources('src', /\.ts$/).length).toBeGreaterThan(50);
});

it.each(sources('tab/src', /\.tsx?$/))('%s writes no HTML from strings', (file) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  expect(text).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/);
});

it.each([...sources('src', /\.ts$/), ...sources('bot', /\.ts$/)])('%s builds no SQL from strings', (file) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  expect(text).not.toMatch(/sql\.raw\(|sql\.lit\(|\.raw\(`|CompiledQuery\.raw\((?!'begin immediate'\))/);
});
