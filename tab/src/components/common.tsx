/** Small building blocks shared by the pages: links, loading and error states, the R band pill. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, mergeClasses } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { RiskBand } from '../../../src/contract/tab-api';
import { ApiFailure } from '../api';
import { useI18n, type I18n } from '../i18n';
import { hrefOf, navigate, type Route } from '../router';
import { useShared } from '../styles';

/** A link inside the tab: a real <a href> (opens in a new tab with a modifier key), routed in place otherwise. */
export function AppLink(props: { to: Route; children: ReactNode; className?: string; 'aria-current'?: 'page' }) {
  const s = useShared();
  const href = hrefOf(props.to);
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} className={props.className ?? s.link} aria-current={props['aria-current']}>
      {props.children}
    </a>
  );
}

export type Load<T> = { state: 'loading' } | { state: 'error'; error: ApiFailure } | { state: 'ok'; data: T };

/**
 * Loads data for a page; `reload` fetches again from scratch (after an error), `refresh` fetches again while
 * the page keeps showing what it has (after a write), `set` replaces it (e.g. with a write's answer).
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Load<T>, () => void, (data: T) => void, () => void] {
  const [state, setState] = useState<Load<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setState({ state: 'loading' });
    loadRef.current().then(
      (data) => live && setState({ state: 'ok', data }),
      (e: unknown) => live && setState({ state: 'error', error: e instanceof ApiFailure ? e : new ApiFailure(0, 'CLIENT', String(e)) }),
    );
    return () => {
      live = false;
    };
    // The caller names what the load depends on (deps); the function itself changes on every render.
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const set = useCallback((data: T) => setState({ state: 'ok', data }), []);
  const refresh = useCallback(() => {
    loadRef.current().then(
      (data) => setState({ state: 'ok', data }),
      (e: unknown) => setState({ state: 'error', error: e instanceof ApiFailure ? e : new ApiFailure(0, 'CLIENT', String(e)) }),
    );
  }, []);
  return [state, reload, set, refresh];
}

/** The server's own explanation (it answers in the page's language) when it gave one, else a general one. */
export function errorText(t: I18n['t'], e: ApiFailure): string {
  if (e.status === 0) return t('app.error.network');
  if (e.code === 'SSO') return t('app.error.sso', { message: e.message });
  if (e.message && !e.code.startsWith('HTTP_')) return e.message;
  if (e.status === 401) return t('app.error.401');
  if (e.status === 403) return t('app.error.403');
  if (e.status === 404) return t('app.error.404');
  return e.message;
}

export function Loading() {
  const { t } = useI18n();
  return <Spinner size="small" label={t('app.loading')} />;
}

export function LoadError(props: { error: ApiFailure; retry?: () => void }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('app.error.title')}</MessageBarTitle>
        {errorText(t, props.error)}
      </MessageBarBody>
      {props.retry && (
        <MessageBarActions>
          <Button onClick={props.retry}>{t('app.error.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/**
 * The page's root: `data-page` names it and `data-ready` says it is drawn and interactive (for tests and the
 * benchmark), which also finds the moment as a performance mark `radslag:ready:<page>` (time since navigation).
 */
export function Page(props: { name: string; ready: boolean; children: ReactNode }) {
  const s = useShared();
  useEffect(() => {
    if (props.ready) performance.mark(`radslag:ready:${props.name}`);
  }, [props.ready, props.name]);
  return (
    <div className={s.page} data-page={props.name} data-ready={props.ready ? 'true' : 'false'}>
      {props.children}
    </div>
  );
}

export function useBandClass(): (band: RiskBand, faint?: boolean) => string {
  const s = useShared();
  return (band, faint = false) => {
    if (faint) return band === 'critical' ? s.bandCriticalFaint : band === 'high' ? s.bandHighFaint : band === 'medium' ? s.bandMediumFaint : s.bandLowFaint;
    return band === 'critical' ? s.bandCritical : band === 'high' ? s.bandHigh : band === 'medium' ? s.bandMedium : s.bandLow;
  };
}

/** R with its band as text, never as colour alone. */
export function BandPill(props: { score: number; band: RiskBand }) {
  const s = useShared();
  const { t } = useI18n();
  const bandClass = useBandClass();
  return (
    <span className={mergeClasses(s.pill, bandClass(props.band))}>
      <strong>{props.score}</strong>
      <span>{t(`band.${props.band}`)}</span>
    </span>
  );
}
