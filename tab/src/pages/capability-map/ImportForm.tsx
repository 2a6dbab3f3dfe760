/** The import of capabilities from CSV or JSON (editors). */
import { Button, Field, Select, Textarea } from '@fluentui/react-components';
import { useState, type ChangeEvent } from 'react';
import { useShell } from '../../context';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { useI18n } from '../../i18n';
import { useShared } from '../../styles';
import { useStyles } from './styles';
import { FeedbackBar } from '../../components/FeedbackBar';

export function ImportForm(props: { groupId: string; onImported(): void }) {
  const { api } = useShell();
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [content, setContent] = useState('');
  const [contentError, setContentError] = useState<string | undefined>();
  const { busy, feedback, onSubmit, send } = useFormSubmit();

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setContent(await file.text());
    setContentError(undefined);
    if (/\.json$/i.test(file.name)) setFormat('json');
    else if (/\.csv$/i.test(file.name)) setFormat('csv');
  };

  const submit = () => {
    if (!content.trim()) {
      setContentError(t('cap.import.empty'));
      return;
    }
    setContentError(undefined);
    return send(
      (requestId) => api.importCapabilities(props.groupId, { requestId, format, content }),
      (res) => {
        setContent('');
        props.onImported();
        return t('cap.import.done', { imported: res.imported, updated: res.updated });
      },
      'cap.import.failed',
    );
  };

  return (
    <section className={s.card} aria-labelledby="import-title">
      <h2 id="import-title" className={s.h2}>
        {t('cap.import.title')}
      </h2>
      <form className={c.importForm} onSubmit={onSubmit(submit)} noValidate>
        <p className={s.intro}>{t('cap.import.intro')}</p>
        <Field label={t('cap.import.format')}>
          <Select value={format} onChange={(_, d) => setFormat(d.value === 'json' ? 'json' : 'csv')}>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </Select>
        </Field>
        <div className={c.fileRow}>
          <label htmlFor="import-file">{t('cap.import.file')}</label>
          <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => void onFile(e)} />
        </div>
        <Field label={t('cap.import.content')} validationMessage={contentError} required>
          <Textarea value={content} onChange={(_, d) => setContent(d.value)} rows={6} resize="vertical" />
        </Field>
        <FeedbackBar feedback={feedback} />
        <div>
          <Button appearance="primary" type="submit" disabled={busy}>
            {busy ? t('cap.import.importing') : t('cap.import.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
