/**
 * A throwaway self-signed certificate for the real TLS upgrade, made with the openssl command
 * (Node's crypto can make keys but cannot sign a certificate). Null when openssl is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CertPair {
  key: string;
  cert: string;
}

export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A P-256 certificate for `fqdn` (and 127.0.0.1), valid for two days. */
export function makeSelfSignedCert(fqdn: string): CertPair | null {
  if (!opensslAvailable()) return null;
  const dir = mkdtempSync(join(tmpdir(), 'mailroot-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        `/CN=${fqdn}`,
        '-addext',
        `subjectAltName=DNS:${fqdn},IP:127.0.0.1`,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
