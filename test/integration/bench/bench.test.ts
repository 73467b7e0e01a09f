/**
 * The load generator against real servers: a real Tumbler (mutual TLS, SQLite, SoftHSM2) must give
 * operations and no errors; servers that answer garbage, close the connection, or fail every item must
 * show up as errors (by Result Reason where there is one) and never as throughput. Nothing is timed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { createCa, issueClientCert, issueServerCert } from '../../../src/certs';
import { formatTable, parseKmipVersion, runBench, runSuite, toJson, type BenchOptions, type BenchTarget } from '../../../src/bench';
import { ResultReason, ResultStatus, Tag } from '../../../src/kmip';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { FrameDecoder } from '../../../src/ttlv/frame';
import { T } from '../../../src/ttlv/item';
import { startTestServer, type TestServer } from '../../helpers/server';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TS_HOOK = path.join(ROOT, 'test', 'integration', 'durability', 'ts-hook.js');

function options(target: BenchTarget, over: Partial<BenchOptions> = {}): BenchOptions {
  return {
    target,
    mix: [{ op: 'get', weight: 1 }],
    connections: 2,
    inflight: 2,
    batch: 1,
    version: parseKmipVersion('1.4'),
    durationS: 2,
    warmupS: 0,
    objects: 0,
    cipher: 'aes-gcm',
    dataSize: 64,
    requestTimeoutMs: 20_000,
    ...over,
  };
}

describe('tumbler bench against a real Tumbler', () => {
  let server: TestServer;
  let target: BenchTarget;
  beforeAll(async () => {
    server = await startTestServer();
    const c = server.clientCert('bench');
    target = { host: '127.0.0.1', port: server.port, cert: c.certPem, key: c.keyPem, ca: fs.readFileSync(server.caPath) };
  }, 120_000);
  afterAll(async () => server?.stop());

  test('a two-second mixed run reports operations of every kind and no errors', async () => {
    const r = await runBench(
      options(target, {
        mix: ['get', 'create', 'register', 'encrypt', 'decrypt', 'locate', 'query', 'create-destroy'].map((op) => ({ op: op as never, weight: 1 })),
        objects: 20,
        batch: 2,
      }),
    );
    expect(r.errors).toEqual({});
    expect(r.failed).toBe(0);
    expect(r.ok).toBeGreaterThan(0);
    expect(r.fixtureObjects).toBeGreaterThanOrEqual(20);
    expect(r.latency.count).toBeGreaterThan(0);
    // Every operation of the mix was exercised and succeeded at least once.
    expect(r.perOp.filter((p) => p.ok === 0).map((p) => p.op)).toEqual([]);
    const table = formatTable([{ name: 'mix', connections: 2, inflight: 2, batch: 2, version: '1.4', result: r, server: { source: 'none' } }]);
    expect(table).toMatch(/^scenario .* errors$/m);
    expect(table).toContain('create-destroy');
  }, 120_000);

  test.each(['ttlv', 'xml', 'json'] as const)('over KMIP over HTTPS with %s bodies: operations of every kind and no errors', async (encoding) => {
    const r = await runBench(
      options(
        { ...target, http: { encoding } },
        { mix: ['get', 'create', 'encrypt', 'decrypt', 'locate', 'query'].map((op) => ({ op: op as never, weight: 1 })), objects: 10, durationS: 1 },
      ),
    );
    expect(r.errors).toEqual({});
    expect(r.perOp.filter((p) => p.ok === 0).map((p) => p.op)).toEqual([]);
  }, 120_000);

  test('over HTTPS to a path the server does not serve: every request is an error, none is throughput', async () => {
    const r = await runBench(options({ ...target, http: { encoding: 'xml', path: '/elsewhere' } }, { mix: [{ op: 'query', weight: 1 }], durationS: 1 }));
    expect(r.ok).toBe(0);
    expect(r.failed).toBeGreaterThan(0);
    expect(Object.keys(r.errors)).toEqual(['HTTP 404']);
  }, 60_000);

  test('--count stops after that many operations, all successful (KMIP 2.0 requests)', async () => {
    const r = await runBench(options(target, { mix: [{ op: 'create', weight: 1 }], count: 30, version: parseKmipVersion('2.0') }));
    expect(r.errors).toEqual({});
    // Loops already waiting for an answer finish their message: at most connections*inflight over.
    expect(r.ok).toBeGreaterThanOrEqual(30);
    expect(r.ok).toBeLessThanOrEqual(30 + 4);
  }, 120_000);

  test('failed items count as errors by Result Reason, not throughput (Encrypt in KMIP 1.0, which lacks it)', async () => {
    const r = await runBench(options(target, { mix: [{ op: 'encrypt', weight: 1 }], objects: 5, durationS: 1, version: parseKmipVersion('1.0') }));
    expect(r.fixtureObjects).toBeGreaterThanOrEqual(5);
    expect(r.ok).toBe(0);
    expect(r.failed).toBeGreaterThan(0);
    const labels = Object.keys(r.errors);
    expect(labels.length).toBeGreaterThan(0);
    // Labels are Result Reason names from the server's answers, not transport trouble.
    for (const l of labels) expect(Object.keys(ResultReason)).toContain(l);
  }, 120_000);
});

/** A TLS server with the given behaviour per request frame, and certificates for it and a client. */
async function fakeServer(onFrame: (frame: Buffer, sock: tls.TLSSocket) => void): Promise<{ target: BenchTarget; close(): Promise<void> }> {
  const ca = createCa('Bench Fake CA');
  const srv = issueServerCert(ca, ['localhost'], ['127.0.0.1']);
  const cli = issueClientCert(ca, 'bench');
  const server = tls.createServer({ cert: srv.certPem, key: srv.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: true }, (sock) => {
    const dec = new FrameDecoder({ maxMessageSize: 1 << 20 });
    sock.on('data', (d: Buffer) => {
      try {
        for (const f of dec.push(d)) onFrame(f, sock);
      } catch {
        sock.destroy();
      }
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    target: { host: '127.0.0.1', port, cert: cli.certPem, key: cli.keyPem, ca: ca.certPem },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function failedResponse(reason: number): Buffer {
  return encodeTtlv(
    T.struct(Tag.ResponseMessage, [
      T.struct(Tag.ResponseHeader, [
        T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, 1), T.int(Tag.ProtocolVersionMinor, 4)]),
        T.date(Tag.TimeStamp, BigInt(Math.floor(Date.now() / 1000))),
        T.int(Tag.BatchCount, 1),
      ]),
      T.struct(Tag.BatchItem, [
        T.enum(Tag.Operation, 0x0a),
        T.enum(Tag.ResultStatus, ResultStatus.OperationFailed),
        T.enum(Tag.ResultReason, reason),
        T.text(Tag.ResultMessage, 'no'),
      ]),
    ]),
  );
}

describe('tumbler bench against failing servers', () => {
  test('a server that answers garbage: errors, no throughput', async () => {
    const fake = await fakeServer((_f, sock) => sock.write(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')));
    try {
      const r = await runBench(options(fake.target, { mix: [{ op: 'query', weight: 1 }], durationS: 1 }));
      expect(r.ok).toBe(0);
      expect(r.failed).toBeGreaterThan(0);
      expect(Object.keys(r.errors).every((k) => k.startsWith('Connection:') || k.startsWith('Bad Response'))).toBe(true);
    } finally {
      await fake.close();
    }
  }, 60_000);

  test('a server that closes every connection: connection errors, no throughput', async () => {
    const fake = await fakeServer((_f, sock) => sock.destroy());
    try {
      const r = await runBench(options(fake.target, { mix: [{ op: 'create', weight: 1 }], durationS: 1 }));
      expect(r.ok).toBe(0);
      expect(r.failed).toBeGreaterThan(0);
      expect(Object.keys(r.errors).some((k) => k.startsWith('Connection:'))).toBe(true);
    } finally {
      await fake.close();
    }
  }, 60_000);

  test('a server that fails every item: errors by Result Reason, no throughput', async () => {
    const fake = await fakeServer((_f, sock) => sock.write(failedResponse(ResultReason.PermissionDenied)));
    try {
      const r = await runBench(options(fake.target, { mix: [{ op: 'query', weight: 1 }], durationS: 1 }));
      expect(r.ok).toBe(0);
      expect(Object.keys(r.errors)).toEqual(['PermissionDenied']);
      expect(r.errors.PermissionDenied).toBe(r.failed);
      expect(r.failed).toBeGreaterThan(0);
      expect((toJson([{ name: 'q', connections: 2, inflight: 2, batch: 1, version: '1.4', result: r, server: { source: 'none' } }]) as any[])[0].errors).toEqual({
        PermissionDenied: r.failed,
      });
    } finally {
      await fake.close();
    }
  }, 60_000);
});

describe('tumbler bench with its own server child', () => {
  test('starts Tumbler as a child process and reports its CPU, RSS and event-loop delay', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-bench-it-'));
    try {
      const suite = await runSuite({
        scenarios: [{ name: 'query', mix: [{ op: 'query', weight: 1 }] }],
        versionLabel: '1.4',
        defaults: { ...options({ host: '', port: 0, cert: '', key: '' }), durationS: 2 },
        local: { dir, entry: { script: path.join(ROOT, 'src', 'bench', 'server-child.ts'), execArgv: ['-r', TS_HOOK] } },
      });
      const [rep] = suite.reports;
      expect(rep.result.errors).toEqual({});
      expect(rep.result.ok).toBeGreaterThan(0);
      expect(rep.server.source).toBe('child');
      expect(rep.server.pid).toBe(suite.local?.pid);
      expect(rep.server.cpuS).toBeGreaterThan(0);
      expect(rep.server.rssBytes).toBeGreaterThan(0);
      expect(rep.server.eventLoopP99Ms).toBeGreaterThanOrEqual(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
