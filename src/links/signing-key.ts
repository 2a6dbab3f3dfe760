/**
 * The key personal links are signed with: SECRET_LINK_SIGNING_KEY when set; otherwise 32 random bytes
 * generated on first start and kept in the data folder (mode 0600), so links sent before a restart still
 * open after it. (With PostgreSQL outside local mode the key must be configured; src/config.ts refuses to
 * start without it, since each instance would otherwise generate its own.)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config';

export const LINK_KEY_FILE_NAME = 'link-signing.key';
const MIN_KEY_LENGTH = 32;

/** The data folder: where the SQLite file is, else `<rootDir>/data`. */
export function linkKeyFile(config: Pick<AppConfig, 'rootDir' | 'store'>): string {
  const folder = config.store.kind === 'sqlite' && config.store.file !== ':memory:' ? path.dirname(config.store.file) : path.join(config.rootDir, 'data');
  return path.join(folder, LINK_KEY_FILE_NAME);
}

export interface ResolvedLinkKey {
  key: string;
  source: 'configured' | 'generated' | 'kept';
  file?: string;
}

export function resolveLinkSigningKey(config: Pick<AppConfig, 'rootDir' | 'store' | 'linkSigningKey'>): ResolvedLinkKey {
  if (config.linkSigningKey) return { key: config.linkSigningKey, source: 'configured' };
  const file = linkKeyFile(config);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    const key = randomBytes(32).toString('base64url');
    // Written whole under a temporary name, then linked into place: of two instances starting together,
    // exactly one link succeeds, and the other reads a complete key.
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(temporary, `${key}\n`, { flag: 'wx', mode: 0o600 });
    try {
      fs.linkSync(temporary, file);
      return { key, source: 'generated', file };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  const kept = fs.readFileSync(file, 'utf8').trim();
  if (kept.length < MIN_KEY_LENGTH) {
    throw new Error(`The link signing key in ${file} is shorter than ${MIN_KEY_LENGTH} characters. Delete the file to generate a new one (links sent so far stop working), or set SECRET_LINK_SIGNING_KEY.`);
  }
  return { key: kept, source: 'kept', file };
}
