/**
 * The meeting page: the landing page in a meeting's side panel (and its chat and details tabs). It shows one
 * meeting of the group — the meeting of the Teams meeting the tab is in, `?meeting=<id>`, else the group's
 * meeting in progress or next — and refreshes every 10 s and on focus, so /start and /next in the chat show.
 */
import { Link, MessageBar, MessageBarBody, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, type ReactNode } from 'react';
import type { MeetingActionRow, MeetingPageView } from '../../../../src/contract/tab-api';
import { AppLink, BandPill, LoadError, Loading, Page, useLoad } from '../../components/common';
import { useShell } from '../../context';
import { useI18n } from '../../i18n';
import { useShared } from '../../styles';
import { transcriptHref } from '../transcript/link';
import { MeetingForms } from './MeetingForms';

const REFRESH_MS = 10_000;

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, alignItems: 'baseline', overflowWrap: 'anywhere', minWidth: 0 },
  current: {
    backgroundColor: tokens.colorBrandBackground2,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
    paddingLeft: tokens.spacingHorizontalS,
    fontWeight: tokens.fontWeightSemibold,
  },
  time: { fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground2 },
  text: { minWidth: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  tag: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 18em), 1fr))', gap: tokens.spacingVerticalL },
  meta: { margin: 0, display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS },
});

