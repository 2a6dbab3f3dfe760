/**
 * Importing a capability map from a CSV table or JSON. Pure: the import gets rows already split (CSV) or
 * the JSON text, and names row and column in every refusal.
 */
import { organisationKey, type CapabilityInput } from './capability-types';
import { DomainError } from './errors';
import { normaliseName } from './person';

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
