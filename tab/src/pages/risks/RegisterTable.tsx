/** The register's table: fixed columns, sortable headers, and rows drawn as plain memoised elements. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, useMemo, type MouseEvent } from 'react';
import type { RiskBand, RiskRow, RiskStatus } from '../../../../src/contract/tab-api';
import { useBandClass } from '../../components/common';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { hrefOf, navigate } from '../../router';
import { NARROW, useStacked } from '../../stacked';
import { useShared } from '../../styles';

export type SortKey = 'code' | 'threat' | 'vulnerability' | 'consequence' | 'probability' | 'impact' | 'score' | 'action' | 'owner' | 'status' | 'lastReviewedAt';
export type Direction = 'ascending' | 'descending';

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
    // On the cards' sort bar: a visible button each.
    [NARROW]: { margin: 0, padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
  },
  arrow: { width: '1em', color: tokens.colorNeutralForeground2, [NARROW]: { width: 'auto' } },
  fixed: { tableLayout: 'fixed', minWidth: '72em', '& td, & th': { overflowWrap: 'break-word', hyphens: 'auto' }, '& thead th': { whiteSpace: 'normal' } },
  actionLabel: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

/** The rows' links are plain <a href>: one handler routes them in place (a modified click opens a new tab as usual). */
function followRowLink(e: MouseEvent<HTMLElement>): void {
  const a = (e.target as HTMLElement).closest('a[data-route-link]');
  if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(a.getAttribute('href')!);
}

/** The table itself; the page keeps its state (sorting) and hands it the rows to draw, filtered, sorted and cut. */
export function RiskTable(props: { groupId: string; groupName: string; rows: RiskRow[]; sort: { key: SortKey; dir: Direction }; onSort: (key: SortKey) => void }) {
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  const st = useStacked();
  const kit = useRowKit(props.groupId, c.actionLabel);
  const { sort, onSort } = props;
  return (
    <div className={s.scroll}>
      <table className={mergeClasses(s.table, c.fixed, st.table)} data-testid="risk-table">
        <caption className={s.srOnly}>{t('risks.table.caption', { group: props.groupName })}</caption>
        <colgroup>
          {COLUMNS.map((col) => (
            <col key={col.key} style={{ width: col.width }} />
          ))}
        </colgroup>
        {/* As cards (side panel) the header row stays as a bar of sort buttons. */}
        <thead data-visible="">
          <tr data-label={t('risks.sortBy')}>
            {COLUMNS.map((col) => {
              const active = sort.key === col.key;
              return (
                <th key={col.key} scope="col" aria-sort={active ? sort.dir : 'none'} className={col.numeric ? s.num : undefined} data-column={col.key}>
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
                      {active ? (sort.dir === 'ascending' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody onClick={followRowLink}>
          {props.rows.map((r) => (
            <RiskTableRow key={r.id} risk={r} kit={kit} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The row kit, made again only when the language or the group changes (links keep the query). */
function useRowKit(groupId: string, actionLabel: string): RowKit {
  const i18n = useI18n();
  const { t } = i18n;
  const s = useShared();
  const bandClass = useBandClass();
  return useMemo<RowKit>(() => {
    const bands = ['low', 'medium', 'high', 'critical'] as const;
    return {
      link: s.link,
      num: s.num,
      nowrap: s.nowrap,
      actionLabel,
      pill: Object.fromEntries(bands.map((b) => [b, mergeClasses(s.pill, bandClass(b))])) as Record<RiskBand, string>,
      band: Object.fromEntries(bands.map((b) => [b, t(`band.${b}`)])) as Record<RiskBand, string>,
      status: { open: t('status.open'), handled: t('status.handled'), closed: t('status.closed') },
      label: Object.fromEntries(COLUMNS.map((col) => [col.key, t(col.label)])) as Record<SortKey, string>,
      none: t('common.none'),
      actionNeeded: t('risks.actionNeeded'),
      noActionNeeded: t('risks.noActionNeeded'),
      date: i18n.date,
      hrefOf: (riskId) => hrefOf({ page: 'risk', riskId }),
    };
    // Texts change with the language, links with the group and the query; class names stay.
  }, [i18n, s, actionLabel, groupId]);
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
  /** Column names, written on each card in the side panel. */
  label: Record<SortKey, string>;
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
      {/* As a card (side panel): code, R with its band and status first, then S and K, then the texts. */}
      <th scope="row" className={kit.nowrap} data-key="1">
        <a href={kit.hrefOf(r.id)} className={kit.link} data-route-link="">
          {r.code}
        </a>
      </th>
      <td data-label={kit.label.threat}>{r.threat}</td>
      <td data-label={kit.label.vulnerability}>{r.vulnerability ?? kit.none}</td>
      <td data-label={kit.label.consequence}>{r.consequence ?? kit.none}</td>
      <td className={kit.num} data-key="4" data-label={kit.label.probability}>
        {r.probability}
      </td>
      <td className={kit.num} data-key="5" data-label={kit.label.impact}>
        {r.impact}
      </td>
      <td className={kit.num} data-key="2" data-label={kit.label.score}>
        <span className={kit.pill[r.band]}>
          <strong>{r.score}</strong>
          <span>{kit.band[r.band]}</span>
        </span>
      </td>
      <td data-label={kit.label.action}>
        <span className={kit.actionLabel}>{r.actionNeeded ? kit.actionNeeded : kit.noActionNeeded}</span>
        {r.action}
      </td>
      <td data-label={kit.label.owner}>{r.owner ?? kit.none}</td>
      <td className={kit.nowrap} data-key="3">
        {kit.status[r.status]}
      </td>
      <td className={kit.nowrap} data-label={kit.label.lastReviewedAt}>
        {kit.date(r.lastReviewedAt)}
      </td>
    </tr>
  );
});

export function comparatorOf(key: SortKey, collator: Intl.Collator): (a: RiskRow, b: RiskRow) => number {
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
