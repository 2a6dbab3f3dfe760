/**
 * The capability map: capabilities grouped by area under the target vision, a heat map of maturity per
 * organisation (level as number and abbreviation in every cell, plus colour), summary figures, the
 * response tracker with reminders, and the import (editors).
 */
import { Button, Field, MessageBar, MessageBarBody, Select, Textarea, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { CapabilityMapView, CapabilityRow, MaturityLevel } from '../../../src/http/tab-api/contract';
import { ApiFailure, newRequestId } from '../api';
import { LoadError, Loading, Page, errorText, useLoad } from '../components/common';
import { useShell } from '../context';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { useShared } from '../styles';

const LEVELS: MaturityLevel[] = [1, 2, 3, 4, 5];

const useStyles = makeStyles({
  vision: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorCompoundBrandStroke}`,
    paddingLeft: tokens.spacingHorizontalM,
  },
  visionLabel: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, textTransform: 'uppercase', letterSpacing: '0.04em' },
  visionText: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  summary: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 300px), 1fr))', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'grid', rowGap: tokens.spacingVerticalS },
  itemMeta: { display: 'block', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  bar: { display: 'block', height: '6px', borderRadius: '3px', backgroundColor: tokens.colorNeutralStroke2, marginTop: '3px', minWidth: '6em' },
  barFill: { display: 'block', height: '6px', borderRadius: '3px', backgroundColor: tokens.colorBrandBackground },
  heat: {
    borderCollapse: 'separate',
    borderSpacing: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    '& caption': { textAlign: 'start', color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalS },
    '& th, & td': { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralBackground1}`, borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralBackground1}` },
  },
  orgHead: {
    verticalAlign: 'bottom',
    padding: `${tokens.spacingVerticalXS} 0`,
    fontWeight: tokens.fontWeightSemibold,
    '& span': { display: 'inline-block', writingMode: 'vertical-rl', transform: 'rotate(180deg)', maxHeight: '11em', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  },
  capHead: { textAlign: 'start', verticalAlign: 'bottom', padding: tokens.spacingHorizontalS, fontWeight: tokens.fontWeightSemibold },
  area: {
    textAlign: 'start',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS}`,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
    backgroundColor: tokens.colorNeutralBackground1,
    position: 'sticky',
    left: 0,
  },
  capName: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    minWidth: '14em',
    maxWidth: '22em',
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  code: { color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' },
  importance: { textAlign: 'center', padding: `0 ${tokens.spacingHorizontalS}`, fontVariantNumeric: 'tabular-nums' },
  cell: { textAlign: 'center', minWidth: '3.6em', height: '2.2em', padding: `0 ${tokens.spacingHorizontalXXS}`, whiteSpace: 'nowrap' },
  n: { fontWeight: tokens.fontWeightSemibold, marginRight: '3px' },
  empty: { color: tokens.colorNeutralForeground2 },
  l1: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorNeutralForeground1 },
  l2: { backgroundColor: tokens.colorPaletteMarigoldBackground2, color: tokens.colorNeutralForeground1 },
  l3: { backgroundColor: tokens.colorPaletteBeigeBackground2, color: tokens.colorNeutralForeground1 },
  l4: { backgroundColor: tokens.colorPaletteLightGreenBackground2, color: tokens.colorNeutralForeground1 },
  l5: { backgroundColor: tokens.colorPaletteGreenBackground3, color: tokens.colorNeutralForegroundOnBrand },
  legend: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, listStyleType: 'none', padding: 0, margin: `${tokens.spacingVerticalM} 0 0` },
  swatch: { display: 'inline-block', padding: `0 ${tokens.spacingHorizontalS}`, borderRadius: tokens.borderRadiusSmall, marginRight: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold },
  importForm: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, maxWidth: '48em' },
  fileRow: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  feedback: { marginBottom: tokens.spacingVerticalM },
  /** Native selects (110 of them for 55 capabilities) styled like Fluent's, which would cost far more to render. */
  nativeSelect: {
    minWidth: '12em',
    height: '32px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

const levelClassKey = (l: MaturityLevel) => (`l${l}` as const);

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

function useCapabilityIndex(view: CapabilityMapView): Map<string, CapabilityRow> {
  return useMemo(() => new Map(view.capabilities.map((cap) => [cap.id, cap])), [view.capabilities]);
}

function Summary(props: { view: CapabilityMapView }) {
  const { t, number } = useI18n();
  const s = useShared();
  const c = useStyles();
  const caps = useCapabilityIndex(props.view);
  const { summary } = props.view;
  const leading = [...summary.leadingByOrganisation].sort((a, b) => b.leading - a.leading || a.organisation.localeCompare(b.organisation));
  const name = (id: string) => {
    const cap = caps.get(id);
    return cap ? `${cap.code} ${cap.name}` : id;
  };
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title" className={s.srOnly}>
        {t('cap.summary.title')}
      </h2>
      <div className={c.summary}>
        <div className={s.card}>
          <h3 className={s.h3}>{t('cap.summary.leading.title')}</h3>
          <table className={s.table} data-testid="leading-table">
            <caption className={s.srOnly}>{t('cap.summary.leading.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cap.responses.col.organisation')}</th>
                <th scope="col">{t('cap.level.5')}</th>
              </tr>
            </thead>
            <tbody>
              {leading.map((o) => (
                <tr key={o.organisation}>
                  <th scope="row">{o.organisation}</th>
                  <td>
                    {t('cap.summary.leading.value', { leading: o.leading, total: o.total })}
                    <span className={c.bar} aria-hidden="true">
                      <span className={c.barFill} style={{ width: `${o.total ? Math.round((100 * o.leading) / o.total) : 0}%` }} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className={s.card}>
          <h3 className={s.h3}>{t('cap.summary.priorities.title')}</h3>
          <p className={s.intro}>{t('cap.summary.priorities.intro')}</p>
          {summary.priorities.length === 0 ? (
            <p>{t('cap.summary.priorities.none')}</p>
          ) : (
            <ol className={c.list} data-testid="priorities">
              {summary.priorities.map((p) => (
                <li key={p.capabilityId}>
                  {name(p.capabilityId)}
                  <span className={c.itemMeta}>
                    {t('cap.summary.priorities.item', { importance: number(p.importance), maturity: number(p.averageMaturity) })}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
        <div className={s.card}>
          <h3 className={s.h3}>{t('cap.summary.weak.title')}</h3>
          <p className={s.intro}>{t('cap.summary.weak.intro')}</p>
          {summary.mostlyWeak.length === 0 ? (
            <p>{t('cap.summary.weak.none')}</p>
          ) : (
            <ul className={c.list}>
              {summary.mostlyWeak.map((w) => (
                <li key={w.capabilityId}>
                  {name(w.capabilityId)}
                  <span className={c.itemMeta}>{t('cap.summary.weak.item', { weak: w.weak, answered: w.answered })}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

/** Capabilities (rows, grouped by area) × organisations (columns). Plain table cells: 55 × 14 draws at once. */
const MaturityHeatMap = memo(function MaturityHeatMap(props: { view: CapabilityMapView }) {
  const { t, number } = useI18n();
  const s = useShared();
  const c = useStyles();
  const { view } = props;
  const byCell = useMemo(() => {
    const m = new Map<string, CapabilityMapView['assessments'][number]>();
    for (const a of view.assessments) m.set(`${a.capabilityId}\u0000${a.organisation}`, a);
    return m;
  }, [view.assessments]);
  const importance = useMemo(() => {
    const sums = new Map<string, { sum: number; n: number }>();
    for (const a of view.assessments) {
      const e = sums.get(a.capabilityId) ?? { sum: 0, n: 0 };
      e.sum += a.importance;
      e.n += 1;
      sums.set(a.capabilityId, e);
    }
    return sums;
  }, [view.assessments]);
  const areas = useMemo(() => {
    const groups = new Map<string, CapabilityRow[]>();
    for (const cap of view.capabilities) groups.set(cap.area, [...(groups.get(cap.area) ?? []), cap]);
    return [...groups.entries()];
  }, [view.capabilities]);
  const levelText = LEVELS.map((l) => ({ full: t(`cap.level.${l}` as MessageKey), abbr: t(`cap.abbr.${l}` as MessageKey) }));
  const columns = view.organisations.length + 2;

  return (
    <div className={s.scroll} tabIndex={0} role="region" aria-label={t('cap.heat.scrollRegion')}>
      <table className={c.heat} data-testid="capability-heatmap">
        <caption>{t('cap.heat.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className={c.capHead}>
              {t('cap.heat.capability')}
            </th>
            <th scope="col" className={c.orgHead} title={t('cap.heat.importanceHint')}>
              <span>{t('cap.heat.importance')}</span>
            </th>
            {view.organisations.map((o) => (
              <th key={o} scope="col" className={c.orgHead} title={o}>
                <span>{o}</span>
              </th>
            ))}
          </tr>
        </thead>
        {areas.map(([area, caps]) => (
          <tbody key={area}>
            <tr>
              <th scope="colgroup" colSpan={columns} className={c.area}>
                {area}
              </th>
            </tr>
            {caps.map((cap) => {
              const imp = importance.get(cap.id);
              return (
                <tr key={cap.id}>
                  <th scope="row" className={c.capName} title={cap.description}>
                    <span className={c.code}>{cap.code}</span>{' '}
                    {cap.name}
                  </th>
                  <td className={c.importance}>{imp ? number(imp.sum / imp.n) : t('common.none')}</td>
                  {view.organisations.map((o) => {
                    const a = byCell.get(`${cap.id}\u0000${o}`);
                    if (!a) {
                      return (
                        <td key={o} className={mergeClasses(c.cell, c.empty)}>
                          <span aria-hidden="true">{t('common.none')}</span>
                          <span className={s.srOnly}>{t('cap.heat.noAnswer')}</span>
                        </td>
                      );
                    }
                    const lt = levelText[a.maturity - 1]!;
                    return (
                      <td key={o} className={mergeClasses(c.cell, c[levelClassKey(a.maturity)])} title={`${o}: ${lt.full}`}>
                        <span aria-hidden="true">
                          <span className={c.n}>{a.maturity}</span>
                          {lt.abbr}
                        </span>
                        <span className={s.srOnly}>{`${lt.full} (${a.maturity})`}</span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
});

function LevelLegend() {
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  return (
    <>
      <h3 className={s.srOnly}>{t('cap.heat.legend')}</h3>
      <ul className={c.legend} aria-label={t('cap.heat.legend')}>
        {LEVELS.map((l) => (
          <li key={l}>
            <span className={mergeClasses(c.swatch, c[levelClassKey(l)])} aria-hidden="true">
              {`${l} ${t(`cap.abbr.${l}` as MessageKey)}`}
            </span>
            {t(`cap.level.${l}` as MessageKey)}
          </li>
        ))}
      </ul>
    </>
  );
}

function Responses(props: { view: CapabilityMapView; groupId: string }) {
  const { api } = useShell();
  const { t, date } = useI18n();
  const s = useShared();
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
      {feedback && (
        <MessageBar intent={feedback.intent} className={c.feedback} role={feedback.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{feedback.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.scroll}>
        <table className={s.table} data-testid="response-tracker">
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
                  <th scope="row">{r.organisation}</th>
                  <td>{r.representative ?? t('common.none')}</td>
                  <td className={s.nowrap}>
                    {complete ? `✓ ${t('cap.responses.complete')}` : t('cap.responses.answered', { answered: r.answered, total: r.total })}
                    <span className={c.bar} aria-hidden="true">
                      <span className={c.barFill} style={{ width: `${r.total ? Math.round((100 * r.answered) / r.total) : 0}%` }} />
                    </span>
                  </td>
                  <td className={s.nowrap}>{date(r.lastAnsweredAt)}</td>
                  <td className={s.nowrap}>{date(remindedAt)}</td>
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

/**
 * Answers for an organisation: editors choose any organisation of the map; a member answers for their own
 * (the server knows which). Each select is labelled by its capability and its column.
 */
function AssessmentForm(props: { view: CapabilityMapView; groupId: string; onSaved: (view: CapabilityMapView) => void }) {
  const { api } = useShell();
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  const { view } = props;
  const [open, setOpen] = useState(false);
  const [organisation, setOrganisation] = useState(view.canEdit ? (view.organisations[0] ?? '') : '');
  const [answers, setAnswers] = useState<Record<string, { maturity: string; importance: string }>>({});
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<{ intent: 'success' | 'error'; text: string } | undefined>();
  const requestId = useRef(newRequestId());

  // The organisation's earlier answers fill the form.
  const earlier = useMemo(() => {
    const m: Record<string, { maturity: string; importance: string }> = {};
    for (const a of view.assessments) if (a.organisation === organisation) m[a.capabilityId] = { maturity: String(a.maturity), importance: String(a.importance) };
    return m;
  }, [view.assessments, organisation]);
  const valueOf = (id: string) => answers[id] ?? earlier[id] ?? { maturity: '', importance: '' };
  const change = (id: string, field: 'maturity' | 'importance', value: string) => setAnswers((a) => ({ ...a, [id]: { ...valueOf(id), [field]: value } }));

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setFeedback(undefined);
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
    setBusy(true);
    try {
      const next = await api.assess(props.groupId, { requestId: requestId.current, ...(organisation ? { organisation } : {}), answers: chosen });
      requestId.current = newRequestId();
      setAnswers({});
      setFeedback({ intent: 'success', text: t('cap.assess.saved', { count: chosen.length, organisation: organisation || t('cap.assess.own') }) });
      props.onSaved(next);
    } catch (e) {
      setFeedback({ intent: 'error', text: t('cap.assess.failed', { message: e instanceof ApiFailure ? errorText(t, e) : String(e) }) });
    } finally {
      setBusy(false);
    }
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
        <form className={c.importForm} onSubmit={(e) => void submit(e)} noValidate data-testid="assessment-form">
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
            <table className={s.table}>
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
                      <th scope="row" id={`assess-${cap.id}`}>
                        <span className={c.code}>{cap.code}</span>{' '}
                        {cap.name}
                      </th>
                      <td>
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
                      <td>
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
          {feedback && (
            <MessageBar intent={feedback.intent} role={feedback.intent === 'error' ? 'alert' : 'status'}>
              <MessageBarBody>{feedback.text}</MessageBarBody>
            </MessageBar>
          )}
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

function ImportForm(props: { groupId: string; onImported(): void }) {
  const { api } = useShell();
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<{ intent: 'success' | 'error'; text: string } | undefined>();
  const [contentError, setContentError] = useState<string | undefined>();
  const requestId = useRef(newRequestId());

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setContent(await file.text());
    setContentError(undefined);
    if (/\.json$/i.test(file.name)) setFormat('json');
    else if (/\.csv$/i.test(file.name)) setFormat('csv');
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setFeedback(undefined);
    if (!content.trim()) {
      setContentError(t('cap.import.empty'));
      return;
    }
    setContentError(undefined);
    setBusy(true);
    try {
      const res = await api.importCapabilities(props.groupId, { requestId: requestId.current, format, content });
      requestId.current = newRequestId();
      setFeedback({ intent: 'success', text: t('cap.import.done', { imported: res.imported, updated: res.updated }) });
      setContent('');
      props.onImported();
    } catch (e) {
      setFeedback({ intent: 'error', text: t('cap.import.failed', { message: e instanceof ApiFailure ? errorText(t, e) : String(e) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={s.card} aria-labelledby="import-title">
      <h2 id="import-title" className={s.h2}>
        {t('cap.import.title')}
      </h2>
      <form className={c.importForm} onSubmit={(e) => void submit(e)} noValidate>
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
        {feedback && (
          <MessageBar intent={feedback.intent} role={feedback.intent === 'error' ? 'alert' : 'status'}>
            <MessageBarBody>{feedback.text}</MessageBarBody>
          </MessageBar>
        )}
        <div>
          <Button appearance="primary" type="submit" disabled={busy}>
            {busy ? t('cap.import.importing') : t('cap.import.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
