/** A risk's reviews and its audit trail, as tables. */
import type { HistoryRow, RiskDetailView, RiskReviewRow, RiskStatus } from '../../../../src/contract/tab-api';
import { BandPill } from '../../components/common';
import { useI18n } from '../../i18n';
import { bandOf } from '../../risk-band';
import { useShared } from '../../styles';

export function Reviews(props: { view: RiskDetailView; noteClass: string }) {
  const s = useShared();
  const { t, date } = useI18n();
  if (props.view.reviews.length === 0) return <p className={s.muted}>{t('risk.reviews.none')}</p>;
  return (
    <div className={s.scroll}>
      <table className={s.table} data-testid="review-table">
        <caption className={s.srOnly}>{t('risk.reviews.caption', { code: props.view.risk.code })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('risk.reviews.col.date')}</th>
            <th scope="col">{t('risk.reviews.col.meeting')}</th>
            <th scope="col" className={s.num}>
              <span aria-hidden="true">{t('risks.col.s')}</span>
              <span className={s.srOnly}>{t('risks.col.sLong')}</span>
            </th>
            <th scope="col" className={s.num}>
              <span aria-hidden="true">{t('risks.col.k')}</span>
              <span className={s.srOnly}>{t('risks.col.kLong')}</span>
            </th>
            <th scope="col" className={s.num}>
              <span aria-hidden="true">{t('risks.col.r')}</span>
              <span className={s.srOnly}>{t('risks.col.rLong')}</span>
            </th>
            <th scope="col">{t('risks.col.status')}</th>
            <th scope="col">{t('risk.reviews.col.note')}</th>
            <th scope="col">{t('risk.reviews.col.by')}</th>
          </tr>
        </thead>
        <tbody>
          {props.view.reviews.map((rv: RiskReviewRow) => (
            <tr key={rv.id}>
              <th scope="row" className={s.nowrap}>
                {date(rv.reviewedAt)}
              </th>
              <td>{rv.meetingTitle ?? t('risk.reviews.noMeeting')}</td>
              <td className={s.num}>{rv.probability}</td>
              <td className={s.num}>{rv.impact}</td>
              <td className={s.num}>
                <BandPill score={rv.score} band={bandOf(rv.score)} />
              </td>
              <td>{t(`status.${rv.status}`)}</td>
              <td className={props.noteClass}>{rv.note ?? t('common.none')}</td>
              <td>{rv.reviewedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The risk's audit trail: who raised it and who changed what, when (from the append-only audit table). */
export function History(props: { view: RiskDetailView }) {
  const s = useShared();
  const { t, dateTime } = useI18n();
  if (props.view.history.length === 0) return <p className={s.muted}>{t('risk.history.none')}</p>;
  const valueOf = (field: HistoryRow['changes'][number]['field'], v: number | string) => (field === 'status' ? t(`status.${String(v) as RiskStatus}`) : String(v));
  const fieldName = { probability: t('risks.col.s'), impact: t('risks.col.k'), status: t('risks.col.status'), number: t('risks.col.id') } as const;
  return (
    <div className={s.scroll}>
      <table className={s.table} data-testid="history-table">
        <caption className={s.srOnly}>{t('risk.history.caption', { code: props.view.risk.code })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('risk.history.col.when')}</th>
            <th scope="col">{t('risk.history.col.who')}</th>
            <th scope="col">{t('risk.history.col.what')}</th>
          </tr>
        </thead>
        <tbody>
          {props.view.history.map((e, i) => (
            <tr key={i}>
              <th scope="row" className={s.nowrap}>
                {dateTime(e.at)}
              </th>
              <td>{e.by}</td>
              <td>
                {t(`risk.history.action.${e.action}`)}
                {e.changes.length > 0 && ': '}
                {e.changes.map((c) => (c.from === undefined ? `${fieldName[c.field]} ${valueOf(c.field, c.to)}` : `${fieldName[c.field]} ${valueOf(c.field, c.from)} → ${valueOf(c.field, c.to)}`)).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
