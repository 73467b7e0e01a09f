/**
 * Real mutual TLS on 127.0.0.1: who gets in and under which identity.
 */
import * as tls from 'node:tls';
import { KmipConnection } from '../../../src/client/connection';
import { createKmipListener, type KmipListener, type ListenerOptions, type PeerInfo } from '../../../src/transport';
import { captureLogger, createCa, frame, frameValue, issueCert, makePki, sleep, waitFor, type TestPki } from './helpers';
import { issueEcdsaServerCert, type CertAndKey } from '../../../src/certs';

jest.setTimeout(60_000);

let pki: TestPki;
beforeAll(() => {
  pki = makePki();
});

interface Running {
  listener: KmipListener;
  port: number;
  peers: PeerInfo[];
  records: ReturnType<typeof captureLogger>['records'];
}

const running: KmipListener[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((l) => l.close()));
});

async function start(extra: Partial<ListenerOptions> = {}): Promise<Running> {
  const { logger, records } = captureLogger();
  const peers: PeerInfo[] = [];
  const listener = createKmipListener(
    { host: '127.0.0.1', port: 0, cert: pki.server.certPem, key: pki.server.keyPem, ca: [pki.ca.certPem], logger, ...extra },
    async (f, peer) => {
      peers.push(peer);
      return f;
    },
  );
  running.push(listener);
  const { port } = await listener.listen();
  return { listener, port, peers, records };
}

function connect(port: number, client: CertAndKey, more: Partial<Parameters<typeof KmipConnection.connect>[0]> = {}): Promise<KmipConnection> {
  return KmipConnection.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: pki.ca.certPem, cert: client.certPem, key: client.keyPem, ...more });
}

/** Connect and do one echo round trip; resolves with the identity the server saw, or rejects. */
async function roundTrip(r: Running, client: CertAndKey): Promise<string> {
  const before = r.peers.length;
  const c = await connect(r.port, client);
  try {
    const resp = await c.request(frame(7));
    expect(frameValue(resp)).toBe(7);
    expect(r.peers.length).toBe(before + 1);
    return r.peers[r.peers.length - 1].identity;
  } finally {
    await c.close();
  }
}

