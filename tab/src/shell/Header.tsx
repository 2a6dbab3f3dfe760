/** The shell's header (app name, group, the group and language menus) and the navigation between pages. */
import { Select, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { AppLink } from '../components/common';
import type { GroupChoice } from '../context';
import { LANGS, useI18n, type Lang } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { navigate, queryWith, type Route } from '../router';
import { focusRing, useShared } from '../styles';

const NAV: Array<{ route: Route; label: MessageKey; pages: Route['page'][] }> = [
  { route: { page: 'risks' }, label: 'nav.risks', pages: ['risks', 'risk'] },
  { route: { page: 'capabilities' }, label: 'nav.capabilities', pages: ['capabilities'] },
  { route: { page: 'attendance' }, label: 'nav.attendance', pages: ['attendance'] },
  { route: { page: 'decisions' }, label: 'nav.decisions', pages: ['decisions'] },
  { route: { page: 'meeting' }, label: 'nav.meeting', pages: ['meeting'] },
];

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    '@media (max-width: 480px)': { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  },
  brand: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  mark: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '28px',
    height: '28px',
    flexShrink: 0,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    fontWeight: tokens.fontWeightBold,
  },
  appName: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  // A long group name wraps (in a side panel too) rather than being cut.
  groupName: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  controls: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, minWidth: 0, maxWidth: '100%' },
  control: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXS, minWidth: 0, maxWidth: '100%' },
  /** A menu never wider than the window: the closed menu shortens a long group name (the header shows it whole). */
  select: { minWidth: 0, maxWidth: '100%' },
  selectInner: { maxWidth: '100%', textOverflow: 'ellipsis' },
  nav: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `0 ${tokens.spacingHorizontalL}`,
    '& ul': { display: 'flex', flexWrap: 'wrap', listStyleType: 'none', margin: 0, padding: 0, columnGap: tokens.spacingHorizontalXS },
  },
  navLink: {
    display: 'inline-block',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ':hover': { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorNeutralStroke1Hover },
    ':focus-visible': { ...focusRing, outlineOffset: '-2px' },
  },
  navCurrent: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
    ':hover': { borderBottomColor: tokens.colorCompoundBrandStroke },
  },
});

export function Header(props: { group: GroupChoice | undefined; groups: GroupChoice[]; isConfig: boolean; lang: Lang; setLang: (l: Lang) => void }) {
  const c = useStyles();
  const s = useShared();
  const { t } = useI18n();
  const { group, groups, isConfig } = props;
  return (
    <header className={c.header}>
      <div className={c.brand}>
        <span className={c.mark} aria-hidden="true">
          R
        </span>
        <span className={c.appName}>{t('app.name')}</span>
        {group && <span className={c.groupName}>· {group.name}</span>}
      </div>
      <div className={c.controls}>
        {groups.length > 1 && !isConfig && (
          <div className={c.control}>
            <label htmlFor="group-select" className={s.muted}>
              {t('app.group')}
            </label>
            <Select
              id="group-select"
              size="small"
              className={c.select}
              select={{ className: c.selectInner }}
              value={group?.id}
              onChange={(_, d) => navigate(`${import.meta.env.BASE_URL}${queryWith({ group: d.value })}`)}
            >
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className={c.control}>
          <label htmlFor="lang-select" className={s.muted}>
            {t('app.language')}
          </label>
          <Select id="lang-select" size="small" value={props.lang} onChange={(_, d) => props.setLang(d.value === 'en' ? 'en' : 'sv')}>
            {LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {l === 'sv' ? 'Svenska' : 'English'}
              </option>
            ))}
          </Select>
        </div>
      </div>
    </header>
  );
}

/** The pages' tabs; the current one marked (aria-current). */
export function Nav(props: { page: Route['page'] }) {
  const c = useStyles();
  const { t } = useI18n();
  return (
    <nav className={c.nav} aria-label={t('app.nav')}>
      <ul>
        {NAV.map((n) => {
          const current = n.pages.includes(props.page);
          return (
            <li key={n.label}>
              <AppLink to={n.route} className={mergeClasses(c.navLink, current && c.navCurrent)} aria-current={current ? 'page' : undefined}>
                {t(n.label)}
              </AppLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
