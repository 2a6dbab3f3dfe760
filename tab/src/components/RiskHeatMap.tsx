/**
 * The 5×5 heat map: probability S (rows, 5 at the top) against impact K (columns). Each cell is a button
 * that shows its count, R and band as text (never colour alone) and filters the register to that cell.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import type { RiskBand, RiskRow } from '../../../src/contract/tab-api';
import { useI18n } from '../i18n';
import { bandOf } from '../risk-band';
import { NARROW } from '../stacked';
import { focusRing, useShared } from '../styles';
import { useBandClass } from './common';

/** Arrow keys move between the cells as on a grid (each cell is also in the Tab order). */
function moveAcrossCells(e: KeyboardEvent<HTMLTableElement>): void {
  const from = (e.target as HTMLElement).closest('button[data-cell]')?.getAttribute('data-cell');
  const m = from ? /^S(\d)K(\d)$/.exec(from) : null;
  if (!m) return;
  let s = Number(m[1]);
  let k = Number(m[2]);
  if (e.key === 'ArrowUp') s += 1;
  else if (e.key === 'ArrowDown') s -= 1;
  else if (e.key === 'ArrowLeft') k -= 1;
  else if (e.key === 'ArrowRight') k += 1;
  else return;
  e.preventDefault();
  e.currentTarget.querySelector<HTMLButtonElement>(`button[data-cell="S${Math.min(5, Math.max(1, s))}K${Math.min(5, Math.max(1, k))}"]`)?.focus();
}

export interface Cell {
  s: number;
  k: number;
}

const SCALE = [1, 2, 3, 4, 5];

const useStyles = makeStyles({
  table: {
    borderCollapse: 'separate',
    borderSpacing: '4px',
    '& caption': { textAlign: 'start', color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalS, maxWidth: '32em' },
    '& th': { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
    '& thead th': { textAlign: 'center', paddingBottom: tokens.spacingVerticalXXS },
    '& tbody th': { textAlign: 'end', paddingRight: tokens.spacingHorizontalXS },
    '& td': { padding: 0 },
    // In the side panel the five columns share the width there is (at 320 px about 45 px each).
    [NARROW]: { width: '100%', tableLayout: 'fixed', borderSpacing: '3px' },
  },
  corner: { [NARROW]: { width: '1.8em' } },
  cell: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    // Narrower in a meeting's side panel (320 px), never so narrow that its text does not fit.
    width: 'clamp(52px, 14vw, 84px)',
    minHeight: '60px',
    padding: `${tokens.spacingVerticalXXS} 2px`,
    cursor: 'pointer',
    fontFamily: 'inherit',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    ':hover': { border: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1Hover}` },
    ':focus-visible': focusRing,
    [NARROW]: { width: '100%', minWidth: 0, padding: `${tokens.spacingVerticalXXS} 1px` },
  },
  selected: {
    border: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralForeground1}`,
    boxShadow: tokens.shadow8,
    ':hover': { border: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralForeground1}` },
  },
  count: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  zero: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  label: { fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100, textAlign: 'center', overflowWrap: 'anywhere' },
});

/** `byPointer`: chosen with a mouse or a finger (a key press on a button clicks it with `detail` 0). */
export function RiskHeatMap(props: { risks: readonly RiskRow[]; selected: Cell | undefined; onSelect(cell: Cell | undefined, byPointer: boolean): void }) {
  const c = useStyles();
  const s = useShared();
  const { t, tn } = useI18n();
  const bandClass = useBandClass();
  const counts = new Map<string, number>();
  for (const r of props.risks) counts.set(`${r.probability}/${r.impact}`, (counts.get(`${r.probability}/${r.impact}`) ?? 0) + 1);

  return (
    <table className={c.table} onKeyDown={moveAcrossCells}>
      <caption>{t('heat.caption')}</caption>
      <thead>
        <tr>
          <td className={c.corner} />
          {SCALE.map((k) => (
            <th key={k} scope="col">
              <span aria-hidden="true">{t('heat.colHeader', { k })}</span>
              <span className={s.srOnly}>{`${t('risks.col.kLong')} ${k}`}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...SCALE].reverse().map((sv) => (
          <tr key={sv}>
            <th scope="row">
              <span aria-hidden="true">{t('heat.rowHeader', { s: sv })}</span>
              <span className={s.srOnly}>{`${t('risks.col.sLong')} ${sv}`}</span>
            </th>
            {SCALE.map((k) => {
              const count = counts.get(`${sv}/${k}`) ?? 0;
              const r = sv * k;
              const band = bandOf(r);
              const selected = props.selected?.s === sv && props.selected.k === k;
              return (
                <td key={k}>
                  <button
                    type="button"
                    className={mergeClasses(c.cell, bandClass(band, count === 0), selected && c.selected)}
                    aria-pressed={selected}
                    data-cell={`S${sv}K${k}`}
                    onClick={(e) => props.onSelect(selected ? undefined : { s: sv, k }, e.detail > 0)}
                  >
                    {/* The name comes from the content (visible text plus hidden words), so it contains what is seen
                        (WCAG 2.5.3): "S5 K4: 1 risk, R 20 · Critical". */}
                    <span className={s.srOnly}>{t('heat.cell.where', { s: sv, k })}</span>
                    <span className={mergeClasses(c.count, count === 0 && c.zero)}>{count}</span>
                    <span className={s.srOnly}>{tn('heat.cell.unit', count)}</span>
                    <span className={c.label}>{`R ${r} · ${t(`band.${band}`)}`}</span>
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The bands with their R ranges and how many of the risks shown fall in each, as text. */
export function BandLegend(props: { risks: readonly RiskRow[] }) {
  const s = useShared();
  const c = useLegendStyles();
  const { t, tn } = useI18n();
  const bandClass = useBandClass();
  const count = (b: RiskBand) => props.risks.filter((r) => r.band === b).length;
  return (
    <div>
      <h3 className={s.h3}>{t('heat.legend')}</h3>
      <ul className={c.list}>
        {(['critical', 'high', 'medium', 'low'] as const).map((b) => (
          <li key={b} className={c.item}>
            <span className={mergeClasses(s.pill, bandClass(b))}>{t(`heat.legend.${b}`)}</span>
            <span>{tn('heat.legend.count', count(b))}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const useLegendStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalS },
  item: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
});
