/** The history import's rules that need no store: the kind a group's name tells, and refusing before any write. */
import { groupKindOf, HistoryImportService, type HistoryImportInput } from '../../../src/app/history-import';
import type { Repositories } from '../../../src/app/ports';
import { parseCouncilMinutes } from '../../../src/import/council-minutes';
import { historyInputOf } from '../../../src/import/minutes-import';
import { seed } from '../import/minutes-documents';

it.each([
  ['Taktisk styrgrupp', 'steering'],
  ['STYRGRUPPEN för e-rådet', 'steering'],
  ['Fyrbodals nätverk för e-samhälle', 'network'],
  ['Natverket', 'network'],
  ['Beredningsgruppen', 'preparation'],
  ['E-rådet Fyrbodal', 'council'],
])('“%s” is a %s', (name, kind) => {
  expect(groupKindOf(name)).toBe(kind);
});

describe('what is refused is refused before anything is stored', () => {
  const touched: string[] = [];
  // Every repository call is noted (and fails): none may happen.
  const repos = new Proxy({} as Repositories, {
    get: (_t, repo: string) =>
      new Proxy(
        {},
        {
          get: (_r, method: string) => () => {
            touched.push(`${repo}.${method}`);
            return Promise.reject(new Error('stored'));
          },
        },
      ),
  });
  const service = new HistoryImportService(repos, { recordApprovedHistory: () => Promise.reject(new Error('stored')) }, { attendanceOf: () => Promise.reject(new Error('stored')) }, { now: () => new Date('2026-01-15T09:00:00Z') });
  const valid = historyInputOf(parseCouncilMinutes(seed('003')), { tenantId: 't', groupName: 'Nätverket' }).input;

  it.each<[string, (i: HistoryImportInput) => HistoryImportInput, string]>([
    ['an agenda outside the meeting', (i) => ({ ...i, end: '14:00' }), 'AGENDA.OUTSIDE_MEETING'],
    ['a note without text', (i) => ({ ...i, records: [...i.records, { item: 1, record: { kind: 'note', text: '  ' } }] }), 'TEXT.EMPTY'],
    ['a risk with S out of range', (i) => ({ ...i, records: [{ item: 1, record: { kind: 'risk', id: 'R1', risk: { threat: 'Hot', probability: 7 as 5, impact: 2, actionNeeded: false } } }] }), 'RISK.SCORE_OUT_OF_RANGE'],
    ['a person without a name', (i) => ({ ...i, people: { ...i.people, excused: [{ name: '' }] } }), 'TEXT.EMPTY'],
    ['an attachment title over 200 characters', (i) => ({ ...i, attachments: [{ title: 'x'.repeat(201) }] }), 'TEXT.TOO_LONG'],
    ['no group name', (i) => ({ ...i, groupName: ' ' }), 'TEXT.EMPTY'],
  ])('%s', async (_what, change, code) => {
    await expect(service.importMeeting(change(valid))).rejects.toMatchObject({ code });
    expect(touched).toEqual([]);
  });
});
