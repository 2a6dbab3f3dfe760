/**
 * A throwaway TLS identity for the fake Microsoft endpoints: one self-signed certificate for 127.0.0.1 and
 * localhost. The real MSAL and Graph clients insist on https, and Node trusts an extra certificate only
 * through NODE_EXTRA_CA_CERTS, read once when a process starts: so `caFile` goes into the environment of
 * a child process (the app, or tests/fakes/calendar-child.ts), never into the running jest worker.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TestTls {
  /** PEM of the certificate: the server's certificate and, being self-signed, its own trust anchor. */
  certPem: string;
  keyPem: string;
  /** cert.pem on disk, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** The temporary folder holding cert.pem and key.pem; `remove()` deletes it. */
  dir: string;
  remove(): void;
}

/** A fresh certificate in a new temporary folder, valid from an hour ago (clock skew) for two days. */
export async function createTestTls(): Promise<TestTls> {
  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000);
  const notAfterDate = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      // A CA flag so OpenSSL accepts the certificate as a trust anchor as well as a server certificate.
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-tls-'));
  const caFile = path.join(dir, 'cert.pem');
  fs.writeFileSync(caFile, pems.cert);
  fs.writeFileSync(path.join(dir, 'key.pem'), pems.private, { mode: 0o600 });
  return { certPem: pems.cert, keyPem: pems.private, caFile, dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
