/**
 * The tab's language: Swedish or English, from the Teams locale, `?lang=` outside Teams, or the switch on
 * the page. `t(key, values)` fills `{name}` placeholders; plurals pick `<key>.one` / `<key>.other`.
 */
import { createContext, useContext } from 'react';
import { en, type MessageKey, type Messages } from './en';
import { LANGS, langOf, type Lang } from './lang';
import { sv } from './sv';

export { LANGS, langOf, type Lang };

const MESSAGES: Record<Lang, Messages> = { sv, en };

/** The keys that have `.one` / `.other` forms, without the suffix. */
type PluralBase<K extends string> = K extends `${infer B}.one` ? B : never;
export type PluralKey = PluralBase<MessageKey>;

export type Values = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  /** BCP 47 locale for Intl formatting. */
  locale: string;
  t: (key: MessageKey, values?: Values) => string;
  /** Plural form by `count` (also available as `{count}`). */
  tn: (key: PluralKey, count: number, values?: Values) => string;
  date: (iso: string | undefined) => string;
  /** Date and time in Stockholm, for an audit trail. */
  dateTime: (iso: string) => string;
  number: (n: number, maximumFractionDigits?: number) => string;
  percent: (rate: number) => string;
}

function fill(text: string, values: Values | undefined): string {
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

export function createI18n(lang: Lang): I18n {
  const messages = MESSAGES[lang];
  const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
  // Formatters are made on first use: the first Intl object with a time zone loads ICU data (tens of
  // milliseconds on a slow machine), which a page that shows no date should not wait for.
  const once = <T,>(make: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  const plural = once(() => new Intl.PluralRules(locale));
  // Swedish tables use ISO dates (2020-11-27); English ones "27 Nov 2020". Meetings happen in Stockholm.
  const dateFormat = once(
    () =>
      new Intl.DateTimeFormat(
        locale,
        lang === 'sv'
          ? { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Stockholm' }
          : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'Europe/Stockholm' },
      ),
  );
  const dateTimeFormat = once(() => new Intl.DateTimeFormat(locale, { dateStyle: lang === 'sv' ? 'short' : 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }));
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const percentFormat = once(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }));
  const t = (key: MessageKey, values?: Values): string => fill(messages[key], values);
  return {
    lang,
    locale,
    t,
    tn: (key, count, values) => {
      const form = plural().select(count) === 'one' ? 'one' : 'other';
      return t(`${key}.${form}` as MessageKey, { count, ...values });
    },
    date: (iso) => {
      if (!iso) return messages['common.none'];
      const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
      return Number.isNaN(d.getTime()) ? iso : dateFormat().format(d);
    },
    dateTime: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateTimeFormat().format(d);
    },
    number: (n, maximumFractionDigits = 1) => {
      let f = numberFormats.get(maximumFractionDigits);
      if (!f) numberFormats.set(maximumFractionDigits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits })));
      return f.format(n);
    },
    percent: (rate) => percentFormat().format(rate),
  };
}

export const I18nContext = createContext<I18n>(createI18n('sv'));
export const useI18n = (): I18n => useContext(I18nContext);
