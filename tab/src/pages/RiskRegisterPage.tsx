/** The risk register: heat map, filters, a sortable table and the CSV export. */
import { Button, Field, Input, MessageBar, MessageBarBody, Select, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, useDeferredValue, useMemo, useState, type MouseEvent } from 'react';
import type { RiskBand, RiskRow, RiskStatus } from '../../../src/http/tab-api/contract';
import { ApiFailure } from '../api';
import { LoadError, Loading, Page, errorText, useBandClass, useLoad } from '../components/common';
import { BandLegend, RiskHeatMap, type Cell } from '../components/RiskHeatMap';
import { useShell } from '../context';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { hrefOf, navigate } from '../router';
import { useShared } from '../styles';

type SortKey = 'code' | 'threat' | 'vulnerability' | 'consequence' | 'probability' | 'impact' | 'score' | 'action' | 'owner' | 'status' | 'lastReviewedAt';
type Direction = 'ascending' | 'descending';

/** Columns with fixed widths: the browser then lays out 1,000 rows without measuring every cell first. */
const COLUMNS: Array<{ key: SortKey; label: MessageKey; long?: MessageKey; numeric?: boolean; width: string }> = [
  { key: 'code', label: 'risks.col.id', width: '3.8em' },
  { key: 'threat', label: 'risks.col.threat', width: '18%' },
  { key: 'vulnerability', label: 'risks.col.vulnerability', width: '17%' },
  { key: 'consequence', label: 'risks.col.consequence', width: '17%' },
  { key: 'probability', label: 'risks.col.s', long: 'risks.col.sLong', numeric: true, width: '2.8em' },
  { key: 'impact', label: 'risks.col.k', long: 'risks.col.kLong', numeric: true, width: '2.8em' },
  { key: 'score', label: 'risks.col.r', long: 'risks.col.rLong', numeric: true, width: '7.5em' },
  { key: 'action', label: 'risks.col.action', width: '14%' },
  { key: 'owner', label: 'risks.col.owner', width: '8em' },
  { key: 'status', label: 'risks.col.status', width: '6.5em' },
  { key: 'lastReviewedAt', label: 'risks.col.lastReview', width: '7.5em' },
];

const STATUS_ORDER: Record<RiskStatus, number> = { open: 0, handled: 1, closed: 2 };

