/**
 * The benchmark's floor for the tab: the least a page on the tab's stack does (React DOM, a FluentProvider
 * with the light theme, a heading, a line of text and one Button), marked ready after its first render as
 * the tab's pages are. Measured in the same run as the tab, it says how fast this machine runs that stack.
 */
import { Button, FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createElement as h, useEffect } from 'react';
import { createRoot } from 'react-dom/client';

function Floor() {
  useEffect(() => {
    performance.mark('radslag:ready:floor');
  }, []);
  return h(
    FluentProvider,
    { theme: webLightTheme },
    h('main', { 'data-page': 'floor', 'data-ready': 'true' }, h('h1', null, 'Rådslag'), h('p', null, 'Riskregister'), h(Button, { appearance: 'primary' }, 'Visa')),
  );
}

createRoot(document.getElementById('root')!).render(h(Floor));
