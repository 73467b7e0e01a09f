/**
 * Client certificate trust decisions.
 *
 * OpenSSL, as a server, verifies client chains for the purpose "sslclient": a certificate whose
 * extended key usage lacks clientAuth fails with INVALID_PURPOSE. KMIP clients in the field present
 * certificates with serverAuth only, and the KMIP profiles do not require clientAuth, so the listener
 * runs with rejectUnauthorized=false and decides here:
 *
 *  - OpenSSL verified the chain (socket.authorized): accept, unless the chain is anchored on a pinned
 *    self-signed certificate other than the leaf (pinned certificates are added to the CA list only so
 *    that clients choosing a certificate by CA name find them; they must not act as issuers).
 *  - Leaf pinned by SHA-256 fingerprint: accept when OpenSSL's only complaint is purpose or
 *    self-signature, and the certificate is within its validity period.
 *  - INVALID_PURPOSE otherwise: verify the chain again ourselves, without the purpose check (every
 *    link's signature, issuer name/key identifiers, CA flag, validity), up to a configured CA.
 *  - Anything else (unknown issuer, expired, bad signature, no certificate): refuse.
 *
 * The TLS handshake itself has already proven possession of the leaf's private key (CertificateVerify).
 * Revocation: CRL/OCSP are not consulted; the optional isRevoked hook refuses leaf certificates listed
 * by SHA-256 fingerprint (src/auth/revocation.ts, written by `tumbler certs revoke`), checked first.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, PeerCertificate, TLSSocket } from 'node:tls';

export interface TrustStore {
  /** Configured CA certificates (anchors allowed to issue client certificates). */
  anchors: X509Certificate[];
  anchorFingerprints: Set<string>;
  /** SHA-256 fingerprints (lower-case hex) of pinned self-signed client certificates. */
  pinnedFingerprints: Set<string>;
  /** Revocation hook (src/auth/revocation.ts): true = the leaf certificate is revoked, refuse it. */
  isRevoked?: (fingerprintHex: string) => boolean;
}

export type TrustDecision = { ok: true; via: 'chain' | 'pinned' | 'chain-without-purpose' } | { ok: false; reason: string };

const MAX_CHAIN_DEPTH = 10;

export function buildTrustStore(caPems: string[], pinnedPems: string[]): TrustStore {
  const anchors = caPems.map((p) => new X509Certificate(p));
  return {
    anchors,
    anchorFingerprints: new Set(anchors.map((a) => sha256Hex(a.raw))),
    pinnedFingerprints: new Set(pinnedPems.map((p) => sha256Hex(new X509Certificate(p).raw))),
  };
}

