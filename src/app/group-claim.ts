/**
 * A group the history import created has no Teams chat: its conversation id is a placeholder no chat has.
 * The import prints a set-up code; the chat where an organizer types `/setup <name> code <code>` takes the
 * group. Only the code's hash is in the placeholder, and a new code replaces the one before.
 */
import { createHash, randomInt } from 'node:crypto';
import { groupNameKey } from '../domain/group';

const PREFIX = 'import:';
// No 0/O, 1/I/L: the code is read off a terminal and typed into Teams.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const isImportPlaceholder = (conversationId: string): boolean => conversationId.startsWith(PREFIX);

/** The placeholder of a group created by the import, before any code was given out. */
export const importPlaceholder = (name: string): string => `${PREFIX}${groupNameKey(name)}`;

const hashOf = (code: string): string => createHash('sha256').update(code.toUpperCase().replace(/[^A-Z0-9]/g, '')).digest('hex').slice(0, 32);

/** A fresh code and the placeholder that accepts it (and no other). */
export function newClaimCode(name: string): { code: string; placeholder: string } {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  const code = `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
  return { code, placeholder: `${importPlaceholder(name)}#${hashOf(code)}` };
}

/** Whether `code` is the one the placeholder was made for; a placeholder without a code accepts none. */
export function claimCodeFits(placeholder: string, code: string | undefined): boolean {
  const hash = placeholder.split('#')[1];
  return code !== undefined && hash !== undefined && hashOf(code) === hash;
}
