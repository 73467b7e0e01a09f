import { createHash } from 'node:crypto';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { identityFromCertificate, parseSubjectAltName, peerInfoFromSocket } from '../../../src/transport/peer';

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

describe('peerInfoFromSocket', () => {
  /** A socket as far as peerInfoFromSocket reads it, counting certificate reads. */
  function socket(der: Buffer, subject: Record<string, string | string[]>) {
    const reads = { cert: 0 };
    const sock = {
      remoteAddress: '127.0.0.1',
      remotePort: 5000,
      getPeerCertificate: () => {
        reads.cert++;
        return { raw: der, subject, issuer: { CN: 'CA' }, subjectaltname: 'DNS:h' };
      },
      getProtocol: () => 'TLSv1.3',
      getCipher: () => ({ name: 'TLS_AES_256_GCM_SHA384' }),
      isSessionReused: () => false,
    };
    return { sock: sock as unknown as TLSSocket, reads };
  }
  const fp = (der: Buffer) => createHash('sha256').update(der).digest('hex');

  const fields = (der: Buffer, subject: Record<string, string | string[]>) =>
    ({ raw: der, subject, issuer: { CN: 'CA' }, subjectaltname: 'DNS:h' }) as unknown as PeerCertificate;

  test('the fields the caller read are used, and a certificate seen before takes its identity from the cache', () => {
    const der = Buffer.from('certificate-one');
    const first = socket(der, { CN: 'alice', OU: ['ops', 'db'] });
    const a = peerInfoFromSocket(first.sock, 1, { fingerprint: fp(der), detail: fields(der, { CN: 'alice', OU: ['ops', 'db'] }) })!;
    expect(first.reads.cert).toBe(0);
    expect(a).toMatchObject({ identity: 'alice', fingerprint: fp(der), ou: ['ops', 'db'], connectionId: 1 });
    a.ou.push('mutated');
    (a.subject as Record<string, string>).CN = 'mallory';
    // Same bytes, same certificate: the cached identity (the fields given are not parsed again), as a copy.
    const again = socket(der, { CN: 'alice', OU: ['ops', 'db'] });
    const b = peerInfoFromSocket(again.sock, 2, { fingerprint: fp(der), detail: fields(der, { CN: 'someone-else' }) })!;
    expect(again.reads.cert).toBe(0);
    expect(b).toMatchObject({ identity: 'alice', ou: ['ops', 'db'], subject: { CN: 'alice' }, connectionId: 2 });
  });

  test('another certificate keeps its own identity; without the leaf the certificate is read from the socket', () => {
    const der = Buffer.from('certificate-two');
    const s = socket(der, { CN: 'bob' });
    expect(peerInfoFromSocket(s.sock, 3, { fingerprint: fp(der), detail: fields(der, { CN: 'bob' }) })!.identity).toBe('bob');
    const t = socket(der, { CN: 'bob' });
    expect(peerInfoFromSocket(t.sock, 4)!.fingerprint).toBe(fp(der));
    expect(t.reads.cert).toBe(1);
  });
});
