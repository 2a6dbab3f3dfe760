/** The risk register: heat map, filters, a sortable table and the CSV export. */
import { Button, Field, Input, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useDeferredValue, useMemo, useState } from 'react';
import type { RiskRow, RiskStatus } from '../../../src/http/tab-api/contract';
import { ApiFailure } from '../api';
import { AppLink, BandPill, LoadError, Loading, Page, errorText, useLoad } from '../components/common';
import { BandLegend, RiskHeatMap, type Cell } from '../components/RiskHeatMap';
import { useShell } from '../context';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { useShared } from '../styles';

type SortKey = 'code' | 'threat' | 'vulnerability' | 'consequence' | 'probability' | 'impact' | 'score' | 'action' | 'owner' | 'status' | 'lastReviewedAt';
type Direction = 'ascending' | 'descending';

const COLUMNS: Array<{ key: SortKey; label: MessageKey; long?: MessageKey; numeric?: boolean; wide?: boolean }> = [
  { key: 'code', label: 'risks.col.id' },
  { key: 'threat', label: 'risks.col.threat', wide: true },
  { key: 'vulnerability', label: 'risks.col.vulnerability', wide: true },
  { key: 'consequence', label: 'risks.col.consequence', wide: true },
  { key: 'probability', label: 'risks.col.s', long: 'risks.col.sLong', numeric: true },
  { key: 'impact', label: 'risks.col.k', long: 'risks.col.kLong', numeric: true },
  { key: 'score', label: 'risks.col.r', long: 'risks.col.rLong', numeric: true },
  { key: 'action', label: 'risks.col.action', wide: true },
  { key: 'owner', label: 'risks.col.owner' },
  { key: 'status', label: 'risks.col.status' },
  { key: 'lastReviewedAt', label: 'risks.col.lastReview' },
];

const STATUS_ORDER: Record<RiskStatus, number> = { open: 0, handled: 1, closed: 2 };

