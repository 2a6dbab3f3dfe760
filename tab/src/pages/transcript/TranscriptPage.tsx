/**
 * The Transcript page (`/tab/transcript?meeting=<id>`): Teams' transcript of a meeting per agenda item, by
 * the times the items were actually taken up, searchable; the secretary and the group's officers choose
 * passages of an item and add them to the minutes as a note (the same use case as /note).
 */
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import type { TranscriptPageView } from '../../../../src/contract/tab-api';
import { FeedbackBar } from '../../components/FeedbackBar';
import { LoadError, Loading, Page, useLoad } from '../../components/common';
import { useShell } from '../../context';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { useI18n } from '../../i18n';
import { useShared } from '../../styles';

type Item = TranscriptPageView['items'][number];

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  cue: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'flex-start', minWidth: 0 },
  body: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  meta: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  speaker: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  time: { fontVariantNumeric: 'tabular-nums' },
  search: { flex: '1 1 14em', minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center', marginTop: tokens.spacingVerticalS },
});

function ItemSection(props: { item: Item; index: number; meetingId: string; mayTakeNotes: boolean; query: string; time: (iso: string) => string }) {
  const { api } = useShell();
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const form = useFormSubmit();
  const { item } = props;
  const cues = props.query
    ? item.cues.filter((cue) => `${cue.speaker ?? ''} ${cue.text}`.toLocaleLowerCase().includes(props.query))
    : item.cues;
  const title = item.number === null ? t(item.place === 'before' ? 'tr.before' : 'tr.after') : t('tr.item', { number: item.number, title: item.title });
  const id = `tr-item-${props.index}`;
  const toggle = (cueId: string, on: boolean) =>
    setChosen((was) => {
      const next = new Set(was);
      if (on) next.add(cueId);
      else next.delete(cueId);
      return next;
    });
  const submit = () => {
    if (chosen.size === 0) {
      form.setFeedback({ intent: 'error', text: t('tr.addNoteNone') });
      return;
    }
    // In transcript order, whatever order they were chosen in.
    const cueIds = item.cues.filter((cue) => chosen.has(cue.id)).map((cue) => cue.id);
    return form.send(
      (requestId) => api.transcriptNote(props.meetingId, { itemNumber: item.number, cueIds, requestId }),
      () => {
        setChosen(new Set());
        return t('tr.added');
      },
      'tr.addFailed',
    );
  };

  return (
    <section className={s.card} aria-labelledby={id} data-testid="transcript-item">
      <h2 id={id} className={s.h2}>
        {title}
      </h2>
      {cues.length === 0 ? (
        <p className={s.muted}>{t('tr.nothingSaid')}</p>
      ) : (
        <ul className={c.list}>
          {cues.map((cue) => (
            <li key={cue.id} className={c.cue}>
              {props.mayTakeNotes && <Checkbox checked={chosen.has(cue.id)} onChange={(_, d) => toggle(cue.id, d.checked === true)} aria-label={t('tr.select', { time: props.time(cue.start) })} />}
              <div className={c.body}>
                <span className={c.meta}>
                  <span className={c.speaker}>{cue.speaker ?? t('tr.unknownSpeaker')}</span>
                  <span className={c.time}>{props.time(cue.start)}</span>
                </span>
                <span>{cue.text}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {props.mayTakeNotes && item.cues.length > 0 && (
        <form className={c.actions} onSubmit={form.onSubmit(submit)}>
          <Button type="submit" appearance="primary" disabled={form.busy}>
            {t('tr.addNote')}
          </Button>
          <FeedbackBar feedback={form.feedback} />
        </form>
      )}
    </section>
  );
}

export default function TranscriptPage() {
  const { api } = useShell();
  const i18n = useI18n();
  const { t } = i18n;
  const s = useShared();
  const c = useStyles();
  const meetingId = new URLSearchParams(window.location.search).get('meeting') ?? '';
  const read = useCallback(() => api.transcript(meetingId), [api, meetingId]);
  const [load, reload] = useLoad(read, [read]);
  const [text, setText] = useState('');
  const query = text.trim().toLocaleLowerCase();
  const time = useMemo(() => {
    const f = new Intl.DateTimeFormat(i18n.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/Stockholm' });
    return (iso: string) => f.format(new Date(iso));
  }, [i18n.locale]);
  const view = load.state === 'ok' ? load.data : undefined;
  const total = view ? view.items.reduce((n, i) => n + i.cues.length, 0) : 0;
  const shown = view && query ? view.items.reduce((n, i) => n + i.cues.filter((cue) => `${cue.speaker ?? ''} ${cue.text}`.toLocaleLowerCase().includes(query)).length, 0) : total;

  if (!meetingId) {
    return (
      <Page name="transcript" ready>
        <h1 className={s.h1}>{t('tr.title')}</h1>
        <MessageBar intent="info">
          <MessageBarBody>{t('tr.noMeeting')}</MessageBarBody>
        </MessageBar>
      </Page>
    );
  }
  return (
    <Page name="transcript" ready={load.state !== 'loading'}>
      <h1 className={s.h1}>{view?.meeting.title ? `${t('tr.title')}: ${view.meeting.title}` : t('tr.title')}</h1>
      <p className={s.intro}>{t('tr.intro')}</p>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <LoadError error={load.error} retry={reload} />}
      {view && (view.deleted || view.withheld || total === 0 || !view.attributed) && (
        <MessageBar intent="info">
          <MessageBarBody>{t(view.deleted ? 'tr.deleted' : view.withheld ? 'tr.withheld' : total === 0 ? 'tr.empty' : 'tr.unattributed')}</MessageBarBody>
        </MessageBar>
      )}
      {view && total > 0 && (
        <div className={s.toolbar}>
          <Field label={t('tr.search')} className={c.search}>
            <Input type="search" value={text} onChange={(_, d) => setText(d.value)} placeholder={t('tr.searchPlaceholder')} />
          </Field>
          <p role="status" aria-live="polite">
            {t('tr.count', { shown, total })}
          </p>
        </div>
      )}
      {view &&
        view.items.map((item, index) => (
          <ItemSection key={`${item.place}-${item.number ?? index}`} item={item} index={index} meetingId={meetingId} mayTakeNotes={view.mayTakeNotes} query={query} time={time} />
        ))}
    </Page>
  );
}
