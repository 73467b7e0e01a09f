/**
 * The runner against a real Tumbler: real mutual TLS with the project's client, a real SQLite store
 * and SoftHSM2 when installed (required when CI=true), on OASIS vectors read from ../shared.
 * These tests say whether the server passes the vectors; they fail while it does not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalServerFactory, type LocalServer } from '../../../conformance/runner/local-server';
import { replayVector } from '../../../conformance/runner/replay';
import { loadVectorFile, parseVectorText } from '../../../conformance/runner/vector-file';
import { runConformanceCommand } from '../../../src/cli/commands/conformance';
import { runConformance } from '../../../conformance/runner/run';
import { request, response, text } from './helpers';

const SHARED = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'conformance', 'oasis');
const available = fs.existsSync(SHARED);
const ci = process.env.CI === 'true';

const describeShared = available ? describe : ci ? describe : describe.skip;
if (!available && !ci) {
  // eslint-disable-next-line no-console
  console.warn(`skipping conformance integration tests: ${SHARED} not found`);
}

describeShared('conformance runner against a live Tumbler', () => {
  let factory: LocalServerFactory;
  let server: LocalServer;

  beforeAll(async () => {
    if (!available) throw new Error(`CI=true and the shared vectors are missing: ${SHARED}`);
    factory = new LocalServerFactory({ hsm: ci ? 'pkcs11' : 'auto' });
  });
  afterAll(() => factory?.dispose());
  beforeEach(async () => {
    server = await factory.start();
  });
  afterEach(async () => {
    await server?.stop();
  });

  const vec = (rel: string) => path.join(SHARED, rel);

  it.each(['1.4/profiles/mandatory/SKLC-M-1-14.xml', '1.4/profiles/mandatory/SKFF-M-4-14.xml', '2.1/profiles/mandatory/SKLC-M-1-21.xml'])(
    'passes %s',
    async (rel) => {
      const out = await replayVector(loadVectorFile(vec(rel)), server.endpoint);
      expect(out.failure).toBeUndefined();
      expect(out.pairsPassed).toBe(out.pairs);
    },
  );

  // Each encoding round-trips the whole message through the client's and the server's codecs. The 2.1
  // vectors (Attributes, 2.x names), a Get of key material, Encrypt/Decrypt with Byte Strings and a
  // Locate with a Date-Time filter cover the value types.
  it.each([
    ['xml', '2.1/profiles/mandatory/SKLC-M-1-21.xml'],
    ['json', '2.1/profiles/mandatory/SKLC-M-1-21.xml'],
    ['ttlv', '2.1/profiles/mandatory/SKLC-M-1-21.xml'],
    ['xml', '1.4/profiles/mandatory/CS-BC-M-1-14.xml'],
    ['json', '1.4/profiles/mandatory/CS-BC-M-1-14.xml'],
    ['xml', '1.4/profiles/mandatory/SKFF-M-4-14.xml'],
    ['json', '2.1/profiles/mandatory/BL-M-1-21.xml'],
  ] as const)('passes over KMIP over HTTPS in %s: %s', async (http, rel) => {
    const out = await replayVector(loadVectorFile(vec(rel)), server.endpoint, { http });
    expect(out.failure).toBeUndefined();
    expect(out.pairsPassed).toBe(out.pairs);
    expect(out.pairs).toBeGreaterThan(0);
  });

  it('over HTTPS, a server answer that is not 200 is a transport failure that names the status', async () => {
    const vf = loadVectorFile(vec('2.1/profiles/mandatory/SKLC-M-1-21.xml'));
    const { openChannel } = await import('../../../conformance/runner/channel');
    const ch = await openChannel(server.endpoint, { http: 'xml', httpPath: '/not-kmip', requestTimeoutMs: 10_000 });
    try {
      await expect(ch.send(vf.pairs[0].request.item)).rejects.toThrow(/^HTTP 404: KMIP requests are posted to \/kmip/);
    } finally {
      await ch.close();
    }
  });

  it('reports a changed expectation with the file position and path of the difference', async () => {
    const rel = '1.4/profiles/mandatory/SKFF-M-4-14.xml';
    const original = fs.readFileSync(vec(rel), 'utf8');
    // Last response: expect a failure where the server (correctly or not) answers something else.
    const at = original.lastIndexOf('<ResultStatus type="Enumeration" value="Success"/>');
    expect(at).toBeGreaterThan(0);
    const changed = original.slice(0, at) + '<ResultStatus type="Enumeration" value="OperationPending"/>' + original.slice(at + 51);
    const vf = parseVectorText(changed, rel);
    const out = await replayVector(vf, server.endpoint);
    expect(out.failure?.kind).toBe('mismatch');
    expect(out.failure?.pairIndex).toBe(vf.pairs.length - 1);
    expect(out.failure?.messageIndex).toBe(vf.pairs.length * 2 - 1);
    expect(out.failure?.difference?.path).toBe('ResponseMessage/BatchItem[0]/ResultStatus');
    expect(out.failure?.difference?.expected).toContain('OperationPending');
  });

  describe('a step the test case repeats ("# [REPEAT] until ...")', () => {
    // TC_92's pattern with a 2 s lifetime: the key turns Deactivated at its Deactivation Date, and the
    // repeated GetAttributes State is sent until the server says so.
    const uid = text('UniqueIdentifier', '$UNIQUE_IDENTIFIER_0');
    const attr = (name: string, value: string, type = 'DateTime') =>
      `<Attribute><AttributeName type="TextString" value="${name}"/><AttributeValue type="${type}" value="${value}"/></Attribute>`;
    const create =
      request([{ op: 'Create', payload: `<ObjectType type="Enumeration" value="SymmetricKey"/><TemplateAttribute>${attr('Cryptographic Algorithm', 'AES', 'Enumeration')}${attr('Cryptographic Length', '128', 'Integer')}${attr('Cryptographic Usage Mask', 'Encrypt Decrypt', 'Integer')}</TemplateAttribute>` }]) +
      '\n' +
      response([{ op: 'Create', payload: `<ObjectType type="Enumeration" value="SymmetricKey"/>${uid}` }]);
    const add = (name: string, value: string) =>
      request([{ op: 'AddAttribute', payload: uid + attr(name, value) }]) + '\n' + response([{ op: 'AddAttribute', payload: uid + attr(name, value) }]);
    const stateIs = (state: string) =>
      request([{ op: 'GetAttributes', payload: uid + text('AttributeName', 'State') }]) +
      '\n' +
      response([{ op: 'GetAttributes', payload: uid + attr('State', state, 'Enumeration') }]);
    const file = (state: string) =>
      `<KMIP>\n${create}\n${add('Activation Date', '$NOW')}\n${add('Deactivation Date', '$NOW+2')}\n${stateIs('Active')}\n# [REPEAT] until GetAttributes response shows State changed to ${state}\n${stateIs(state)}\n</KMIP>`;

    it('is sent again until the answer matches', async () => {
      const started = Date.now();
      const out = await replayVector(parseVectorText(file('Deactivated')), server.endpoint);
      expect(out.failure).toBeUndefined();
      expect(out.pairsPassed).toBe(5);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // at least one more round
    });

    it('fails with its last difference when its time runs out', async () => {
      const started = Date.now();
      const out = await replayVector(parseVectorText(file('Compromised')), server.endpoint, { repeatTimeoutMs: 3_500 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
      expect(out.pairsPassed).toBe(4);
      expect(out.failure?.kind).toBe('mismatch');
      // By then the key is Deactivated: the difference is the last answer's, not the first one's.
      expect(out.failure?.difference?.actual).toContain('Deactivated');
    });

    it('is sent once when the vector does not mark it', async () => {
      const out = await replayVector(parseVectorText(file('Deactivated').replace(/# \[REPEAT\][^\n]*\n/, '')), server.endpoint);
      expect(out.pairsPassed).toBe(4);
      expect(out.failure?.difference?.actual).toContain('Active');
    });
  });

  it('replays a sequence: SASED-M-3 after SASED-M-1 and -2 on one server; alone it cannot find their key', async () => {
    // One process, one SoftHSM2 module: use this suite's servers rather than a second factory.
    const files = [vec('1.4/profiles/mandatory/SASED-M-3-14.xml')];
    const [seq] = await runConformance({ files, server: server.endpoint });
    expect(seq.failure).toBeUndefined();
    expect(seq.status).toBe('pass');
    expect(seq.after).toEqual(['SASED-M-1-14.xml (prerequisite)', 'SASED-M-2-14.xml (prerequisite)']);
    const other = await factory.start();
    let alone;
    try {
      alone = await runConformance({ files, server: other.endpoint, plan: { continuation: () => false } });
    } finally {
      await other.stop();
    }
    expect(alone).toHaveLength(1);
    expect(alone[0].status).toBe('fail');
    expect(alone[0].failure?.pairIndex).toBe(0);
    expect(alone[0].failure?.difference?.path).toBe('ResponseMessage/BatchItem[0]/ResponsePayload/UniqueIdentifier');
  });

  it('tumbler conformance --json runs its own servers and summarizes per version and profile', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      writes.push(String(s));
      return true;
    });
    let code: number;
    try {
      code = await runConformanceCommand([vec('1.4/profiles/mandatory/SKFF-M-4-14.xml'), vec('1.4/profiles/mandatory/SKLC-M-1-14.xml')], {
        json: true,
        quiet: true,
        software: false,
      });
    } finally {
      spy.mockRestore();
    }
    const report = JSON.parse(writes.join(''));
    expect(report.files.map((f: { file: string }) => path.basename(f.file)).sort()).toEqual(['SKFF-M-4-14.xml', 'SKLC-M-1-14.xml']);
    expect(report.summary.totals.files).toBe(2);
    expect(Object.keys(report.summary.byVersion)).toEqual(['1.4']);
    expect(Object.keys(report.summary.byProfile).sort()).toEqual(['SKFF', 'SKLC']);
    const failed = report.files.filter((f: { status: string }) => f.status === 'fail').length;
    expect(code).toBe(failed > 0 ? 1 : 0);
    expect(report.summary.totals.pass + report.summary.totals.fail).toBe(2);
  });
});
