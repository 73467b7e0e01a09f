/**
 * Certificate rotation on a running listener (reloadTls, which `tumbler serve` runs on SIGHUP): new
 * connections get the new server certificate and client trust, open ones keep working, sessions of the old
 * certificates are not resumed, and unusable material changes nothing. Real mutual TLS on 127.0.0.1.
 */
import { X509Certificate } from 'node:crypto';
import { KmipConnection } from '../../../src/client/connection';
import { createKmipListener, type KmipListener } from '../../../src/transport';
import { captureLogger, createCa, frame, frameValue, makePki } from './helpers';
import { issueClientCert, issueServerCert, type CertAndKey } from '../../../src/certs';

jest.setTimeout(60_000);

const pki = makePki();
const ca2 = createCa('Second CA');
const server2 = issueServerCert(ca2);
const bob = issueClientCert(ca2, 'bob');

let listener: KmipListener;
let port: number;
const peers: string[] = [];

beforeEach(async () => {
  peers.length = 0;
  listener = createKmipListener(
    { host: '127.0.0.1', port: 0, cert: pki.server.certPem, key: pki.server.keyPem, ca: [pki.ca.certPem], logger: captureLogger().logger },
    async (f, peer) => {
      peers.push(peer.identity);
      return f;
    },
  );
  port = (await listener.listen()).port;
});
afterEach(() => listener.close());

const connect = (client: CertAndKey, ca: string, session?: Buffer) =>
  KmipConnection.connect({ host: '127.0.0.1', port, servername: 'localhost', ca, cert: client.certPem, key: client.keyPem, session });

async function roundTrip(c: KmipConnection, n: number): Promise<void> {
  expect(frameValue(await c.request(frame(n)))).toBe(n);
}

/** Resolves when the server has closed c (a refused client sees its handshake succeed, then the close). */
async function refused(c: Promise<KmipConnection>): Promise<boolean> {
  let conn: KmipConnection | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    conn = await c;
    await Promise.race([conn.request(frame(1)), new Promise((_r, reject) => (timer = setTimeout(() => reject(new Error('no answer')), 5000)))]);
    return false;
  } catch {
    return true;
  } finally {
    clearTimeout(timer);
    conn?.close();
  }
}

test('new connections get the new certificate and client trust; an open connection keeps working', async () => {
  const before = await connect(pki.alice, pki.ca.certPem);
  await roundTrip(before, 1);
  listener.reloadTls({ cert: server2.certPem, key: server2.keyPem, ca: [ca2.certPem] });
  await roundTrip(before, 2);
  // alice's CA is no longer trusted, and the server certificate now chains to the second CA.
  expect(await refused(connect(pki.alice, ca2.certPem))).toBe(true);
  expect(await refused(connect(pki.alice, pki.ca.certPem))).toBe(true);
  const after = await connect(bob, ca2.certPem);
  await roundTrip(after, 3);
  expect(after.socket.getPeerCertificate().issuer.CN).toBe('Second CA');
  expect(peers).toEqual(['alice', 'alice', 'bob']);
  before.close();
  after.close();
});

test('a session of the old certificates is not resumed', async () => {
  const first = await connect(pki.alice, pki.ca.certPem);
  await roundTrip(first, 1);
  const session = first.getSession();
  first.close();
  expect(session).toBeDefined();
  const again = await connect(pki.alice, pki.ca.certPem, session);
  expect(again.socket.isSessionReused()).toBe(true); // resumption works without a reload
  again.close();
  const server1b = issueServerCert(pki.ca);
  listener.reloadTls({ cert: server1b.certPem, key: server1b.keyPem, ca: [pki.ca.certPem] });
  const later = await connect(pki.alice, pki.ca.certPem, session);
  await roundTrip(later, 2);
  expect(later.socket.isSessionReused()).toBe(false);
  expect(later.socket.getPeerCertificate().serialNumber).toBe(new X509Certificate(server1b.certPem).serialNumber);
  later.close();
});

test('unusable material is refused and the running certificates stay', async () => {
  expect(() => listener.reloadTls({ cert: server2.certPem, key: server2.keyPem, ca: [] })).toThrow(/CA bundle or pinned/);
  expect(() => listener.reloadTls({ cert: server2.certPem, key: pki.server.keyPem, ca: [ca2.certPem] })).toThrow();
  const c = await connect(pki.alice, pki.ca.certPem);
  await roundTrip(c, 5);
  expect(c.socket.getPeerCertificate().issuer.CN).toBe('Tumbler Test CA');
  c.close();
});
