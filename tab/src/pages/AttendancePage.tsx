/** Attendance: who was present at which meeting (text symbols, not colour alone) and rates per organisation. */
import { Field, MessageBar, MessageBarBody, Select, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AttendanceView } from '../../../src/contract/tab-api';
import { LoadError, Loading, Page, useLoad } from '../components/common';
import { useShell } from '../context';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { NARROW, useStacked } from '../stacked';
import { useShared } from '../styles';

type Mark = AttendanceView['cells'][number][number];

const SYMBOL: Record<Mark, string> = { present: '✓', excused: '○', absent: '✗', none: '·' };
const LABEL: Record<Mark, MessageKey> = { present: 'att.present', excused: 'att.excused', absent: 'att.absent', none: 'att.notMember' };

const useStyles = makeStyles({
  figure: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  mark: { textAlign: 'center', minWidth: '5.5em', [NARROW]: { minWidth: 0 } },
  fit: { width: 'auto', minWidth: 'min(100%, 32em)' },
  // On a card (side panel) a symbol's word is shown beside it, not only in the legend.
  markWord: { [NARROW]: { position: 'static', width: 'auto', height: 'auto', margin: 0, clip: 'auto', overflow: 'visible', whiteSpace: 'normal' } },
  present: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorNeutralForeground1 },
  excused: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorNeutralForeground1 },
  absent: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorNeutralForeground1 },
  none: { color: tokens.colorNeutralForeground2 },
  meetingHead: { textAlign: 'center', whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase200 },
  // Long titles wrap rather than being cut.
  meetingTitle: { display: 'block', fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2, maxWidth: '10em', whiteSpace: 'normal', overflowWrap: 'anywhere' },
  legend: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, listStyleType: 'none', padding: 0, margin: `${tokens.spacingVerticalM} 0 0` },
  symbol: {
    display: 'inline-block',
    minWidth: '1.8em',
    lineHeight: '1.6em',
    textAlign: 'center',
    fontWeight: tokens.fontWeightSemibold,
    borderRadius: tokens.borderRadiusMedium,
    marginRight: tokens.spacingHorizontalXS,
  },
  bar: { display: 'block', height: '4px', marginTop: '2px', borderRadius: '2px', backgroundColor: tokens.colorBrandBackground },
  rate: { textAlign: 'center', minWidth: '4em', fontVariantNumeric: 'tabular-nums', [NARROW]: { minWidth: '6em' } },
});

export default function AttendancePage() {
  const { api, group } = useShell();
  const { t, percent } = useI18n();
  const s = useShared();
  const c = useStyles();
  const groupId = group?.id ?? '';
  // Rates are counted per calendar year (as the council reports them); it opens on the latest year with
  // meetings (the server's default), and offers those years and the last few.
  const thisYear = new Date().getFullYear();
  const [chosen, setYear] = useState<number | undefined>(undefined);
  const [load, reload] = useLoad(() => api.attendance(groupId, chosen ? { from: `${chosen}-01-01`, to: `${chosen}-12-31` } : undefined), [api, groupId, chosen]);
  const shown = load.state === 'ok' ? Number(load.data.period.from.slice(0, 4)) : undefined;
  const year = chosen ?? shown ?? thisYear;
  const held = load.state === 'ok' ? load.data.years : [];
  const years = [...new Set([...held, ...Array.from({ length: 8 }, (_, i) => thisYear - i), year])].sort((a, b) => b - a);

  return (
    <Page name="attendance" ready={load.state === 'ok'}>
      <h1 className={s.h1}>{t('att.title')}</h1>
      <div className={s.toolbar}>
        <Field label={t('att.year')}>
          <Select value={String(year)} onChange={(_, d) => setYear(Number(d.value))} data-testid="attendance-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <LoadError error={load.error} retry={reload} />}
      {load.state === 'ok' && (
        <>
          {load.data.meetings.length > 0 && (
            <p className={c.figure}>{load.data.overallRate === null ? t('att.overallNone') : t('att.overall', { rate: percent(load.data.overallRate) })}</p>
          )}
          {load.data.meetings.length === 0 ? (
            <MessageBar intent="info">
              <MessageBarBody>{t('att.none', { year })}</MessageBarBody>
            </MessageBar>
          ) : (
            <>
              <Matrix view={load.data} />
              <Rates view={load.data} />
            </>
          )}
        </>
      )}
    </Page>
  );
}

