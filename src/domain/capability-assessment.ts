/** An organisation's answers for the map: maturity and importance per capability, validated against the map. */
import type { Capability, Importance, Maturity } from './capability-types';
import { DomainError } from './errors';
import { normaliseName } from './person';

const MATURITY_WORDS: Record<string, Maturity> = {
  'non-existent': 1,
  nonexistent: 1,
  'non existent': 1,
  obefintlig: 1,
  inadequate: 2,
  undermalig: 2,
  otillracklig: 2,
  basic: 3,
  grundlaggande: 3,
  good: 4,
  god: 4,
  leading: 5,
  branschledande: 5,
  ledande: 5,
};

function level(raw: unknown): 1 | 2 | 3 | 4 | 5 | undefined {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  return text !== undefined && /^[1-5]$/.test(text) ? (Number(text) as 1 | 2 | 3 | 4 | 5) : undefined;
}

/** 1–5, or a level's name in English or Swedish ("god", "branschledande"). */
export function maturityOf(capability: string, raw: unknown): Maturity {
  const byNumber = level(raw);
  if (byNumber) return byNumber;
  const word = typeof raw === 'string' ? normaliseName(raw) : '';
  const byName = Object.hasOwn(MATURITY_WORDS, word) ? MATURITY_WORDS[word] : undefined;
  if (byName) return byName;
  throw new DomainError('ASSESSMENT.BAD_MATURITY', { capability, value: shown(raw) });
}

export function importanceOf(capability: string, raw: unknown): Importance {
  const value = level(raw);
  if (!value) throw new DomainError('ASSESSMENT.BAD_IMPORTANCE', { capability, value: shown(raw) });
  return value;
}

/** The value as the refusal quotes it: short, and never failing (a bigint or a cycle is named by its type). */
function shown(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') return '—';
  if (typeof raw === 'string') return raw.slice(0, 20);
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw).slice(0, 20);
  try {
    return (JSON.stringify(raw) ?? typeof raw).slice(0, 20);
  } catch {
    return typeof raw;
  }
}

/** One organisation's answer for one capability, as a card, link or request gives it. */
export interface AssessmentInput {
  capabilityId: string;
  maturity?: unknown;
  importance?: unknown;
}

/**
 * Validates answers against the map: each names a capability of the map, once; maturity and importance
 * both given (a half-answered capability is left out only when both are empty, as on a paged card).
 */
export function validateAssessments(capabilities: readonly Capability[], inputs: readonly AssessmentInput[]): Array<{ capability: Capability; maturity: Maturity; importance: Importance }> {
  const byId = new Map(capabilities.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const out: Array<{ capability: Capability; maturity: Maturity; importance: Importance }> = [];
  for (const input of inputs) {
    const capability = byId.get(input.capabilityId);
    if (!capability) throw new DomainError('CAPABILITY.NOT_FOUND', { code: input.capabilityId.slice(0, 40) });
    if (seen.has(capability.id)) continue;
    seen.add(capability.id);
    const empty = (v: unknown) => v === undefined || v === null || v === '';
    if (empty(input.maturity) && empty(input.importance)) continue;
    const label = `${capability.code} ${capability.name}`.slice(0, 80);
    out.push({ capability, maturity: maturityOf(label, input.maturity), importance: importanceOf(label, input.importance) });
  }
  return out;
}
