/** The page of the route, loaded as its own chunk, or "not found". */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { AppLink, Loading, Page } from '../components/common';
import { useI18n } from '../i18n';
import { loadPage, loadedPage } from '../pages';
import type { Route } from '../router';
import { useShared } from '../styles';

/** The route's page: rendered at once when its chunk is loaded (main.tsx starts that early), else loaded first. */
export function PageView(props: { route: Route }) {
  const { t } = useI18n();
  const name = props.route.page === 'notFound' ? undefined : props.route.page;
  const [, setLoaded] = useState(0);
  const [failed, setFailed] = useState(false);
  const Component = name ? loadedPage(name) : NotFound;
  const missing = Component === undefined;
  useEffect(() => {
    // The chunk may have arrived between the render and this effect: loadPage then resolves at once.
    if (!name || !missing) return;
    let live = true;
    setFailed(false);
    loadPage(name).then(
      () => live && setLoaded((n) => n + 1),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [name, missing]);
  if (failed) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t('app.error.network')}</MessageBarBody>
      </MessageBar>
    );
  }
  return Component ? <Component route={props.route} /> : <Loading />;
}

function NotFound() {
  const s = useShared();
  const { t } = useI18n();
  return (
    <Page name="notFound" ready>
      <h1 className={s.h1}>{t('app.notFound')}</h1>
      <p>
        <AppLink to={{ page: 'risks' }}>{t('app.goToRegister')}</AppLink>
      </p>
    </Page>
  );
}
