/**
 * Typed translations: keys come from en.json, so a misspelt key does not compile, and sv.json must have
 * every key en.json has (checked by the assignment below).
 */
import en from './en.json';
import sv from './sv.json';
import type { ErrorCode } from '../domain/errors';

export type MessageKey = keyof typeof en;
export type Locale = 'sv' | 'en';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, sv };

// Every domain error code has a message in the catalogs.
type ErrorKeys = `error.${ErrorCode}`;
const _everyErrorHasAMessage: ErrorKeys extends MessageKey ? true : never = true;
void _everyErrorHasAMessage;

/** Swedish for any `sv…` locale (sv-SE, sv-FI), English otherwise. */
export function localeOf(tag: string | undefined | null): Locale {
  return tag?.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => {
    const text = catalog[key];
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
  };
}

export const errorKey = (code: ErrorCode): MessageKey => `error.${code}`;
