/** A new review of the risk (editors): S, K, status and a note; R shown as it will be. */
import { Button, Field, MessageBar, MessageBarBody, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { RiskDetailView, RiskStatus } from '../../../../src/contract/tab-api';
import { BandPill } from '../../components/common';
import { useShell } from '../../context';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { useI18n } from '../../i18n';
import { bandOf } from '../../risk-band';
import { useShared } from '../../styles';
import { useStyles } from './detail-styles';

const NOTE_MAX = 4000;

type FormErrors = Partial<Record<'probability' | 'impact' | 'note' | 'form', string>>;

export function ReviewForm(props: { view: RiskDetailView; groupId: string; onSaved(view: RiskDetailView): void }) {
  const { api } = useShell();
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  const risk = props.view.risk;
  const [probability, setProbability] = useState(String(risk.probability));
  const [impact, setImpact] = useState(String(risk.impact));
  const [status, setStatus] = useState<RiskStatus>(risk.status);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const { busy: saving, feedback, onSubmit, send } = useFormSubmit();
  // Validation errors are the form's own; a refusal by the server is the hook's feedback.
  const formError = errors.form ?? (feedback?.intent === 'error' ? feedback.text : undefined);
  const saved = feedback?.intent === 'success' ? feedback.text : undefined;

  const p = Number(probability);
  const k = Number(impact);
  const r = Number.isInteger(p) && Number.isInteger(k) ? p * k : undefined;

  const validate = (): FormErrors => {
    const e: FormErrors = {};
    const inScale = (v: number) => Number.isInteger(v) && v >= 1 && v <= 5;
    if (!inScale(p)) e.probability = t('risk.add.error.scale');
    if (!inScale(k)) e.impact = t('risk.add.error.scale');
    if (note.length > NOTE_MAX) e.note = t('risk.add.error.noteLength', { length: note.length });
    if (!e.probability && !e.impact && p === risk.probability && k === risk.impact && status === risk.status && !note.trim()) {
      e.form = t('risk.add.error.nothing');
    }
    return e;
  };

  const submit = () => {
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    return send(
      (requestId) =>
        api.addReview(props.groupId, risk.id, {
          requestId,
          probability: p,
          impact: k,
          status,
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      (view) => {
        setNote('');
        props.onSaved(view);
        return t('risk.add.saved', {
          code: view.risk.code,
          r: view.risk.score,
          band: t(`band.${view.risk.band}`),
          status: t(`status.${view.risk.status}`),
        });
      },
      'risk.add.failed',
    );
  };

  const scale = [1, 2, 3, 4, 5];
  return (
    <form className={c.form} onSubmit={onSubmit(submit)} noValidate aria-describedby="add-intro" data-testid="review-form">
      <p id="add-intro" className={s.intro}>
        {t('risk.add.intro')}
      </p>
      <div className={c.row}>
        <Field label={t('risks.col.sLong')} validationMessage={errors.probability} required className={c.small}>
          <Select value={probability} onChange={(_, d) => setProbability(d.value)} name="probability">
            {scale.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('risks.col.kLong')} validationMessage={errors.impact} required className={c.small}>
          <Select value={impact} onChange={(_, d) => setImpact(d.value)} name="impact">
            {scale.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('risks.col.status')} className={c.small}>
          <Select value={status} onChange={(_, d) => setStatus(d.value as RiskStatus)} name="status">
            <option value="open">{t('status.open')}</option>
            <option value="handled">{t('status.handled')}</option>
            <option value="closed">{t('status.closed')}</option>
          </Select>
        </Field>
        {r !== undefined && (
          <div className={c.r} aria-live="polite">
            <span className={s.muted}>{t('risks.col.rLong')}: </span>
            <BandPill score={r} band={bandOf(r)} />
          </div>
        )}
      </div>
      <Field label={t('risk.add.note')} hint={t('risk.add.noteHint')} validationMessage={errors.note}>
        <Textarea value={note} onChange={(_, d) => setNote(d.value)} rows={4} resize="vertical" name="note" />
      </Field>
      {formError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{formError}</MessageBarBody>
        </MessageBar>
      )}
      {saved && (
        <MessageBar intent="success" role="status" data-testid="review-saved">
          <MessageBarBody>{saved}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? t('risk.add.saving') : t('risk.add.submit')}
        </Button>
      </div>
    </form>
  );
}
