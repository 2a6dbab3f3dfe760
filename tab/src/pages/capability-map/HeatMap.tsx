/** The heat map of maturity (capabilities × organisations) and its legend. */
import { mergeClasses } from '@fluentui/react-components';
import { memo, useMemo } from 'react';
import type { CapabilityMapView, CapabilityRow } from '../../../../src/contract/tab-api';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { useStacked } from '../../stacked';
import { useShared } from '../../styles';
import { LEVELS, levelClassKey, useStyles } from './styles';

/** Capabilities (rows, grouped by area) × organisations (columns). Plain table cells: 55 × 14 draws at once. */
export const MaturityHeatMap = memo(function MaturityHeatMap(props: { view: CapabilityMapView }) {
  const { t, number } = useI18n();
  const s = useShared();
  const st = useStacked();
  const c = useStyles();
  const { view } = props;
  const byCell = useMemo(() => {
    const m = new Map<string, CapabilityMapView['assessments'][number]>();
    for (const a of view.assessments) m.set(`${a.capabilityId}\u0000${a.organisation}`, a);
    return m;
  }, [view.assessments]);
  const importance = useMemo(() => {
    const sums = new Map<string, { sum: number; n: number }>();
    for (const a of view.assessments) {
      const e = sums.get(a.capabilityId) ?? { sum: 0, n: 0 };
      e.sum += a.importance;
      e.n += 1;
      sums.set(a.capabilityId, e);
    }
    return sums;
  }, [view.assessments]);
  const areas = useMemo(() => {
    const groups = new Map<string, CapabilityRow[]>();
    for (const cap of view.capabilities) groups.set(cap.area, [...(groups.get(cap.area) ?? []), cap]);
    return [...groups.entries()];
  }, [view.capabilities]);
  const levelText = LEVELS.map((l) => ({ full: t(`cap.level.${l}` as MessageKey), abbr: t(`cap.abbr.${l}` as MessageKey) }));
  const columns = view.organisations.length + 2;

  return (
    <div className={s.scroll} tabIndex={0} role="region" aria-label={t('cap.heat.scrollRegion')}>
      <table className={mergeClasses(c.heat, st.table)} data-testid="capability-heatmap">
        <caption>{t('cap.heat.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className={c.capHead}>
              {t('cap.heat.capability')}
            </th>
            <th scope="col" className={c.orgHead} title={t('cap.heat.importanceHint')}>
              <span>{t('cap.heat.importance')}</span>
            </th>
            {view.organisations.map((o) => (
              <th key={o} scope="col" className={c.orgHead} title={o}>
                <span>{o}</span>
              </th>
            ))}
          </tr>
        </thead>
        {areas.map(([area, caps]) => (
          <tbody key={area}>
            <tr data-heading="">
              <th scope="colgroup" colSpan={columns} className={c.area}>
                {area}
              </th>
            </tr>
            {caps.map((cap) => {
              const imp = importance.get(cap.id);
              return (
                <tr key={cap.id}>
                  {/* As a card (side panel): the capability, its importance, then each organisation's level. */}
                  <th scope="row" className={c.capName} title={cap.description} data-key="1">
                    <span className={c.code}>{cap.code}</span>{' '}
                    {cap.name}
                  </th>
                  <td className={c.importance} data-key="2" data-label={t('cap.heat.importance')}>
                    {imp ? number(imp.sum / imp.n) : t('common.none')}
                  </td>
                  {view.organisations.map((o) => {
                    const a = byCell.get(`${cap.id}\u0000${o}`);
                    if (!a) {
                      return (
                        <td key={o} className={mergeClasses(c.cell, c.empty)} data-inline="" data-label={o}>
                          <span aria-hidden="true">{t('common.none')}</span>
                          <span className={s.srOnly}>{t('cap.heat.noAnswer')}</span>
                        </td>
                      );
                    }
                    const lt = levelText[a.maturity - 1]!;
                    return (
                      <td key={o} className={mergeClasses(c.cell, c[levelClassKey(a.maturity)])} title={`${o}: ${lt.full}`} data-inline="" data-label={o}>
                        <span aria-hidden="true">
                          <span className={c.n}>{a.maturity}</span>
                          {lt.abbr}
                        </span>
                        <span className={s.srOnly}>{`${lt.full} (${a.maturity})`}</span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
});

export function LevelLegend() {
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  return (
    <>
      <h3 className={s.srOnly}>{t('cap.heat.legend')}</h3>
      <ul className={c.legend} aria-label={t('cap.heat.legend')}>
        {LEVELS.map((l) => (
          <li key={l}>
            <span className={mergeClasses(c.swatch, c[levelClassKey(l)])} aria-hidden="true">
              {`${l} ${t(`cap.abbr.${l}` as MessageKey)}`}
            </span>
            {t(`cap.level.${l}` as MessageKey)}
          </li>
        ))}
      </ul>
    </>
  );
}
