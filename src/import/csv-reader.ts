/**
 * The `CsvReader` port over csv-parse: CSV text as rows of cells, for imports (the capability map). The
 * separator is the one the header row uses — comma, semicolon (Excel in Swedish) or tab — and a leading
 * byte-order mark is dropped. Blank lines stay as rows, so row numbers in errors match the file's.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { CsvSyntaxError, type CsvReader } from '../app/ports';

/** The separator of the first line: the most frequent of `,`, `;` and tab outside quotes. */
function separatorOf(text: string): string {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((s) => [s, firstLine.split(s).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best), [',', 0] as const)[0];
}

export const readCsv: CsvReader = (text) => {
  const input = text.replace(/^\uFEFF/, '');
  try {
    const rows: string[][] = parse(input, { delimiter: separatorOf(input), relax_column_count: true, skip_empty_lines: false, trim: false });
    return rows;
  } catch (e) {
    if (e instanceof CsvError) {
      const row = Number((e as CsvError & { lines?: number }).lines ?? 0) || 1;
      throw new CsvSyntaxError(row, e.message.replace(/^Invalid [^:]*:\s*/, '').slice(0, 160), { cause: e });
    }
    throw e;
  }
};
