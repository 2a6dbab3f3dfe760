/**
 * Path routing under the tab's base (/tab/): the server answers every /tab/ sub-path with index.html.
 * The query (group, theme, lang) is kept across navigation, so a link always stays in the same group.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'risks' }
  | { page: 'risk'; riskId: string }
  | { page: 'capabilities' }
  | { page: 'attendance' }
  | { page: 'decisions' }
  | { page: 'meeting' }
  | { page: 'transcript' }
  | { page: 'config' }
  | { page: 'notFound' };

const BASE = import.meta.env.BASE_URL; // "/tab/"
const KEPT_PARAMS = ['group', 'theme', 'lang'];

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname.replace(/^\//, '');
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (parts.length === 0 || (first === 'index.html' && parts.length === 1)) return { page: 'risks' };
  if (first === 'risks' && parts.length === 1) return { page: 'risks' };
  if (first === 'risks' && second && parts.length === 2) return { page: 'risk', riskId: second };
  if (parts.length === 1 && (first === 'capabilities' || first === 'attendance' || first === 'decisions' || first === 'meeting' || first === 'transcript' || first === 'config')) {
    return { page: first };
  }
  return { page: 'notFound' };
}

function pathOf(route: Route): string {
  switch (route.page) {
    case 'risks':
      return BASE;
    case 'risk':
      return `${BASE}risks/${encodeURIComponent(route.riskId)}`;
    case 'notFound':
      return BASE;
    default:
      return `${BASE}${route.page}`;
  }
}

/** The query to keep, with changes (undefined removes a parameter). */
export function queryWith(changes: Record<string, string | undefined> = {}): string {
  const current = new URLSearchParams(window.location.search);
  const next = new URLSearchParams();
  for (const k of KEPT_PARAMS) {
    const v = k in changes ? changes[k] : (current.get(k) ?? undefined);
    if (v) next.set(k, v);
  }
  const s = next.toString();
  return s ? `?${s}` : '';
}

/** The tab's front page (no sub-page in the address): where a tab in a meeting opens the meeting page. */
export const isFrontPage = (pathname: string): boolean => pathname === BASE || pathname === `${BASE}index.html`;

export const hrefOf = (route: Route): string => `${pathOf(route)}${queryWith()}`;

/**
 * Where a Teams deep link's sub-page leads (`decisions?group=<id>`, `risks/<risk id>?group=<id>`, as the
 * bot's cards write them): the tab's address, or undefined for anything else.
 */
export function deepLinkTarget(subPageId: string | undefined): string | undefined {
  // A meeting's Transcript page (`transcript?meeting=<id>`, from the transcript and minutes cards).
  const transcript = /^transcript\?meeting=([A-Za-z0-9-]{1,100})$/.exec(subPageId ?? '');
  if (transcript) return `${BASE}transcript?meeting=${transcript[1]}`;
  // The meeting page may name its meeting (`meeting?group=<id>&meeting=<id>`, from the notice and booking cards).
  const m = /^(risks|risks\/[A-Za-z0-9-]{1,100}|decisions|attendance|capabilities|meeting)\?group=([A-Za-z0-9-]{1,100})(&meeting=[A-Za-z0-9-]{1,100})?$/.exec(subPageId ?? '');
  if (!m || (m[3] && m[1] !== 'meeting')) return undefined;
  return `${BASE}${m[1]}?group=${m[2]}${m[3] ?? ''}`;
}

const listeners = new Set<() => void>();

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  listeners.forEach((l) => l());
}

/** The current route and query; re-renders on navigation and on the browser's back and forward. */
export function useLocation(): { route: Route; search: URLSearchParams } {
  const read = () => ({ route: parseRoute(window.location.pathname), search: new URLSearchParams(window.location.search) });
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return loc;
}
