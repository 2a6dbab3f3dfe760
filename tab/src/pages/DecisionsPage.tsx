/** Every decision of the group across meetings, searchable. */
import { Field, Input, Link, MessageBar, MessageBarBody, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useDeferredValue, useMemo, useState } from 'react';
import { LoadError, Loading, Page, useLoad } from '../components/common';
import { useShell } from '../context';
import { useI18n } from '../i18n';
import { NARROW, useStacked } from '../stacked';
import { useShared } from '../styles';
import { transcriptHref } from './transcript/link';

const useStyles = makeStyles({
  text: { minWidth: '20em', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', [NARROW]: { minWidth: 0 } },
  heading: { display: 'block', fontWeight: tokens.fontWeightSemibold },
  retracted: { color: tokens.colorNeutralForeground2, textDecorationLine: 'line-through' },
  count: { margin: `0 0 ${tokens.spacingVerticalS}`, color: tokens.colorNeutralForeground2 },
  search: { minWidth: 'min(100%, 24em)' },
});

export default function DecisionsPage() {
  const { api, group } = useShell();
  const i18n = useI18n();
  const { t, date } = i18n;
  const s = useShared();
  const c = useStyles();
  const st = useStacked();
  const groupId = group?.id ?? '';
  const [load, reload] = useLoad(() => api.decisions(groupId), [api, groupId]);
  const [text, setText] = useState('');
  const query = useDeferredValue(text.trim().toLocaleLowerCase(i18n.locale));
  const all = load.state === 'ok' ? load.data.decisions : [];
  const shown = useMemo(
    () =>
      query
        ? all.filter((d) =>
            [d.heading, d.text, d.meetingTitle, d.agendaTitle, d.paragraph, d.meetingDate, d.agendaItem === undefined ? undefined : String(d.agendaItem)].some((f) =>
              f?.toLocaleLowerCase(i18n.locale).includes(query),
            ),
          )
        : all,
    [all, query, i18n.locale],
  );
  // A group that writes its decisions without § numbers gets no § column.
  const numbered = all.some((d) => d.paragraph !== undefined);

  return (
    <Page name="decisions" ready={load.state === 'ok'}>
      <h1 className={s.h1}>{t('dec.title')}</h1>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <LoadError error={load.error} retry={reload} />}
      {load.state === 'ok' && all.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{t('dec.none')}</MessageBarBody>
        </MessageBar>
      )}
      {load.state === 'ok' && all.length > 0 && (
        <section className={s.card} aria-labelledby="dec-title">
          <h2 id="dec-title" className={s.srOnly}>
            {t('dec.title')}
          </h2>
          <div className={s.toolbar}>
            <Field label={t('dec.search')} className={c.search}>
              <Input type="search" value={text} onChange={(_, d) => setText(d.value)} placeholder={t('dec.searchPlaceholder')} />
            </Field>
          </div>
          <p className={c.count} role="status" aria-live="polite">
            {t('dec.count', { shown: shown.length, total: all.length })}
          </p>
          <div className={s.scroll}>
            <table className={mergeClasses(s.table, st.table)} data-testid="decision-table">
              <caption className={s.srOnly}>{t('dec.caption', { group: load.data.group.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dec.col.date')}</th>
                  <th scope="col">{t('dec.col.meeting')}</th>
                  <th scope="col">{t('dec.col.item')}</th>
                  {numbered && <th scope="col">{t('dec.col.paragraph')}</th>}
                  <th scope="col">{t('dec.col.text')}</th>
                  <th scope="col">{t('dec.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((d) => (
                  <tr key={d.id}>
                    <td className={s.nowrap} data-key="3">
                      {date(d.meetingDate)}
                    </td>
                    <td data-label={t('dec.col.meeting')}>
                      {d.meetingTitle} <Link href={transcriptHref(d.meetingId)}>{t('tr.link')}</Link>
                    </td>
                    <td data-label={t('dec.col.item')}>{d.agendaItem === undefined ? t('common.none') : `${d.agendaItem}. ${d.agendaTitle ?? ''}`.trim()}</td>
                    {numbered && (
                      <th scope="row" className={s.nowrap} data-key="1">
                        {d.paragraph}
                      </th>
                    )}
                    <td className={mergeClasses(c.text, d.status === 'retracted' && c.retracted)}>
                      {d.heading && <span className={c.heading}>{d.heading}</span>}
                      {d.text}
                    </td>
                    <td className={s.nowrap} data-key="2">{d.status === 'retracted' ? t('dec.retracted') : t('dec.active')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.length === 0 && <p>{t('dec.empty')}</p>}
        </section>
      )}
    </Page>
  );
}
