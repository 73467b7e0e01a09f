/** The ECDSA P-256 server certificate of the development CA (src/certs/ecdsa.ts), checked with node:crypto and OpenSSL's view of it. */
import { X509Certificate, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { createCa, issueEcdsaServerCert, issueServerCert } from '../../../src/certs';

describe('issueEcdsaServerCert', () => {
  const ca = createCa('Test CA');
  const caCert = new X509Certificate(ca.certPem);

  test('an EC P-256 key, signed by the CA, with the names and usage of the RSA server certificate', () => {
    const e = issueEcdsaServerCert(ca, ['kmip.example'], ['10.0.0.5']);
    const x = new X509Certificate(e.certPem);
    expect(x.verify(caCert.publicKey)).toBe(true);
    expect(x.issuer).toBe(caCert.subject);
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(x.checkPrivateKey(createPrivateKey(e.keyPem))).toBe(true);
    expect(x.subjectAltName).toBe(new X509Certificate(issueServerCert(ca, ['kmip.example'], ['10.0.0.5']).certPem).subjectAltName);
    expect(x.checkHost('kmip.example')).toBe('kmip.example');
    expect(x.checkIP('10.0.0.5')).toBe('10.0.0.5');
    expect(x.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(x.ca).toBe(false);
    // The key signs what the TLS handshake asks it to.
    const sig = sign('sha256', Buffer.from('hello'), createPrivateKey(e.keyPem));
    expect(verify('sha256', Buffer.from('hello'), createPublicKey(e.certPem), sig)).toBe(true);
  });

  test('each certificate has its own key and serial number', () => {
    const a = new X509Certificate(issueEcdsaServerCert(ca).certPem);
    const b = new X509Certificate(issueEcdsaServerCert(ca).certPem);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    expect(a.publicKey.export({ format: 'jwk' })).not.toEqual(b.publicKey.export({ format: 'jwk' }));
  });

  test("a certificate signed by another CA does not verify against this one", () => {
    const other = createCa('Other CA');
    expect(new X509Certificate(issueEcdsaServerCert(other).certPem).verify(caCert.publicKey)).toBe(false);
  });
});
