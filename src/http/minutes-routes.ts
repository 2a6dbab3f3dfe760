/**
 * GET /minutes/:token — a minutes file behind a signed, expiring link (from the /minutes card). The link
 * names the version, format, language and audience; a bad or old link gets a page that says what to do.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { escapeHtml } from '../app/html';
import type { MinutesService } from '../app/minutes-service';
import { translator, type MessageKey } from '../i18n';
import { pageLocale } from './personal-link-routes';

const REFUSAL: Record<'malformed' | 'forged' | 'expired' | 'notFound', { status: number; key: MessageKey }> = {
  malformed: { status: 400, key: 'minutesLink.malformed' },
  forged: { status: 403, key: 'minutesLink.forged' },
  expired: { status: 410, key: 'minutesLink.expired' },
  notFound: { status: 404, key: 'minutesLink.notFound' },
};

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  // The token is in the address: keep it out of caches and out of any Referer.
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
};

export function registerMinutesRoutes(server: Server, minutes: MinutesService, log: Logger): void {
  server.get('/minutes/:token', async (req: Request, res: Response) => {
    const token = (req.params as Record<string, unknown>).token;
    try {
      const result = await minutes.download(typeof token === 'string' ? token : '');
      if (!result.ok) {
        const { locale } = pageLocale(req.url, req.headers['accept-language']);
        const t = translator(locale);
        const refusal = REFUSAL[result.refusal];
        const text = t(refusal.key);
        res.writeHead(refusal.status, { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" });
        res.end(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(t('minutes.word'))}</title></head><body><h1>${escapeHtml(t('minutes.word'))}</h1><p>${escapeHtml(text)}</p></body></html>`);
        return;
      }
      const { file } = result;
      const html = file.contentType.startsWith('text/html');
      res.writeHead(200, {
        ...COMMON_HEADERS,
        'Content-Type': file.contentType,
        'Content-Length': file.body.length,
        // HTML opens to read and print; Word and Markdown download under a readable name.
        'Content-Disposition': `${html ? 'inline' : 'attachment'}; filename="${file.fileName}"`,
        ...(html ? { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'" } : {}),
      });
      res.end(file.body);
    } catch (e) {
      log.error({ err: e }, 'minutes download failed');
      res.send(500, { code: 'InternalError', message: 'The minutes could not be made. Try again, or ask for new links with /minutes.' });
    }
  });
}