export function sha256Hex(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

/** The peer's leaf certificate, read once per connection. */
export interface PeerLeaf {
  cert: X509Certificate;
  /** SHA-256 of its DER, lower-case hex. */
  fingerprint: string;
  /** The certificate's fields as getPeerCertificate gives them (for the identity, peer.ts). */
  detail: PeerCertificate;
}

/** Parsed leaf certificates by the SHA-256 of their DER. Bounded, oldest dropped first. */
const LEAF_CACHE_SIZE = 1024;
const leaves = new Map<string, X509Certificate>();

/**
 * The leaf certificate of an authenticated socket. Node 20 parses the DER again for every X509Certificate
 * it makes (measured: ~340 us for getPeerX509Certificate or new X509Certificate, against ~120 us for
 * getPeerCertificate, which reads the certificate the handshake already parsed): a client that reconnects
 * gets its parsed certificate from the cache, keyed by the exact bytes.
 */
export function peerLeaf(sock: TLSSocket): PeerLeaf | undefined {
  const detail = sock.getPeerCertificate(false);
  if (!detail || !detail.raw) return undefined;
  const fingerprint = sha256Hex(detail.raw);
  let cert = leaves.get(fingerprint);
  if (!cert) {
    cert = new X509Certificate(detail.raw);
    leaves.set(fingerprint, cert);
    if (leaves.size > LEAF_CACHE_SIZE) leaves.delete(leaves.keys().next().value as string);
  }
  return { cert, fingerprint, detail };
}

/**
 * Decide whether the authenticated TLS peer is trusted. Pure apart from reading the socket. The chain is
 * read from the socket only when the decision needs it: a chain OpenSSL verified needs no second look
 * unless pinned certificates are configured (each read of the chain parses every certificate in it).
 */
export function decideClientTrust(sock: TLSSocket, trust: TrustStore, now: Date = new Date(), given?: PeerLeaf): TrustDecision {
  const peer = given ?? peerLeaf(sock);
  if (!peer) return { ok: false, reason: 'no client certificate' };
  const leaf = peer.cert;
  const leafFp = peer.fingerprint;
  if (trust.isRevoked?.(leafFp)) return { ok: false, reason: 'certificate revoked' };

  if (sock.authorized) {
    if (trust.pinnedFingerprints.size === 0) return { ok: true, via: 'chain' };
    const chain = peerChain(sock);
    const root = chain[chain.length - 1];
    const rootFp = root ? sha256Hex(root.raw) : leafFp;
    if (rootFp !== leafFp && trust.pinnedFingerprints.has(rootFp) && !trust.anchorFingerprints.has(rootFp)) {
      return { ok: false, reason: 'certificate issued by a pinned client certificate, which is not a CA' };
    }
    return { ok: true, via: 'chain' };
  }

  const error = String(sock.authorizationError ?? 'UNKNOWN');
  const chain = peerChain(sock);
  if (trust.pinnedFingerprints.has(leafFp)) {
    if (error !== 'INVALID_PURPOSE' && error !== 'DEPTH_ZERO_SELF_SIGNED_CERT') return { ok: false, reason: error };
    const v = validityProblem(leaf, now);
    return v ? { ok: false, reason: `pinned certificate ${v}` } : { ok: true, via: 'pinned' };
  }
  if (error !== 'INVALID_PURPOSE') return { ok: false, reason: error };
  const problem = verifyChainWithoutPurpose(leaf, chain.slice(1), trust, now);
  return problem ? { ok: false, reason: problem } : { ok: true, via: 'chain-without-purpose' };
}

/**
 * Verify `leaf` up to a configured anchor through the given intermediates. Returns a problem
 * description, or undefined when the chain is good. Pinned-only certificates are not anchors.
 */
export function verifyChainWithoutPurpose(
  leaf: X509Certificate,
  intermediates: X509Certificate[],
  trust: TrustStore,
  now: Date = new Date(),
): string | undefined {
  let cur = leaf;
  const seen = new Set<string>([sha256Hex(leaf.raw)]);
  for (let depth = 0; depth < MAX_CHAIN_DEPTH; depth++) {
    const v = validityProblem(cur, now);
    if (v) return depth === 0 ? `certificate ${v}` : `issuer certificate ${v}`;
    for (const anchor of trust.anchors) {
      if (isIssuedBy(cur, anchor)) {
        const av = validityProblem(anchor, now);
        return av ? `CA certificate ${av}` : undefined;
      }
    }
    const next = intermediates.find((i) => !seen.has(sha256Hex(i.raw)) && isIssuedBy(cur, i));
    if (!next) return 'unable to get issuer certificate';
    seen.add(sha256Hex(next.raw));
    cur = next;
  }
  return 'certificate chain too long';
}

function isIssuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  if (!issuer.ca) return false;
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function validityProblem(cert: X509Certificate, now: Date): string | undefined {
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return 'has an unreadable validity period';
  if (now.getTime() < from) return 'is not yet valid';
  if (now.getTime() > to) return 'has expired';
  return undefined;
}

/** The peer's chain as Node reports it: leaf first, then issuers (stops at a self-issued one). */
function peerChain(sock: TLSSocket): X509Certificate[] {
  const out: X509Certificate[] = [];
  const seen = new Set<string>();
  let c: DetailedPeerCertificate | undefined = sock.getPeerCertificate(true);
  while (c && c.raw && out.length < MAX_CHAIN_DEPTH) {
    const fp = sha256Hex(c.raw);
    if (seen.has(fp)) break;
    seen.add(fp);
    try {
      out.push(new X509Certificate(c.raw));
    } catch {
      break;
    }
    c = c.issuerCertificate;
  }
  return out;
}
