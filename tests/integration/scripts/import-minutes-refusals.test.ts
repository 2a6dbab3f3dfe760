/**
 * `npm run import:minutes`, what stores nothing: a dry run, a document it cannot read (the message names the
 * line), an agenda the store would refuse; and an import that stopped half-way, finished by running it again.
 */
import { createServices } from '../../../src/app';
import type { Repositories } from '../../../src/app/ports';
import { parseCouncilMinutes } from '../../../src/import/council-minutes';
import { historyInputOf } from '../../../src/import/minutes-import';
import { minutesOptions } from '../../../src/minutes';
import { clock, groupNamed, importHarness, onlyMeeting, runImport, rowCounts, TENANT, writeFile } from '../../helpers/minutes-import';
import { FULL_TEXT, seed } from '../../unit/import/minutes-documents';

const h = importHarness();
const run = (...argv: string[]) => runImport(h, ...argv);
const counts = () => rowCounts(h);
const write = (name: string, text: string) => writeFile(h, name, text);

it(`runs on the store this run is for (${process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite'})`, () => {
  expect(h.store.kind).toBe(h.db.kind);
});

describe('what stores nothing', () => {
  it('a dry run', async () => {
    const before = await counts();
    const r = await run(write('dry.txt', FULL_TEXT.replace('2024-03-12', '2024-09-03')), '--group', 'Ny grupp', '--tenant', TENANT, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').at(-1)).toBe('Dry run: nothing stored.');
    expect(await counts()).toEqual(before);
  });

  it('a document it cannot read, naming the line', async () => {
    const before = await counts();
    const r1 = await run(write('broken-date.txt', seed('003').replace('Datum\t2020-05-14', 'Datum\t14/5')), '--group', 'Trasig', '--tenant', TENANT);
    expect(r1.code).toBe(1);
    expect(r1.err).toMatch(/broken-date\.txt: Line 9: expected a date like 2020-11-27 after “Datum”, found “14\/5”\. Nothing was imported\.$/);
    const r2 = await run(write('broken-risk.txt', seed('001').replace('\t4\t3\t12\tJa', '\t4\t3\t11\tJa')), '--group', 'Trasig', '--tenant', TENANT);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/Line 71: expected R of R2 = S × K = 4 × 3 = 12, found “R 11”\. Nothing was imported\.$/);
    expect(await counts()).toEqual(before);
    expect(await h.repos.groups.findByName(TENANT, 'Trasig')).toBeUndefined();
  });

  it('an agenda the store would refuse is refused before anything is stored', async () => {
    const before = await counts();
    const rows = Array.from({ length: 41 }, (_, i) => `${i + 1}\tI\tPunkt ${i + 1}\tAlla`).join('\n');
    const text = seed('001').replace(/Punkt\tTyp\tBeskrivning\tAnsvarig\n[\s\S]*?\n\n/, `Punkt\tTyp\tBeskrivning\tAnsvarig\n${rows}\n\n`);
    const r = await run(write('long-agenda.txt', text), '--group', 'Trasig', '--tenant', TENANT);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/long-agenda\.txt: Line \d+: expected an agenda that fits the meeting \(11:00–12:00\), found “.*40.*”\. Nothing was imported\.$/);
    expect(await counts()).toEqual(before);
  });
});

describe('an import that stopped half-way', () => {
  it('is finished by running it again, storing nothing twice', async () => {
    const text = FULL_TEXT.replace('2024-03-12', '2024-10-08').replace(/2024-03-12/g, '2024-10-08');
    const { input } = historyInputOf(parseCouncilMinutes(text), { tenantId: TENANT, groupName: 'Avbruten styrgrupp' });
    // The store fails at the first attachment, after the people, the agenda and the records are in.
    let failures = 1;
    const failing: Repositories = {
      ...h.repos,
      attachments: {
        ...h.repos.attachments,
        add: (a) => (failures-- > 0 ? Promise.reject(new Error('connection lost')) : h.repos.attachments.add(a)),
        listForMeeting: (t, m) => h.repos.attachments.listForMeeting(t, m),
      },
    };
    const interrupted = createServices(failing, clock, minutesOptions('import-test-key', 'https://radslag.example.org'));
    await expect(interrupted.history.importMeeting(input)).rejects.toThrow('connection lost');
    const group = await groupNamed(h, 'Avbruten styrgrupp');
    const meeting = await onlyMeeting(h, group);
    expect(await h.repos.minutes.latestApproved(TENANT, meeting.id)).toBeUndefined();
    const halfway = await counts();

    const done = await interrupted.history.importMeeting(input);
    expect(done.alreadyImported).toBe(false);
    expect(done.meeting.id).toBe(meeting.id);
    expect(done.people).toEqual({ matched: 4, addedAsMembers: 0, guests: 1 });
    expect(done.records).toEqual({ notes: 0, decisions: 0, risks: 0, reviews: 0, attachments: 2 });
    const after = await counts();
    expect(after).toEqual({ ...halfway, attachments: halfway.attachments! + 2, minutes_versions: halfway.minutes_versions! + 1, meeting_secretaries: halfway.meeting_secretaries! + 1, meeting_adjusters: halfway.meeting_adjusters! + 1 });
    expect((await interrupted.history.importMeeting(input)).alreadyImported).toBe(true);
    expect(await counts()).toEqual(after);
  });
});