describe('mutual TLS admission', () => {
  test('a client without a certificate is refused and never reaches the handler', async () => {
    const r = await start();
    const sock = tls.connect({ host: '127.0.0.1', port: r.port, servername: 'localhost', ca: pki.ca.certPem });
    const outcome = await new Promise<string>((resolve) => {
      let data = '';
      sock.on('data', (d) => (data += d.toString('hex')));
      sock.on('secureConnect', () => sock.write(frame(1)));
      sock.on('error', () => undefined);
      sock.on('close', () => resolve(data));
    });
    expect(outcome).toBe('');
    expect(r.peers).toHaveLength(0);
    expect(r.records.some((x) => x.message === 'client certificate refused' && /no client certificate/.test(String(x.reason)))).toBe(true);
  });

  test('identity is the subject CN and PeerInfo carries fingerprint, OU and address', async () => {
    const r = await start();
    const withOu = issueCert(pki.ca, { subject: { CN: 'carol', OU: ['ops', 'kms'] }, eku: ['clientAuth'] });
    expect(await roundTrip(r, withOu)).toBe('carol');
    const p = r.peers[0];
    expect(p.ou).toEqual(['ops', 'kms']);
    expect(p.remoteAddress).toBe('127.0.0.1');
    expect(p.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(p.fingerprint).toBe(new (require('node:crypto').X509Certificate)(withOu.certPem).fingerprint256.replace(/:/g, '').toLowerCase());
    expect(p.subject.CN).toBe('carol');
  });

  test('without a CN the first DNS/email/URI subject alternative name is the identity', async () => {
    const r = await start();
    const email = issueCert(pki.ca, { subject: { O: 'Acme' }, san: { ip: ['10.0.0.1'], email: ['bob@example.com'], dns: ['later.example'] }, eku: ['clientAuth'] });
    expect(await roundTrip(r, email)).toBe('later.example'); // forge writes DNS entries before email
    const uri = issueCert(pki.ca, { subject: { O: 'Acme' }, san: { uri: ['spiffe://acme/kms-client'] }, eku: ['clientAuth'] });
    expect(await roundTrip(r, uri)).toBe('spiffe://acme/kms-client');
    const mail = issueCert(pki.ca, { subject: { O: 'Acme' }, san: { email: ['bob@example.com'] }, eku: ['clientAuth'] });
    expect(await roundTrip(r, mail)).toBe('bob@example.com');
  });

  test('a certificate with no CN and no DNS/email/URI SAN is refused', async () => {
    const r = await start();
    const nobody = issueCert(pki.ca, { subject: { O: 'Acme' }, san: { ip: ['10.0.0.1'] }, eku: ['clientAuth'] });
    await expect(roundTrip(r, nobody)).rejects.toThrow();
    expect(r.peers).toHaveLength(0);
    expect(r.records.some((x) => /no CN and no DNS\/email\/URI/.test(x.message))).toBe(true);
  });

  test('a certificate with only the serverAuth extended key usage is accepted', async () => {
    const r = await start();
    const serverOnly = issueCert(pki.ca, { subject: { CN: 'legacy-client' }, eku: ['serverAuth'] });
    expect(await roundTrip(r, serverOnly)).toBe('legacy-client');
    const noEku = issueCert(pki.ca, { subject: { CN: 'no-eku' } });
    expect(await roundTrip(r, noEku)).toBe('no-eku');
  });

  test('serverAuth-only certificates are still fully verified: expired or foreign-CA ones are refused', async () => {
    const r = await start();
    const expired = issueCert(pki.ca, {
      subject: { CN: 'old' },
      eku: ['serverAuth'],
      notBefore: new Date(Date.now() - 10 * 86400_000),
      notAfter: new Date(Date.now() - 86400_000),
    });
    await expect(roundTrip(r, expired)).rejects.toThrow();
    const otherCa = createCa('Other CA');
    const foreign = issueCert(otherCa, { subject: { CN: 'mallory' }, eku: ['serverAuth'] });
    await expect(roundTrip(r, foreign)).rejects.toThrow();
    const foreignClient = issueCert(otherCa, { subject: { CN: 'mallory' }, eku: ['clientAuth'] });
    await expect(roundTrip(r, foreignClient)).rejects.toThrow();
    expect(r.peers).toHaveLength(0);
    const refusals = r.records.filter((x) => x.message === 'client certificate refused').map((x) => String(x.reason));
    expect(refusals).toHaveLength(3);
    expect(refusals[0]).toMatch(/expired/i);
  });

  test('a pinned self-signed certificate is accepted; an unpinned one is refused', async () => {
    const pinned = issueCert(null, { subject: { CN: 'pinned-device' }, eku: ['clientAuth'] });
    const pinnedServerEku = issueCert(null, { subject: { CN: 'pinned-legacy' }, eku: ['serverAuth'] });
    const stranger = issueCert(null, { subject: { CN: 'stranger' }, eku: ['clientAuth'] });
    const r = await start({ pinnedClientCerts: [pinned.certPem, pinnedServerEku.certPem] });
    expect(await roundTrip(r, pinned)).toBe('pinned-device');
    expect(await roundTrip(r, pinnedServerEku)).toBe('pinned-legacy');
    await expect(roundTrip(r, stranger)).rejects.toThrow();
    expect(r.peers.map((p) => p.identity)).toEqual(['pinned-device', 'pinned-legacy']);
  });

  test('pinning works without any CA bundle', async () => {
    const pinned = issueCert(null, { subject: { CN: 'only-pinned' }, eku: ['clientAuth'] });
    const r = await start({ ca: [], pinnedClientCerts: [pinned.certPem] });
    expect(await roundTrip(r, pinned)).toBe('only-pinned');
    await expect(roundTrip(r, pki.alice)).rejects.toThrow();
  });

  test('a pinned certificate cannot act as an issuer, even if it is a CA certificate', async () => {
    const pinnedCa = issueCert(null, { subject: { CN: 'pinned-ca' }, isCa: true });
    const child = issueCert(pinnedCa, { subject: { CN: 'child' }, eku: ['clientAuth'] });
    const r = await start({ pinnedClientCerts: [pinnedCa.certPem] });
    // The child chain verifies in OpenSSL (the pinned certificate is in its CA list), yet is refused.
    await expect(roundTrip(r, child)).rejects.toThrow();
    expect(r.peers).toHaveLength(0);
    expect(r.records.some((x) => /pinned client certificate, which is not a CA/.test(String(x.reason)))).toBe(true);
  });

  test('with an RSA and an ECDSA certificate, each client gets the one its handshake can use', async () => {
    const ec = issueEcdsaServerCert(pki.ca);
    const r = await start({ cert: [pki.server.certPem, ec.certPem], key: [pki.server.keyPem, ec.keyPem] });
    const keyOf = async (more: Partial<Parameters<typeof KmipConnection.connect>[0]>) => {
      const c = await connect(r.port, pki.alice, more);
      try {
        expect(frameValue(await c.request(frame(3)))).toBe(3);
        const peer = c.socket.getPeerCertificate();
        return peer.bits ?? 0;
      } finally {
        c.close();
      }
    };
    expect(await keyOf({})).toBe(256); // TLS 1.3: ECDSA P-256
    expect(await keyOf({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' })).toBe(256);
    // The KMIP profiles' RSA key exchange suite needs the RSA certificate.
    expect(await keyOf({ maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA256' })).toBe(2048);
  });

  test('a TCP probe that closes during the handshake is logged at debug only', async () => {
    const r = await start();
    const net = await import('node:net');
    await new Promise<void>((resolve) => {
      const s = net.connect(r.port, '127.0.0.1', () => s.end());
      s.on('close', () => resolve());
    });
    await waitFor(() => r.records.some((x) => x.message === 'connection closed during TLS handshake'), 'probe log');
    const rec = r.records.find((x) => x.message === 'connection closed during TLS handshake');
    expect(rec?.level).toBe('debug');
    expect(r.records.filter((x) => x.level === 'error' || x.level === 'warn')).toEqual([]);
    await sleep(10);
  });
});
