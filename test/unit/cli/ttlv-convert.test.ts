/**
 * `tumbler ttlv convert` through the real built binary (node bin/tumbler.js), on a real client capture
 * (pretty hex) and an OASIS vector file (XML, several messages), plus error cases (exit code 3, one line
 * naming the position). Builds dist/ with tsc when it is missing or older than the sources it needs.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePrettyHex, prettyHexBody, decodeTtlv } from '../../../src/ttlv';
import { parseKmipXml } from '../../../src/ttlv/xml-parse';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SHARED = path.resolve(ROOT, '..', 'shared', 'conformance');
const CAPTURE = path.join(SHARED, 'captures', 'vmware-vcenter', '04-create-request.hex');
const VECTOR = path.join(SHARED, 'oasis', '1.1', 'extracted-ovh', 'TC_121_11_Query_Maximum_Response_Size.xml');
const BIN = path.join(ROOT, 'bin', 'tumbler.js');

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, 'ttlv', 'convert', ...args], { input, cwd: ROOT, maxBuffer: 16 << 20 });
  return { code: r.status, out: r.stdout, text: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

function mtime(p: string): number {
  return fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0;
}

beforeAll(() => {
  const built = path.join(ROOT, 'dist', 'src', 'cli', 'commands', 'ttlv-convert.js');
  const sources = ['src/cli/commands/ttlv-convert.ts', 'src/ttlv/xml-parse.ts', 'src/ttlv/xml-write.ts', 'src/ttlv/json.ts', 'src/ttlv/xml-names.ts'];
  if (sources.some((s) => mtime(path.join(ROOT, s)) > mtime(built))) {
    // tsc emits even when files of other areas have type errors; only a missing output is fatal here.
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', ROOT], { cwd: ROOT, stdio: 'pipe' });
    } catch {
      /* type errors elsewhere: checked below by running the binary */
    }
  }
  expect(fs.existsSync(built)).toBe(true);
}, 180_000);

const present = fs.existsSync(CAPTURE) && fs.existsSync(VECTOR);
const withShared = present ? describe : describe.skip;
if (!present && process.env.CI === 'true') {
  it('needs ../shared/conformance', () => {
    throw new Error(`missing ${SHARED}`);
  });
} else if (!present) {
  // eslint-disable-next-line no-console
  console.warn(`ttlv-convert: ${SHARED} absent, capture/vector cases skipped`);
}

withShared('on shared captures and vectors', () => {
  it('capture: pretty → xml → ttlv gives the captured bytes; → pretty gives the capture text', () => {
    const bytes = parsePrettyHex(fs.readFileSync(CAPTURE, 'utf8'));
    const xml = run(['--from', 'pretty', '--to', 'xml', CAPTURE]);
    expect(xml.err).toBe('');
    expect(xml.code).toBe(0);
    expect(xml.text).toMatch(/^<RequestMessage>\n  <RequestHeader>\n/);
    expect(xml.text).toContain('<AttributeValue type="Enumeration" value="AES"/>');
    expect(xml.text).toContain('<AttributeValue type="Integer" value="Encrypt Decrypt"/>');
    const bin = run(['--from', 'xml', '--to', 'ttlv'], xml.text);
    expect(bin.code).toBe(0);
    expect(Buffer.compare(bin.out, bytes)).toBe(0);
    const pretty = run(['--from', 'ttlv', '--to', 'pretty'], bin.out);
    expect(pretty.text).toBe(prettyHexBody(fs.readFileSync(CAPTURE, 'utf8')));
    const json = run(['--from', 'pretty', '--to', 'json', CAPTURE]);
    expect(json.text.split('\n').length).toBeGreaterThan(10); // a single message is indented
    const hex = run(['--from', 'json', '--to', 'hex'], json.text);
    expect(hex.text).toBe(bytes.toString('hex') + '\n');
  });

  it('vector: every message of the file converts; hex and json put one message per line and read back', () => {
    const messages = parseKmipXml(fs.readFileSync(VECTOR, 'utf8'));
    expect(messages.length).toBe(4);
    const hex = run(['--from', 'xml', '--to', 'hex', VECTOR]);
    expect(hex.code).toBe(0);
    const lines = hex.text.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => decodeTtlv(Buffer.from(l, 'hex')))).toEqual(messages);
    const json = run(['--from', 'hex', '--to', 'json'], hex.text);
    expect(json.text.trimEnd().split('\n')).toHaveLength(4);
    const xml = run(['--from', 'json', '--to', 'xml'], json.text);
    expect(xml.text.startsWith('<KMIP>\n  <RequestMessage>\n')).toBe(true);
    expect(parseKmipXml(xml.text)).toEqual(messages);
    const pretty = run(['--from', 'xml', '--to', 'pretty', VECTOR]);
    expect(pretty.text.split('\n\n')).toHaveLength(4);
    const back = run(['--from', 'pretty', '--to', 'ttlv'], pretty.text);
    expect(Buffer.compare(back.out, Buffer.from(lines.join(''), 'hex'))).toBe(0);
  });
});

describe('errors', () => {
  it('malformed XML: exit 3 and one line with line:column and element', () => {
    const r = run(['--from', 'xml', '--to', 'json'], '<RequestMessage>\n  <BatchCount type="Integer" value="x"/>\n</RequestMessage>\n');
    expect(r.code).toBe(3);
    expect(r.text).toBe('');
    expect(r.err).toBe("tumbler: xml input: 2:3: 'x' is not an Integer (in <BatchCount>)\n");
  });

  it('placeholders cannot become TTLV: exit 3', () => {
    const r = run(['--from', 'xml', '--to', 'ttlv'], '<ActivationDate type="DateTime" value="$NOW"/>');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^tumbler: xml input: 1:1: .*placeholder \$NOW needs a substitution.*\n$/);
  });

  it('truncated binary and bad hex: exit 3 with the offset', () => {
    const t = run(['--from', 'hex', '--to', 'xml'], '42007801000000204200');
    expect(t.code).toBe(3);
    expect(t.err).toMatch(/^tumbler: .*(truncated|TRUNCATED).*\n$/);
    const h = run(['--from', 'hex', '--to', 'xml'], '4200zz');
    expect(h.code).toBe(3);
    expect(h.err).toMatch(/^tumbler: hex: TTLV BAD_HEX: .*offset \d+\n$/);
  });

  it('unknown format: usage error', () => {
    const r = run(['--from', 'yaml', '--to', 'xml'], '');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown format 'yaml'");
  });
});