const useStyles = makeStyles({
  titleRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  mapCard: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXXXL, rowGap: tokens.spacingVerticalL, alignItems: 'flex-start', overflowX: 'auto' },
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
  fixed: { tableLayout: 'fixed', minWidth: '72em', '& td, & th': { overflowWrap: 'break-word', hyphens: 'auto' }, '& thead th': { whiteSpace: 'normal' } },
  cellFilter: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  count: { margin: `0 0 ${tokens.spacingVerticalS}`, color: tokens.colorNeutralForeground2 },
  actionLabel: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

/**
 * Rows the table draws at first (and adds per "show more"). A register of a thousand risks took the
 * browser over a second to lay out in full; a hundred rows fill several screens.
 */
const TABLE_ROWS = 100;

/** The rows' links are plain <a href>: one handler routes them in place (a modified click opens a new tab as usual). */
function followRowLink(e: MouseEvent<HTMLElement>): void {
  const a = (e.target as HTMLElement).closest('a[data-route-link]');
  if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(a.getAttribute('href')!);
}

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
  const [rowLimit, setRowLimit] = useState(TABLE_ROWS);
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

  // Filters, the heat map and sorting work on every risk; the table draws the first rows of the result.
  const rows = useMemo(() => (shown.length > rowLimit ? shown.slice(0, rowLimit) : shown), [shown, rowLimit]);

  const onSort = (key: SortKey) =>
    setSort((prev) => {
      const current = prev ?? { key: 'score', dir: 'descending' };
      if (current.key === key) return { key, dir: current.dir === 'ascending' ? 'descending' : 'ascending' };
      // Numbers and dates read best highest / newest first; text A to Ö.
      const numeric = key === 'probability' || key === 'impact' || key === 'score' || key === 'lastReviewedAt';
      return { key, dir: numeric ? 'descending' : 'ascending' };
    });
  const effectiveSort = sort ?? { key: 'score' as const, dir: 'descending' as const };

  const bandClass = useBandClass();
  const kit = useMemo<RowKit>(() => {
    const bands = ['low', 'medium', 'high', 'critical'] as const;
    return {
      link: s.link,
      num: s.num,
      nowrap: s.nowrap,
      actionLabel: c.actionLabel,
      pill: Object.fromEntries(bands.map((b) => [b, mergeClasses(s.pill, bandClass(b))])) as Record<RiskBand, string>,
      band: Object.fromEntries(bands.map((b) => [b, t(`band.${b}`)])) as Record<RiskBand, string>,
      status: { open: t('status.open'), handled: t('status.handled'), closed: t('status.closed') },
      none: t('common.none'),
      actionNeeded: t('risks.actionNeeded'),
      noActionNeeded: t('risks.noActionNeeded'),
      date: i18n.date,
      hrefOf: (riskId) => hrefOf({ page: 'risk', riskId }),
    };
    // Texts change with the language, links with the group and the query; class names stay.
  }, [i18n, s, c, groupId, lang]);

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
              <BandLegend risks={matching} />
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
              <table className={mergeClasses(s.table, c.fixed)} data-testid="risk-table">
                <caption className={s.srOnly}>{t('risks.table.caption', { group: load.data.group.name })}</caption>
                <colgroup>
                  {COLUMNS.map((col) => (
                    <col key={col.key} style={{ width: col.width }} />
                  ))}
                </colgroup>
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
                <tbody onClick={followRowLink}>
                  {rows.map((r) => (
                    <RiskTableRow key={r.id} risk={r} kit={kit} />
                  ))}
                </tbody>
              </table>
            </div>
            {rows.length < shown.length && (
              <div className={s.toolbar} data-testid="risk-more">
                <p className={c.count}>{t('risks.partial', { rows: rows.length, shown: shown.length })}</p>
                <Button onClick={() => setRowLimit((n) => n + TABLE_ROWS)}>{t('risks.more', { count: Math.min(TABLE_ROWS, shown.length - rows.length) })}</Button>
                <Button appearance="subtle" onClick={() => setRowLimit(Number.POSITIVE_INFINITY)}>
                  {t('risks.all', { count: shown.length })}
                </Button>
              </div>
            )}
            {shown.length === 0 && <p>{t('risks.empty')}</p>}
          </section>
        </>
      )}
    </Page>
  );
}

/** What every row shares, computed once per render of the table rather than per row (1,000 rows). */
interface RowKit {
  link: string;
  num: string;
  nowrap: string;
  actionLabel: string;
  pill: Record<RiskBand, string>;
  band: Record<RiskBand, string>;
  status: Record<RiskStatus, string>;
  none: string;
  actionNeeded: string;
  noActionNeeded: string;
  date: (iso: string | undefined) => string;
  hrefOf: (riskId: string) => string;
}

/** One row: plain elements, memoised, so a sort only moves rows and a filter only adds or removes them. */
const RiskTableRow = memo(function RiskTableRow(props: { risk: RiskRow; kit: RowKit }) {
  const { risk: r, kit } = props;
  return (
    <tr data-risk={r.code}>
      <th scope="row" className={kit.nowrap}>
        <a href={kit.hrefOf(r.id)} className={kit.link} data-route-link="">
          {r.code}
        </a>
      </th>
      <td>{r.threat}</td>
      <td>{r.vulnerability ?? kit.none}</td>
      <td>{r.consequence ?? kit.none}</td>
      <td className={kit.num}>{r.probability}</td>
      <td className={kit.num}>{r.impact}</td>
      <td className={kit.num}>
        <span className={kit.pill[r.band]}>
          <strong>{r.score}</strong>
          <span>{kit.band[r.band]}</span>
        </span>
      </td>
      <td>
        <span className={kit.actionLabel}>{r.actionNeeded ? kit.actionNeeded : kit.noActionNeeded}</span>
        {r.action}
      </td>
      <td>{r.owner ?? kit.none}</td>
      <td className={kit.nowrap}>{kit.status[r.status]}</td>
      <td className={kit.nowrap}>{kit.date(r.lastReviewedAt)}</td>
    </tr>
  );
});

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
