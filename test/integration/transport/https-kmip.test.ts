/**
 * KMIP over HTTPS on the KMIP port (Additional Message Encodings v1.0 §2), against a real server: real
 * mutual TLS, a real SQLite file, SoftHSM2 (required when CI=true). Requests in TTLV, XML and JSON
 * reach the same operations, the same key material and the same access rules as the binary transport;
 * what is not a KMIP request gets the HTTP status that says why.
 */
import * as https from 'node:https';
import * as tls from 'node:tls';
import { KmipConnection } from '../../../src/client/connection';
import { Tag } from '../../../src/kmip/tags';
import { ItemType } from '../../../src/kmip/item-type';
import { decodeTtlv, encodeTtlv, parseKmipJson, parseKmipXmlItem, toKmipJson, type TtlvItem } from '../../../src/ttlv';
import { createKmipListener } from '../../../src/transport';
import { startTestServer, type TestServer } from '../../helpers/server';
import { captureLogger, makePki } from './helpers';

jest.setTimeout(60_000);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  reusedSocket: boolean;
}

function tlsOpts(client = 'alice') {
  const c = server.clientCert(client);
  return { ca: require('node:fs').readFileSync(server.caPath, 'utf8') as string, cert: c.certPem, key: c.keyPem, servername: 'localhost' };
}

