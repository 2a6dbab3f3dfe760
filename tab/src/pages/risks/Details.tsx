/** A risk's fields as a description list. */
import { Fragment, type ReactNode } from 'react';
import type { RiskDetailView } from '../../../../src/contract/tab-api';
import { BandPill } from '../../components/common';
import { useI18n } from '../../i18n';
import { useStyles } from './detail-styles';

export function Details(props: { view: RiskDetailView }) {
  const c = useStyles();
  const { t, date } = useI18n();
  const r = props.view.risk;
  const rows: Array<[string, ReactNode]> = [
    [t('risks.col.threat'), r.threat],
    [t('risks.col.vulnerability'), r.vulnerability ?? t('common.none')],
    [t('risks.col.consequence'), r.consequence ?? t('common.none')],
    [t('risks.col.sLong'), r.probability],
    [t('risks.col.kLong'), r.impact],
    [t('risks.col.rLong'), <BandPill key="r" score={r.score} band={r.band} />],
    [t('risk.actionNeeded'), r.actionNeeded ? t('common.yes') : t('common.no')],
    [t('risks.col.action'), r.action ?? t('common.none')],
    [t('risks.col.owner'), r.owner ?? t('common.none')],
    [t('risks.col.status'), t(`status.${r.status}`)],
    [t('risk.raisedAt'), date(r.raisedAt)],
    [t('risks.col.lastReview'), date(r.lastReviewedAt)],
  ];
  return (
    <dl className={c.dl}>
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
