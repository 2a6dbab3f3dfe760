/** How the tab's risk history reads an audit event's details: the fields it set or changed, nothing else. */
import { historyChanges } from '../../../src/app/risk-history';

it('lists the values a raised risk was given, without its number (the code is in the heading)', () => {
  expect(historyChanges('create', { number: 3, threat: 'Vikande intresse', probability: 5, impact: 4 })).toEqual([
    { field: 'probability', to: 5 },
    { field: 'impact', to: 4 },
    { field: 'status', to: 'open' },
  ]);
});

it('lists what a review changed, and leaves out what it kept', () => {
  expect(historyChanges('change', { from: { probability: 5, impact: 4, status: 'open' }, to: { probability: 3, impact: 4, status: 'handled' }, reviewId: 'r1' })).toEqual([
    { field: 'probability', from: 5, to: 3 },
    { field: 'status', from: 'open', to: 'handled' },
  ]);
});

it('lists a new number, as the risk’s code, when the risk moved into a group’s register', () => {
  expect(historyChanges('change', { from: { number: 1 }, to: { number: 4 }, movedToGroup: 'g1' })).toEqual([{ field: 'number', from: 'R1', to: 'R4' }]);
});

it('reads details it does not know as no change rather than failing', () => {
  expect(historyChanges('change', { from: 'x', to: null })).toEqual([]);
  expect(historyChanges('retract', { reason: 'fel' })).toEqual([]);
});
