import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCa, issueCert, issueEcdsaServerCert, issueServerCert } from '../../../src/certs';
import { ConfigError, resolveConfig } from '../../../src/config/load';
import { loadTlsMaterial, splitPemBundle } from '../../../src/config/tls-material';

jest.setTimeout(60_000);

let tmp: string;
const ca = createCa('CA');
const ca2 = createCa('CA2');
const server = issueServerCert(ca);
const pinned = issueCert(null, { subject: { CN: 'p' } });

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-tls-'));
  fs.writeFileSync(path.join(tmp, 'server.pem'), server.certPem);
  fs.writeFileSync(path.join(tmp, 'server-key.pem'), server.keyPem);
  fs.writeFileSync(path.join(tmp, 'ca.pem'), ca.certPem + ca2.certPem);
  fs.writeFileSync(path.join(tmp, 'pin.pem'), pinned.certPem);
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function problems(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.join('\n');
    throw e;
  }
  throw new Error('expected ConfigError');
}

test('reads cert, key, a multi-certificate CA bundle and pinned certificates', () => {
  const m = loadTlsMaterial(resolveConfig({ tls: { pinnedClientCerts: ['pin.pem'] } }, tmp));
  expect(m.cert).toBe(server.certPem);
  expect(m.ca).toHaveLength(2);
  expect(m.pinnedClientCerts).toHaveLength(1);
});

test('missing files and junk name the field', () => {
  expect(problems(() => loadTlsMaterial(resolveConfig({ tls: { key: 'nope.pem' } }, tmp)))).toMatch(/^tls\.key: cannot read .*nope\.pem: ENOENT/);
  fs.writeFileSync(path.join(tmp, 'junk.pem'), 'hello');
  expect(problems(() => loadTlsMaterial(resolveConfig({ tls: { ca: 'junk.pem' } }, tmp)))).toMatch(/^tls\.ca .*no PEM certificate/);
  expect(problems(() => loadTlsMaterial(resolveConfig({ tls: { pinnedClientCerts: ['junk.pem'] } }, tmp)))).toMatch(/^tls\.pinnedClientCerts\[0\]/);
});

test('mutual TLS needs some client trust', () => {
  expect(problems(() => loadTlsMaterial(resolveConfig({ tls: { ca: null } }, tmp)))).toMatch(/no client trust configured/);
});

test('splitPemBundle rejects a damaged certificate', () => {
  const lines = ca.certPem.trim().split('\n');
  const broken = [...lines.slice(0, 5), ...lines.slice(8)].join('\n'); // three base64 lines cut out
  expect(() => splitPemBundle(broken, 'x')).toThrow(ConfigError);
});

test('an ECDSA certificate and key are presented after the RSA ones; a lone, mismatched or RSA one is refused', () => {
  const ec = issueEcdsaServerCert(ca);
  const ec2 = issueEcdsaServerCert(ca);
  fs.writeFileSync(path.join(tmp, 'ec.pem'), ec.certPem);
  fs.writeFileSync(path.join(tmp, 'ec-key.pem'), ec.keyPem);
  fs.writeFileSync(path.join(tmp, 'ec2-key.pem'), ec2.keyPem);
  const m = loadTlsMaterial(resolveConfig({ tls: { ecdsaCert: 'ec.pem', ecdsaKey: 'ec-key.pem' } }, tmp));
  expect(m.cert).toEqual([server.certPem, ec.certPem]);
  expect(m.key).toEqual([server.keyPem, ec.keyPem]);
  expect(problems(() => loadTlsMaterial(resolveConfig({ tls: { ecdsaCert: 'ec.pem' } }, tmp)))).toMatch(/go together/);
  expect(problems(() => loadTlsMaterial(resolveConfig({ tls: { ecdsaCert: 'ec.pem', ecdsaKey: 'ec2-key.pem' } }, tmp)))).toMatch(/is not the key/);
  expect(problems(() => loadTlsMaterial(resolveConfig({ tls: { ecdsaCert: 'server.pem', ecdsaKey: 'server-key.pem' } }, tmp)))).toMatch(/not an ECDSA/);
});
