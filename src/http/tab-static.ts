/**
 * Serves the built tab (Vite's dist/tab) at /tab/: files as they are, hashed assets cached for a year,
 * index.html (never cached) for /tab/ and any other path of the single-page app (/tab/config, …). Every
 * answer carries a Content-Security-Policy whose frame-ancestors lets only Teams and Microsoft 365 frame
 * the tab. When the tab has not been built, a 503 page says how to build it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Next, Request, Response, Server } from 'restify';
import type { Logger } from 'pino';

/** Hosts that may frame the tab: Teams (classic and new), Microsoft 365 (Outlook, the M365 app) and Skype-era Teams hosts. */
export const TAB_FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://*.microsoft365.com',
  'https://*.skype.com',
];

/**
 * Fluent UI (Griffel) inserts its styles at run time, hence style-src 'unsafe-inline'; scripts come only
 * from the server itself, and the page talks only to its own API.
 */
export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${TAB_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function securityHeaders(res: Response): void {
  res.header('content-security-policy', TAB_CSP);
  res.header('x-content-type-options', 'nosniff');
  res.header('referrer-policy', 'strict-origin-when-cross-origin');
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rådslag – tab not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The tab has not been built</h1>
<p>The server serves the tab from <code>dist/tab</code>, which is missing. Build it with <code>npm run build</code> (or start with <code>npm start</code>, which builds first), then reload this page.</p>
<p lang="sv">Fliken är inte byggd. Kör <code>npm run build</code> (eller <code>npm start</code>) och ladda om sidan.</p>
</body></html>`;

export function registerTabStatic(server: Server, distDir: string, log: Logger): void {
  const root = path.resolve(distDir);

  /** Streams a file; resolves once the answer is sent (restify runs async handlers to completion). */
  const send = async (req: Request, res: Response, file: string, cache: string): Promise<void> => {
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (!stat?.isFile()) {
      notFound(res);
      return;
    }
    res.writeHead(200, { 'content-type': type, 'content-length': stat.size, 'cache-control': cache });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeline(fs.createReadStream(file), res).catch((e: unknown) => {
      log.warn({ err: e, file }, 'sending a tab file failed');
      res.destroy();
    });
  };

  const notFound = (res: Response): void => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('Not found');
  };

  const handler = async (req: Request, res: Response): Promise<void> => {
    securityHeaders(res);
    const index = path.join(root, 'index.html');
    if (!(await fs.promises.stat(index).then((st) => st.isFile()).catch(() => false))) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '60' });
      res.end(NOT_BUILT_PAGE);
      return;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(new URL(req.url ?? '/', 'http://tab').pathname).replace(/^\/tab\/?/, '');
    } catch {
      notFound(res);
      return;
    }
    const file = path.resolve(root, relative);
    // Never outside dist/tab (../, encoded or not), never a dot-file.
    if ((file !== root && !file.startsWith(root + path.sep)) || relative.split('/').some((s) => s.startsWith('.') && s !== '')) {
      notFound(res);
      return;
    }
    if (relative !== '' && (await fs.promises.stat(file).then((st) => st.isFile()).catch(() => false))) {
      // Vite names built assets by content hash: they never change under the same name.
      const immutable = relative.startsWith('assets/');
      await send(req, res, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    // A missing asset is a 404 (an HTML page in its place would only confuse the browser); any other path is a route of the app.
    if (relative.startsWith('assets/') || /\.(js|mjs|css|map|png|svg|ico|woff2?|json)$/i.test(relative)) {
      notFound(res);
      return;
    }
    await send(req, res, index, 'no-cache');
  };

  server.get('/tab', (req: Request, res: Response, next: Next) => {
    securityHeaders(res);
    const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
    res.writeHead(301, { location: `/tab/${query}`, 'cache-control': 'no-cache' });
    res.end();
    next(false);
  });
  server.get('/tab/*', handler);
  server.head('/tab/*', handler);
}
