/** One risk: its full text, its reviews over time with a small chart of R, and (for editors) a new review. */
import { MessageBar, MessageBarBody, mergeClasses } from '@fluentui/react-components';
import { AppLink, LoadError, Loading, Page, useLoad } from '../../components/common';
import { useShell } from '../../context';
import { useI18n } from '../../i18n';
import type { Route } from '../../router';
import { useShared } from '../../styles';
import { Details } from './Details';
import { useStyles } from './detail-styles';
import { History, Reviews } from './Reviews';
import { ReviewForm } from './ReviewForm';
import { RChart } from './RiskChart';

export default function RiskDetailPage(props: { route: Route }) {
  const riskId = props.route.page === 'risk' ? props.route.riskId : '';
  const { api, group } = useShell();
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  const groupId = group?.id ?? '';
  const [load, reload, set] = useLoad(() => api.risk(groupId, riskId), [api, groupId, riskId]);

  return (
    <Page name="risk" ready={load.state === 'ok'}>
      <p className={c.back}>
        <AppLink to={{ page: 'risks' }}>
          <span aria-hidden="true">← </span>
          {t('risk.back')}
        </AppLink>
      </p>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' &&
        (load.error.status === 404 ? (
          <MessageBar intent="warning">
            <MessageBarBody>{t('risk.notFound')}</MessageBarBody>
          </MessageBar>
        ) : (
          <LoadError error={load.error} retry={reload} />
        ))}
      {load.state === 'ok' && (
        <>
          <h1 className={mergeClasses(s.h1, c.title)}>
            {/* Named by its threat, as the register and the bot's cards name it. */}
            {load.data.risk.code} · {load.data.risk.threat}
          </h1>
          <div className={c.grid}>
            <section className={s.card} aria-labelledby="details-title">
              <h2 id="details-title" className={s.h2}>
                {t('risk.details')}
              </h2>
              <Details view={load.data} />
            </section>
            <section className={s.card} aria-labelledby="chart-title">
              <h2 id="chart-title" className={s.h2}>
                {t('risk.chart.title')}
              </h2>
              <RChart view={load.data} className={c.chart} />
            </section>
          </div>
          <section className={s.card} aria-labelledby="reviews-title">
            <h2 id="reviews-title" className={s.h2}>
              {t('risk.reviews.title')}
            </h2>
            <Reviews view={load.data} noteClass={c.note} />
          </section>
          <section className={s.card} aria-labelledby="history-title">
            <h2 id="history-title" className={s.h2}>
              {t('risk.history.title')}
            </h2>
            <History view={load.data} />
          </section>
          {load.data.canEdit && (
            <section className={s.card} aria-labelledby="add-title">
              <h2 id="add-title" className={s.h2}>
                {t('risk.add.title')}
              </h2>
              <ReviewForm view={load.data} groupId={groupId} onSaved={set} />
            </section>
          )}
        </>
      )}
    </Page>
  );
}