function MeetingHeads(props: { view: AttendanceView }) {
  const c = useStyles();
  const { date } = useI18n();
  return (
    <>
      {props.view.meetings.map((m) => (
        <th key={m.id} scope="col" className={c.meetingHead}>
          {date(m.startsAt)}
          <span className={c.meetingTitle} title={m.title}>
            {m.title}
          </span>
        </th>
      ))}
    </>
  );
}

function Matrix(props: { view: AttendanceView }) {
  const { t, date } = useI18n();
  const s = useShared();
  const st = useStacked();
  const c = useStyles();
  const { view } = props;
  return (
    <section className={s.card} aria-labelledby="matrix-title">
      <h2 id="matrix-title" className={s.h2}>
        {t('att.matrix.title')}
      </h2>
      <div className={s.scroll} tabIndex={0} role="region" aria-label={t('att.scrollRegion')}>
        <table className={mergeClasses(s.table, c.fit, st.table)} data-testid="attendance-matrix">
          <caption className={s.srOnly}>{t('att.matrix.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('att.matrix.member')}</th>
              <th scope="col">{t('att.matrix.organisation')}</th>
              <MeetingHeads view={view} />
            </tr>
          </thead>
          <tbody>
            {view.members.map((m, i) => (
              <tr key={`${m.name}/${i}`}>
                {/* As a card (side panel): the member, then a mark per meeting with its date and word. */}
                <th scope="row" data-key="1">
                  {m.name}
                  {m.role !== 'member' && <span className={s.muted}>{` (${t(`role.${m.role}`)})`}</span>}
                </th>
                <td data-label={t('att.matrix.organisation')}>{m.organisation ?? t('common.none')}</td>
                {view.meetings.map((mt, j) => {
                  const mark = view.cells[i]?.[j] ?? 'none';
                  return (
                    <td key={mt.id} className={c.mark} data-inline="" data-label={date(mt.startsAt)}>
                      <span aria-hidden="true" className={mergeClasses(c.symbol, c[mark])}>
                        {SYMBOL[mark]}
                      </span>
                      <span className={mergeClasses(s.srOnly, c.markWord)}>{t(LABEL[mark])}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 className={s.srOnly}>{t('att.legend')}</h3>
      <ul className={c.legend} aria-label={t('att.legend')}>
        {(['present', 'excused', 'absent', 'none'] as const).map((m) => (
          <li key={m}>
            <span className={mergeClasses(c.symbol, c[m])} aria-hidden="true">
              {SYMBOL[m]}
            </span>
            {t(LABEL[m])}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Rates(props: { view: AttendanceView }) {
  const { t, percent, date } = useI18n();
  const s = useShared();
  const st = useStacked();
  const c = useStyles();
  const { view } = props;
  return (
    <section className={s.card} aria-labelledby="rates-title">
      <h2 id="rates-title" className={s.h2}>
        {t('att.rates.title')}
      </h2>
      <div className={s.scroll} tabIndex={0} role="region" aria-label={t('att.rates.title')}>
        <table className={mergeClasses(s.table, c.fit, st.table)} data-testid="attendance-rates">
          <caption className={s.srOnly}>{t('att.rates.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('att.matrix.organisation')}</th>
              <MeetingHeads view={view} />
            </tr>
          </thead>
          <tbody>
            {view.byOrganisation.map((o) => (
              <tr key={o.organisation}>
                <th scope="row" data-key="1">
                  {o.organisation}
                </th>
                {o.rates.map((rate, j) => (
                  <td key={view.meetings[j]?.id ?? j} className={c.rate} data-inline="" data-label={view.meetings[j] ? date(view.meetings[j].startsAt) : undefined}>
                    {rate === null ? (
                      <>
                        <span aria-hidden="true">{t('common.none')}</span>
                        <span className={s.srOnly}>{t('att.rates.noValue')}</span>
                      </>
                    ) : (
                      <>
                        {percent(rate)}
                        <span className={c.bar} style={{ width: `${Math.round(rate * 100)}%` }} aria-hidden="true" />
                      </>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
