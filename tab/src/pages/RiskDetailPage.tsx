/** One risk: its full text, its reviews over time with a small chart of R, and (for editors) a new review. */
import { Button, Field, MessageBar, MessageBarBody, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { Fragment, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { HistoryRow, RiskDetailView, RiskReviewRow, RiskStatus } from '../../../src/http/tab-api/contract';
import { ApiFailure, newRequestId } from '../api';
import { AppLink, BandPill, LoadError, Loading, Page, errorText, useLoad } from '../components/common';
import { useShell } from '../context';
import { useI18n, type I18n } from '../i18n';
import { bandOf } from '../risk-band';
import type { Route } from '../router';
import { useShared } from '../styles';

const NOTE_MAX = 4000;

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  dl: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8em, max-content) 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '& dt': { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0 },
  },
  chart: { width: '100%', maxWidth: '520px', height: 'auto', display: 'block' },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, maxWidth: '40em' },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  small: { minWidth: '8em' },
  r: { alignSelf: 'flex-end', paddingBottom: tokens.spacingVerticalXS },
  note: { whiteSpace: 'pre-wrap', minWidth: '16em' },
  back: { margin: 0 },
});

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
          <h1 className={s.h1}>
            {load.data.risk.code} · {load.data.risk.consequence ?? load.data.risk.threat}
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

