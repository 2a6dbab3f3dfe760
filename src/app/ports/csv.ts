/** Reading CSV files (implemented in src/import with csv-parse). */

/** Splits CSV text into rows of cells (the header row first); throws CsvSyntaxError naming the row it could not read. */
export type CsvReader = (text: string) => string[][];

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';

  constructor(
    readonly row: number,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`CSV row ${row}: ${detail}`, options);
  }
}
