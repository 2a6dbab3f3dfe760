/** The register as CSV: RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
import { csvCell, registerCsv } from '../../../src/http/tab-api/risk-csv';
import type { RegisterEntry } from '../../../src/app/tab-service';

describe('csvCell', () => {
  it.each([
    ['plain text', 'Resursbrist', 'Resursbrist'],
    ['a comma', 'a, b', '"a, b"'],
    ['a semicolon (Excel in Swedish splits on it)', 'a; b', '"a; b"'],
    ['quotes', 'säger "nej"', '"säger ""nej"""'],
    ['a line break', 'rad 1\nrad 2', '"rad 1\nrad 2"'],
    ['a formula', '=1+1', "'=1+1"],
    ['a plus', '+46 70 123', "'+46 70 123"],
    ['a minus', '-2+3', "'-2+3"],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a formula with a comma', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('%s', (_label, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves numbers as numbers and empty values empty', () => {
    expect(csvCell(20)).toBe('20');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('registerCsv', () => {
  const risk = {
    id: 'r4',
    tenantId: 't',
    registerId: 'g',
    number: 4,
    code: 'R4',
    threat: 'Vikande intresse',
    probability: 5,
    impact: 4,
    score: 20,
    band: 'critical',
    actionNeeded: true,
    action: 'Förankra resultatet',
    owner: 'Sara Herrman',
    status: 'handled',
    raisedBy: { id: 'x', name: 'Sara' },
    raisedAt: '2026-01-01T00:00:00.000Z',
    lastReviewedAt: '2026-03-04T09:10:00.000Z',
  } as RegisterEntry;

  it('starts with a BOM, ends lines with CRLF, and speaks the caller’s language', () => {
    expect(registerCsv([risk], 'sv')).toBe(
      '\uFEFFID,Hot,Sårbarhet,Konsekvens,S,K,R,Åtgärd behövs,Åtgärd,Ansvarig,Status,Senast uppföljd\r\nR4,Vikande intresse,,,5,4,20,Ja,Förankra resultatet,Sara Herrman,hanterad,2026-03-04\r\n',
    );
    expect(registerCsv([risk], 'en').split('\r\n')[1]).toBe('R4,Vikande intresse,,,5,4,20,Yes,Förankra resultatet,Sara Herrman,handled,2026-03-04');
    expect(registerCsv([], 'en')).toBe('\uFEFFID,Threat,Vulnerability,Consequence,S,K,R,Action needed,Action,Owner,Status,Last review\r\n');
  });
});
