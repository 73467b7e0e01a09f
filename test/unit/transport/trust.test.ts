import { X509Certificate } from 'node:crypto';
import { createCa, issueCert } from '../../../src/certs';
import { buildTrustStore, verifyChainWithoutPurpose } from '../../../src/transport/trust';

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
