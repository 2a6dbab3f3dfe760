/** The response tracker: who has answered how much, and (editors) a reminder to those not done. */
import { Button, mergeClasses } from '@fluentui/react-components';
import { useState } from 'react';
import type { CapabilityMapView } from '../../../../src/contract/tab-api';
import { ApiFailure, newRequestId } from '../../api';
import { errorText } from '../../components/common';
import { useShell } from '../../context';
import { useI18n } from '../../i18n';
import { useStacked } from '../../stacked';
import { useShared } from '../../styles';
import { useStyles } from './styles';
import { FeedbackBar } from '../../components/FeedbackBar';

export function Responses(props: { view: CapabilityMapView; groupId: string }) {
  const { api } = useShell();
  const { t, date } = useI18n();
  const s = useShared();
  const st = useStacked();
  const c = useStyles();
  const [busy, setBusy] = useState<string | undefined>();
  const [feedback, setFeedback] = useState<{ intent: 'success' | 'warning' | 'error'; text: string } | undefined>();
  const [reminded, setReminded] = useState<Record<string, string>>({});
  const canEdit = props.view.canEdit;

  const remind = async (organisation: string) => {
    setBusy(organisation);
    setFeedback(undefined);
    try {
      const res = await api.remind(props.groupId, { requestId: newRequestId(), organisation });
      setReminded((r) => ({ ...r, [organisation]: res.remindedAt }));
      const sent = res.sentTo.length > 0 ? t('cap.responses.reminded', { sentTo: res.sentTo.join(', ') }) : '';
      const missed = res.unreachable.length > 0 ? t('cap.responses.unreachable', { names: res.unreachable.join(', ') }) : '';
      setFeedback({ intent: res.unreachable.length > 0 ? 'warning' : 'success', text: [sent, missed].filter(Boolean).join(' ') });
    } catch (e) {
      setFeedback({ intent: 'error', text: t('cap.responses.remindFailed', { message: e instanceof ApiFailure ? errorText(t, e) : String(e) }) });
    } finally {
      setBusy(undefined);
    }
  };

  if (props.view.responses.length === 0) return null;
  return (
    <section className={s.card} aria-labelledby="responses-title">
      <h2 id="responses-title" className={s.h2}>
        {t('cap.responses.title')}
      </h2>
      <FeedbackBar feedback={feedback} className={c.feedback} />
      <div className={s.scroll}>
        <table className={mergeClasses(s.table, st.table)} data-testid="response-tracker">
          <caption className={s.srOnly}>{t('cap.responses.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cap.responses.col.organisation')}</th>
              <th scope="col">{t('cap.responses.col.representative')}</th>
              <th scope="col">{t('cap.responses.col.answered')}</th>
              <th scope="col">{t('cap.responses.col.lastAnswered')}</th>
              <th scope="col">{t('cap.responses.col.reminded')}</th>
              {canEdit && (
                <th scope="col">
                  <span className={s.srOnly}>{t('cap.responses.remind')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {props.view.responses.map((r) => {
              const complete = r.total > 0 && r.answered >= r.total;
              const remindedAt = reminded[r.organisation] ?? r.remindedAt;
              return (
                <tr key={r.organisation}>
                  <th scope="row" data-key="1">
                    {r.organisation}
                  </th>
                  <td data-label={t('cap.responses.col.representative')}>{r.representative ?? t('common.none')}</td>
                  <td className={s.nowrap} data-key="2">
                    {complete ? `✓ ${t('cap.responses.complete')}` : t('cap.responses.answered', { answered: r.answered, total: r.total })}
                    <span className={c.bar} aria-hidden="true">
                      <span className={c.barFill} style={{ width: `${r.total ? Math.round((100 * r.answered) / r.total) : 0}%` }} />
                    </span>
                  </td>
                  <td className={s.nowrap} data-label={t('cap.responses.col.lastAnswered')}>
                    {date(r.lastAnsweredAt)}
                  </td>
                  <td className={s.nowrap} data-label={t('cap.responses.col.reminded')}>
                    {date(remindedAt)}
                  </td>
                  {canEdit && (
                    <td>
                      {!complete && (
                        <Button
                          size="small"
                          disabled={busy !== undefined}
                          onClick={() => void remind(r.organisation)}
                        >
                          {/* The name says whom (visible words first, WCAG 2.5.3): "Send reminder to Munkedal". */}
                          {busy === r.organisation ? t('cap.responses.reminding') : t('cap.responses.remind')}
                          <span className={s.srOnly}>{` ${t('cap.responses.remindTo', { organisation: r.organisation })}`}</span>
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
