import { X509Certificate } from 'node:crypto';
import { createCa, issueCert } from '../../../src/certs';
import type { TLSSocket } from 'node:tls';
import { buildTrustStore, decideClientTrust, peerLeaf, verifyChainWithoutPurpose } from '../../../src/transport/trust';

jest.setTimeout(60_000);

const x = (pem: string) => new X509Certificate(pem);

describe('verifyChainWithoutPurpose', () => {
  const root = createCa('Root');
  const inter = issueCert(root, { subject: { CN: 'Intermediate' }, isCa: true });
  const leafViaInter = issueCert(inter, { subject: { CN: 'leaf' }, eku: ['serverAuth'] });
  const leafDirect = issueCert(root, { subject: { CN: 'direct' }, eku: ['serverAuth'] });
  const notCa = issueCert(root, { subject: { CN: 'not-a-ca' } });
  const leafFromNotCa = issueCert(notCa, { subject: { CN: 'sneaky' } });
  const other = createCa('Other');
  const trust = buildTrustStore([root.certPem], []);

  test('leaf directly under a configured CA', () => {
    expect(verifyChainWithoutPurpose(x(leafDirect.certPem), [], trust)).toBeUndefined();
  });
  test('leaf through an intermediate the client sent', () => {
    expect(verifyChainWithoutPurpose(x(leafViaInter.certPem), [x(inter.certPem)], trust)).toBeUndefined();
  });
  test('missing intermediate', () => {
    expect(verifyChainWithoutPurpose(x(leafViaInter.certPem), [], trust)).toMatch(/unable to get issuer/);
  });
  test('an issuer that is not a CA is not accepted', () => {
    expect(verifyChainWithoutPurpose(x(leafFromNotCa.certPem), [x(notCa.certPem)], trust)).toMatch(/unable to get issuer/);
  });
  test('a certificate from another CA', () => {
    expect(verifyChainWithoutPurpose(x(issueCert(other, { subject: { CN: 'm' } }).certPem), [x(other.certPem)], trust)).toMatch(/unable to get issuer/);
  });
  test('a forged certificate with the right issuer name but another key', () => {
    const fakeRoot = issueCert(null, { subject: { CN: 'Root', O: 'Tumbler development CA' }, isCa: true });
    const forged = issueCert(fakeRoot, { subject: { CN: 'forged' } });
    expect(verifyChainWithoutPurpose(x(forged.certPem), [], trust)).toMatch(/unable to get issuer/);
  });
  test('expired and not-yet-valid leaves', () => {
    const day = 86400_000;
    const expired = issueCert(root, { subject: { CN: 'e' }, notBefore: new Date(Date.now() - 3 * day), notAfter: new Date(Date.now() - day) });
    expect(verifyChainWithoutPurpose(x(expired.certPem), [], trust)).toMatch(/expired/);
    const future = issueCert(root, { subject: { CN: 'f' }, notBefore: new Date(Date.now() + day), notAfter: new Date(Date.now() + 3 * day) });
    expect(verifyChainWithoutPurpose(x(future.certPem), [], trust)).toMatch(/not yet valid/);
  });
  test('pinned certificates are not anchors', () => {
    const pinnedCa = issueCert(null, { subject: { CN: 'pinned' }, isCa: true });
    const child = issueCert(pinnedCa, { subject: { CN: 'child' } });
    const t = buildTrustStore([], [pinnedCa.certPem]);
    expect(verifyChainWithoutPurpose(x(child.certPem), [x(pinnedCa.certPem)], t)).toMatch(/unable to get issuer/);
  });
});

describe('decideClientTrust reads the chain only when the decision needs it', () => {
  const root = createCa('Root');
  const leaf = issueCert(root, { subject: { CN: 'client' } });
  const pinnedPem = createCa('Pinned').certPem;
  /** A socket as far as decideClientTrust reads it, counting reads of the full chain. */
  function socket(authorized: boolean, authorizationError?: string) {
    const reads = { chain: 0 };
    const der = x(leaf.certPem).raw;
    const sock = {
      authorized,
      authorizationError,
      getPeerCertificate: (detailed: boolean) => {
        if (detailed) reads.chain++;
        const c: Record<string, unknown> = { raw: der };
        c.issuerCertificate = { raw: x(root.certPem).raw, issuerCertificate: undefined };
        return c;
      },
    };
    return { sock: sock as unknown as TLSSocket, reads };
  }

  test('peerLeaf parses a certificate once: the same bytes give the same parsed certificate', () => {
    const a = peerLeaf(socket(true).sock)!;
    const b = peerLeaf(socket(true).sock)!;
    expect(b.cert).toBe(a.cert);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.cert.subject).toContain('CN=client');
    expect(a.cert.raw.equals(x(leaf.certPem).raw)).toBe(true);
  });
  test('a chain OpenSSL verified, no pinned certificates: accepted without reading the chain', () => {
    const { sock, reads } = socket(true);
    expect(decideClientTrust(sock, buildTrustStore([root.certPem], []))).toEqual({ ok: true, via: 'chain' });
    expect(reads.chain).toBe(0);
  });
  test('with pinned certificates configured the chain is read (a pinned certificate must not be an issuer)', () => {
    const { sock, reads } = socket(true);
    expect(decideClientTrust(sock, buildTrustStore([root.certPem], [pinnedPem]))).toEqual({ ok: true, via: 'chain' });
    expect(reads.chain).toBe(1);
  });
  test('a revoked leaf is refused before anything else; the fingerprint given by the caller is the one checked', () => {
    const { sock } = socket(true);
    const given = peerLeaf(sock)!;
    const trust = { ...buildTrustStore([root.certPem], []), isRevoked: (fp: string) => fp === given.fingerprint };
    expect(decideClientTrust(sock, trust, new Date(), given)).toEqual({ ok: false, reason: 'certificate revoked' });
  });
  test('an unverified chain is still refused unless the only complaint is the purpose', () => {
    const { sock, reads } = socket(false, 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    expect(decideClientTrust(sock, buildTrustStore([root.certPem], []))).toEqual({ ok: false, reason: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' });
    expect(reads.chain).toBe(1);
  });
});
