/**
 * The capability map (förmågekarta, seed 001): capabilities grouped by area under the group's target
 * vision ("Målbild 2030"); each organisation's representative rates its maturity on five named levels and
 * the capability's strategic importance 1–5. An organisation has one assessment per capability: a newer
 * one replaces it. Pure: the import gets rows already split (CSV) or the JSON text, and names row and
 * column in every refusal.
 */
import { DomainError } from './errors';
import { normaliseName, type PersonRef } from './person';

/** 1 obefintlig (non-existent), 2 undermålig (inadequate), 3 grundläggande (basic), 4 god (good), 5 branschledande (leading). */
export type Maturity = 1 | 2 | 3 | 4 | 5;
/** Strategic importance toward the vision, 1 (low) – 5 (essential). */
export type Importance = 1 | 2 | 3 | 4 | 5;

export const MATURITY_LEVELS: readonly Maturity[] = [1, 2, 3, 4, 5];
/** The levels' message keys (i18n `maturity.<key>`), as the contract's MATURITY_KEYS. */
export const MATURITY_NAMES = ['nonExistent', 'inadequate', 'basic', 'good', 'leading'] as const;
export type MaturityName = (typeof MATURITY_NAMES)[number];
export const maturityName = (m: Maturity): MaturityName => MATURITY_NAMES[m - 1]!;

/** Levels 1–2 are weak (the seed: "obefintliga eller undermåliga förmågor"). */
export const isWeak = (m: Maturity): boolean => m <= 2;

export interface Capability {
  id: string;
  tenantId: string;
  groupId: string;
  /** e.g. "1.3"; unique within the group's map; the import matches on it. */
  code: string;
  area: string;
  name: string;
  description?: string;
  /** Order of the import (the map's reading order). */
  position: number;
}

export interface Assessment {
  capabilityId: string;
  organisation: string;
  maturity: Maturity;
  importance: Importance;
  assessedBy: PersonRef;
  assessedAt: string;
  via: 'card' | 'link' | 'tab' | 'import';
}

/** One capability as an import gives it, validated. */
export interface CapabilityInput {
  code: string;
  area: string;
  name: string;
  description?: string;
}

export const MAX_CAPABILITIES = 500;
const LIMITS = { code: 20, area: 200, name: 300, description: 2000 } as const;
type Column = keyof typeof LIMITS;

/** Column names an import may use, English and Swedish, folded (case, accents, spaces). */
const HEADER_WORDS: Record<string, Column> = {
  code: 'code',
  id: 'code',
  kod: 'code',
  nummer: 'code',
  nr: 'code',
  area: 'area',
  omrade: 'area',
  'område': 'area',
  name: 'name',
  capability: 'name',
  namn: 'name',
  formaga: 'name',
  'förmåga': 'name',
  description: 'description',
  beskrivning: 'description',
};

const headerKey = (raw: string): Column | undefined => {
  const folded = normaliseName(raw.replace(/^\uFEFF/, ''));
  return HEADER_WORDS[folded] ?? HEADER_WORDS[raw.trim().toLowerCase()];
};

/** A capability code: digits and letters with dots or dashes ("1.3", "A-2", "12"). */
const CODE = /^[\p{L}\p{N}][\p{L}\p{N}.\-_]*$/u;

function field(row: number, column: Column, raw: unknown, required: boolean): string | undefined {
  if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
    throw new DomainError('CAPABILITY.IMPORT_FIELD_TYPE', { row, column });
  }
  const text = raw === undefined || raw === null ? '' : String(raw).trim();
  if (text === '') {
    if (required) throw new DomainError('CAPABILITY.IMPORT_FIELD_EMPTY', { row, column });
    return undefined;
  }
  if ([...text].length > LIMITS[column]) throw new DomainError('CAPABILITY.IMPORT_FIELD_TOO_LONG', { row, column, max: LIMITS[column] });
  if (column === 'code' && !CODE.test(text)) throw new DomainError('CAPABILITY.IMPORT_BAD_CODE', { row, column, value: text.slice(0, 20) });
  return text;
}

function capabilityOf(row: number, values: Partial<Record<Column, unknown>>): CapabilityInput {
  const description = field(row, 'description', values.description, false);
  return {
    code: field(row, 'code', values.code, true)!,
    area: field(row, 'area', values.area, true)!,
    name: field(row, 'name', values.name, true)!,
    ...(description ? { description } : {}),
  };
}

