/**
 * Real TLS on 127.0.0.1: framing, pipelining, limits, cipher suites, session resumption, close.
 */
import { constants } from 'node:crypto';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { KmipConnection } from '../../../src/client/connection';
import { createKmipListener, type KmipListener, type ListenerOptions, type PeerInfo } from '../../../src/transport';
import { captureLogger, frame, frameValue, makePki, sleep, waitFor, type TestPki } from './helpers';

jest.setTimeout(60_000);

let pki: TestPki;
beforeAll(() => {
  pki = makePki();
});

const running: KmipListener[] = [];
const clients: KmipConnection[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(running.splice(0).map((l) => l.close()));
});

type Handler = (f: Buffer, peer: PeerInfo) => Promise<Buffer>;
const echo: Handler = async (f) => f;

async function start(extra: Partial<ListenerOptions> = {}, handler: Handler = echo) {
  const { logger, records } = captureLogger();
  const listener = createKmipListener(
    { host: '127.0.0.1', port: 0, cert: pki.server.certPem, key: pki.server.keyPem, ca: [pki.ca.certPem], logger, ...extra },
    handler,
  );
  running.push(listener);
  const { port } = await listener.listen();
  return { listener, port, records };
}

async function connect(port: number, more: Partial<Parameters<typeof KmipConnection.connect>[0]> = {}): Promise<KmipConnection> {
  const c = await KmipConnection.connect({
    host: '127.0.0.1',
    port,
    servername: 'localhost',
    ca: pki.ca.certPem,
    cert: pki.alice.certPem,
    key: pki.alice.keyPem,
    ...more,
  });
  clients.push(c);
  return c;
}

/** A raw TLS client that records every chunk it receives and when the server closes. */
function rawClient(port: number): Promise<{ sock: tls.TLSSocket; received: Buffer[]; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    const sock = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: pki.ca.certPem, cert: pki.alice.certPem, key: pki.alice.keyPem });
    const closed = new Promise<void>((r) => sock.on('close', () => r()));
    sock.on('data', (d: Buffer) => received.push(d));
    sock.on('error', () => undefined);
    sock.once('secureConnect', () => resolve({ sock, received, closed }));
    sock.once('error', reject);
  });
}

describe('cipher suites and versions', () => {
  test.each(['AES128-SHA256', 'AES256-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256'])('TLS 1.2 with %s negotiates', async (cipher) => {
    const { port } = await start();
    const c = await connect(port, { maxVersion: 'TLSv1.2', ciphers: cipher });
    expect(c.socket.getProtocol()).toBe('TLSv1.2');
    expect(c.socket.getCipher().name).toBe(cipher);
    expect(frameValue(await c.request(frame(42)))).toBe(42);
  });

  test('TLS 1.3 negotiates by default', async () => {
    const { port } = await start();
    const c = await connect(port);
    expect(c.socket.getProtocol()).toBe('TLSv1.3');
    expect(frameValue(await c.request(frame(1)))).toBe(1);
  });

  test('a configured cipher list is enforced', async () => {
    const { port } = await start({ ciphers: 'AES256-SHA256', maxVersion: 'TLSv1.2' });
    await expect(connect(port, { maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA256' })).rejects.toThrow();
  });
});

describe('framing', () => {
  test('an oversized frame is refused from its header alone and the error response is sent', async () => {
    const errors: string[] = [];
    let handled = 0;
    const marker = frame(-1);
    const { port } = await start(
      { maxMessageSize: 4096, onFrameError: (err) => (errors.push((err as { code?: string }).code ?? '?'), marker) },
      async (f) => (handled++, f),
    );
    const c = await rawClient(port);
    // Only the 8-byte header of a 2 MiB message: the server must answer without waiting for the body.
    const header = Buffer.from('42007801' + (2 * 1024 * 1024).toString(16).padStart(8, '0'), 'hex');
    c.sock.write(header);
    await c.closed;
    expect(errors).toEqual(['TOO_LARGE']);
    expect(Buffer.concat(c.received).equals(marker)).toBe(true);
    expect(handled).toBe(0);
  });

  test('garbage (an HTTP request) gets the error response then a clean close', async () => {
    const errors: string[] = [];
    const { port } = await start({ onFrameError: (err) => (errors.push((err as { code?: string }).code ?? '?'), frame(-2)) });
    const c = await rawClient(port);
    c.sock.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await c.closed;
    expect(errors).toEqual(['BAD_TAG']);
    expect(frameValue(Buffer.concat(c.received))).toBe(-2);
  });

  test('without an error callback a bad frame just closes the connection', async () => {
    const { port } = await start();
    const c = await rawClient(port);
    c.sock.write(Buffer.alloc(16, 0xff));
    await c.closed;
    expect(c.received).toHaveLength(0);
  });

  test('responses already due are written before the error response', async () => {
    const { port } = await start({ onFrameError: () => frame(-3) }, async (f) => (await sleep(50), f));
    const c = await rawClient(port);
    c.sock.write(Buffer.concat([frame(1), frame(2)]));
    await sleep(10);
    c.sock.write(Buffer.from('this is not TTLV'));
    await c.closed;
    const all = Buffer.concat(c.received);
    expect(all.length).toBe(72);
    expect([0, 24, 48].map((o) => frameValue(all.subarray(o, o + 24)))).toEqual([1, 2, -3]);
  });

  test('a frame split into single bytes is reassembled', async () => {
    const { port } = await start();
    const c = await rawClient(port);
    const f = frame(99);
    for (const b of f) {
      c.sock.write(Buffer.from([b]));
      await sleep(1);
    }
    await waitFor(() => Buffer.concat(c.received).length >= 24, 'response');
    expect(frameValue(Buffer.concat(c.received))).toBe(99);
    c.sock.end();
  });
});

describe('pipelining', () => {
  test('pipelined requests are processed concurrently and answered in order', async () => {
    let concurrent = 0;
    let maxConcurrent = 0;
    const finished: number[] = [];
    const { port } = await start({}, async (f) => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      const n = frameValue(f);
      await sleep((6 - n) * 25); // later requests finish first
      finished.push(n);
      concurrent--;
      return f;
    });
    const c = await connect(port);
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => c.request(frame(n))));
    expect(answers.map(frameValue)).toEqual([1, 2, 3, 4, 5]);
    expect(finished).toEqual([5, 4, 3, 2, 1]);
    expect(maxConcurrent).toBeGreaterThan(1);
  });

  test('reading pauses at maxPipelinedRequests and resumes when answers go out', async () => {
    let concurrent = 0;
    let maxConcurrent = 0;
    const { port } = await start({ maxPipelinedRequests: 2 }, async (f) => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await sleep(20);
      concurrent--;
      return f;
    });
    const c = await connect(port);
    const ns = Array.from({ length: 10 }, (_, i) => i);
    // Sent as separate writes so that TLS records (and socket reads) are per request.
    const answers = await Promise.all(ns.map((n) => c.request(frame(n))));
    expect(answers.map(frameValue)).toEqual(ns);
    expect(maxConcurrent).toBe(2);
  });
});

