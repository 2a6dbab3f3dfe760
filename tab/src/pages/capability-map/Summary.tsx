/** The summary figures: "leading" per organisation, the priority list, and the capabilities mostly weak. */
import { useMemo } from 'react';
import type { CapabilityMapView, CapabilityRow } from '../../../../src/contract/tab-api';
import { useI18n } from '../../i18n';
import { useShared } from '../../styles';
import { useStyles } from './styles';

function useCapabilityIndex(view: CapabilityMapView): Map<string, CapabilityRow> {
  return useMemo(() => new Map(view.capabilities.map((cap) => [cap.id, cap])), [view.capabilities]);
}

export function Summary(props: { view: CapabilityMapView }) {
  const { t, number } = useI18n();
  const s = useShared();
  const c = useStyles();
  const caps = useCapabilityIndex(props.view);
  const { summary } = props.view;
  const leading = [...summary.leadingByOrganisation].sort((a, b) => b.leading - a.leading || a.organisation.localeCompare(b.organisation));
  const name = (id: string) => {
    const cap = caps.get(id);
    return cap ? `${cap.code} ${cap.name}` : id;
  };
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title" className={s.srOnly}>
        {t('cap.summary.title')}
      </h2>
      <div className={c.summary}>
        <div className={s.card}>
          <h3 className={s.h3}>{t('cap.summary.leading.title')}</h3>
          <table className={s.table} data-testid="leading-table">
            <caption className={s.srOnly}>{t('cap.summary.leading.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cap.responses.col.organisation')}</th>
                <th scope="col">{t('cap.level.5')}</th>
              </tr>
            </thead>
            <tbody>
              {leading.map((o) => (
                <tr key={o.organisation}>
                  <th scope="row">{o.organisation}</th>
                  <td>
                    {t('cap.summary.leading.value', { leading: o.leading, total: o.total })}
                    <span className={c.bar} aria-hidden="true">
                      <span className={c.barFill} style={{ width: `${o.total ? Math.round((100 * o.leading) / o.total) : 0}%` }} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className={s.card}>
          <h3 className={s.h3}>{t('cap.summary.priorities.title')}</h3>
          <p className={s.intro}>{t('cap.summary.priorities.intro')}</p>
          {summary.priorities.length === 0 ? (
            <p>{t('cap.summary.priorities.none')}</p>
          ) : (
            <ol className={c.list} data-testid="priorities">
              {summary.priorities.map((p) => (
                <li key={p.capabilityId}>
                  {name(p.capabilityId)}
                  <span className={c.itemMeta}>
                    {t('cap.summary.priorities.item', { importance: number(p.importance), maturity: number(p.averageMaturity) })}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
        <div className={s.card}>
          <h3 className={s.h3}>{t('cap.summary.weak.title')}</h3>
          <p className={s.intro}>{t('cap.summary.weak.intro')}</p>
          {summary.mostlyWeak.length === 0 ? (
            <p>{t('cap.summary.weak.none')}</p>
          ) : (
            <ul className={c.list}>
              {summary.mostlyWeak.map((w) => (
                <li key={w.capabilityId}>
                  {name(w.capabilityId)}
                  <span className={c.itemMeta}>{t('cap.summary.weak.item', { weak: w.weak, answered: w.answered })}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