function checkAll(list: CapabilityInput[], rowOf: (i: number) => number): CapabilityInput[] {
  if (list.length === 0) throw new DomainError('CAPABILITY.IMPORT_EMPTY');
  if (list.length > MAX_CAPABILITIES) throw new DomainError('CAPABILITY.IMPORT_TOO_MANY', { max: MAX_CAPABILITIES, count: list.length });
  const seen = new Map<string, number>();
  list.forEach((c, i) => {
    const key = c.code.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) throw new DomainError('CAPABILITY.IMPORT_DUPLICATE_CODE', { row: rowOf(i), code: c.code, firstRow: first });
    seen.set(key, rowOf(i));
  });
  return list;
}

/**
 * A CSV table (first row the header) as capabilities. Rows are numbered as in the file (the header is
 * row 1); blank rows are skipped. Columns: code, area, name, description (or kod, område, namn/förmåga,
 * beskrivning), in any order; other columns are refused so a misspelt header is not silently dropped.
 */
export function capabilitiesFromTable(rows: readonly (readonly string[])[]): CapabilityInput[] {
  const [header, ...body] = rows;
  if (!header || header.every((h) => h.trim() === '')) throw new DomainError('CAPABILITY.IMPORT_EMPTY');
  const columns = header.map((h, i) => {
    const key = headerKey(h);
    if (!key) throw new DomainError('CAPABILITY.IMPORT_UNKNOWN_COLUMN', { row: 1, column: h.trim().slice(0, 40) || `#${i + 1}` });
    return key;
  });
  for (const required of ['code', 'area', 'name'] as const) {
    if (!columns.includes(required)) throw new DomainError('CAPABILITY.IMPORT_MISSING_COLUMN', { column: required });
  }
  const rowNumbers: number[] = [];
  const list: CapabilityInput[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length > columns.length) throw new DomainError('CAPABILITY.IMPORT_EXTRA_CELLS', { row, expected: columns.length, count: cells.length });
    const values: Partial<Record<Column, string>> = {};
    columns.forEach((column, k) => {
      values[column] = cells[k];
    });
    list.push(capabilityOf(row, values));
    rowNumbers.push(row);
  });
  return checkAll(list, (i) => rowNumbers[i]!);
}

/**
 * A JSON import: an array of `{ code, area, name, description? }` (Swedish keys too), or
 * `{ vision?, capabilities: [...] }`. Rows are numbered from 1 (the array's first element).
 */
export function capabilitiesFromJson(text: string): { vision?: string; organisations?: string[]; capabilities: CapabilityInput[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DomainError('CAPABILITY.IMPORT_BAD_JSON', { detail: (e instanceof Error ? e.message : String(e)).slice(0, 120) });
  }
  let vision: string | undefined;
  let organisations: string[] | undefined;
  let list: unknown = value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    list = o.capabilities ?? o['förmågor'];
    const v = o.vision ?? o['målbild'];
    if (v !== undefined) vision = visionText(v);
    const orgs = o.organisations ?? o.organizations ?? o['organisationer'];
    if (orgs !== undefined) organisations = organisationList(orgs);
  }
  if (!Array.isArray(list)) throw new DomainError('CAPABILITY.IMPORT_BAD_JSON', { detail: 'expected an array of capabilities, or { "capabilities": [ … ] }' });
  const capabilities = list.map((item: unknown, i) => {
    const row = i + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new DomainError('CAPABILITY.IMPORT_FIELD_TYPE', { row, column: 'code' });
    const values: Partial<Record<Column, unknown>> = {};
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
      const column = headerKey(k);
      if (!column) throw new DomainError('CAPABILITY.IMPORT_UNKNOWN_COLUMN', { row, column: k.slice(0, 40) });
      values[column] = v;
    }
    return capabilityOf(row, values);
  });
  return { ...(vision ? { vision } : {}), ...(organisations ? { organisations } : {}), capabilities: checkAll(capabilities, (i) => i + 1) };
}

/** The organisations taking part in a map: names of at most 200 characters, each once (folded), at most 200. */
export function organisationList(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.length > 200) throw new DomainError('CAPABILITY.BAD_ORGANISATIONS', { max: 200 });
  const byKey = new Map<string, string>();
  raw.forEach((item: unknown, i) => {
    const name = typeof item === 'string' ? item.trim() : '';
    if (name === '' || [...name].length > 200) throw new DomainError('CAPABILITY.BAD_ORGANISATIONS', { max: 200, row: i + 1 });
    if (!byKey.has(organisationKey(name))) byKey.set(organisationKey(name), name);
  });
  return [...byKey.values()];
}

