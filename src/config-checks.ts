/**
 * The checks that span several keys: whether local mode may run here, and the credentials the bot and
 * Graph sign in with.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type ParsedConfig } from './config-schema';
import type { GraphConfig } from './config-types';

/** 127.0.0.0/8, ::1 and localhost: the machine itself. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** A PEM file with a private key and its certificate: the key and the certificate's thumbprints (hex). */
export function readCertificate(key: string, file: string, rootDir: string): { privateKey: string; thumbprintSha1: string; thumbprintSha256: string } {
  let pem: string;
  try {
    pem = fs.readFileSync(path.resolve(rootDir, file), 'utf8');
  } catch (e) {
    throw new ConfigError(key, `cannot be read (${(e as Error).message})`);
  }
  const privateKey = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!privateKey || !certificate) throw new ConfigError(key, 'must hold both the private key and the certificate (PEM)');
  const x509 = new X509Certificate(certificate);
  const hex = (fingerprint: string) => fingerprint.replace(/:/g, '').toLowerCase();
  return { privateKey, thumbprintSha1: hex(x509.fingerprint), thumbprintSha256: hex(x509.fingerprint256) };
}

/** How Rådslag signs in to Graph; undefined when the chosen way is not configured (Graph stays off). */
export function graphCredentialOf(c: ParsedConfig, rootDir: string): Pick<GraphConfig, 'clientSecret' | 'certificate' | 'managedIdentity'> | undefined {
  if (c.AAD_APP_CREDENTIAL === 'managedIdentity') return { managedIdentity: c.MANAGED_IDENTITY_CLIENT_ID ? { clientId: c.MANAGED_IDENTITY_CLIENT_ID } : {} };
  if (c.AAD_APP_CREDENTIAL === 'certificate') {
    if (!c.AAD_APP_CERTIFICATE_FILE) throw new ConfigError('AAD_APP_CERTIFICATE_FILE', 'is required with AAD_APP_CREDENTIAL=certificate (a PEM file with the private key and the certificate)');
    const cert = readCertificate('AAD_APP_CERTIFICATE_FILE', c.AAD_APP_CERTIFICATE_FILE, rootDir);
    return { certificate: { privateKey: cert.privateKey, thumbprintSha256: cert.thumbprintSha256 } };
  }
  return c.SECRET_AAD_APP_CLIENT_SECRET ? { clientSecret: c.SECRET_AAD_APP_CLIENT_SECRET } : undefined;
}

/**
 * Local mode is asked for (LOCAL_MODE=on), never implied by a missing BOT_ID, and only where nothing says
 * the app faces a real tenant or the internet. With BOT_ID set every activity is authenticated.
 */
export function checkLocalMode(c: ParsedConfig, env: Record<string, string | undefined>): boolean {
  if (c.BOT_ID) return false;
  if (c.LOCAL_MODE !== 'on') {
    throw new ConfigError('BOT_ID', 'is empty and LOCAL_MODE is not "on": set BOT_ID (with SECRET_BOT_PASSWORD and BOT_TENANT_ID) to authenticate activities, or LOCAL_MODE=on to run unauthenticated on this machine only');
  }
  const refuse = (key: string, why: string) => {
    throw new ConfigError(key, `${why}, which local mode (LOCAL_MODE=on, no BOT_ID) does not allow: set BOT_ID to authenticate activities, or remove ${key}`);
  };
  if (c.SECRET_BOT_PASSWORD) refuse('SECRET_BOT_PASSWORD', 'is set');
  if (c.BOT_TENANT_ID) refuse('BOT_TENANT_ID', 'is set');
  if (c.PUBLIC_BASE_URL && new URL(c.PUBLIC_BASE_URL).protocol === 'https:') refuse('PUBLIC_BASE_URL', 'is an https address (the app faces the internet)');
  if (c.TEAMSFX_ENV !== 'local') refuse('TEAMSFX_ENV', `is "${c.TEAMSFX_ENV}", not "local"`);
  if (c.DATABASE_URL && /^postgres(ql)?:/.test(c.DATABASE_URL)) {
    // pg takes the host from a ?host= parameter (which wins), the authority, or PGHOST; a path is a Unix socket here.
    let hosts: string[];
    try {
      const url = new URL(c.DATABASE_URL);
      hosts = (url.searchParams.get('host') ?? (url.hostname || (env.PGHOST ?? ''))).split(',').map((h) => h.trim());
    } catch {
      hosts = ['?'];
    }
    const remote = hosts.find((h) => h !== '' && !h.startsWith('/') && !isLoopbackHost(h));
    if (remote !== undefined) refuse('DATABASE_URL', `names the PostgreSQL host ${JSON.stringify(remote)}, not this machine`);
  }
  return true;
}
