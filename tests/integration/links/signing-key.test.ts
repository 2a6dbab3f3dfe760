/** The generated link signing key: made once into the data folder (0600), then read back on every start. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { linkKeyFile, resolveLinkSigningKey } from '../../../src/links/signing-key';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-linkkey-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const sqliteIn = (folder: string) => ({ rootDir: root, store: { kind: 'sqlite' as const, file: path.join(folder, 'radslag.db') } });

it('uses the configured key and writes nothing', () => {
  const config = { ...sqliteIn(path.join(root, 'data')), linkSigningKey: 'k'.repeat(40) };
  expect(resolveLinkSigningKey(config)).toEqual({ key: 'k'.repeat(40), source: 'configured' });
  expect(fs.existsSync(path.join(root, 'data'))).toBe(false);
});

it('generates 32 random bytes once, beside the SQLite file, readable by the owner only, and keeps them across starts', () => {
  const config = sqliteIn(path.join(root, 'db-folder'));
  const first = resolveLinkSigningKey(config);
  expect(first).toMatchObject({ source: 'generated', file: path.join(root, 'db-folder', 'link-signing.key') });
  expect(Buffer.from(first.key, 'base64url')).toHaveLength(32);
  expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600);
  const again = resolveLinkSigningKey(config);
  expect(again).toEqual({ key: first.key, source: 'kept', file: first.file });
  expect(fs.readdirSync(path.dirname(first.file!))).toEqual(['link-signing.key']);
});

it('keeps the key in <root>/data for PostgreSQL (local mode) and an in-memory SQLite store', () => {
  expect(linkKeyFile({ rootDir: root, store: { kind: 'postgres', url: 'postgres://x@y/z' } })).toBe(path.join(root, 'data', 'link-signing.key'));
  expect(linkKeyFile({ rootDir: root, store: { kind: 'sqlite', file: ':memory:' } })).toBe(path.join(root, 'data', 'link-signing.key'));
});

it('refuses a kept key that is too short, saying which file', () => {
  const config = sqliteIn(path.join(root, 'data'));
  fs.mkdirSync(path.join(root, 'data'));
  fs.writeFileSync(linkKeyFile(config), 'short\n');
  expect(() => resolveLinkSigningKey(config)).toThrow(/link-signing\.key is shorter than 32 characters/);
});
