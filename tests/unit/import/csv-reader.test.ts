/** The CSV reader of imports: separators as the header row uses them, quotes, and rows named in errors. */
import { CsvSyntaxError } from '../../../src/app/ports';
import { readCsv } from '../../../src/import/csv-reader';

it.each([
  [',', 'code,area,name\n1.1,Ledning,Strategi'],
  [';', 'kod;område;namn\r\n1.1;Ledning;Strategi'],
  ['tab', 'code\tarea\tname\n1.1\tLedning\tStrategi'],
])('reads a table separated by %s', (_sep, text) => {
  expect(readCsv(text)[1]).toEqual(['1.1', 'Ledning', 'Strategi']);
});

it('drops a byte-order mark, keeps quoted separators and line breaks, and keeps blank lines as rows', () => {
  expect(readCsv('\uFEFFcode;name\n1;"a; b"\n\n2;"rad 1\nrad 2"')).toEqual([['code', 'name'], ['1', 'a; b'], [''], ['2', 'rad 1\nrad 2']]);
});

it('a comma inside a Swedish semicolon file is text, not a separator', () => {
  expect(readCsv('kod;namn;beskrivning\n1;E-tjänster;Ansökan, beslut och besked')[1]).toEqual(['1', 'E-tjänster', 'Ansökan, beslut och besked']);
});

it('names the row it cannot read', () => {
  let error: unknown;
  try {
    readCsv('code,area,name\n1,a,b\n2,a,"open quote\n');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CsvSyntaxError);
  expect((error as CsvSyntaxError).row).toBeGreaterThanOrEqual(3);
  expect((error as CsvSyntaxError).detail).toEqual(expect.any(String));
});
