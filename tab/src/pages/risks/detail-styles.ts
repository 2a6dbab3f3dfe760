/** The styles of a risk's page, shared by its parts. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useStyles = makeStyles({
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
