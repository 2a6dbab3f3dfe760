/** R over time as a small SVG line chart. */
import { tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { RiskDetailView } from '../../../../src/contract/tab-api';
import { useI18n, type I18n } from '../../i18n';
import { useNarrow } from '../../stacked';

/** The points of the chart: the risk as raised (when known), then each review, oldest first. */
function pointsOf(view: RiskDetailView): Array<{ at: string; r: number }> {
  const reviews = view.reviews.map((rv) => ({ at: rv.reviewedAt, r: rv.score }));
  if (view.raised) return [{ at: view.raised.at, r: view.raised.score }, ...reviews];
  return reviews.length > 0 ? reviews : [{ at: view.risk.raisedAt, r: view.risk.score }];
}

function chartDescription(i18n: I18n, points: Array<{ at: string; r: number }>): string {
  const text = points.map((p) => i18n.t('risk.chart.point', { r: p.r, date: i18n.date(p.at) })).join(', ');
  return i18n.tn('risk.chart.desc', points.length, { points: text });
}

/** A small line chart of R over time (inline SVG); its text alternative lists every value. */
export function RChart(props: { view: RiskDetailView; className: string }) {
  const i18n = useI18n();
  const titleId = useId();
  const descId = useId();
  const points = pointsOf(props.view);
  // Narrower proportions in a side panel, so that its labels stay legible when the chart is scaled to fit.
  const W = useNarrow() ? 300 : 520;
  const H = 200;
  const pad = { left: 40, right: 16, top: 12, bottom: 36 };
  const x = (i: number) => pad.left + (points.length === 1 ? (W - pad.left - pad.right) / 2 : (i * (W - pad.left - pad.right)) / (points.length - 1));
  const y = (r: number) => pad.top + ((25 - r) * (H - pad.top - pad.bottom)) / 24;
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.r).toFixed(1)}`).join(' ');
  const fg = tokens.colorNeutralForeground2;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className={props.className} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{i18n.t('risk.chart.title')}</title>
        <desc id={descId}>{chartDescription(i18n, points)}</desc>
        {/* Band thresholds as faint lines, each labelled with its R. */}
        {[1, 5, 10, 20, 25].map((r) => (
          <g key={r}>
            <line x1={pad.left} x2={W - pad.right} y1={y(r)} y2={y(r)} stroke={tokens.colorNeutralStroke2} strokeDasharray={r === 1 || r === 25 ? undefined : '4 4'} />
            <text x={pad.left - 8} y={y(r) + 4} textAnchor="end" fontSize="12" fill={fg}>
              {r}
            </text>
          </g>
        ))}
        <path d={line} fill="none" stroke={tokens.colorBrandStroke1} strokeWidth={2.5} />
        {points.map((p, i) => (
          <g key={i}>
            <circle cx={x(i)} cy={y(p.r)} r={5} fill={tokens.colorBrandBackground} stroke={tokens.colorNeutralBackground1} strokeWidth={1.5} />
            <text x={x(i)} y={y(p.r) - 10} textAnchor="middle" fontSize="12" fontWeight="600" fill={tokens.colorNeutralForeground1}>
              {p.r}
            </text>
            {/* The first and last dates end inside the chart rather than being cut at its edges. */}
            <text x={x(i)} y={H - 12} textAnchor={points.length > 1 && i === 0 ? 'start' : points.length > 1 && i === points.length - 1 ? 'end' : 'middle'} fontSize="11" fill={fg}>
              {i18n.date(p.at)}
            </text>
          </g>
        ))}
      </svg>
  );
}
