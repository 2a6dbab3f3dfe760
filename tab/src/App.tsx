/**
 * The shell: theme and language (from Teams, else the query, switchable), who is signed in, the group,
 * the navigation between pages, and the page itself — each page its own chunk, loaded when opened.
 */
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  makeStyles,
  teamsHighContrastTheme,
  tokens,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MeView } from '../../src/contract/tab-api';
import type { TabApi } from './api';
import { LoadError, Loading, useLoad } from './components/common';
import { ShellContext, type Shell } from './context';
import { I18nContext, createI18n, langOf, useI18n, type Lang } from './i18n';
import type { MessageKey } from './i18n/en';
import { navigate, queryWith, useLocation, type Route } from './router';
import { Header, Nav } from './shell/Header';
import { PageView } from './shell/PageView';
import { focusRing } from './styles';
import type { TeamsHost, ThemeName } from './teams';

const THEMES: Record<ThemeName, Theme> = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };

const PAGE_TITLE: Record<Route['page'], MessageKey> = {
  risks: 'risks.title',
  risk: 'risks.title',
  capabilities: 'cap.title',
  attendance: 'att.title',
  decisions: 'dec.title',
  meeting: 'mtg.title',
  transcript: 'tr.title',
  config: 'config.title',
  notFound: 'app.notFound',
};

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  skip: {
    position: 'absolute',
    left: tokens.spacingHorizontalM,
    top: '-100px',
    zIndex: 10,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    ':focus': { top: tokens.spacingVerticalS, ...focusRing },
  },
  main: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXXXL}`,
    maxWidth: '1600px',
    ':focus': { outlineStyle: 'none' },
    // A meeting's side panel is 320 px wide.
    '@media (max-width: 480px)': { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXXL}` },
  },
  banner: { marginBottom: tokens.spacingVerticalL },
});

export interface AppProps {
  initialTheme: ThemeName;
  /** The query's language (?lang=), which wins over the Teams locale. */
  queryLang: Lang | undefined;
  browserLang: Lang;
  host: Promise<TeamsHost | undefined>;
  /** Made by main.tsx, which has already asked it for /me and the page's data. */
  api: TabApi;
}

export function App(props: AppProps) {
  const [host, setHost] = useState<TeamsHost | undefined>(undefined);
  const [theme, setTheme] = useState<ThemeName>(props.initialTheme);
  const [lang, setLangState] = useState<Lang>(props.queryLang ?? props.browserLang);

  useEffect(() => {
    let live = true;
    void props.host.then((h) => {
      if (!live || !h) return;
      setHost(h);
      setTheme(h.theme);
      h.onThemeChange(setTheme);
      const teamsLang = langOf(h.locale);
      if (!props.queryLang && teamsLang) setLangState(teamsLang);
    });
    return () => {
      live = false;
    };
  }, [props.host, props.queryLang]);

  const api = props.api;
  const i18n = useMemo(() => createI18n(lang), [lang]);
  const setLang = (l: Lang) => {
    setLangState(l);
    navigate(`${window.location.pathname}${queryWith({ lang: l })}`, { replace: true });
  };

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    document.documentElement.style.colorScheme = theme === 'light' ? 'light' : 'dark';
  }, [theme]);

  return (
    <FluentProvider theme={THEMES[theme]} lang={lang}>
      <I18nContext.Provider value={i18n}>
        <Frame api={api} host={host} lang={lang} setLang={setLang} theme={theme} />
      </I18nContext.Provider>
    </FluentProvider>
  );
}

function Frame(props: { api: TabApi; host: TeamsHost | undefined; lang: Lang; setLang: (l: Lang) => void; theme: ThemeName }) {
  const c = useStyles();
  const { t } = useI18n();
  const { route, search } = useLocation();
  // The first /me (and the page's data) was asked for by main.tsx before the shell loaded; a reload asks again.
  const [me, reloadMe] = useLoad(() => props.api.me(), [props.api]);

  const groupParam = search.get('group');
  const groups = me.state === 'ok' ? me.data.groups : [];
  // The address names the group (a channel tab's contentUrl), else the Teams conversation's group, else the server's default.
  const group =
    groups.find((g) => g.id === groupParam) ??
    groupOfConversation(groups, props.host?.conversationId) ??
    groups.find((g) => me.state === 'ok' && g.id === me.data.defaultGroupId) ??
    groups[0];

  useEffect(() => {
    document.title = `${t(PAGE_TITLE[route.page])} – ${group ? `${group.name} – ` : ''}${t('app.name')}`;
  }, [route.page, group, t]);

  const shell: Shell | undefined =
    me.state === 'ok'
      ? { api: props.api, me: me.data, group, lang: props.lang, setLang: props.setLang, theme: props.theme, host: props.host }
      : undefined;
  const isConfig = route.page === 'config';

  let content: ReactNode;
  if (me.state === 'loading') content = <Loading />;
  else if (me.state === 'error') content = <LoadError error={me.error} retry={reloadMe} />;
  else if (!group && !isConfig) {
    content = (
      <MessageBar intent="info">
        <MessageBarBody>{t('app.noGroups')}</MessageBarBody>
      </MessageBar>
    );
  } else content = <PageView route={route} />;

  return (
    <div className={c.root}>
      <a className={c.skip} href="#main">
        {t('app.skipToContent')}
      </a>
      <Header group={group} groups={groups} isConfig={isConfig} lang={props.lang} setLang={props.setLang} />
      {!isConfig && <Nav page={route.page} />}
      <main id="main" className={c.main} tabIndex={-1}>
        {me.state === 'ok' && me.data.mode === 'local' && (
          <MessageBar intent="warning" layout="multiline" className={c.banner} data-testid="local-mode-banner">
            <MessageBarBody>{t('app.localMode')}</MessageBarBody>
          </MessageBar>
        )}
        {shell ? <ShellContext.Provider value={shell}>{content}</ShellContext.Provider> : content}
      </main>
    </div>
  );
}

/** The group set up in the Teams chat or channel the tab is in, or whose meeting's chat it is. */
function groupOfConversation(groups: MeView['groups'], conversationId: string | undefined): MeView['groups'][number] | undefined {
  if (!conversationId) return undefined;
  return groups.find((g) => g.conversationId === conversationId) ?? groups.find((g) => g.meetingConversationIds?.includes(conversationId));
}
