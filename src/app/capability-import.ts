/**
 * The capability map's import (issue 5): a group's capabilities from a CSV or JSON file, checked in full
 * (every refusal names its row and column) before anything is stored. Editors only: the caller checks.
 */
import { capabilitiesFromJson, capabilitiesFromTable, visionText, type CapabilityInput } from '../domain/capability';
import { DomainError } from '../domain/errors';
import type { Group } from '../domain/group';
import { CsvSyntaxError, type Clock, type CsvReader, type Repositories, type Stored } from './ports';

/** What an import request carries: the file's text and its format. */
export interface CapabilityImportContent {
  format: 'csv' | 'json';
  text: string;
}

export interface CapabilityImportDeps {
  repos: Pick<Repositories, 'capabilities'>;
  clock: Clock;
  /** Reads CSV imports; without it a CSV import is refused as unreadable. */
  readCsv?: CsvReader | undefined;
}

/**
 * Imports capabilities: new codes are added, known codes updated, the rest kept. A vision given with the
 * request wins over one in a JSON file. A refused file stores nothing; the same request id twice stores once.
 */
export async function importCapabilities(
  deps: CapabilityImportDeps,
  group: Group,
  requestId: string,
  content: CapabilityImportContent,
  vision?: string,
): Promise<Stored<{ imported: number; updated: number }>> {
  let list: CapabilityInput[];
  let visionToSet = vision === undefined ? undefined : visionText(vision);
  let organisations: string[] | undefined;
  if (content.format === 'csv') {
    list = capabilitiesFromTable(csvRows(deps.readCsv, content.text));
  } else {
    const parsed = capabilitiesFromJson(content.text);
    list = parsed.capabilities;
    visionToSet ??= parsed.vision;
    organisations = parsed.organisations;
  }
  return deps.repos.capabilities.importCapabilities({
    tenantId: group.tenantId,
    groupId: group.id,
    requestId,
    ...(visionToSet ? { vision: visionToSet } : {}),
    ...(organisations ? { organisations } : {}),
    capabilities: list,
    at: deps.clock.now().toISOString(),
  });
}

/** The file's rows; a file the reader cannot read is refused naming the row. */
function csvRows(readCsv: CsvReader | undefined, text: string): string[][] {
  if (!readCsv) throw new DomainError('CAPABILITY.IMPORT_BAD_CSV', { row: 1, detail: 'CSV is not available on this server; import JSON' });
  try {
    return readCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new DomainError('CAPABILITY.IMPORT_BAD_CSV', { row: e.row, detail: e.detail });
    throw e;
  }
}
