/**
 * The pages, each its own chunk (dynamic import). main.tsx starts loading the page of the address at once,
 * in parallel with the sign-in and /me, and the shell renders a loaded page directly: no Suspense boundary,
 * whose reveal React 19 holds back by up to 300 ms.
 */
import type { ComponentType } from 'react';
import type { Route } from '../router';

export type PageName = Exclude<Route['page'], 'notFound'>;
export type PageComponent = ComponentType<{ route: Route }>;

const loaders: Record<PageName, () => Promise<{ default: PageComponent }>> = {
  risks: () => import('./risks/RegisterPage'),
  risk: () => import('./risks/DetailPage'),
  capabilities: () => import('./capability-map'),
  attendance: () => import('./AttendancePage'),
  decisions: () => import('./DecisionsPage'),
  meeting: () => import('./meeting/MeetingPage'),
  transcript: () => import('./transcript/TranscriptPage'),
  config: () => import('./ConfigPage'),
};

const loaded = new Map<PageName, PageComponent>();
const loading = new Map<PageName, Promise<PageComponent>>();

export function loadPage(name: PageName): Promise<PageComponent> {
  let p = loading.get(name);
  if (!p) {
    p = loaders[name]().then((m) => {
      loaded.set(name, m.default);
      return m.default;
    });
    // A failed load (network) may be tried again.
    p.catch(() => loading.delete(name));
    loading.set(name, p);
  }
  return p;
}

export const loadedPage = (name: PageName): PageComponent | undefined => loaded.get(name);
