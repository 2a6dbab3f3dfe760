/**
 * `npm run import:minutes`: the council's minutes (seeds 001 and 003, and a document built here) imported
 * into a fresh store (SQLite, or PostgreSQL when DATABASE_URL names one) as held meetings with approved
 * minutes, written back with --out, and imported again without storing anything twice. What stores nothing,
 * and an import that stopped half-way: import-minutes-refusals.test.ts.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { renderCouncilText, retainedLines } from '../../../src/import/council-text';
import { parseCouncilMinutes } from '../../../src/import/council-minutes';
import { isMemberOn } from '../../../src/domain/group';
import { clock, groupNamed, importHarness, onlyMeeting, ROOT, roundTrip, runImport, rowCounts, SEED_001, SEED_003, TENANT, writeFile } from '../../helpers/minutes-import';
import { FULL_TEXT, seed } from '../../unit/import/minutes-documents';

const h = importHarness();
const run = (...argv: string[]) => runImport(h, ...argv);
const counts = () => rowCounts(h);
const write = (name: string, text: string) => writeFile(h, name, text);

it(`runs on the store this run is for (${process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite'})`, () => {
  expect(h.store.kind).toBe(h.db.kind);
});

describe('seed 001, the steering group with its risk register', () => {
  it('is stored as a held meeting with approved minutes, and written back keeping its lines', async () => {
    const out = path.join(h.tmp, '001-out.txt');
    const r = await run(SEED_001, '--group', 'Taktisk styrgrupp', '--tenant', TENANT, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Group: Taktisk styrgrupp (created, steering group), tenant tenant-minutes');
    expect(r.out).toContain('People: 0 matched to members, 6 added as members, 0 guests');
    expect(r.out).toContain('Stored: 3 notes, 0 decisions, 5 risks raised, 5 risk follow-ups, 1 attachment');
    expect(r.out).toMatch(/Teams chat: none yet\. In the group's own chat, its organizer types: \/setup Taktisk styrgrupp code [A-Z0-9]{4}-[A-Z0-9]{4}/);

    const group = await groupNamed(h, 'taktisk  STYRGRUPP');
    expect(group).toMatchObject({ name: 'Taktisk styrgrupp', kind: 'steering' });
    const members = await h.repos.groups.members(TENANT, group.id);
    expect(members.map((m) => [m.person.name, m.organisation, m.role, m.from, m.person.id]).sort()).toContainEqual(['Lis Palm', 'Fyrbodals kommunalförbund', 'member', '2020-11-27', 'import:lis-palm']);
    expect(members).toHaveLength(6);

    const meeting = await onlyMeeting(h, group);
    expect(meeting).toMatchObject({ title: 'Digital motor Fyrbodal', startsAt: '2020-11-27T10:00:00.000Z', endsAt: '2020-11-27T11:00:00.000Z', startedAt: '2020-11-27T10:00:00.000Z', endedAt: '2020-11-27T11:00:00.000Z' });
    // The agenda had no times: spread over the hour.
    expect((await h.repos.agendas.list(TENANT, meeting.id)).map((e) => [e.number, e.title, e.plannedStart])).toEqual([
      [1, 'Statusrapport', '11:00'],
      [2, 'Aktiviteter', '11:15'],
      [3, 'Riskhantering', '11:30'],
      [4, 'Beslut', '11:45'],
    ]);
    const notes = await h.repos.notes.listForMeeting(TENANT, meeting.id);
    expect(notes.map((n) => n.agendaItem)).toEqual([1, 2, 3]);
    expect(notes[1]!.text).toMatch(/^# Nulägesanalys\n\nSara föredrar kortfattat/);
    expect(notes[1]!.text).toContain('\n\n# Förmågekartläggning\n\n');
    expect(notes[1]!.text).toContain('\n\nDiskussion: Finns det en risk i att vi har överskattat');

    // The register: R1–R5 as raised, each followed up in this meeting with what was said.
    const registerId = await h.repos.risks.ensureGroupRegister(TENANT, group.id);
    const risks = await h.repos.risks.list(TENANT, registerId);
    expect(risks.map((k) => [k.number, k.probability, k.impact, k.actionNeeded, k.meetingId, k.agendaItem])).toEqual([1, 2, 3, 4, 5].map((n, i) => [n, [1, 4, 3, 5, 2][i], [5, 3, 4, 4, 3][i], true, meeting.id, 3]));
    expect(risks[3]!.threat).toMatch(/^Vikande intresse och deltagande/);
    const reviews = await h.repos.risks.reviewsInMeeting(TENANT, meeting.id);
    expect(reviews.map(({ risk }) => risk.number)).toEqual([1, 2, 3, 4, 5]);
    expect(reviews[1]!.review.note).toMatch(/^Det här hanteras av taktiska styrgruppen\.[\s\S]*\n\nÅtgärd: Tydligt beskriva de förutsättningar/);

    expect((await h.repos.attachments.listForMeeting(TENANT, meeting.id)).map((a) => [a.title, a.origin, a.addedAt.slice(0, 10), a.url])).toEqual([['Bilaga 1-Presentation av möte', 'import', '2020-11-30', undefined]]);
    expect((await h.repos.secretaries.current(TENANT, meeting.id))?.person).toMatchObject({ id: 'import:sara-herrman', name: 'Sara Herrman' });
    expect(await h.repos.adjusters.current(TENANT, meeting.id)).toBeUndefined();
    const version = await h.repos.minutes.latestApproved(TENANT, meeting.id);
    expect(version).toMatchObject({ version: 1, status: 'approved', approvedBy: { name: 'Sara Herrman' }, content: { date: '2020-11-27', startTime: '11:00', endTime: '12:00', recordedBy: 'Sara Herrman' } });
    expect(version!.content.present.map((p) => p.name).sort()).toEqual(['Fredric Carlsson', 'Håkan Sundberg', 'Johan Högne', 'Pia Carlsson', 'Sara Herrman']);
    expect(version!.content.sections.find((s) => s.number === 3)?.riskReviews.map((x) => x.code)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);

    const { figures } = await h.services.attendance.figuresForGroup(TENANT, group.id, { from: '2020-01-01', to: '2020-12-31' });
    expect(figures.overall).toMatchObject({ present: 5, expected: 6 });

    const kept = roundTrip(seed('001'), out);
    expect(kept.missing).toEqual([]);
    expect(kept.ratio).toBe(1);
    expect(r.out).toContain(`it keeps 65 of the document's 65 lines (100.0 %)`);
  });

  it('imported again stores nothing new and says so', async () => {
    const before = await counts();
    const r = await run(SEED_001, '--group', 'Taktisk styrgrupp', '--tenant', TENANT);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Already imported: this document is that meeting, with approved minutes (version 1). Nothing new was stored.');
    expect(await counts()).toEqual(before);
  });
});

describe('seed 003, the network with breaks and presenters', () => {
  it('counts 16 present and 3 excused in the year, lists the presenters as guests, keeps PAUS and AVSLUT', async () => {
    const out = path.join(h.tmp, '003-out.txt');
    const r = await run(SEED_003, '--group', 'Fyrbodals nätverk för e-samhälle', '--tenant', TENANT, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('People: 0 matched to members, 19 added as members, 3 guests (co-opted for the day, not counted)');
    const group = await groupNamed(h, 'Fyrbodals nätverk för e-samhälle');
    expect(group.kind).toBe('network');
    // The minutes write "Beslut:" without numbers: the group it created does too.
    expect(group.decisionNumbering).toBe(false);
    const meeting = await onlyMeeting(h, group);

    const { figures } = await h.services.attendance.figuresForGroup(TENANT, group.id, { from: '2020-01-01', to: '2020-12-31' });
    expect(figures.overall).toMatchObject({ present: 16, expected: 19 });
    const view = await h.services.attendance.attendanceOf(TENANT, meeting.id);
    expect(view.members.filter((m) => m.status === 'excused').map((m) => m.member.person.name).sort()).toEqual(['Anders Wockatz', 'Jonas Berggren', 'Jörgen Haglund']);
    const guests = view.members.filter((m) => m.member.role === 'coopted');
    expect(guests.map((m) => [m.member.person.name, m.member.organisation, m.member.from, m.member.to, m.status, m.counted]).sort()).toEqual([
      ['Christian Bonfré', 'Eventsia Infomaton/VästKom', '2020-05-14', '2020-05-14', 'present', false],
      ['Christian Lund', 'Centigo AB', '2020-05-14', '2020-05-14', 'present', false],
      ['Johan Högne', 'Centigo AB', '2020-05-14', '2020-05-14', 'present', false],
    ]);

    const agenda = await h.repos.agendas.list(TENANT, meeting.id);
    expect(agenda.map((e) => (e.kind ? `${e.kind} ${e.plannedStart}` : `${e.number} ${e.type} ${e.plannedStart}`))).toEqual([
      '1 I 13:00',
      '2 D 13:05',
      '3 D 13:45',
      '4 I 14:00',
      'break 14:30',
      '5 D 14:45',
      '6 I 15:00',
      '7 D 15:15',
      '8 I 15:40',
      '9 D 15:50',
      'end 16:00',
    ]);
    // Item 4's heading in the minutes differs from its agenda title (its quotes).
    expect(agenda[3]).toMatchObject({ title: 'Presentation av ”Snabbutredning – Politiska sammanträden på distans”', heading: 'Presentation av "Snabbutredning – Politiska sammanträden på distans"' });

    const notes = await h.repos.notes.listForMeeting(TENANT, meeting.id);
    expect(notes).toHaveLength(9);
    expect(notes.find((n) => n.agendaItem === 2)!.text).toMatch(/^# Anders föredrar läget på SML-IT\n\n- IT- personal ovanligt friska \(delvis hemmaarbete\)\n- Ca 600 distansarbetande/);
    expect((await h.repos.decisions.listForMeeting(TENANT, meeting.id)).map((d) => [d.number, d.agendaItem, d.heading, d.text])).toEqual([
      [1, 3, undefined, 'Sara och Johan tar fram ett konkret erbjudande som kommer att skickas ut efter sommaren'],
    ]);
    expect((await h.repos.attachments.listForMeeting(TENANT, meeting.id)).map((a) => a.title)).toEqual(['Bilaga 1-Presentation av agenda', 'Bilaga 2-Presentation av Snabbutredning digitala sammanträden']);
    expect((await h.repos.adjusters.current(TENANT, meeting.id))?.person.name).toBe('Sara Herrman');
    const version = await h.repos.minutes.latestApproved(TENANT, meeting.id);
    expect(version).toMatchObject({ status: 'approved', createdBy: { name: 'Curt-Göran Crantz' }, approvedBy: { name: 'Sara Herrman' } });
    expect(version!.content.coopted.map((p) => p.name).sort()).toEqual(['Christian Bonfré', 'Christian Lund', 'Johan Högne']);

    const kept = roundTrip(seed('003'), out);
    expect(kept.total).toBe(159);
    expect(kept.ratio).toBeGreaterThanOrEqual(0.95);
    expect(kept.missing).toEqual([]);
  });

  it('writes Markdown that reads back as the same minutes', async () => {
    const out = path.join(h.tmp, '003-out.md');
    const r = await run(SEED_003, '--group', 'Fyrbodals nätverk för e-samhälle', '--tenant', TENANT, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Already imported');
    const markdown = fs.readFileSync(out, 'utf8');
    expect(markdown).toContain('| PAUS |   |   |   | 14.30 |');
    expect(retainedLines(seed('003'), renderCouncilText(parseCouncilMinutes(markdown, 'md'))).ratio).toBe(1);
  });
});

describe('a document built here, then a later meeting of the same group', () => {
  const later = FULL_TEXT.replace('Datum\t2024-03-12', 'Datum\t2024-05-21')
    .replace('Cecilia Dahl\t', 'Cecilia Dahl\t\nGustav Holm\tVänersborgs kommun')
    .replace(['R1', 'Nyckelperson slutar', 'Kunskapen finns hos en person', 'Arbetet stannar', '3', '4', '12', 'Ja'].join('\t'), ['R1', 'Nyckelperson slutar', 'Kunskapen finns hos en person', 'Arbetet stannar', '2', '4', '8', 'Ja'].join('\t'));

  it('keeps breaks, bullets, sub-headings, decisions with and without §, the risk table and attachments', async () => {
    const file = write('built.txt', FULL_TEXT);
    const out = path.join(h.tmp, 'built-out.txt');
    const r = await run(file, '--group', 'Styrgruppen för e-rådet', '--tenant', TENANT, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const group = await groupNamed(h, 'Styrgruppen för e-rådet');
    const meeting = await onlyMeeting(h, group);
    expect((await h.repos.agendas.list(TENANT, meeting.id)).filter((e) => e.kind).map((e) => [e.kind, e.title, e.plannedStart])).toEqual([
      ['break', undefined, '10:00'],
      ['break', 'Gemensam lunch', '11:00'],
      ['end', undefined, '12:00'],
    ]);
    expect((await h.repos.decisions.listForMeeting(TENANT, meeting.id)).map((d) => [d.number, d.heading])).toEqual([
      [1, undefined],
      [2, 'Beslut om ramar'],
      [3, 'Beslut om uppföljning'],
    ]);
    expect((await h.repos.notes.listForMeeting(TENANT, meeting.id))[0]!.text).toBe('# Kommunerna berättar\n\n- Uddevalla: bra – full fart med e-arkivet\n- Fyrbodal: okej\n- Lysekil: ansträngt');
    const kept = roundTrip(FULL_TEXT, out);
    expect(kept.ratio).toBeGreaterThanOrEqual(0.95);
    expect(kept.missing).toEqual([]);
  });

  it('matches the roster at the next meeting: a new participant is a guest, the repeated risk table reviews the register', async () => {
    const group = await groupNamed(h, 'Styrgruppen för e-rådet');
    const r = await run(write('later.txt', later), '--group', 'Styrgruppen för e-rådet', '--tenant', TENANT, '--out', path.join(h.tmp, 'later-out.txt'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('People: 4 matched to members, 0 added as members, 2 guests');
    expect(r.out).toContain('0 risks raised, 2 risk follow-ups');
    const registerId = await h.repos.risks.ensureGroupRegister(TENANT, group.id);
    const risks = await h.repos.risks.list(TENANT, registerId);
    expect(risks.map((k) => [k.number, k.probability])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    const { figures } = await h.services.attendance.figuresForGroup(TENANT, group.id, { from: '2024-01-01', to: '2024-12-31' });
    // Anna, Bo and Cecilia present, David excused, at both meetings; Gustav and Eva are guests.
    expect(figures.overall).toMatchObject({ present: 6, expected: 8 });
    const kept = roundTrip(later, path.join(h.tmp, 'later-out.txt'));
    expect(kept.ratio).toBeGreaterThanOrEqual(0.95);
    expect(kept.missing).toEqual([]);
  });
});

describe('a document written its own way', () => {
  const T = '\t';
  const text = [
    'Protokoll', '', 'E-råd Fyrbodal', '', 'Sammanträde 3/2021', '', 'Information om möte', '',
    `Datum${T}tisdag 14 september 2021`, `Tid${T}kl. 13.00–15.00`, `Plats${T}Kommunhuset, Vänersborg`, '',
    'Närvarande', '', `Namn${T}Kommun${T}E-post`, `Henrik Röste${T}Färgelanda${T}henrik@example.org`, `Sara Herrman${T}Fyrbodal${T}sara@example.org`, '',
    'Frånvarande', '', `Namn${T}Kommun`, `Jonas Berggren${T}Färgelanda`, '',
    'Dagordning', '', `Punkt${T}Typ${T}Beskrivning${T}Ansvarig${T}Ca tid`,
    `1${T}I${T}Inledning${T}Henrik${T}13.00`, `2${T}A${T}Budget${T}Sara${T}13.00`, `PAUS${T}${T}Kaffe${T}${T}14.00`, `3${T}D${T}Övrigt${T}Alla${T}14.30`, '',
    '1) Inledning', '', 'Henrik hälsar välkommen.', '',
    '2) Budget', '', 'Sara visar budgeten.', '', `Post${T}Belopp`, `IT${T}100`, `Lön${T}200`, '', 'Beslut om budget', '', 'Rådet fastställer budgeten.', '',
    '3) Övrigt', '', 'Inga övriga frågor.', '',
    '4) Nästa möte', '', 'Nästa möte hålls i november.', '',
    'Justeras av', 'Henrik Röste', 'Sara Herrman', '',
    'Bilagor', '', '- Bilaga 1 Budget', '- 2021-09-14 - Bilaga 2 Presentation',
  ].join('\n');

  it('keeps its own words for the date and time, an absent member, e-mail addresses, a table in the notes and an item off the agenda', async () => {
    const out = path.join(h.tmp, 'own-way-out.txt');
    const r = await run(write('own-way.txt', text), '--group', 'E-råd Fyrbodal', '--tenant', TENANT, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // Two items at 13.00: the second is stored a minute later, and the minutes say it as written.
    expect(r.out).toContain('Note: Line 28: the agenda’s 13.00 comes after 13.00; stored as 13.01.');
    const group = await groupNamed(h, 'E-råd Fyrbodal');
    expect(group.kind).toBe('council');
    const meeting = await onlyMeeting(h, group);
    expect((await h.repos.agendas.list(TENANT, meeting.id)).map((e) => `${e.number} ${e.plannedStart}`)).toEqual(['1 13:00', '2 13:01', '0 14:00', '3 14:30', '4 14:45']);
    const view = await h.services.attendance.attendanceOf(TENANT, meeting.id);
    expect(view.members.map((m) => [m.member.person.name, m.member.person.email, m.status]).sort()).toEqual([
      ['Henrik Röste', 'henrik@example.org', 'present'],
      ['Jonas Berggren', undefined, 'absent'],
      ['Sara Herrman', 'sara@example.org', 'present'],
    ]);
    expect(view.members.find((m) => m.member.person.name === 'Jonas Berggren')?.reason).toBe('correction');
    expect((await h.repos.notes.listForMeeting(TENANT, meeting.id))[1]!.text).toBe('Sara visar budgeten.\n\nPost\tBelopp\nIT\t100\nLön\t200');
    const kept = roundTrip(text, out);
    expect(kept.missing).toEqual([]);
    expect(kept.ratio).toBe(1);
  });
});

it('runs as `npm run import:minutes` runs it, in its own process', async () => {
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/import-minutes.ts', SEED_001, '--group', 'Taktisk styrgrupp', '--tenant', TENANT],
      { cwd: ROOT, env: { ...process.env, TEAMSFX_ENV: 'import-minutes-test', DATABASE_URL: h.db.url }, timeout: 25_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('Already imported');
});

it('hands the imported group to the first chat that sets it up: its roster and history kept, the chat’s people joined to it', async () => {
  const imported = await groupNamed(h, 'Taktisk styrgrupp');
  expect(imported.conversationId).toMatch(/^import:/);
  const before = await h.repos.groups.members(TENANT, imported.id);
  const lis = before.find((m) => m.person.name === 'Lis Palm')!;
  // Lis Palm and Sara Herrman (who sets it up) are on the imported roster and in the chat with their Teams
  // accounts; Anna Berg is in the chat only.
  const anna = { id: '29:1AnnaBerg', aadObjectId: 'aad-anna', name: 'Anna Berg' };
  const lisInTeams = { id: '29:1LisPalm', aadObjectId: 'aad-lis-palm', name: 'Lis Palm', email: 'lis.palm@fyrbodal.se' };
  const sara = { id: '29:1SaraHerrman', aadObjectId: 'aad-sara', name: 'Sara Herrman' };
  const chat = (conversationId: string, caller: typeof sara) => ({
    tenantId: TENANT,
    conversationId,
    caller,
    directory: { meetingRoleOf: () => Promise.resolve('Attendee' as const), members: () => Promise.resolve([sara, lisInTeams, anna]) },
  });

  // Anyone in the tenant can make a chat: without the set-up code the import printed, none takes the group.
  await expect(h.services.groups.setup(chat('19:taktisk@thread.v2', sara), { name: 'taktisk styrgrupp' })).rejects.toMatchObject({ code: 'GROUP.CLAIM_CODE' });
  const first = /\/setup Taktisk styrgrupp code ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec((await run(SEED_001, '--group', 'Taktisk styrgrupp', '--tenant', TENANT)).out)?.[1];
  const second = /\/setup Taktisk styrgrupp code ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec((await run(SEED_001, '--group', 'Taktisk styrgrupp', '--tenant', TENANT)).out)?.[1];
  expect(first).toBeDefined();
  expect(second).toBeDefined();
  // The newest code replaces the one before.
  await expect(h.services.groups.setup(chat('19:taktisk@thread.v2', sara), { name: 'taktisk styrgrupp', claimCode: first! })).rejects.toMatchObject({ code: 'GROUP.CLAIM_CODE' });

  const result = await h.services.groups.setup(chat('19:taktisk@thread.v2', sara), { name: 'taktisk styrgrupp', claimCode: second!.toLowerCase() });
  const after = await h.repos.groups.members(TENANT, imported.id);
  // Anna joined; everyone imported is still there.
  expect(after.map((m) => m.id)).toEqual(expect.arrayContaining(before.map((m) => m.id)));
  expect(after).toHaveLength(before.length + 1);
  const today = clock.now().toISOString().slice(0, 10);
  expect(result).toMatchObject({ kind: 'created', claimed: true, group: { id: imported.id, conversationId: '19:taktisk@thread.v2' }, members: after.filter((m) => isMemberOn(m, today)).length });
  expect(after.find((m) => m.id === lis.id)).toMatchObject({ role: lis.role, person: { id: lisInTeams.id, aadObjectId: lisInTeams.aadObjectId, name: 'Lis Palm', email: lisInTeams.email } });
  expect(after.find((m) => m.person.aadObjectId === sara.aadObjectId)).toMatchObject({ id: before.find((m) => m.person.name === 'Sara Herrman')!.id, role: 'organizer' });
  expect(after.find((m) => m.person.aadObjectId === anna.aadObjectId)).toMatchObject({ role: 'member', from: today });
  // The group's history stays with it, now found from the chat.
  expect((await h.repos.groups.findByConversation(TENANT, '19:taktisk@thread.v2'))?.id).toBe(imported.id);
  expect(await onlyMeeting(h, imported)).toMatchObject({ groupId: imported.id });

  // A second chat cannot take it again.
  await expect(h.services.groups.setup(chat('19:another@thread.v2', sara), { name: 'Taktisk styrgrupp', claimCode: second! })).rejects.toMatchObject({ code: 'GROUP.NAME_TAKEN' });
  // And the import prints no code for a group that has its chat.
  expect((await run(SEED_001, '--group', 'Taktisk styrgrupp', '--tenant', TENANT)).out).not.toContain('Teams chat: none yet');
});
