/** The tab colours empty heat-map cells by itself: its bands must be the domain's. */
import { riskBand } from '../../../src/domain/risk';
import { bandOf } from '../../../tab/src/risk-band';

it('gives every R from 1 to 25 the band the domain gives it', () => {
  const scores = [...new Set(Array.from({ length: 25 }, (_, i) => Math.floor(i / 5 + 1) * ((i % 5) + 1)))];
  expect(scores).toHaveLength(14);
  for (const r of scores) expect([r, bandOf(r)]).toEqual([r, riskBand(r)]);
  expect([4, 5, 9, 10, 16, 20].map(bandOf)).toEqual(['low', 'medium', 'medium', 'high', 'high', 'critical']);
});