const useStyles = makeStyles({
  titleRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  mapCard: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXXXL, rowGap: tokens.spacingVerticalL, alignItems: 'flex-start' },
  sortButton: {
    display: 'inline-flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS}`,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalXXS})`,
    border: 'none',
    background: 'none',
    color: 'inherit',
    font: 'inherit',
    fontWeight: tokens.fontWeightSemibold,
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusSmall,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  arrow: { width: '1em', color: tokens.colorNeutralForeground2 },
  wide: { minWidth: '12em' },
  cellFilter: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  count: { margin: `0 0 ${tokens.spacingVerticalS}`, color: tokens.colorNeutralForeground2 },
  actionLabel: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

export default function RiskRegisterPage() {
  const { api, group, lang } = useShell();
  const i18n = useI18n();
  const { t } = i18n;
  const s = useShared();
  const c = useStyles();
  const groupId = group?.id ?? '';
  const [load, reload] = useLoad(() => api.risks(groupId), [api, groupId]);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<'all' | RiskStatus>('all');
  const [cell, setCell] = useState<Cell | undefined>();
  const [sort, setSort] = useState<{ key: SortKey; dir: Direction } | undefined>(undefined);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | undefined>();
  const query = useDeferredValue(text.trim().toLocaleLowerCase(i18n.locale));

  const risks = load.state === 'ok' ? load.data.risks : [];
  const collator = useMemo(() => new Intl.Collator(i18n.locale, { numeric: true, sensitivity: 'base' }), [i18n.locale]);

  // Text and status first: the heat map counts what they leave; the cell then narrows the table.
  const matching = useMemo(
    () =>
      risks.filter(
        (r) =>
          (status === 'all' || r.status === status) &&
          (!query ||
            [r.code, r.threat, r.vulnerability, r.consequence, r.action, r.owner].some((f) => f?.toLocaleLowerCase(i18n.locale).includes(query))),
      ),
    [risks, status, query, i18n.locale],
  );
  const shown = useMemo(() => {
    const inCell = cell ? matching.filter((r) => r.probability === cell.s && r.impact === cell.k) : matching;
    if (!sort) return inCell; // the server's register order: R, then K, then number
    const order = new Map(risks.map((r, i) => [r.id, i]));
    const cmp = comparatorOf(sort.key, collator);
    const sign = sort.dir === 'ascending' ? 1 : -1;
    return [...inCell].sort((a, b) => sign * cmp(a, b) || order.get(a.id)! - order.get(b.id)!);
  }, [matching, cell, sort, risks, collator]);

  const onSort = (key: SortKey) =>
    setSort((prev) => {
      const current = prev ?? { key: 'score', dir: 'descending' };
      if (current.key === key) return { key, dir: current.dir === 'ascending' ? 'descending' : 'ascending' };
      // Numbers and dates read best highest / newest first; text A to Ö.
      const numeric = key === 'probability' || key === 'impact' || key === 'score' || key === 'lastReviewedAt';
      return { key, dir: numeric ? 'descending' : 'ascending' };
    });
  const effectiveSort = sort ?? { key: 'score' as const, dir: 'descending' as const };

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const blob = await api.risksCsv(groupId, lang);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${t('risks.title')} – ${group?.name ?? ''}.csv`.replace(/[\\/:*?"<>|]/g, '-');
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setExportError(t('risks.exportFailed', { message: e instanceof ApiFailure ? errorText(t, e) : String(e) }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page name="risks" ready={load.state === 'ok'}>
      <div className={c.titleRow}>
        <h1 className={s.h1}>{t('risks.title')}</h1>
        {load.state === 'ok' && load.data.risks.length > 0 && (
          <Button appearance="secondary" onClick={() => void exportCsv()} disabled={exporting} data-testid="export-csv">
            <span aria-hidden="true">⤓&nbsp;</span>
            {exporting ? t('risks.exporting') : t('risks.export')}
          </Button>
        )}
      </div>
      <p className={s.intro}>{t('risks.intro')}</p>
      {exportError && (
        <MessageBar intent="error">
          <MessageBarBody>{exportError}</MessageBarBody>
        </MessageBar>
      )}
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <LoadError error={load.error} retry={reload} />}
      {load.state === 'ok' && load.data.risks.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{t('risks.none')}</MessageBarBody>
        </MessageBar>
      )}
      {load.state === 'ok' && load.data.risks.length > 0 && (
        <>
          <section className={s.card} aria-labelledby="heat-title">
            <h2 id="heat-title" className={s.h2}>
              {t('heat.title')}
            </h2>
            <div className={c.mapCard}>
              <RiskHeatMap risks={matching} selected={cell} onSelect={setCell} />
              <BandLegend />
            </div>
          </section>
          <section className={s.card} aria-labelledby="register-title">
            <h2 id="register-title" className={s.h2}>
              {t('risks.tableTitle')}
            </h2>
            <div className={s.toolbar}>
              <Field label={t('risks.filter.text')}>
                <Input type="search" value={text} onChange={(_, d) => setText(d.value)} placeholder={t('risks.filter.textPlaceholder')} />
              </Field>
              <Field label={t('risks.filter.status')}>
                <Select value={status} onChange={(_, d) => setStatus(d.value as 'all' | RiskStatus)}>
                  <option value="all">{t('common.all')}</option>
                  <option value="open">{t('status.open')}</option>
                  <option value="handled">{t('status.handled')}</option>
                  <option value="closed">{t('status.closed')}</option>
                </Select>
              </Field>
              {cell && (
                <div className={c.cellFilter} data-testid="cell-filter">
                  <span>{t('risks.filter.cell', { s: cell.s, k: cell.k })}</span>
                  <Button size="small" onClick={() => setCell(undefined)}>
                    {t('risks.filter.clearCell')}
                  </Button>
                </div>
              )}
            </div>
            <p className={c.count} role="status" aria-live="polite" data-testid="risk-count">
              {t('risks.count', { shown: shown.length, total: risks.length })}
            </p>
            <div className={s.scroll}>
              <table className={s.table} data-testid="risk-table">
                <caption className={s.srOnly}>{t('risks.table.caption', { group: load.data.group.name })}</caption>
                <thead>
                  <tr>
                    {COLUMNS.map((col) => {
                      const active = effectiveSort.key === col.key;
                      return (
                        <th
                          key={col.key}
                          scope="col"
                          aria-sort={active ? effectiveSort.dir : 'none'}
                          className={col.numeric ? s.num : undefined}
                          data-column={col.key}
                        >
                          <button type="button" className={c.sortButton} onClick={() => onSort(col.key)}>
                            {col.long ? (
                              <>
                                <span aria-hidden="true">{t(col.label)}</span>
                                <span className={s.srOnly}>{t(col.long)}</span>
                              </>
                            ) : (
                              t(col.label)
                            )}
                            <span className={c.arrow} aria-hidden="true">
                              {active ? (effectiveSort.dir === 'ascending' ? '▲' : '▼') : ''}
                            </span>
                          </button>
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <RiskTableRow key={r.id} risk={r} wideClass={c.wide} actionLabelClass={c.actionLabel} />
                  ))}
                </tbody>
              </table>
            </div>
            {shown.length === 0 && <p>{t('risks.empty')}</p>}
          </section>
        </>
      )}
    </Page>
  );
}

function RiskTableRow(props: { risk: RiskRow; wideClass: string; actionLabelClass: string }) {
  const { risk: r } = props;
  const s = useShared();
  const { t, date } = useI18n();
  return (
    <tr data-risk={r.code}>
      <th scope="row" className={s.nowrap}>
        <AppLink to={{ page: 'risk', riskId: r.id }}>{r.code}</AppLink>
      </th>
      <td className={props.wideClass}>{r.threat}</td>
      <td className={props.wideClass}>{r.vulnerability ?? t('common.none')}</td>
      <td className={props.wideClass}>{r.consequence ?? t('common.none')}</td>
      <td className={s.num}>{r.probability}</td>
      <td className={s.num}>{r.impact}</td>
      <td className={s.num}>
        <BandPill score={r.score} band={r.band} />
      </td>
      <td className={props.wideClass}>
        <span className={props.actionLabelClass}>{r.actionNeeded ? t('risks.actionNeeded') : t('risks.noActionNeeded')}</span>
        {r.action}
      </td>
      <td>{r.owner ?? t('common.none')}</td>
      <td className={s.nowrap}>{t(`status.${r.status}`)}</td>
      <td className={s.nowrap}>{date(r.lastReviewedAt)}</td>
    </tr>
  );
}

function comparatorOf(key: SortKey, collator: Intl.Collator): (a: RiskRow, b: RiskRow) => number {
  const text = (f: (r: RiskRow) => string | undefined) => (a: RiskRow, b: RiskRow) => collator.compare(f(a) ?? '', f(b) ?? '');
  switch (key) {
    case 'code':
      return (a, b) => a.number - b.number;
    case 'probability':
    case 'impact':
    case 'score':
      return (a, b) => a[key] - b[key];
    case 'status':
      return (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    case 'action':
      return (a, b) => Number(a.actionNeeded) - Number(b.actionNeeded) || collator.compare(a.action ?? '', b.action ?? '');
    case 'lastReviewedAt':
      return text((r) => r.lastReviewedAt);
    default:
      return text((r) => r[key]);
  }
}
