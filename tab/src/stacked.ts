/**
 * Tables that become stacked cards in a narrow window (a Teams meeting's side panel is 320–420 px wide).
 * The markup stays one semantic table (headers, captions, row headers); below NARROW its rows are drawn
 * as cards. Cells say how through attributes, so memoised rows need no extra class names:
 * - `data-key="1"…"5"`: a key figure (the risk's code, R, status; a decision's §), first on the card, in that order;
 * - `data-inline`: a short value beside the others (a mark per meeting, a level per organisation);
 * - `data-label`: the column's name, written before the value on the card (the header row is hidden there);
 * - a `<thead data-visible>` stays visible as a bar (the register's sort buttons);
 * - a `<tr data-heading>` is a heading between cards (an area of the capability map).
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';

/** The side panel and anything as narrow: tables as cards. */
export const NARROW_QUERY = '(max-width: 499.98px)';
export const NARROW = `@media ${NARROW_QUERY}`;

/** Whether the window is that narrow now (for what CSS cannot do, e.g. an SVG's proportions). */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const list = window.matchMedia(NARROW_QUERY);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    () => window.matchMedia(NARROW_QUERY).matches,
  );
}

const hidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

export const useStacked = makeStyles({
  table: {
    [NARROW]: {
      display: 'block',
      position: 'relative',
      width: '100%',
      minWidth: 0,
      tableLayout: 'auto',
      '& > caption': { display: 'block', maxWidth: 'none' },
      '& > colgroup': { display: 'none' },
      '& > thead:not([data-visible])': hidden,
      '& > thead[data-visible]': { display: 'block', marginBottom: tokens.spacingVerticalS },
      '& > thead[data-visible] > tr': {
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        columnGap: tokens.spacingHorizontalXS,
        rowGap: tokens.spacingVerticalXXS,
      },
      '& > thead[data-visible] > tr[data-label]::before': { content: 'attr(data-label)', color: tokens.colorNeutralForeground2, marginRight: tokens.spacingHorizontalXS },
      '& > thead[data-visible] th': { display: 'block', padding: 0, borderBottom: 'none', whiteSpace: 'nowrap' },
      '& > tbody': { display: 'block' },
      '& > tbody > tr': {
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'baseline',
        columnGap: tokens.spacingHorizontalM,
        rowGap: tokens.spacingVerticalXS,
        padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
        marginBottom: tokens.spacingVerticalS,
        border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
        borderRadius: tokens.borderRadiusMedium,
      },
      '& > tbody > tr[data-heading]': { padding: `${tokens.spacingVerticalS} 0 0`, border: 'none', marginBottom: 0 },
      '& > tbody > tr > th, & > tbody > tr > td': {
        display: 'block',
        flexBasis: '100%',
        minWidth: 0,
        maxWidth: '100%',
        height: 'auto',
        padding: 0,
        border: 'none',
        textAlign: 'start',
        whiteSpace: 'normal',
        overflowWrap: 'anywhere',
        position: 'static',
      },
      '& [data-label]::before': {
        content: 'attr(data-label)',
        display: 'block',
        fontSize: tokens.fontSizeBase200,
        lineHeight: tokens.lineHeightBase200,
        fontWeight: tokens.fontWeightRegular,
        color: tokens.colorNeutralForeground2,
      },
      '& [data-key], & [data-inline]': { flexBasis: 'auto' },
      '& [data-key][data-label]::before, & [data-inline][data-label]::before': { display: 'inline', marginRight: tokens.spacingHorizontalXS },
      // A short value may sit on its own colour (a maturity level): its label takes the value's colour.
      '& [data-inline][data-label]::before': { color: 'inherit' },
      '& [data-key="1"]': { order: -5, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
      '& [data-key="2"]': { order: -4 },
      '& [data-key="3"]': { order: -3 },
      '& [data-key="4"]': { order: -2 },
      '& [data-key="5"]': { order: -1 },
      '& [data-inline]': { padding: `0 ${tokens.spacingHorizontalXS}`, borderRadius: tokens.borderRadiusMedium },
    },
  },
});