function post(body: string | Buffer, contentType: string | undefined, more: { path?: string; method?: string; client?: string; agent?: https.Agent } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Cache-Control': 'no-cache' };
    if (contentType) headers['Content-Type'] = contentType;
    const req = https.request(
      { host: '127.0.0.1', port: server.port, path: more.path ?? '/kmip', method: more.method ?? 'POST', headers, agent: more.agent ?? false, ...tlsOpts(more.client) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), reusedSocket: req.reusedSocket }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const header = (major: number, minor: number) =>
  `<RequestHeader><ProtocolVersion><ProtocolVersionMajor type="Integer" value="${major}"/><ProtocolVersionMinor type="Integer" value="${minor}"/></ProtocolVersion><BatchCount type="Integer" value="1"/></RequestHeader>`;

const createXml = (name: string) => `<RequestMessage>${header(2, 1)}<BatchItem><Operation type="Enumeration" value="Create"/><RequestPayload>
  <ObjectType type="Enumeration" value="SymmetricKey"/><Attributes>
  <CryptographicAlgorithm type="Enumeration" value="AES"/><CryptographicLength type="Integer" value="256"/>
  <CryptographicUsageMask type="Integer" value="Encrypt Decrypt"/>
  <Name><NameValue type="TextString" value="${name}"/><NameType type="Enumeration" value="UninterpretedTextString"/></Name>
  </Attributes></RequestPayload></BatchItem></RequestMessage>`;

const getXml = (uid: string, major = 1, minor = 4) =>
  `<RequestMessage>${header(major, minor)}<BatchItem><Operation type="Enumeration" value="Get"/><RequestPayload><UniqueIdentifier type="TextString" value="${uid}"/></RequestPayload></BatchItem></RequestMessage>`;

/** Depth-first search for the first item with this tag. */
function find(item: TtlvItem, tag: number): TtlvItem | undefined {
  if (item.tag === tag) return item;
  if (item.type === ItemType.Structure) {
    for (const c of item.value) {
      const f = find(c, tag);
      if (f) return f;
    }
  }
  return undefined;
}
const text = (item: TtlvItem, tag: number) => find(item, tag)?.value as string | undefined;
const enumOf = (item: TtlvItem, tag: number) => find(item, tag)?.value as number | undefined;
const keyBytes = (item: TtlvItem) => find(item, Tag.KeyMaterial)?.value as Buffer;

async function createOverXml(name: string, client = 'alice'): Promise<string> {
  const r = await post(createXml(name), 'text/xml', { client });
  expect(r.status).toBe(200);
  const msg = parseKmipXmlItem(r.body.toString('utf8'));
  expect(enumOf(msg, Tag.ResultStatus)).toBe(0);
  return text(msg, Tag.UniqueIdentifier) as string;
}

describe('KMIP over HTTPS on the KMIP port', () => {
  test('XML, JSON and TTLV bodies reach the same key, answered in their own encoding and version', async () => {
    const uid = await createOverXml('https-cross-encoding');

    const xml = await post(getXml(uid, 2, 1), 'text/xml');
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml');
    expect(xml.headers['cache-control']).toBe('no-cache');
    expect(Number(xml.headers['content-length'])).toBe(xml.body.length);
    const fromXml = parseKmipXmlItem(xml.body.toString('utf8'));
    expect(find(fromXml, Tag.ProtocolVersionMajor)?.value).toBe(2);

    const asJson = toKmipJson(parseKmipXmlItem(getXml(uid, 1, 2)));
    const json = await post(asJson, 'application/json; charset=utf-8');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json');
    const fromJson = parseKmipJson(json.body.toString('utf8'));
    expect(find(fromJson, Tag.ProtocolVersionMinor)?.value).toBe(2);

    const bin = await post(encodeTtlv(parseKmipXmlItem(getXml(uid, 1, 0))), 'application/octet-stream');
    expect(bin.status).toBe(200);
    expect(bin.headers['content-type']).toBe('application/octet-stream');
    const fromBin = decodeTtlv(bin.body);
    expect(fromBin.tag).toBe(Tag.ResponseMessage);

    const k = keyBytes(fromXml);
    expect(k).toHaveLength(32);
    expect(keyBytes(fromJson).equals(k)).toBe(true);
    expect(keyBytes(fromBin).equals(k)).toBe(true);

    // The binary transport sees the same object with the same material.
    const conn = await KmipConnection.connect({ host: '127.0.0.1', port: server.port, ...tlsOpts() });
    try {
      const direct = decodeTtlv(await conn.request(encodeTtlv(parseKmipXmlItem(getXml(uid)))));
      expect(keyBytes(direct).equals(k)).toBe(true);
    } finally {
      await conn.close();
    }
  });

  test("the client certificate is the identity: another client's key is not served to it", async () => {
    const uid = await createOverXml('https-owned-by-alice', 'alice');
    const r = await post(getXml(uid), 'text/xml', { client: 'mallory' });
    expect(r.status).toBe(200);
    const msg = parseKmipXmlItem(r.body.toString('utf8'));
    expect(enumOf(msg, Tag.ResultStatus)).toBe(1); // Operation Failed
    expect(find(msg, Tag.KeyMaterial)).toBeUndefined();
  });

  test('a connection without a client certificate gets no HTTP answer at all', async () => {
    const { cert: _c, key: _k, ...noCert } = tlsOpts();
    const outcome = await new Promise<string>((resolve) => {
      const req = https.request({ host: '127.0.0.1', port: server.port, path: '/kmip', method: 'POST', agent: false, ...noCert }, (res) => resolve(`status ${res.statusCode}`));
      req.on('error', (e) => resolve(`error ${(e as NodeJS.ErrnoException).code ?? e.message}`));
      req.end('x');
    });
    expect(outcome).toMatch(/^error /);
  });

  test('requests on one kept-alive connection share it', async () => {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await post(createXml('https-keepalive-1'), 'text/xml', { agent });
      const second = await post(createXml('https-keepalive-2'), 'text/xml', { agent });
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.reusedSocket).toBe(true);
      expect(second.headers.connection).not.toBe('close');
    } finally {
      agent.destroy();
    }
  });

  test('pipelined requests are answered in order, and "Connection: close" ends the connection after its answer', async () => {
    const bodies = ['a', 'b', 'c'].map((n) => Buffer.from(createXml(`https-pipelined-${n}`)));
    const reqs = bodies.map((b, i) =>
      Buffer.concat([Buffer.from(`POST /kmip HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: ${b.length}\r\n${i === 1 ? 'Connection: close\r\n' : ''}\r\n`), b]),
    );
    const { received, closed } = await rawExchange(Buffer.concat(reqs));
    await closed;
    const answers = splitResponses(Buffer.concat(received));
    // The third request came after "close": it is not read.
    expect(answers).toHaveLength(2);
    const names = await Promise.all(
      answers.map(async (a) => {
        expect(a.status).toBe(200);
        const uid = text(parseKmipXmlItem(a.body.toString('utf8')), Tag.UniqueIdentifier) as string;
        const got = parseKmipXmlItem((await post(`<RequestMessage>${header(2, 1)}<BatchItem><Operation type="Enumeration" value="GetAttributes"/><RequestPayload><UniqueIdentifier type="TextString" value="${uid}"/><AttributeReference type="Enumeration" value="Name"/></RequestPayload></BatchItem></RequestMessage>`, 'text/xml')).body.toString('utf8'));
        return text(got, Tag.NameValue);
      }),
    );
    expect(names).toEqual(['https-pipelined-a', 'https-pipelined-b']);
    expect(answers[1].head).toMatch(/\r\nConnection: close\r\n/i);
  });

  test('what is not a KMIP request gets its HTTP status, and the connection stays usable', async () => {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const notFound = await post(createXml('x'), 'text/xml', { path: '/other', agent });
      expect(notFound.status).toBe(404);
      const get = await post('', undefined, { method: 'GET', agent });
      expect(get.status).toBe(405);
      expect(get.headers.allow).toBe('POST');
      const type = await post(createXml('x'), 'text/plain', { agent });
      expect(type.status).toBe(415);
      const ok = await post(createXml('https-after-refusals'), 'text/xml', { agent });
      expect(ok.status).toBe(200);
      expect(ok.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  test('a body that does not parse is answered with a KMIP Invalid Message in its own encoding', async () => {
    const xml = await post('<RequestMessage><RequestHeader>', 'text/xml');
    expect(xml.status).toBe(200);
    const m = parseKmipXmlItem(xml.body.toString('utf8'));
    expect(enumOf(m, Tag.ResultReason)).toBe(0x04); // Invalid Message
    const json = await post('{"tag": "RequestMessage", "value": [', 'application/json');
    expect(enumOf(parseKmipJson(json.body.toString('utf8')), Tag.ResultReason)).toBe(0x04);
    const notRequest = await post('<ResponseMessage/>', 'text/xml');
    expect(enumOf(parseKmipXmlItem(notRequest.body.toString('utf8')), Tag.ResultReason)).toBe(0x04);
    const bin = await post(Buffer.from([0x42, 0x00, 0x78, 0x01, 0x00, 0x00, 0x00, 0x40, 0x01]), 'application/octet-stream');
    expect(enumOf(decodeTtlv(bin.body), Tag.ResultReason)).toBe(0x04);
  });

  test('an oversized declared body is refused with 413 before it is sent, and the connection closes', async () => {
    const limit = server.running.config.limits.maxMessageSize;
    const { received, closed } = await rawExchange(Buffer.from(`POST /kmip HTTP/1.1\r\nContent-Type: text/xml\r\nContent-Length: ${limit + 1}\r\n\r\n<Request`));
    await closed;
    const [answer] = splitResponses(Buffer.concat(received));
    expect(answer.status).toBe(413);
    expect(answer.head).toMatch(/\r\nConnection: close\r\n/i);
  });

  test('"Expect: 100-continue" is answered before the body is sent', async () => {
    const body = Buffer.from(createXml('https-expect'));
    const sock = await rawConnect();
    try {
      const received: Buffer[] = [];
      sock.on('data', (d: Buffer) => received.push(d));
      sock.write(`POST /kmip HTTP/1.1\r\nContent-Type: text/xml\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`);
      await waitUntil(() => Buffer.concat(received).includes('\r\n\r\n'));
      expect(Buffer.concat(received).toString('latin1')).toBe('HTTP/1.1 100 Continue\r\n\r\n');
      sock.write(body);
      await waitUntil(() => Buffer.concat(received).includes('</ResponseMessage>'));
      const final = Buffer.concat(received).toString('latin1');
      expect(final).toMatch(/^HTTP\/1.1 100 Continue\r\n\r\nHTTP\/1.1 200 OK\r\n/);
    } finally {
      sock.destroy();
    }
  });
});

describe('hostile HTTP input', () => {
  /** A small deterministic generator: a failure names its seed position. */
  function rng(seed: number): () => number {
    let x = seed;
    return () => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x / 0x7fffffff;
    };
  }

  function mutate(bytes: Buffer, r: () => number): Buffer {
    const ri = (n: number) => Math.floor(r() * n);
    let b = Buffer.from(bytes);
    for (let k = 1 + ri(3); k > 0; k--) {
      const at = ri(b.length);
      switch (ri(6)) {
        case 0: b[at] = ri(256); break; // any byte
        case 1: b[at] = [0x0d, 0x0a, 0x3a, 0x20, 0x30, 0x3c, 0x22][ri(7)]; break; // CR LF : SP 0 < "
        case 2: b = b.subarray(0, at); break; // cut short
        case 3: b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + ri(20))]); break; // bytes lost
        case 4: b = Buffer.concat([b.subarray(0, at), b.subarray(ri(b.length)), b.subarray(at)]); break; // a piece repeated
        default: b = Buffer.concat([b.subarray(0, at), Buffer.from(String(ri(10) === 0 ? 1e12 : ri(99999))), b.subarray(at)]); // digits
      }
    }
    return b;
  }

  test('300 mutated requests (head and body, TTLV, XML, JSON): each is answered or closed, and the server keeps serving', async () => {
    const xml = createXml('fuzz-base');
    const bodies: Array<[string, Buffer]> = [
      ['text/xml', Buffer.from(xml)],
      ['application/json', Buffer.from(toKmipJson(parseKmipXmlItem(xml)))],
      ['application/octet-stream', encodeTtlv(parseKmipXmlItem(xml))],
    ];
    const r = rng(20261126);
    for (let i = 0; i < 300; i++) {
      const [type, body] = bodies[i % bodies.length];
      const whole = Buffer.concat([Buffer.from(`POST /kmip HTTP/1.1\r\nHost: kms\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
      const sent = mutate(whole, r);
      const sock = await rawConnect();
      const received: Buffer[] = [];
      sock.on('data', (d: Buffer) => received.push(d));
      sock.on('error', () => undefined);
      const closed = new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), 10_000);
        sock.once('close', () => {
          clearTimeout(t);
          resolve(true);
        });
      });
      sock.end(sent);
      const ok = await closed;
      if (!ok) sock.destroy();
      const got = Buffer.concat(received);
      const what = `mutation ${i}: ${JSON.stringify(sent.toString('latin1').slice(0, 120))}`;
      expect([what, ok]).toEqual([what, true]);
      // Whatever came back is an HTTP answer, or (when the first byte no longer starts a method) a KMIP one.
      if (got.length > 0 && !got.toString('latin1').startsWith('HTTP/1.1 ')) expect([what, decodeTtlv(got).tag]).toEqual([what, Tag.ResponseMessage]);
    }
    const after = await post(createXml('fuzz-after'), 'text/xml');
    expect(after.status).toBe(200);
    expect(enumOf(parseKmipXmlItem(after.body.toString('utf8')), Tag.ResultStatus)).toBe(0);
  });
});

describe('the log of a listener with http', () => {
  test('says which connection speaks HTTP, and names every refused request with its status and who sent it', async () => {
    const pki = makePki();
    const { logger, records } = captureLogger();
    const listener = createKmipListener(
      { host: '127.0.0.1', port: 0, cert: pki.server.certPem, key: pki.server.keyPem, ca: [pki.ca.certPem], logger, http: { path: '/kmip' } },
      async (f) => f,
    );
    const { port } = await listener.listen();
    try {
      const sock = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: pki.ca.certPem, cert: pki.alice.certPem, key: pki.alice.keyPem });
      sock.on('error', () => undefined);
      sock.resume(); // read (and drop) the answers, so that the server's close is seen
      await new Promise((r) => sock.once('secureConnect', r));
      sock.end('GET /kmip HTTP/1.1\r\nHost: x\r\n\r\nPOST /elsewhere HTTP/1.1\r\nContent-Type: text/xml\r\nContent-Length: 0\r\n\r\n');
      await new Promise((r) => sock.once('close', r));
      expect(records.some((r) => r.message === 'connection speaks KMIP over HTTPS')).toBe(true);
      const refused = records.filter((r) => r.message === 'HTTP request refused');
      expect(refused.map((r) => [r.status, r.method, r.target, r.identity])).toEqual([
        [405, 'GET', '/kmip', 'alice'],
        [404, 'POST', '/elsewhere', 'alice'],
      ]);
    } finally {
      await listener.close();
    }
  });
});

describe('a listener without http (server.http false)', () => {
  test('an HTTP request is treated as a TTLV stream: the frame error answer, no HTTP answer', async () => {
    const pki = makePki();
    let handled = 0;
    const listener = createKmipListener(
      {
        host: '127.0.0.1', port: 0, cert: pki.server.certPem, key: pki.server.keyPem, ca: [pki.ca.certPem], logger: captureLogger().logger,
        onFrameError: () => Buffer.from('TTLV-ERROR'),
      },
      async (f) => {
        handled++;
        return f;
      },
    );
    const { port } = await listener.listen();
    try {
      const sock = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: pki.ca.certPem, cert: pki.alice.certPem, key: pki.alice.keyPem });
      const received: Buffer[] = [];
      sock.on('data', (d: Buffer) => received.push(d));
      sock.on('error', () => undefined);
      await new Promise((r) => sock.once('secureConnect', r));
      const body = createXml('not-over-http');
      sock.write(`POST /kmip HTTP/1.1\r\nContent-Type: text/xml\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      await new Promise((r) => sock.once('close', r));
      expect(Buffer.concat(received).toString('latin1')).toBe('TTLV-ERROR');
      expect(handled).toBe(0);
    } finally {
      await listener.close();
    }
  });
});

function rawConnect(): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const sock = tls.connect({ host: '127.0.0.1', port: server.port, ...tlsOpts() });
    sock.once('secureConnect', () => resolve(sock));
    sock.once('error', reject);
  });
}

async function rawExchange(bytes: Buffer): Promise<{ received: Buffer[]; closed: Promise<void> }> {
  const sock = await rawConnect();
  const received: Buffer[] = [];
  sock.on('data', (d: Buffer) => received.push(d));
  sock.on('error', () => undefined);
  const closed = new Promise<void>((r) => sock.once('close', () => r()));
  sock.write(bytes);
  return { received, closed };
}

/** Responses with Content-Length, one after another. */
function splitResponses(all: Buffer): Array<{ status: number; head: string; body: Buffer }> {
  const out: Array<{ status: number; head: string; body: Buffer }> = [];
  let rest = all;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) throw new Error(`incomplete response head: ${rest.toString('latin1').slice(0, 80)}`);
    const head = rest.subarray(0, end + 2).toString('latin1');
    const len = Number(/\r\nContent-Length: (\d+)\r\n/i.exec(head)?.[1]);
    out.push({ status: Number(head.slice(9, 12)), head, body: rest.subarray(end + 4, end + 4 + len) });
    rest = rest.subarray(end + 4 + len);
  }
  return out;
}

async function waitUntil(cond: () => boolean, limitMs = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > limitMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