function Details(props: { view: RiskDetailView }) {
  const c = useStyles();
  const { t, date } = useI18n();
  const r = props.view.risk;
  const rows: Array<[string, ReactNode]> = [
    [t('risks.col.threat'), r.threat],
    [t('risks.col.vulnerability'), r.vulnerability ?? t('common.none')],
    [t('risks.col.consequence'), r.consequence ?? t('common.none')],
    [t('risks.col.sLong'), r.probability],
    [t('risks.col.kLong'), r.impact],
    [t('risks.col.rLong'), <BandPill key="r" score={r.score} band={r.band} />],
    [t('risk.actionNeeded'), r.actionNeeded ? t('common.yes') : t('common.no')],
    [t('risks.col.action'), r.action ?? t('common.none')],
    [t('risks.col.owner'), r.owner ?? t('common.none')],
    [t('risks.col.status'), t(`status.${r.status}`)],
    [t('risk.raisedAt'), date(r.raisedAt)],
    [t('risks.col.lastReview'), date(r.lastReviewedAt)],
  ];
  return (
    <dl className={c.dl}>
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The points of the chart: the risk as raised (when known), then each review, oldest first. */
function pointsOf(view: RiskDetailView): Array<{ at: string; r: number }> {
  const reviews = view.reviews.map((rv) => ({ at: rv.reviewedAt, r: rv.score }));
  if (view.raised) return [{ at: view.raised.at, r: view.raised.score }, ...reviews];
  return reviews.length > 0 ? reviews : [{ at: view.risk.raisedAt, r: view.risk.score }];
}

function chartDescription(i18n: I18n, points: Array<{ at: string; r: number }>): string {
  const text = points.map((p) => i18n.t('risk.chart.point', { r: p.r, date: i18n.date(p.at) })).join(', ');
  return i18n.tn('risk.chart.desc', points.length, { points: text });
}

/** A small line chart of R over time (inline SVG); its text alternative lists every value. */
function RChart(props: { view: RiskDetailView; className: string }) {
  const i18n = useI18n();
  const titleId = useId();
  const descId = useId();
  const points = pointsOf(props.view);
  const W = 520;
  const H = 200;
  const pad = { left: 40, right: 16, top: 12, bottom: 36 };
  const x = (i: number) => pad.left + (points.length === 1 ? (W - pad.left - pad.right) / 2 : (i * (W - pad.left - pad.right)) / (points.length - 1));
  const y = (r: number) => pad.top + ((25 - r) * (H - pad.top - pad.bottom)) / 24;
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.r).toFixed(1)}`).join(' ');
  const fg = tokens.colorNeutralForeground2;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className={props.className} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{i18n.t('risk.chart.title')}</title>
        <desc id={descId}>{chartDescription(i18n, points)}</desc>
        {/* Band thresholds as faint lines, each labelled with its R. */}
        {[1, 5, 10, 20, 25].map((r) => (
          <g key={r}>
            <line x1={pad.left} x2={W - pad.right} y1={y(r)} y2={y(r)} stroke={tokens.colorNeutralStroke2} strokeDasharray={r === 1 || r === 25 ? undefined : '4 4'} />
            <text x={pad.left - 8} y={y(r) + 4} textAnchor="end" fontSize="12" fill={fg}>
              {r}
            </text>
          </g>
        ))}
        <path d={line} fill="none" stroke={tokens.colorBrandStroke1} strokeWidth={2.5} />
        {points.map((p, i) => (
          <g key={i}>
            <circle cx={x(i)} cy={y(p.r)} r={5} fill={tokens.colorBrandBackground} stroke={tokens.colorNeutralBackground1} strokeWidth={1.5} />
            <text x={x(i)} y={y(p.r) - 10} textAnchor="middle" fontSize="12" fontWeight="600" fill={tokens.colorNeutralForeground1}>
              {p.r}
            </text>
            <text x={x(i)} y={H - 12} textAnchor="middle" fontSize="11" fill={fg}>
              {i18n.date(p.at)}
            </text>
          </g>
        ))}
      </svg>
  );
}

function Reviews(props: { view: RiskDetailView; noteClass: string }) {
  const s = useShared();
  const { t, date } = useI18n();
  if (props.view.reviews.length === 0) return <p className={s.muted}>{t('risk.reviews.none')}</p>;
  return (
    <div className={s.scroll}>
      <table className={s.table} data-testid="review-table">
        <caption className={s.srOnly}>{t('risk.reviews.caption', { code: props.view.risk.code })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('risk.reviews.col.date')}</th>
            <th scope="col">{t('risk.reviews.col.meeting')}</th>
            <th scope="col" className={s.num}>
              <span aria-hidden="true">{t('risks.col.s')}</span>
              <span className={s.srOnly}>{t('risks.col.sLong')}</span>
            </th>
            <th scope="col" className={s.num}>
              <span aria-hidden="true">{t('risks.col.k')}</span>
              <span className={s.srOnly}>{t('risks.col.kLong')}</span>
            </th>
            <th scope="col" className={s.num}>
              <span aria-hidden="true">{t('risks.col.r')}</span>
              <span className={s.srOnly}>{t('risks.col.rLong')}</span>
            </th>
            <th scope="col">{t('risks.col.status')}</th>
            <th scope="col">{t('risk.reviews.col.note')}</th>
            <th scope="col">{t('risk.reviews.col.by')}</th>
          </tr>
        </thead>
        <tbody>
          {props.view.reviews.map((rv: RiskReviewRow) => (
            <tr key={rv.id}>
              <th scope="row" className={s.nowrap}>
                {date(rv.reviewedAt)}
              </th>
              <td>{rv.meetingTitle ?? t('risk.reviews.noMeeting')}</td>
              <td className={s.num}>{rv.probability}</td>
              <td className={s.num}>{rv.impact}</td>
              <td className={s.num}>
                <BandPill score={rv.score} band={bandOf(rv.score)} />
              </td>
              <td>{t(`status.${rv.status}`)}</td>
              <td className={props.noteClass}>{rv.note ?? t('common.none')}</td>
              <td>{rv.reviewedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The risk's audit trail: who raised it and who changed what, when (from the append-only audit table). */
function History(props: { view: RiskDetailView }) {
  const s = useShared();
  const { t, dateTime } = useI18n();
  if (props.view.history.length === 0) return <p className={s.muted}>{t('risk.history.none')}</p>;
  const valueOf = (field: HistoryRow['changes'][number]['field'], v: number | string) => (field === 'status' ? t(`status.${String(v) as RiskStatus}`) : String(v));
  const fieldName = { probability: t('risks.col.s'), impact: t('risks.col.k'), status: t('risks.col.status'), number: t('risks.col.id') } as const;
  return (
    <div className={s.scroll}>
      <table className={s.table} data-testid="history-table">
        <caption className={s.srOnly}>{t('risk.history.caption', { code: props.view.risk.code })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('risk.history.col.when')}</th>
            <th scope="col">{t('risk.history.col.who')}</th>
            <th scope="col">{t('risk.history.col.what')}</th>
          </tr>
        </thead>
        <tbody>
          {props.view.history.map((e, i) => (
            <tr key={i}>
              <th scope="row" className={s.nowrap}>
                {dateTime(e.at)}
              </th>
              <td>{e.by}</td>
              <td>
                {t(`risk.history.action.${e.action}`)}
                {e.changes.length > 0 && ': '}
                {e.changes.map((c) => (c.from === undefined ? `${fieldName[c.field]} ${valueOf(c.field, c.to)}` : `${fieldName[c.field]} ${valueOf(c.field, c.from)} → ${valueOf(c.field, c.to)}`)).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type FormErrors = Partial<Record<'probability' | 'impact' | 'note' | 'form', string>>;

function ReviewForm(props: { view: RiskDetailView; groupId: string; onSaved(view: RiskDetailView): void }) {
  const { api } = useShell();
  const i18n = useI18n();
  const { t } = i18n;
  const s = useShared();
  const c = useStyles();
  const risk = props.view.risk;
  const [probability, setProbability] = useState(String(risk.probability));
  const [impact, setImpact] = useState(String(risk.impact));
  const [status, setStatus] = useState<RiskStatus>(risk.status);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | undefined>();
  // One request id per intended review: a retry after a lost answer is stored once.
  const requestId = useRef(newRequestId());

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

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setSaved(undefined);
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    setSaving(true);
    try {
      const view = await api.addReview(props.groupId, risk.id, {
        requestId: requestId.current,
        probability: p,
        impact: k,
        status,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      requestId.current = newRequestId();
      setNote('');
      setSaved(
        t('risk.add.saved', {
          code: view.risk.code,
          r: view.risk.score,
          band: t(`band.${view.risk.band}`),
          status: t(`status.${view.risk.status}`),
        }),
      );
      props.onSaved(view);
    } catch (err) {
      setErrors({ form: t('risk.add.failed', { message: err instanceof ApiFailure ? errorText(t, err) : String(err) }) });
    } finally {
      setSaving(false);
    }
  };

  const scale = [1, 2, 3, 4, 5];
  return (
    <form className={c.form} onSubmit={(e) => void submit(e)} noValidate aria-describedby="add-intro" data-testid="review-form">
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
      {errors.form && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{errors.form}</MessageBarBody>
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
