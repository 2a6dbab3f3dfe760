/** The risk register: heat map, filters, a sortable table and the CSV export. */
import { Button, Field, Input, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { RiskStatus } from '../../../../src/contract/tab-api';
import { ApiFailure } from '../../api';
import { LoadError, Loading, Page, errorText, useLoad } from '../../components/common';
import { BandLegend, RiskHeatMap, type Cell } from '../../components/RiskHeatMap';
import { useShell } from '../../context';
import { useI18n } from '../../i18n';
import { NARROW_QUERY } from '../../stacked';
import { focusRing, useShared } from '../../styles';
import { RiskTable, comparatorOf, type Direction, type SortKey } from './RegisterTable';

const useStyles = makeStyles({
  titleRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  mapCard: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXXXL, rowGap: tokens.spacingVerticalL, alignItems: 'flex-start', overflowX: 'auto' },
  cellFilter: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  cellText: { ':focus-visible': focusRing },
  count: { margin: `0 0 ${tokens.spacingVerticalS}`, color: tokens.colorNeutralForeground2 },
});

/**
 * Rows the table draws at first (and adds per "show more"). A register of a thousand risks took the
 * browser over a second to lay out in full; a hundred rows fill several screens.
 */
const TABLE_ROWS = 100;

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
  const tableSection = useRef<HTMLElement>(null);
  const cellFilter = useRef<HTMLSpanElement>(null);
  const [reveal, setReveal] = useState(0);

  // A heat-map cell filters the table, which in a side panel (and often on a wide screen) is below the fold:
  // bring the result into view and move focus to what the filter shows (read out; the count is a live region).
  // Chosen by keyboard on a wide screen, focus stays in the map so the arrow keys keep moving across it.
  const selectCell = (next: Cell | undefined, byPointer: boolean) => {
    setCell(next);
    if (next && (byPointer || window.matchMedia(NARROW_QUERY).matches)) setReveal((n) => n + 1);
  };
  useEffect(() => {
    const section = tableSection.current;
    const first = section?.querySelector('tbody tr') ?? section?.querySelector('[data-testid="risk-count"]');
    if (reveal === 0 || !section || !first) return;
    // In view: the first result starts on the screen with enough of it to read (a card may be taller than the window).
    const box = first.getBoundingClientRect();
    if (box.top >= 0 && box.top + Math.min(box.height, 80) <= window.innerHeight) return;
    section.scrollIntoView({ block: 'start' });
    cellFilter.current?.focus({ preventScroll: true });
  }, [reveal]);

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
              <RiskHeatMap risks={matching} selected={cell} onSelect={selectCell} />
              <BandLegend risks={matching} />
            </div>
          </section>
          <section className={s.card} aria-labelledby="register-title" ref={tableSection}>
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
                  <span ref={cellFilter} tabIndex={-1} className={c.cellText}>
                    {t('risks.filter.cell', { s: cell.s, k: cell.k })}
                  </span>
                  <Button size="small" onClick={() => setCell(undefined)}>
                    {t('risks.filter.clearCell')}
                  </Button>
                </div>
              )}
            </div>
            <p className={c.count} role="status" aria-live="polite" data-testid="risk-count">
              {t('risks.count', { shown: shown.length, total: risks.length })}
            </p>
            <RiskTable groupId={groupId} groupName={load.data.group.name} rows={rows} sort={effectiveSort} onSort={onSort} />
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
