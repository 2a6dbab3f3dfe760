/**
 * The secretary's forms on the meeting page: a decision, a note, an action or a risk on the item in
 * progress, and Next item — the chat commands' use cases, each submit with its own request id.
 */
import { Button, Field, Input, Select, Tab, TabList, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { MeetingPageView } from '../../../../src/contract/tab-api';
import { useShell } from '../../context';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { useI18n } from '../../i18n';
import { useShared } from '../../styles';
import { FeedbackBar } from '../../components/FeedbackBar';

type Kind = 'decisions' | 'notes' | 'actions' | 'risks';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, '& > *': { flex: '1 1 8em', minWidth: 0 } },
  tabs: { flexWrap: 'wrap' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  item: { margin: 0, overflowWrap: 'anywhere' },
});

export function MeetingForms(props: { view: MeetingPageView; onSaved(view: MeetingPageView): void }) {
  const { api } = useShell();
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  const meeting = props.view.meeting!;
  const [kind, setKind] = useState<Kind>('decisions');
  const [heading, setHeading] = useState('');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [probability, setProbability] = useState('3');
  const [impact, setImpact] = useState('3');
  const form = useFormSubmit();
  const next = useFormSubmit();
  const current = props.view.agenda.find((r) => r.kind === 'item' && r.current);

  const submit = () => {
    if (!text.trim()) {
      form.setFeedback({ intent: 'error', text: t('mtg.form.required') });
      return;
    }
    const body =
      kind === 'decisions'
        ? { heading: heading.trim() || undefined, text }
        : kind === 'notes'
          ? { text }
          : kind === 'actions'
            ? { text, owner: owner.trim() || undefined, due: due || undefined }
            : { threat: text, probability: Number(probability), impact: Number(impact) };
    return form.send(
      (requestId) => api.recordInMeeting(props.view.group.id, meeting.id, kind, { requestId, ...body }),
      (view) => {
        setText('');
        setHeading('');
        setOwner('');
        setDue('');
        props.onSaved(view);
        return t('mtg.form.saved');
      },
      'mtg.form.failed',
    );
  };

  const moveOn = () =>
    next.send(
      (requestId) => api.recordInMeeting(props.view.group.id, meeting.id, 'next', { requestId, from: meeting.currentItem ?? 0 }),
      (view) => {
        props.onSaved(view);
        return t('mtg.next.done');
      },
      'mtg.form.failed',
    );

  const scale = ['1', '2', '3', '4', '5'];
  return (
    <section className={s.card} aria-labelledby="mtg-record" data-testid="meeting-forms">
      <h2 id="mtg-record" className={s.h2}>
        {t('mtg.record')}
      </h2>
      <p className={c.item}>{current?.kind === 'item' ? t('mtg.record.item', { number: current.number, title: current.title }) : t('mtg.record.noItem')}</p>
      <div className={c.actions}>
        <Button appearance="secondary" onClick={() => void moveOn()} disabled={next.busy} data-testid="next-item">
          {t('mtg.next')}
        </Button>
        {next.feedback && (
          <span role={next.feedback.intent === 'error' ? 'alert' : 'status'} className={s.muted}>
            {next.feedback.text}
          </span>
        )}
      </div>
      <TabList className={c.tabs} selectedValue={kind} onTabSelect={(_, d) => setKind(d.value as Kind)} size="small">
        <Tab value="decisions">{t('mtg.form.decision')}</Tab>
        <Tab value="notes">{t('mtg.form.note')}</Tab>
        <Tab value="actions">{t('mtg.form.action')}</Tab>
        <Tab value="risks">{t('mtg.form.risk')}</Tab>
      </TabList>
      <form className={c.form} onSubmit={form.onSubmit(submit)} noValidate data-testid={`meeting-form-${kind}`}>
        {kind === 'decisions' && (
          <Field label={t('mtg.form.heading')}>
            <Input value={heading} onChange={(_, d) => setHeading(d.value)} name="heading" />
          </Field>
        )}
        <Field label={kind === 'risks' ? t('mtg.form.threat') : t('mtg.form.text')} required>
          <Textarea value={text} onChange={(_, d) => setText(d.value)} rows={3} resize="vertical" name="text" />
        </Field>
        {kind === 'actions' && (
          <div className={c.row}>
            <Field label={t('mtg.form.owner')}>
              <Input value={owner} onChange={(_, d) => setOwner(d.value)} name="owner" />
            </Field>
            <Field label={t('mtg.form.due')}>
              <Input type="date" value={due} onChange={(_, d) => setDue(d.value)} name="due" />
            </Field>
          </div>
        )}
        {kind === 'risks' && (
          <div className={c.row}>
            <Field label={t('mtg.form.S')}>
              <Select value={probability} onChange={(_, d) => setProbability(d.value)} name="probability">
                {scale.map((v) => (
                  <option key={v}>{v}</option>
                ))}
              </Select>
            </Field>
            <Field label={t('mtg.form.K')}>
              <Select value={impact} onChange={(_, d) => setImpact(d.value)} name="impact">
                {scale.map((v) => (
                  <option key={v}>{v}</option>
                ))}
              </Select>
            </Field>
          </div>
        )}
        <FeedbackBar feedback={form.feedback} />
        <div>
          <Button appearance="primary" type="submit" disabled={form.busy}>
            {t('mtg.form.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
