/**
 * The MinutesRendering port: a version in Word, HTML or Markdown, for the internal record or the public
 * export, in Swedish or English; and the content hash that locks an approved version.
 */
import { createHash } from 'node:crypto';
import type { MinutesOptions } from '../app';
import type { MinutesFormat, MinutesRendering, RenderedMinutes } from '../app/ports';
import { translator, type Locale } from '../i18n';
import { hmacDownloadLinks } from '../links/download-link-token';
import { canonicalJson, publicContent, type MinutesVersion } from '../domain/minutes';
import { toHtml } from './html';
import { toMarkdown } from './markdown';
import { minutesOutline } from './outline';

const CONTENT_TYPES: Record<MinutesFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** `minnesanteckningar-e-radet-2027-02-11-v2.docx`: ASCII only, so every browser saves it under that name. */
export function fileName(version: MinutesVersion, format: MinutesFormat, locale: Locale, audience: 'internal' | 'public'): string {
  const slug = version.content.groupName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const word = locale === 'sv' ? 'minnesanteckningar' : 'minutes';
  return `${word}-${slug || 'meeting'}-${version.content.date}-v${version.version}${audience === 'public' ? (locale === 'sv' ? '-offentlig' : '-public') : ''}.${format}`;
}

// Word is built by `docx`, loaded on the first .docx asked for (it is large, and most processes never need it).
export const minutesRendering: MinutesRendering = {
  hash: (content) => createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex'),
  async render(version, format, locale, audience): Promise<RenderedMinutes> {
    const content = audience === 'public' ? publicContent(version.content) : version.content;
    const blocks = minutesOutline({ version, content, locale, audience });
    const properties = { title: `${translator(locale)('minutes.word')} – ${content.groupName} – ${content.date}`, author: content.recordedBy ?? version.createdBy.name };
    const body = format === 'docx' ? await (await import('./docx')).toDocx(blocks, locale, properties) : Buffer.from(format === 'html' ? toHtml(blocks, locale) : toMarkdown(blocks), 'utf8');
    return { body, contentType: CONTENT_TYPES[format], fileName: fileName(version, format, locale, audience) };
  },
};

/** Everything createServices needs for the minutes: this renderer, links signed with `signingKey`, the public address. */
export function minutesOptions(signingKey: string, publicBaseUrl: string): MinutesOptions {
  return { rendering: minutesRendering, links: hmacDownloadLinks(signingKey), publicBaseUrl };
}
