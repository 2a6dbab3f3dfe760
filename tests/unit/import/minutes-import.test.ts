/** A read document mapped to what the history import stores: times, agenda rows, records, layout, warnings. */
import { parseCouncilMinutes } from '../../../src/import/council-minutes';
import { historyInputOf } from '../../../src/import/minutes-import';
import { MinutesFormatError } from '../../../src/import/minutes-tree';
import { FULL_TEXT, seed } from './minutes-documents';

const target = { tenantId: 't', groupName: 'Gruppen' };
const map = (text: string) => historyInputOf(parseCouncilMinutes(text), target);

describe('seed 001', () => {
  const { input, warnings } = map(seed('001'));

  it('keeps the meeting’s times and spreads an agenda without times over them', () => {
    expect(warnings).toEqual([]);
    expect([input.date, input.start, input.end, input.title]).toEqual(['2020-11-27', '11:00', '12:00', 'Digital motor Fyrbodal']);
    expect(input.agenda.map((e) => e.plannedStart)).toEqual(['11:00', '11:15', '11:30', '11:45']);
  });

  it('lists the risk table and each follow-up after the note before them', () => {
    const item3 = input.records.filter((r) => r.item === 3).map((r) => (r.record.kind === 'risk' || r.record.kind === 'followUp' ? `${r.record.kind} ${r.record.id}` : r.record.kind));
    expect(item3).toEqual(['note', 'risk R1', 'risk R2', 'risk R3', 'risk R4', 'risk R5', 'followUp R1', 'followUp R2', 'followUp R3', 'followUp R4', 'followUp R5']);
    const r2 = input.records.find((r) => r.record.kind === 'risk' && r.record.id === 'R2')!.record;
    expect(r2).toMatchObject({ risk: { probability: 4, impact: 3, actionNeeded: true, consequence: 'Underlaget får en bristande kvalitet och återspeglar inte verkligheten' } });
    expect(r2.kind === 'risk' && r2.risk.action).toBeUndefined();
    // The follow-ups are headed by their risk's consequence: the layout need not keep their headings.
    expect(input.layout.items.find((i) => i.number === 3)!.blocks.slice(2)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5'].map((id) => ({ kind: 'followUp', id })));
  });

  it('keeps what the store has no place for in the layout', () => {
    expect(input.layout).toMatchObject({
      title: 'Minnesanteckningar',
      info: { heading: 'Information om möte', called: 'Taktisk styrgrupp', place: 'Via Microsoft Teams', time: 'span', other: [] },
      people: [
        { role: 'present', heading: 'Deltagare', columns: ['Namn', 'Kommun/Organisation'] },
        { role: 'excused', heading: 'Förhindrade', columns: ['Namn', 'Kommun/Organisation'] },
      ],
      agenda: { heading: 'Dagordning', columns: ['Punkt', 'Typ', 'Beskrivning', 'Ansvarig'], breakLabels: [], omitted: [] },
      decisionNumbers: [],
      recordedBy: { heading: 'Antecknat av', more: [] },
      attachments: { heading: 'Bilagor', undated: [] },
    });
    expect(input.layout.approvedBy).toBeUndefined();
    expect(input.decisionsNumbered).toBeUndefined();
  });

  it('keys the document by what it says, not by how its lines end', () => {
    expect(input.sourceKey).toMatch(/^minutes:[0-9a-f]{40}$/);
    expect(map(seed('001').replace(/\n/g, '\r\n')).input.sourceKey).toBe(input.sourceKey);
    expect(map(seed('003')).input.sourceKey).not.toBe(input.sourceKey);
  });
});

describe('seed 003', () => {
  const { input } = map(seed('003'));

  it('stores PAUS as a break and AVSLUT as the closing row, without numbers', () => {
    expect(input.agenda.filter((e) => e.kind === 'break' || e.kind === 'end')).toEqual([
      { kind: 'break', number: 0, plannedStart: '14:30' },
      { kind: 'end', number: 0, plannedStart: '16:00' },
    ]);
    expect(input.layout.agenda!.breakLabels).toEqual(['PAUS', 'AVSLUT']);
  });

  it('keeps an item’s heading where it differs from its agenda title, and the presenters', () => {
    expect(input.agenda[3]).toMatchObject({ number: 4, heading: 'Presentation av "Snabbutredning – Politiska sammanträden på distans"' });
    expect(input.agenda[0]).not.toHaveProperty('heading');
    expect(input.people.presenters.map((p) => p.name)).toEqual(['Johan Högne', 'Christian Lund', 'Christian Bonfré']);
    expect(input.layout.presenters).toEqual(['johan hogne', 'christian lund', 'christian bonfre']);
    expect([input.decisionsNumbered, input.layout.decisionNumbers]).toEqual([false, [null]]);
    expect([input.recordedBy, input.approvedBy]).toEqual(['Curt-Göran Crantz', 'Sara Herrman']);
  });
});

describe('the built document', () => {
  const { input } = map(FULL_TEXT);

  it('writes notes in the note format: sub-headings, bullets, labelled paragraphs', () => {
    const notes = input.records.flatMap((r) => (r.record.kind === 'note' ? [r.record.text] : []));
    expect(notes[0]).toBe('# Kommunerna berättar\n\n- Uddevalla: bra – full fart med e-arkivet\n- Fyrbodal: okej\n- Lysekil: ansträngt');
    expect(notes[1]).toBe('Bo föredrar förslaget till budget för 2025.\n\nDiskussion: Räcker ramen för e-arkivet? Ja, med de besparingar som redan gjorts.');
  });

  it('keeps each decision’s § as written, and the second adjuster in the layout', () => {
    expect(input.layout.decisionNumbers).toEqual([1, 2, null]);
    expect(input.decisionsNumbered).toBe(true);
    expect(input.layout.approvedBy).toEqual({ heading: 'Justeras av', more: ['Cecilia Dahl'] });
    expect(input.layout.info.other).toEqual([{ key: 'Diarienummer', value: '2024/17' }]);
    expect(input.records.find((r) => r.record.kind === 'risk' && r.record.id === 'R2')!.record).toMatchObject({ risk: { actionNeeded: false } });
  });
});

describe('what the minutes leave open', () => {
  it('gives times that do not rise a minute more, and says so', () => {
    const text = seed('003').replace('3\tD\tVåra förmågor, hur tar vi det vidare?\tJohan Högne\t13.45', '3\tD\tVåra förmågor, hur tar vi det vidare?\tJohan Högne\t13.05');
    const { input, warnings } = map(text);
    expect(input.agenda.slice(1, 3).map((e) => e.plannedStart)).toEqual(['13:05', '13:06']);
    expect(warnings).toEqual(['Line 54: the agenda’s 13.05 comes after 13.05; stored as 13.06.']);
  });

  it('without a time, takes the agenda’s; an agenda past the meeting’s end widens it', () => {
    const none = map(seed('003').replace('Tid\t13.00-16.00\n', ''));
    expect([none.input.start, none.input.end]).toEqual(['13:00', '16:00']);
    expect(none.warnings).toEqual(['The minutes give no time (“Tid”): the meeting is stored from 13:00 to 16:00.']);
    const short = map(seed('003').replace('Tid\t13.00-16.00', 'Tid\t13.00-15.30'));
    expect([short.input.start, short.input.end]).toEqual(['13:00', '16:00']);
    expect(short.warnings).toEqual(['Line 7: the agenda runs outside 13:00–15:30; the meeting is stored from 13:00 to 16:00.']);
  });

  it('keeps “Datum” and “Tid” as written when they are not in the plain form', () => {
    const { input } = map(seed('003').replace('Datum\t2020-05-14', 'Datum\ttorsdag 14 maj 2020').replace('Tid\t13.00-16.00', 'Tid\tkl. 13.00–16.00'));
    expect([input.date, input.start, input.end]).toEqual(['2020-05-14', '13:00', '16:00']);
    expect(input.layout.info.written).toEqual({ date: { text: 'torsdag 14 maj 2020', value: '2020-05-14' }, time: { text: 'kl. 13.00–16.00', value: '13.00-16.00' } });
    expect(map(seed('003')).input.layout.info.written).toBeUndefined();
  });

  it('stores a decision heading too long for one as the first line of its text', () => {
    const long = `Beslut om ${'mycket '.repeat(40)}`.trim();
    const { input, warnings } = map(FULL_TEXT.replace('Beslut §2: Beslut om ramar', `Beslut §2: ${long}`));
    expect(input.records.filter((r) => r.record.kind === 'decision')[1]!.record).toEqual({ kind: 'decision', text: `${long}\nRamarna gäller från den 1 januari.` });
    expect(warnings).toEqual(['Line 61: a decision’s heading is longer than 200 characters: stored as the first line of its text.']);
  });

  it('refuses an agenda the store would refuse, naming the line', () => {
    const text = seed('003').replace('4\tI\tPresentation av', '4\tI\t' + 'x'.repeat(301) + ' Presentation av');
    expect(() => map(text)).toThrow(MinutesFormatError);
    expect(() => map(text)).toThrow(/^Line 55: expected an agenda that fits the meeting \(13:00–16:00\), found “The title is 370 characters long; at most 300 are allowed/);
  });
});
