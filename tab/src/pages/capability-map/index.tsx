/**
 * The capability map: capabilities grouped by area under the target vision, a heat map of maturity per
 * organisation (level as number and abbreviation in every cell, plus colour), summary figures, the
 * response tracker with reminders, and the import (editors).
 */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { LoadError, Loading, Page, useLoad } from '../../components/common';
import { useShell } from '../../context';
import { useI18n } from '../../i18n';
import { useShared } from '../../styles';
import { AssessmentForm } from './AssessmentForm';
import { LevelLegend, MaturityHeatMap } from './HeatMap';
import { ImportForm } from './ImportForm';
import { Responses } from './Responses';
import { useStyles } from './styles';
import { Summary } from './Summary';

export default function CapabilityMapPage() {
  const { api, group } = useShell();
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  const groupId = group?.id ?? '';
  const { me } = useShell();
  const [load, reload, set, refresh] = useLoad(() => api.capabilities(groupId), [api, groupId]);

  return (
    <Page name="capabilities" ready={load.state === 'ok'}>
      <h1 className={s.h1}>{t('cap.title')}</h1>
      {load.state === 'ok' && load.data.vision && (
        <p className={c.vision}>
          <span className={c.visionLabel}>{t('cap.vision')}</span>
          <span className={c.visionText}>{load.data.vision}</span>
        </p>
      )}
      <p className={s.intro}>{t('cap.intro')}</p>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <LoadError error={load.error} retry={reload} />}
      {load.state === 'ok' && (
        <>
          {load.data.capabilities.length === 0 ? (
            <MessageBar intent="info">
              <MessageBarBody>{t('cap.none')}</MessageBarBody>
            </MessageBar>
          ) : (
            <>
              <Summary view={load.data} />
              <section className={s.card} aria-labelledby="cap-heat-title">
                <h2 id="cap-heat-title" className={s.h2}>
                  {t('cap.heat.title')}
                </h2>
                <MaturityHeatMap view={load.data} />
                <LevelLegend />
              </section>
            </>
          )}
          <Responses view={load.data} groupId={groupId} />
          {me.mode === 'entra' && load.data.capabilities.length > 0 && <AssessmentForm view={load.data} groupId={groupId} onSaved={set} />}
          {load.data.canEdit && <ImportForm groupId={groupId} onImported={refresh} />}
        </>
      )}
    </Page>
  );
}
