/**
 * Download links for minutes: which version, in which format, language and audience (internal or public),
 * until when — all signed, so a link cannot be turned into another version's or into the internal text.
 */
import { z } from 'zod';
import type { DownloadClaims, DownloadLinks, DownloadReading } from '../app/ports';
import { checkToken, signToken } from './signed-token';

const MAC_CONTEXT = 'rm1.';

const payloadSchema = z.strictObject({
  v: z.literal(1),
  tenant: z.string().min(1).max(200),
  version: z.string().min(1).max(200),
  format: z.enum(['docx', 'html', 'md']),
  lang: z.enum(['sv', 'en']),
  public: z.boolean(),
  exp: z.number().int().positive(),
});

export function hmacDownloadLinks(signingKey: string): DownloadLinks {
  const key = Buffer.from(signingKey, 'utf8');
  return {
    issue: (c: DownloadClaims): string =>
      signToken(key, MAC_CONTEXT, { v: 1, tenant: c.tenantId, version: c.versionId, format: c.format, lang: c.locale, public: c.public, exp: Math.floor(c.expiresAt.getTime() / 1000) }),
    read: (token: string, now: Date): DownloadReading => {
      const checked = checkToken(key, MAC_CONTEXT, token, payloadSchema);
      if (!checked.ok) return checked;
      const p = checked.payload;
      if (p.exp * 1000 <= now.getTime()) return { ok: false, refusal: 'expired' };
      return { ok: true, claims: { tenantId: p.tenant, versionId: p.version, format: p.format, locale: p.lang, public: p.public, expiresAt: new Date(p.exp * 1000) } };
    },
  };
}
