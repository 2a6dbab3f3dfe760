/** Entry point: reads the query, starts looking for the Teams host, and renders the shell at once. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { langOf } from './i18n';
import { loadPage } from './pages';
import { parseRoute } from './router';
import { connectToTeams, type ThemeName } from './teams';

const params = new URLSearchParams(window.location.search);
const themeParam = params.get('theme');
const initialTheme: ThemeName = themeParam === 'dark' || themeParam === 'contrast' ? themeParam : 'light';

// The page's chunk loads while the shell signs in and asks who the user is.
const first = parseRoute(window.location.pathname);
if (first.page !== 'notFound') void loadPage(first.page).catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App
      initialTheme={initialTheme}
      queryLang={langOf(params.get('lang'))}
      browserLang={langOf(navigator.language) ?? 'sv'}
      host={connectToTeams()}
    />
  </StrictMode>,
);
