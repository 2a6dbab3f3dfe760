/** The styles of a risk's page, shared by its parts. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { NARROW } from '../../stacked';

export const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  dl: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8em, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '& dt': { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
    // In the side panel each label above its value.
    [NARROW]: { gridTemplateColumns: 'minmax(0, 1fr)', rowGap: tokens.spacingVerticalXXS, '& dd': { marginBottom: tokens.spacingVerticalS } },
  },
  chart: { width: '100%', maxWidth: '520px', height: 'auto', display: 'block' },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, maxWidth: '40em' },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  small: { minWidth: '8em' },
  r: { alignSelf: 'flex-end', paddingBottom: tokens.spacingVerticalXS },
  note: { whiteSpace: 'pre-wrap', minWidth: '16em', overflowWrap: 'anywhere', [NARROW]: { minWidth: 0 } },
  title: { overflowWrap: 'anywhere' },
  back: { margin: 0 },
});
