/**
 * Transcript cues to agenda items: the item in progress at each cue's start, by the items' actual start
 * times (not their agenda order), with what came before the first item and after the agenda apart, and
 * several transcripts joined in time order.
 */
import { alignCues, coveredMinutes } from '../../../src/app/transcript-alignment';
import type { TranscriptCue } from '../../../src/app/ports';

const at = (hhmmss: string) => `2027-02-11T${hhmmss}.000Z`;
const cue = (id: string, start: string, end = start): TranscriptCue => ({ id, start: at(start), end: at(end), text: id });

const agenda = {
  items: [
    { number: 1, title: 'Inledning', actualStart: at('09:00:00') },
    { number: 2, title: 'Budget', actualStart: at('09:10:00') },
    { number: 3, title: 'E-arkivet', actualStart: at('09:40:00') },
  ],
  doneAt: at('10:00:00'),
};

const ids = (items: ReturnType<typeof alignCues>) => items.map((i) => [i.place, i.number ?? null, i.cues.map((c) => c.id)]);

it('files each cue under the item in progress at its start; an item starts inclusive, ends where the next starts', () => {
  const items = alignCues([[cue('early', '08:59:59'), cue('first', '09:00:00'), cue('end1', '09:09:59'), cue('second', '09:10:00'), cue('third', '09:59:59'), cue('late', '10:00:00')]], agenda);
  expect(ids(items)).toEqual([
    ['before', null, ['early']],
    ['item', 1, ['first', 'end1']],
    ['item', 2, ['second']],
    ['item', 3, ['third']],
    ['after', null, ['late']],
  ]);
  expect(items.map((i) => i.title)).toEqual(['', 'Inledning', 'Budget', 'E-arkivet', '']);
});

it('joins several transcripts in time order', () => {
  const items = alignCues([[cue('b1', '09:41:00'), cue('b2', '09:42:00')], [cue('a1', '09:05:00'), cue('a2', '09:41:00')]], agenda);
  expect(ids(items)).toEqual([
    ['item', 1, ['a1']],
    ['item', 2, []],
    ['item', 3, ['a2', 'b1', 'b2']],
  ]);
});

it('goes by when items were taken up: an item taken first holds the time until the next one started', () => {
  const jumped = { items: [{ number: 1, title: 'A', actualStart: at('09:20:00') }, { number: 2, title: 'B', actualStart: at('09:00:00') }, { number: 3, title: 'C' }] };
  const items = alignCues([[cue('x', '09:05:00'), cue('y', '09:25:00'), cue('z', '11:00:00')]], jumped);
  // Without an end to the agenda the last item taken up runs on; the item never taken up has nothing.
  expect(ids(items)).toEqual([
    ['item', 1, ['y', 'z']],
    ['item', 2, ['x']],
    ['item', 3, []],
  ]);
});

it('puts everything before the agenda when no item was taken up', () => {
  expect(ids(alignCues([[cue('x', '09:05:00')]], { items: [{ number: 1, title: 'A' }] }))).toEqual([
    ['before', null, ['x']],
    ['item', 1, []],
  ]);
});

it('counts the minutes each transcript covers, added up and rounded up', () => {
  expect(coveredMinutes([[cue('a', '09:00:00', '09:00:30'), cue('b', '09:10:00', '09:12:10')], [cue('c', '09:40:00', '09:41:00')], []])).toBe(14);
  expect(coveredMinutes([])).toBe(0);
});
