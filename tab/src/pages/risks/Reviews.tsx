/** A risk's reviews and its audit trail, as tables (stacked cards in a side panel). */
import { mergeClasses } from '@fluentui/react-components';
import type { HistoryRow, RiskDetailView, RiskReviewRow, RiskStatus } from '../../../../src/contract/tab-api';
import { BandPill } from '../../components/common';
import { useI18n, type I18n } from '../../i18n';
import { bandOf } from '../../risk-band';
import { useStacked } from '../../stacked';
import { useShared } from '../../styles';

export function Reviews(props: { view: RiskDetailView; noteClass: string }) {
  const s = useShared();
  const st = useStacked();
  const { t, date } = useI18n();
  if (props.view.reviews.length === 0) return <p className={s.muted}>{t('risk.reviews.none')}</p>;
  return (
    <div className={s.scroll}>
      <table className={mergeClasses(s.table, st.table)} data-testid="review-table">
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
              <th scope="row" className={s.nowrap} data-key="1">
                {date(rv.reviewedAt)}
              </th>
              <td data-label={t('risk.reviews.col.meeting')}>{rv.meetingTitle ?? t('risk.reviews.noMeeting')}</td>
              <td className={s.num} data-key="4" data-label={t('risks.col.s')}>
                {rv.probability}
              </td>
              <td className={s.num} data-key="5" data-label={t('risks.col.k')}>
                {rv.impact}
              </td>
              <td className={s.num} data-key="2" data-label={t('risks.col.r')}>
                <BandPill score={rv.score} band={bandOf(rv.score)} />
              </td>
              <td data-key="3">{t(`status.${rv.status}`)}</td>
              <td className={props.noteClass} data-label={t('risk.reviews.col.note')}>
                {rv.note ?? t('common.none')}
              </td>
              <td data-label={t('risk.reviews.col.by')}>{rv.reviewedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Change = HistoryRow['changes'][number];

/**
 * One entry of the audit trail in words: "Ändrad: S 5 → 4, Status Öppen → Hanterad", "Omnumrerad: R2 → R6",
 * "Registrerad: S 5, K 4, Status Öppen"; a review that kept S, K and status says so.
 */
export function historyText(t: I18n['t'], e: HistoryRow): string {
  const fieldName = { probability: t('risks.col.s'), impact: t('risks.col.k'), status: t('risks.col.status'), number: t('risks.col.id') } as const;
  const valueOf = (c: Change, v: number | string) => (c.field === 'status' ? t(`status.${String(v) as RiskStatus}`) : String(v));
  const renumbered = e.action === 'change' && e.changes.length === 1 && e.changes[0]!.field === 'number';
  if (e.action === 'change' && e.changes.length === 0) return t('risk.history.unchanged');
  const parts = e.changes.map((c) => {
    const value = c.from === undefined ? valueOf(c, c.to) : `${valueOf(c, c.from)} → ${valueOf(c, c.to)}`;
    return renumbered ? value : `${fieldName[c.field]} ${value}`;
  });
  const label = renumbered ? t('risk.history.renumbered') : t(`risk.history.action.${e.action}`);
  return parts.length > 0 ? `${label}: ${parts.join(', ')}` : label;
}

/** The risk's audit trail: who raised it and who changed what, when (from the append-only audit table). */
export function History(props: { view: RiskDetailView }) {
  const s = useShared();
  const st = useStacked();
  const { t, dateTime } = useI18n();
  if (props.view.history.length === 0) return <p className={s.muted}>{t('risk.history.none')}</p>;
  return (
    <div className={s.scroll}>
      <table className={mergeClasses(s.table, st.table)} data-testid="history-table">
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
              <th scope="row" className={s.nowrap} data-key="1">
                {dateTime(e.at)}
              </th>
              <td data-key="2">{e.by}</td>
              <td>{historyText(t, e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
