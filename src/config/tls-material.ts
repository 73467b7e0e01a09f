/**
 * Reads the PEM files named by the `tls` section, so the transport receives bytes and never paths.
 * Errors name the config field and file.
 */
import * as fs from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { ConfigError, type TumblerConfig } from './load';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** Trusted CA certificates, one PEM each. */
  ca: string[];
  /** Pinned self-signed client certificates, one PEM each. */
  pinnedClientCerts: string[];
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Split a PEM bundle into single certificates, checking each one parses. */
export function splitPemBundle(text: string, what: string): string[] {
  const certs = text.match(PEM_CERT) ?? [];
  if (certs.length === 0) throw new ConfigError([`${what}: no PEM certificate found`]);
  for (const c of certs) {
    try {
      new X509Certificate(c);
    } catch (err) {
      throw new ConfigError([`${what}: unreadable certificate: ${(err as Error).message}`]);
    }
  }
  return certs.map((c) => c + '\n');
}

export function loadTlsMaterial(config: TumblerConfig): TlsMaterial {
  const read = (field: string, file: string): string => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError([`tls.${field}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
    }
  };
  const cert = read('cert', config.tls.cert);
  splitPemBundle(cert, `tls.cert (${config.tls.cert})`);
  const key = read('key', config.tls.key);
  const ca = config.tls.ca ? splitPemBundle(read('ca', config.tls.ca), `tls.ca (${config.tls.ca})`) : [];
  const pinnedClientCerts = config.tls.pinnedClientCerts.map((f, i) => {
    const certs = splitPemBundle(read(`pinnedClientCerts[${i}]`, f), `tls.pinnedClientCerts[${i}] (${f})`);
    return certs[0];
  });
  if (ca.length === 0 && pinnedClientCerts.length === 0) {
    throw new ConfigError(['tls: no client trust configured: set tls.ca and/or tls.pinnedClientCerts (mutual TLS is required)']);
  }
  return { cert, key, ca, pinnedClientCerts };
}