function Section(props: { id: string; title: string; children: ReactNode; testId?: string }) {
  const s = useShared();
  return (
    <section className={s.card} aria-labelledby={props.id} data-testid={props.testId}>
      <h2 id={props.id} className={s.h2}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

function Actions(props: { rows: MeetingActionRow[] }) {
  const c = useStyles();
  const s = useShared();
  const { t, date } = useI18n();
  if (props.rows.length === 0) return <p className={s.muted}>{t('mtg.nothing')}</p>;
  return (
    <ul className={c.list}>
      {props.rows.map((a) => (
        <li key={a.id} className={c.row}>
          <span className={c.text}>{a.text}</span>
          {a.owner && <span className={c.tag}>{t('mtg.owner', { owner: a.owner })}</span>}
          {a.due && <span className={c.tag}>{t('mtg.due', { due: date(a.due) })}</span>}
        </li>
      ))}
    </ul>
  );
}

export default function MeetingPage() {
  const { api, group, host } = useShell();
  const i18n = useI18n();
  const { t, date } = i18n;
  const s = useShared();
  const c = useStyles();
  const groupId = group?.id ?? '';
  const meetingParam = new URLSearchParams(window.location.search).get('meeting') ?? undefined;
  // In a Teams meeting the tab's chat is the meeting's chat: that meeting, not the group's next one.
  const chat = host?.meetingId ? host.conversationId : undefined;
  const read = useCallback(() => api.meeting(groupId, { ...(meetingParam ? { meeting: meetingParam } : {}), ...(chat ? { chat } : {}) }), [api, groupId, meetingParam, chat]);
  const [load, reload, set] = useLoad(read, [read]);

  useEffect(() => {
    // A background refresh that fails keeps what is shown (a side panel on a flaky network); the next one tries again.
    const refresh = () => void read().then(set, () => undefined);
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, REFRESH_MS);
    window.addEventListener('focus', refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [read, set]);

  const weekday = (d: string) => new Intl.DateTimeFormat(i18n.locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
  const view: MeetingPageView | undefined = load.state === 'ok' ? load.data : undefined;
  const m = view?.meeting;
  const item = (n: number | undefined) => (n ? <span className={c.tag}>{t('mtg.item', { number: n })}</span> : null);

  return (
    <Page name="meeting" ready={load.state === 'ok'}>
      <h1 className={s.h1}>{m ? m.title : t('mtg.title')}</h1>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <LoadError error={load.error} retry={reload} />}
      {view && !m && (
        <MessageBar intent="info">
          <MessageBarBody>{t('mtg.none')}</MessageBarBody>
        </MessageBar>
      )}
      {view && m && (
        <>
          <p className={c.meta} data-testid="meeting-when">
            {m.date && m.start && <span>{t(m.end ? 'mtg.when' : 'mtg.whenStart', { weekday: weekday(m.date), date: date(m.date), start: m.start, end: m.end ?? '' })}</span>}
            <span className={s.muted}>{t(m.ended ? 'mtg.status.ended' : m.started ? 'mtg.status.running' : 'mtg.status.notStarted')}</span>
            {m.joinUrl && !m.ended && (
              <Link href={m.joinUrl} target="_blank" rel="noopener noreferrer">
                {t('mtg.join')}
              </Link>
            )}
            {m.started && <Link href={transcriptHref(m.id)}>{t('tr.link')}</Link>}
          </p>
          <div className={c.grid}>
            <Section id="mtg-agenda" title={t('mtg.agenda')} testId="meeting-agenda">
              {view.agenda.length === 0 ? (
                <p className={s.muted}>{t('mtg.agenda.none')}</p>
              ) : (
                <ol className={c.list}>
                  {view.agenda.map((r, i) => (
                    <li key={i} className={mergeClasses(c.row, r.kind === 'item' && r.current && c.current)} aria-current={r.kind === 'item' && r.current ? 'step' : undefined} data-current={r.kind === 'item' && r.current ? 'true' : undefined}>
                      {r.start && <span className={c.time}>{r.start}</span>}
                      {r.kind === 'item' ? (
                        <>
                          <span className={c.text}>{`${r.number}. [${r.type}] ${r.title}`}</span>
                          {r.responsible && <span className={c.tag}>{r.responsible}</span>}
                          {r.current && <span className={c.tag}>{t('mtg.agenda.current')}</span>}
                        </>
                      ) : (
                        <span className={c.text}>{r.title ?? t(r.kind === 'break' ? 'mtg.agenda.break' : 'mtg.agenda.end')}</span>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </Section>
            {view.canRecord && !m.ended && <MeetingForms view={view} onSaved={set} />}
            <Section id="mtg-decisions" title={t('mtg.decisions')} testId="meeting-decisions">
              {view.decisions.length === 0 ? (
                <p className={s.muted}>{t('mtg.nothing')}</p>
              ) : (
                <ul className={c.list}>
                  {view.decisions.map((d) => (
                    <li key={d.id} className={c.row}>
                      {d.paragraph && <strong>{d.paragraph}</strong>}
                      {item(d.agendaItem)}
                      <span className={c.text}>
                        {d.heading && <strong>{`${d.heading}: `}</strong>}
                        {d.status === 'retracted' ? <s>{d.text}</s> : d.text}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Section id="mtg-notes" title={t('mtg.notes')}>
              {view.notes.length === 0 ? (
                <p className={s.muted}>{t('mtg.nothing')}</p>
              ) : (
                <ul className={c.list}>
                  {view.notes.map((n) => (
                    <li key={n.id} className={c.row}>
                      {item(n.agendaItem)}
                      <span className={c.text}>{n.text}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Section id="mtg-actions" title={t('mtg.actions')}>
              <Actions rows={view.actions} />
            </Section>
            <Section id="mtg-notice" title={t('mtg.notice')} testId="meeting-notice">
              <p className={s.muted}>{t('mtg.notice.counts', { attending: view.notice.attending, notAttending: view.notice.notAttending })}</p>
              {view.notice.answers && view.notice.answers.length > 0 && (
                <ul className={c.list}>
                  {view.notice.answers.map((a, i) => (
                    <li key={i} className={c.row}>
                      <span className={c.text}>{a.name}</span>
                      <span className={c.tag}>{t(a.attending ? 'mtg.notice.attending' : 'mtg.notice.notAttending')}</span>
                      {a.note && <span className={c.text}>{a.note}</span>}
                      {a.substitute && <span className={c.text}>{t('mtg.notice.substitute', { name: a.substitute })}</span>}
                      {a.viaLink && <span className={s.muted}>{t('mtg.notice.viaLink')}</span>}
                    </li>
                  ))}
                </ul>
              )}
              {view.notice.unanswered && view.notice.unanswered.length > 0 && <p className={s.muted}>{t('mtg.notice.unanswered', { names: view.notice.unanswered.join(', ') })}</p>}
            </Section>
          </div>
        </>
      )}
      {view && (
        <div className={c.grid}>
          <Section id="mtg-open" title={t('mtg.openActions')}>
            <Actions rows={view.openActions} />
          </Section>
          <Section id="mtg-risks" title={t('mtg.topRisks')} testId="meeting-risks">
            {view.topRisks.length === 0 ? (
              <p className={s.muted}>{t('mtg.nothing')}</p>
            ) : (
              <ul className={c.list}>
                {view.topRisks.map((r) => (
                  <li key={r.id} className={c.row}>
                    <AppLink to={{ page: 'risk', riskId: r.id }}>{r.code}</AppLink>
                    <BandPill score={r.score} band={r.band} />
                    <span className={c.text}>{r.threat}</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      )}
      {view && m && !m.ended && <p className={s.muted}>{t('mtg.refreshed')}</p>}
    </Page>
  );
}
