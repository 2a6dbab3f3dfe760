/** Entry point: reads the query, starts looking for the Teams host, and renders the shell at once. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { langOf } from './i18n';
import { connectToTeams, type ThemeName } from './teams';

const params = new URLSearchParams(window.location.search);
const themeParam = params.get('theme');
const initialTheme: ThemeName = themeParam === 'dark' || themeParam === 'contrast' ? themeParam : 'light';

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
