/**
 * The R band of a heat-map cell. The server sends each risk's band; empty cells need it too. Same
 * thresholds as src/domain/risk.ts riskBand (tests/unit/tab/risk-band.test.ts checks they agree).
 */
import type { RiskBand } from '../../src/contract/tab-api';

export function bandOf(r: number): RiskBand {
  if (r >= 20) return 'critical';
  if (r >= 10) return 'high';
  if (r >= 5) return 'medium';
  return 'low';
}
