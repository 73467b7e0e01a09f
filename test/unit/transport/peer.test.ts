import type { PeerCertificate } from 'node:tls';
import { identityFromCertificate, parseSubjectAltName } from '../../../src/transport/peer';

function cert(subject: Record<string, string | string[]>, san?: string): PeerCertificate {
  return { subject, issuer: { CN: 'CA' }, subjectaltname: san } as unknown as PeerCertificate;
}

describe('parseSubjectAltName', () => {
  test('plain list', () => {
    expect(parseSubjectAltName('DNS:a.example, email:x@y, URI:spiffe://t/w, IP Address:10.0.0.1')).toEqual([
      'DNS:a.example',
      'email:x@y',
      'URI:spiffe://t/w',
      'IP Address:10.0.0.1',
    ]);
  });
  test('Node quotes values containing separators; the comma inside is not a separator', () => {
    expect(parseSubjectAltName('DNS:"evil.example, DNS:admin", email:x@y')).toEqual(['DNS:evil.example, DNS:admin', 'email:x@y']);
  });
  test('empty', () => {
    expect(parseSubjectAltName('')).toEqual([]);
  });
});

describe('identityFromCertificate', () => {
  test('CN wins over SAN', () => {
    expect(identityFromCertificate(cert({ CN: 'alice' }, 'DNS:other')).identity).toBe('alice');
  });
  test('several CNs: the first non-empty one', () => {
    expect(identityFromCertificate(cert({ CN: [' ', 'bob', 'carol'] })).identity).toBe('bob');
  });
  test('no CN: first DNS/email/URI SAN, IP addresses skipped', () => {
    expect(identityFromCertificate(cert({ O: 'x' }, 'IP Address:10.0.0.1, email:ops@acme, DNS:h')).identity).toBe('ops@acme');
  });
  test('no CN and only an IP SAN: no identity', () => {
    expect(identityFromCertificate(cert({ O: 'x' }, 'IP Address:10.0.0.1')).identity).toBeUndefined();
    expect(identityFromCertificate(cert({})).identity).toBeUndefined();
  });
  test('OU list is kept in order', () => {
    expect(identityFromCertificate(cert({ CN: 'a', OU: ['x', 'y'] })).ou).toEqual(['x', 'y']);
    expect(identityFromCertificate(cert({ CN: 'a', OU: 'x' })).ou).toEqual(['x']);
  });
});
