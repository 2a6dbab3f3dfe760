import { Button, Field, Select, mergeClasses } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { CapabilityMapView } from '../../../../src/contract/tab-api';
import { useShell } from '../../context';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { useStacked } from '../../stacked';
import { useShared } from '../../styles';
import { LEVELS, useStyles } from './styles';
import { FeedbackBar } from '../../components/FeedbackBar';

/**
 * Answers for an organisation: editors choose any organisation of the map; a member answers for their own
 * (the server knows which). Each select is labelled by its capability and its column.
 */
export function AssessmentForm(props: { view: CapabilityMapView; groupId: string; onSaved: (view: CapabilityMapView) => void }) {
  const { api } = useShell();
  const { t } = useI18n();
  const s = useShared();
  const st = useStacked();
  const c = useStyles();
  const { view } = props;
  const [open, setOpen] = useState(false);
  const [organisation, setOrganisation] = useState(view.canEdit ? (view.organisations[0] ?? '') : '');
  const [answers, setAnswers] = useState<Record<string, { maturity: string; importance: string }>>({});
  const { busy, feedback, setFeedback, onSubmit, send } = useFormSubmit();

  // The organisation's earlier answers fill the form.
  const earlier = useMemo(() => {
    const m: Record<string, { maturity: string; importance: string }> = {};
    for (const a of view.assessments) if (a.organisation === organisation) m[a.capabilityId] = { maturity: String(a.maturity), importance: String(a.importance) };
    return m;
  }, [view.assessments, organisation]);
  const valueOf = (id: string) => answers[id] ?? earlier[id] ?? { maturity: '', importance: '' };
  const change = (id: string, field: 'maturity' | 'importance', value: string) => setAnswers((a) => ({ ...a, [id]: { ...valueOf(id), [field]: value } }));

  const submit = () => {
    const touched = Object.entries(answers).filter(([, v]) => v.maturity || v.importance);
    if (touched.length === 0) {
      setFeedback({ intent: 'error', text: t('cap.assess.nothing') });
      return;
    }
    // An answer is a maturity level and an importance together.
    const half = touched.find(([, v]) => !v.maturity || !v.importance);
    if (half) {
      const cap = view.capabilities.find((x) => x.id === half[0]);
      setFeedback({ intent: 'error', text: t('cap.assess.both', { capability: cap ? `${cap.code} ${cap.name}` : half[0] }) });
      return;
    }
    const chosen = touched.map(([capabilityId, v]) => ({ capabilityId, maturity: Number(v.maturity), importance: Number(v.importance) }));
    return send(
      (requestId) => api.assess(props.groupId, { requestId, ...(organisation ? { organisation } : {}), answers: chosen }),
      (next) => {
        setAnswers({});
        props.onSaved(next);
        return t('cap.assess.saved', { count: chosen.length, organisation: organisation || t('cap.assess.own') });
      },
      'cap.assess.failed',
    );
  };

  return (
    <section className={s.card} aria-labelledby="assess-title">
      <h2 id="assess-title" className={s.h2}>
        {t('cap.assess.title')}
      </h2>
      <p className={s.intro}>{view.canEdit ? t('cap.assess.introEditor') : t('cap.assess.introMember')}</p>
      {!open ? (
        <div className={c.feedback}>
          <Button onClick={() => setOpen(true)}>
            {t('cap.assess.open')}
          </Button>
        </div>
      ) : (
        <form className={c.importForm} onSubmit={onSubmit(submit)} noValidate data-testid="assessment-form">
          {view.canEdit && (
            <Field label={t('cap.responses.col.organisation')}>
              <Select
                value={organisation}
                onChange={(_, d) => {
                  setOrganisation(d.value);
                  setAnswers({});
                }}
              >
                {view.organisations.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <div className={s.scroll}>
            <table className={mergeClasses(s.table, st.table)}>
              <caption className={s.srOnly}>{t('cap.assess.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cap.heat.capability')}</th>
                  <th scope="col" id="assess-col-maturity">
                    {t('cap.assess.maturity')}
                  </th>
                  <th scope="col" id="assess-col-importance">
                    {t('cap.heat.importance')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.capabilities.map((cap) => {
                  const v = valueOf(cap.id);
                  return (
                    <tr key={cap.id}>
                      <th scope="row" id={`assess-${cap.id}`} data-key="1">
                        <span className={c.code}>{cap.code}</span>{' '}
                        {cap.name}
                      </th>
                      <td data-label={t('cap.assess.maturity')}>
                        <select
                          className={c.nativeSelect}
                          value={v.maturity}
                          onChange={(e) => change(cap.id, 'maturity', e.target.value)}
                          aria-labelledby={`assess-${cap.id} assess-col-maturity`}
                        >
                          <option value="">{t('common.none')}</option>
                          {LEVELS.map((l) => (
                            <option key={l} value={l}>{`${l} ${t(`cap.level.${l}` as MessageKey)}`}</option>
                          ))}
                        </select>
                      </td>
                      <td data-label={t('cap.heat.importance')}>
                        <select
                          className={c.nativeSelect}
                          value={v.importance}
                          onChange={(e) => change(cap.id, 'importance', e.target.value)}
                          aria-labelledby={`assess-${cap.id} assess-col-importance`}
                        >
                          <option value="">{t('common.none')}</option>
                          {[1, 2, 3, 4, 5].map((n) => (
                            <option key={n} value={n}>
                              {n}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <FeedbackBar feedback={feedback} />
          <div>
            <Button appearance="primary" type="submit" disabled={busy}>
              {busy ? t('cap.assess.saving') : t('cap.assess.submit')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
