/**
 * Who is on the other end: the peer identity taken from the client certificate (subject CN, else the
 * first DNS/email/URI subject alternative name) and the facts the policy layer may want.
 */
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { sha256Hex } from './trust';

export interface PeerInfo {
  /** Client identity: certificate subject CN, else first SAN of type DNS, email or URI. */
  identity: string;
  /** SHA-256 of the client certificate DER, lower-case hex. */
  fingerprint: string;
  remoteAddress: string;
  remotePort?: number;
  /** Subject organisational units, in certificate order (may be empty). */
  ou: string[];
  /** Subject fields as Node reports them (CN, O, OU, C, ...). */
  subject: Record<string, string | string[]>;
  /** Issuer fields of the client certificate. */
  issuer: Record<string, string | string[]>;
  /** Subject alternative names as "TYPE:value" strings, e.g. "DNS:host", "email:a@b". */
  subjectAltNames: string[];
  /** Negotiated TLS protocol and cipher (e.g. "TLSv1.3", "TLS_AES_256_GCM_SHA384"). */
  protocol: string;
  cipher: string;
  /** True when the TLS session was resumed (the identity is still the certificate's). */
  sessionReused: boolean;
  /** Per-listener connection number, for logs. */
  connectionId: number;
}

/** Identity fields of a certificate; identity undefined when the certificate names nobody. */
export interface CertificateIdentity {
  identity?: string;
  subject: Record<string, string | string[]>;
  issuer: Record<string, string | string[]>;
  ou: string[];
  subjectAltNames: string[];
}

const IDENTITY_SAN_TYPES = new Set(['DNS', 'email', 'URI']);

export function identityFromCertificate(cert: PeerCertificate): CertificateIdentity {
  const subject = plainFields(cert.subject);
  const issuer = plainFields(cert.issuer);
  const cn = firstNonEmpty(subject.CN);
  const subjectAltNames = parseSubjectAltName(cert.subjectaltname ?? '');
  let identity = cn;
  if (identity === undefined) {
    for (const entry of subjectAltNames) {
      const i = entry.indexOf(':');
      const type = entry.slice(0, i);
      const value = entry.slice(i + 1).trim();
      if (IDENTITY_SAN_TYPES.has(type) && value.length > 0) {
        identity = value;
        break;
      }
    }
  }
  const ouField = subject.OU;
  const ou = ouField === undefined ? [] : Array.isArray(ouField) ? [...ouField] : [ouField];
  return { identity, subject, issuer, ou, subjectAltNames };
}

/**
 * Parse Node's `subjectaltname` string ("DNS:a, email:b, URI:c"). Node (>= 17.3.1) JSON-quotes values
 * containing separators, e.g. `DNS:"a, b"`, so a comma inside a quoted value is not a separator.
 */
export function parseSubjectAltName(s: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < s.length) {
    const colon = s.indexOf(':', pos);
    if (colon < 0) break;
    const type = s.slice(pos, colon).trim();
    let value: string;
    let next: number;
    if (s[colon + 1] === '"') {
      // JSON string: find the closing quote that is not escaped.
      let i = colon + 2;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      try {
        value = JSON.parse(s.slice(colon + 1, i + 1)) as string;
      } catch {
        value = s.slice(colon + 2, i);
      }
      next = s.indexOf(', ', i + 1);
    } else {
      next = s.indexOf(', ', colon + 1);
      value = s.slice(colon + 1, next < 0 ? s.length : next);
    }
    out.push(`${type}:${value}`);
    if (next < 0) break;
    pos = next + 2;
  }
  return out;
}

/**
 * Identity fields by certificate fingerprint. They depend on the certificate's bytes only, and reading
 * them (getPeerCertificate) builds every field of the certificate, three fingerprints included: a client
 * that reconnects often should not pay that on every connection. Bounded, oldest dropped first.
 */
const IDENTITY_CACHE_SIZE = 1024;
const identities = new Map<string, CertificateIdentity>();

/**
 * Build the PeerInfo of an authenticated socket; undefined when the certificate names nobody. `leaf`: the
 * leaf's fingerprint (SHA-256 of its DER) and fields when the caller has read them already (trust.ts peerLeaf).
 */
export function peerInfoFromSocket(
  sock: TLSSocket, connectionId: number, leaf?: { fingerprint: string; detail: PeerCertificate },
): PeerInfo | undefined {
  let fp = leaf?.fingerprint;
  let id = fp === undefined ? undefined : identities.get(fp);
  if (!id) {
    const cert = leaf?.detail ?? sock.getPeerCertificate(false);
    if (!cert || !cert.raw) return undefined;
    fp ??= sha256Hex(cert.raw);
    id = identityFromCertificate(cert);
    identities.set(fp, id);
    if (identities.size > IDENTITY_CACHE_SIZE) identities.delete(identities.keys().next().value as string);
  }
  if (id.identity === undefined) return undefined;
  return {
    identity: id.identity,
    fingerprint: fp as string,
    remoteAddress: sock.remoteAddress ?? '',
    remotePort: sock.remotePort,
    // Copies: a connection's PeerInfo must not share mutable state with the cache or other connections.
    ou: [...id.ou],
    subject: { ...id.subject },
    issuer: { ...id.issuer },
    subjectAltNames: [...id.subjectAltNames],
    protocol: sock.getProtocol() ?? '',
    cipher: sock.getCipher()?.name ?? '',
    sessionReused: sock.isSessionReused(),
    connectionId,
  };
}

function plainFields(o: object | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map(String);
  }
  return out;
}

function firstNonEmpty(v: string | string[] | undefined): string | undefined {
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  for (const x of list) if (x.trim().length > 0) return x.trim();
  return undefined;
}
