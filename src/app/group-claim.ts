/**
 * A group the history import created has no Teams chat: its conversation id is a placeholder no chat has.
 * The import prints a set-up code; the chat where an organizer types `/setup <name> code <code>` takes the
 * group. Only the code's hash is in the placeholder, and a new code replaces the one before. Web Crypto
 * (the runtime's global `crypto`), as the app layer imports no platform modules.
 */
import { groupNameKey } from '../domain/group';

const PREFIX = 'import:';
// No 0/O, 1/I/L: the code is read off a terminal and typed into Teams.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const isImportPlaceholder = (conversationId: string): boolean => conversationId.startsWith(PREFIX);

/** The placeholder of a group created by the import, before any code was given out. */
export const importPlaceholder = (name: string): string => `${PREFIX}${groupNameKey(name)}`;

async function hashOf(code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code.toUpperCase().replace(/[^A-Z0-9]/g, '')));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('').slice(0, 32);
}

/** One of the alphabet's characters, uniformly: bytes at or above the last whole multiple are drawn again. */
function randomChar(): string {
  const limit = 256 - (256 % ALPHABET.length);
  for (;;) {
    const [byte] = crypto.getRandomValues(new Uint8Array(1));
    if (byte! < limit) return ALPHABET[byte! % ALPHABET.length]!;
  }
}

/** A fresh code and the placeholder that accepts it (and no other). */
export async function newClaimCode(name: string): Promise<{ code: string; placeholder: string }> {
  const chars = Array.from({ length: 8 }, randomChar);
  const code = `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
  return { code, placeholder: `${importPlaceholder(name)}#${await hashOf(code)}` };
}

/** Whether `code` is the one the placeholder was made for; a placeholder without a code accepts none. */
export async function claimCodeFits(placeholder: string, code: string | undefined): Promise<boolean> {
  const hash = placeholder.split('#')[1];
  return code !== undefined && hash !== undefined && (await hashOf(code)) === hash;
}
