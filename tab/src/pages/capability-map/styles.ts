/** The capability map's styles, shared by its parts; the maturity levels and their colour classes. */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { MaturityLevel } from '../../../../src/contract/tab-api';
import { NARROW } from '../../stacked';

export const LEVELS: MaturityLevel[] = [1, 2, 3, 4, 5];

export const useStyles = makeStyles({
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
    // On a capability's card (side panel) its importance has a line of its own above the organisations' levels.
    [NARROW]: { '& td[data-key="2"]': { flexBasis: '100%' } },
  },
  orgHead: {
    verticalAlign: 'bottom',
    padding: `${tokens.spacingVerticalXS} 0`,
    fontWeight: tokens.fontWeightSemibold,
    // A long name wraps onto a second line rather than being cut.
    '& span': { display: 'inline-block', writingMode: 'vertical-rl', transform: 'rotate(180deg)', maxHeight: '11em', whiteSpace: 'normal' },
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

export const levelClassKey = (l: MaturityLevel) => (`l${l}` as const);
