/**
 * The channel tab's configuration page: choose the group; Teams' Save then stores a tab whose address
 * names the group (/tab/?group=<id>).
 */
import { Field, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { Page } from '../components/common';
import { useShell } from '../context';
import { useI18n } from '../i18n';
import { useShared } from '../styles';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, maxWidth: '36em', '& p': { margin: 0 } },
  url: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  // Never wider than the window (a side panel); the open menu shows each name whole.
  select: { minWidth: 0, maxWidth: '100%' },
  selectInner: { maxWidth: '100%', textOverflow: 'ellipsis' },
});

export function contentUrlOf(origin: string, groupId: string): string {
  return `${origin}${import.meta.env.BASE_URL}?group=${encodeURIComponent(groupId)}`;
}

export default function ConfigPage() {
  const { me, group, host } = useShell();
  const { t } = useI18n();
  const s = useShared();
  const c = useStyles();
  const [groupId, setGroupId] = useState(group?.id ?? me.groups[0]?.id ?? '');
  const chosen = me.groups.find((g) => g.id === groupId);
  const contentUrl = chosen ? contentUrlOf(window.location.origin, chosen.id) : undefined;

  useEffect(() => {
    if (!host) return;
    host.configure(
      chosen && contentUrl
        ? { contentUrl, websiteUrl: contentUrl, entityId: `radslag-${chosen.id}`, suggestedDisplayName: `Rådslag – ${chosen.name}` }
        : undefined,
    );
  }, [host, chosen, contentUrl]);

  return (
    <Page name="config" ready>
      <h1 className={s.h1}>{t('config.title')}</h1>
      <p className={s.intro}>{t('config.intro')}</p>
      {me.groups.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t('app.noGroups')}</MessageBarBody>
        </MessageBar>
      ) : (
        <div className={s.card}>
          <div className={c.form}>
            <Field label={t('config.group')}>
              <Select value={groupId} onChange={(_, d) => setGroupId(d.value)} data-testid="config-group" className={c.select} select={{ className: c.selectInner }}>
                {me.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </Select>
            </Field>
            {host ? (
              <p role="status">{t('config.ready')}</p>
            ) : (
              contentUrl && (
                <>
                  <p>{t('config.outsideTeams')}</p>
                  <p className={c.url} data-testid="config-url">
                    {contentUrl}
                  </p>
                  <p>
                    <a className={s.link} href={contentUrl}>
                      {t('config.open')}
                    </a>
                  </p>
                </>
              )
            )}
          </div>
        </div>
      )}
    </Page>
  );
}