export function visionText(raw: unknown): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '' || [...text].length > 200) throw new DomainError('CAPABILITY.BAD_VISION', { max: 200 });
  return text;
}

// ---- assessments -----------------------------------------------------------------------------------

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

/** Organisations are one whatever their spelling of case and spaces ("Munkedals  kommun"). */
export const organisationKey = (name: string): string => normaliseName(name);

// ---- summary ---------------------------------------------------------------------------------------

export interface CapabilitySummaryFigures {
  leadingByOrganisation: Array<{ organisation: string; leading: number; total: number }>;
  mostlyWeak: Array<{ capabilityId: string; weak: number; answered: number }>;
  priorities: Array<{ capabilityId: string; importance: number; averageMaturity: number }>;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The figures the council reads from the map (seed 001: "leading in 21 of 55"; few capabilities where
 * most are weak). A capability is mostly weak when more than half of the organisations that rated it are
 * at level 1–2. The priority list: average importance ≥ 4 and average maturity ≤ 2.5, most important
 * first, then least mature, then the map's order.
 */
export function summarise(capabilities: readonly Capability[], organisations: readonly string[], assessments: readonly Assessment[]): CapabilitySummaryFigures {
  const total = capabilities.length;
  const known = new Set(capabilities.map((c) => c.id));
  const mine = assessments.filter((a) => known.has(a.capabilityId));
  const leadingByOrganisation = organisations.map((organisation) => {
    const key = organisationKey(organisation);
    return { organisation, leading: mine.filter((a) => organisationKey(a.organisation) === key && a.maturity === 5).length, total };
  });
  const mostlyWeak: CapabilitySummaryFigures['mostlyWeak'] = [];
  const priorities: CapabilitySummaryFigures['priorities'] = [];
  for (const c of capabilities) {
    const answers = mine.filter((a) => a.capabilityId === c.id);
    if (answers.length === 0) continue;
    const weak = answers.filter((a) => isWeak(a.maturity)).length;
    if (weak * 2 > answers.length) mostlyWeak.push({ capabilityId: c.id, weak, answered: answers.length });
    const importance = round1(answers.reduce((s, a) => s + a.importance, 0) / answers.length);
    const averageMaturity = round2(answers.reduce((s, a) => s + a.maturity, 0) / answers.length);
    if (importance >= 4 && averageMaturity <= 2.5) priorities.push({ capabilityId: c.id, importance, averageMaturity });
  }
  const position = new Map(capabilities.map((c) => [c.id, c.position]));
  priorities.sort((a, b) => b.importance - a.importance || a.averageMaturity - b.averageMaturity || position.get(a.capabilityId)! - position.get(b.capabilityId)!);
  return { leadingByOrganisation, mostlyWeak, priorities };
}

/** Who has answered: per organisation, capabilities rated of all, and the latest answer. */
export function responseCounts(capabilities: readonly Capability[], organisations: readonly string[], assessments: readonly Assessment[]): Array<{ organisation: string; answered: number; total: number; lastAnsweredAt?: string }> {
  const known = new Set(capabilities.map((c) => c.id));
  return organisations.map((organisation) => {
    const key = organisationKey(organisation);
    const theirs = assessments.filter((a) => known.has(a.capabilityId) && organisationKey(a.organisation) === key);
    const last = theirs.reduce<string | undefined>((m, a) => (m === undefined || a.assessedAt > m ? a.assessedAt : m), undefined);
    return { organisation, answered: theirs.length, total: capabilities.length, ...(last ? { lastAnsweredAt: last } : {}) };
  });
}

/** Capabilities in the map's reading order: by area (in order of first appearance), then position. */
export function inMapOrder(capabilities: readonly Capability[]): Capability[] {
  const sorted = [...capabilities].sort((a, b) => a.position - b.position);
  const areaOrder = new Map<string, number>();
  for (const c of sorted) if (!areaOrder.has(c.area)) areaOrder.set(c.area, areaOrder.size);
  return sorted.sort((a, b) => areaOrder.get(a.area)! - areaOrder.get(b.area)! || a.position - b.position);
}