describe('handler failures', () => {
  test('a handler that throws drops the connection; the client request fails instead of hanging', async () => {
    const { port, records } = await start({}, async () => {
      throw new Error('handler bug');
    });
    const c = await connect(port);
    await expect(c.request(frame(1))).rejects.toThrow(/closed/);
    expect(records.some((r) => r.level === 'error' && r.message === 'request handler failed; dropping connection')).toBe(true);
  });
});

describe('connection limits', () => {
  test('an idle connection is closed after idleTimeoutMs', async () => {
    const { port, listener, records } = await start({ idleTimeoutMs: 200 });
    const c = await connect(port);
    expect(frameValue(await c.request(frame(3)))).toBe(3);
    expect(listener.connections).toBe(1);
    await c.closed;
    await waitFor(() => listener.connections === 0, 'server-side close');
    expect(records.some((r) => r.message === 'idle timeout; closing connection' && r.level === 'debug')).toBe(true);
  });

  test('a slow request is not idleness', async () => {
    const { port } = await start({ idleTimeoutMs: 150 }, async (f) => (await sleep(500), f));
    const c = await connect(port);
    expect(frameValue(await c.request(frame(8)))).toBe(8);
  });

  test('maxConnections is enforced', async () => {
    const { port, listener, records } = await start({ maxConnections: 2 });
    const a = await connect(port);
    const b = await connect(port);
    await waitFor(() => listener.connections === 2, 'two connections');
    await expect(connect(port)).rejects.toThrow();
    expect(records.some((r) => /maxConnections/.test(r.message))).toBe(true);
    expect(frameValue(await a.request(frame(1)))).toBe(1);
    await b.close();
    await waitFor(() => listener.connections === 1, 'slot freed');
    const d = await connect(port);
    expect(frameValue(await d.request(frame(2)))).toBe(2);
  });

  test('a stalled handshake is dropped after handshakeTimeoutMs', async () => {
    const { port, records } = await start({ handshakeTimeoutMs: 200 });
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    await new Promise<void>((r) => s.on('close', () => r()));
    expect(records.some((r) => r.message === 'TLS handshake timed out')).toBe(true);
  });
});

describe('TLS session resumption with client authentication', () => {
  test.each([
    ['TLSv1.2', 'ticket', 0],
    ['TLSv1.2', 'session id', constants.SSL_OP_NO_TICKET],
    ['TLSv1.3', 'ticket', 0],
  ] as const)('%s (%s): a resumed session keeps the client identity', async (version, _how, secureOptions) => {
    const peers: PeerInfo[] = [];
    const { port } = await start({}, async (f, peer) => (peers.push(peer), f));
    const first = await connect(port, { maxVersion: version, secureOptions });
    expect(frameValue(await first.request(frame(1)))).toBe(1);
    await waitFor(() => first.getSession() !== undefined, 'session ticket');
    const session = first.getSession();
    await first.close();
    const second = await connect(port, { maxVersion: version, session, secureOptions });
    expect(second.isSessionReused()).toBe(true);
    expect(frameValue(await second.request(frame(2)))).toBe(2);
    expect(peers.map((p) => [p.identity, p.sessionReused])).toEqual([
      ['alice', false],
      ['alice', true],
    ]);
    expect(peers[1].fingerprint).toBe(peers[0].fingerprint);
  });

  test('session-ID resumption is refused once the cache is disabled (the cache is what makes it work)', async () => {
    const { port } = await start({ sessionCacheSize: 0 });
    const opts = { maxVersion: 'TLSv1.2' as const, secureOptions: constants.SSL_OP_NO_TICKET };
    const first = await connect(port, opts);
    await first.request(frame(1));
    const session = first.getSession();
    await first.close();
    const second = await connect(port, { ...opts, session });
    expect(second.isSessionReused()).toBe(false);
  });
});

describe('graceful close', () => {
  test('close() answers in-flight requests, then closes every connection', async () => {
    const { port, listener } = await start({}, async (f) => (await sleep(200), f));
    const c = await connect(port);
    const pending = c.request(frame(5));
    await sleep(50);
    const closing = listener.close();
    expect(frameValue(await pending)).toBe(5);
    await closing;
    await c.closed;
    expect(listener.connections).toBe(0);
    await expect(connect(port)).rejects.toThrow();
  });
});
