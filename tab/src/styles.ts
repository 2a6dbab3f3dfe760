/**
 * Shared styles: plain semantic tables and sections styled with Fluent tokens (a Fluent DataGrid per cell
 * would be far too slow for 1,000 rows or a 55 × 14 heat map). Tokens follow the theme, so the same
 * classes work in light, dark and high contrast.
 */
import { makeStyles, shorthands, tokens } from '@fluentui/react-components';

export const focusRing = {
  outlineStyle: 'solid',
  outlineWidth: tokens.strokeWidthThick,
  outlineColor: tokens.colorStrokeFocus2,
  outlineOffset: '2px',
} as const;

export const useShared = makeStyles({
  page: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  pageHeader: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  h1: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
  h2: {
    margin: 0,
    marginBottom: tokens.spacingVerticalM,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  h3: {
    margin: 0,
    marginBottom: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '70em' },
  muted: { color: tokens.colorNeutralForeground2 },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorTransparentStroke),
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    minWidth: 0,
    '@media (max-width: 480px)': { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalM,
  },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  /** A region that scrolls sideways; focusable so keyboard users can scroll it. */
  scroll: {
    overflowX: 'auto',
    // The containing block of the visually hidden labels inside: without it they spill past the scroll area.
    position: 'relative',
    maxWidth: '100%',
    ':focus-visible': focusRing,
  },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    '& caption': {
      textAlign: 'start',
      color: tokens.colorNeutralForeground2,
      paddingBottom: tokens.spacingVerticalS,
    },
    '& th': {
      textAlign: 'start',
      fontWeight: tokens.fontWeightSemibold,
      padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      verticalAlign: 'bottom',
    },
    '& thead th': { whiteSpace: 'nowrap' },
    '& tbody th': { verticalAlign: 'top', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
    '& td': {
      padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      verticalAlign: 'top',
    },
    '& tbody tr:hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  num: { textAlign: 'center', fontVariantNumeric: 'tabular-nums' },
  nowrap: { whiteSpace: 'nowrap' },
  link: {
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: 'underline',
    ':hover': { color: tokens.colorBrandForegroundLinkHover },
    ':focus-visible': focusRing,
  },
  bandLow: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorNeutralForeground1 },
  bandMedium: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorNeutralForeground1 },
  bandHigh: { backgroundColor: tokens.colorPaletteDarkOrangeBackground2, color: tokens.colorNeutralForeground1 },
  bandCritical: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorNeutralForeground1 },
  /** Faint tints for heat-map cells without risks, so the cells that hold risks stand out. */
  bandLowFaint: { backgroundColor: tokens.colorPaletteGreenBackground1, color: tokens.colorNeutralForeground1 },
  bandMediumFaint: { backgroundColor: tokens.colorPaletteYellowBackground1, color: tokens.colorNeutralForeground1 },
  bandHighFaint: { backgroundColor: tokens.colorPaletteDarkOrangeBackground1, color: tokens.colorNeutralForeground1 },
  bandCriticalFaint: { backgroundColor: tokens.colorPaletteRedBackground1, color: tokens.colorNeutralForeground1 },
  pill: {
    display: 'inline-flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusCircular,
    whiteSpace: 'nowrap',
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke1),
  },
});
