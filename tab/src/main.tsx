/**
 * Entry point, kept small on purpose: it asks for /me and the page's data and starts loading the page's
 * chunk, and only then loads the shell (React DOM and Fluent UI, most of the JavaScript). On a slow machine
 * evaluating that bundle took over half a second; the answers now arrive meanwhile instead of after it.
 */
import { TabApi } from './api';
import { langOf } from './i18n/lang';
import { loadPage } from './pages';
import { deepLinkTarget, isFrontPage, navigate, parseRoute, type Route } from './router';
import { connectToTeams, type ThemeName } from './teams';

const params = new URLSearchParams(window.location.search);
const themeParam = params.get('theme');
const initialTheme: ThemeName = themeParam === 'dark' || themeParam === 'contrast' ? themeParam : 'light';
const queryLang = langOf(params.get('lang'));
const browserLang = langOf(navigator.language) ?? 'sv';
// The shell keeps <html lang> up to date (Teams' locale, the language menu); the API answers in it.
document.documentElement.lang = queryLang ?? browserLang;

const host = connectToTeams();
// Opened from a card's "Open in Rådslag" link: the page and group it names, unless the address already says.
void host.then((h) => {
  const target = deepLinkTarget(h?.subPageId);
  if (target && !params.get('group') && parseRoute(window.location.pathname).page === 'risks') navigate(target, { replace: true });
  // In a meeting (side panel, stage, the meeting chat's or details tab) the front page is the meeting page.
  else if (!target && isFrontPage(window.location.pathname) && (h?.meetingId || h?.frameContext === 'sidePanel' || h?.frameContext === 'meetingStage')) {
    navigate(`${import.meta.env.BASE_URL}meeting${window.location.search}`, { replace: true });
  }
});
// The API waits for the host (at most the short init timeout) so that inside Teams no request goes without a token.
const api = new TabApi(async () => (await host)?.getToken(), () => document.documentElement.lang || 'sv');

const first = parseRoute(window.location.pathname);
if (first.page !== 'notFound') void loadPage(first.page).catch(() => undefined);
const groupParam = params.get('group');
api.startEarly((early) => Promise.all([early.me(), groupParam ? pageData(early, first, groupParam) : undefined]));

void import('./boot').then(({ boot }) => boot({ api, host, initialTheme, queryLang, browserLang }));

/** What a page reads first, asked for early; nothing for pages whose first read depends on their own state. */
function pageData(early: TabApi, route: Route, groupId: string): Promise<unknown> | undefined {
  switch (route.page) {
    case 'risks':
      return early.risks(groupId);
    case 'risk':
      return early.risk(groupId, route.riskId);
    case 'capabilities':
      return early.capabilities(groupId);
    case 'decisions':
      return early.decisions(groupId);
    default:
      return undefined;
  }
}
