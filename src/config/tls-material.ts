/**
 * Reads the PEM files named by the `tls` section, so the transport receives bytes and never paths.
 * Errors name the config field and file.
 */
import * as fs from 'node:fs';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { ConfigError, type TumblerConfig } from './load';

export interface TlsMaterial {
  /** The server certificate, then the ECDSA one when configured (OpenSSL picks per client). */
  cert: string | string[];
  key: string | string[];
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
  const rsaCert = read('cert', config.tls.cert);
  splitPemBundle(rsaCert, `tls.cert (${config.tls.cert})`);
  const rsaKey = read('key', config.tls.key);
  let cert: string | string[] = rsaCert;
  let key: string | string[] = rsaKey;
  const { ecdsaCert, ecdsaKey } = config.tls;
  if (ecdsaCert || ecdsaKey) {
    if (!ecdsaCert || !ecdsaKey) throw new ConfigError(['tls.ecdsaCert and tls.ecdsaKey go together']);
    const ec = read('ecdsaCert', ecdsaCert);
    const [leaf] = splitPemBundle(ec, `tls.ecdsaCert (${ecdsaCert})`);
    const ecKey = read('ecdsaKey', ecdsaKey);
    const x = new X509Certificate(leaf);
    if (x.publicKey.asymmetricKeyType !== 'ec') throw new ConfigError([`tls.ecdsaCert (${ecdsaCert}): not an ECDSA certificate`]);
    let matches = false;
    try {
      matches = x.checkPrivateKey(createPrivateKey(ecKey));
    } catch (err) {
      throw new ConfigError([`tls.ecdsaKey (${ecdsaKey}): unreadable key: ${(err as Error).message}`]);
    }
    if (!matches) throw new ConfigError([`tls.ecdsaKey (${ecdsaKey}) is not the key of tls.ecdsaCert (${ecdsaCert})`]);
    cert = [rsaCert, ec];
    key = [rsaKey, ecKey];
  }
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
