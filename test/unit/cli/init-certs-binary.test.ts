/**
 * `tumbler init` and `tumbler certs issue-client` through the real binary (bin/tumbler.js -> dist).
 * Builds dist first when it is missing or older than the command sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'tumbler.js');

function ensureBuilt(): void {
  const pairs = [
    ['src/cli/commands/init.ts', 'dist/src/cli/commands/init.js'],
    ['src/cli/commands/certs-issue-client.ts', 'dist/src/cli/commands/certs-issue-client.js'],
    ['src/cli/init-dir.ts', 'dist/src/cli/init-dir.js'],
    ['src/cli/commands.ts', 'dist/src/cli/commands.js'],
    ['src/config/load.ts', 'dist/src/config/load.js'],
  ];
  const stale = pairs.some(([src, out]) => {
    const o = path.join(ROOT, out);
    return !fs.existsSync(o) || fs.statSync(o).mtimeMs < fs.statSync(path.join(ROOT, src)).mtimeMs;
  });
  if (stale) spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', ROOT, '--noEmitOnError', 'false'], { stdio: 'ignore' });
}

function tumbler(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

let tmp: string;
beforeAll(() => ensureBuilt());
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-bin-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('tumbler init creates the directory; a second init is refused with exit 2; --force works', () => {
  const dir = path.join(tmp, 'srv');
  const r = tumbler('init', '--dir', dir, '--host', '127.0.0.1', '--port', '15697');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/initialised/);
  for (const f of ['tumbler.json', 'ca.pem', 'ca-key.pem', 'server.pem', 'server-key.pem', 'clients/admin.pem', 'clients/admin-key.pem', 'clients/ca.pem']) {
    expect(fs.existsSync(path.join(dir, f))).toBe(true);
  }
  expect(fs.statSync(path.join(dir, 'ca-key.pem')).mode & 0o777).toBe(0o600);
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'tumbler.json'), 'utf8'));
  expect(config.server).toEqual({ host: '127.0.0.1', port: 15697, http: true, httpPath: '/kmip' });

  const again = tumbler('init', '--dir', dir);
  expect(again.status).toBe(2);
  expect(again.stderr).toMatch(/already initialised/);

  const forced = tumbler('init', '--dir', dir, '--force');
  expect(forced.status).toBe(0);
});

test('tumbler init rejects a bad port with exit 2', () => {
  const r = tumbler('init', '--dir', path.join(tmp, 'x'), '--port', 'http');
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/--port/);
});

test('tumbler certs issue-client writes NAME.pem, NAME-key.pem, ca.pem signed by the directory CA', () => {
  const dir = path.join(tmp, 'srv');
  expect(tumbler('init', '--dir', dir).status).toBe(0);
  const out = path.join(tmp, 'out');
  const r = tumbler('certs', 'issue-client', 'app1', '--dir', dir, '--out', out);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const cert = new X509Certificate(fs.readFileSync(path.join(out, 'app1.pem')));
  const ca = new X509Certificate(fs.readFileSync(path.join(dir, 'ca.pem')));
  expect(cert.subject).toMatch(/CN=app1/);
  expect(cert.verify(ca.publicKey)).toBe(true);
  expect(fs.statSync(path.join(out, 'app1-key.pem')).mode & 0o777).toBe(0o600);
  expect(fs.readFileSync(path.join(out, 'ca.pem'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'));
  // The key matches the certificate.
  const pub = execFileSync('openssl', ['pkey', '-in', path.join(out, 'app1-key.pem'), '-pubout'], { encoding: 'utf8' });
  expect(pub.trim()).toBe(cert.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim());

  const bad = tumbler('certs', 'issue-client', 'x', '--dir', tmp, '--out', out);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/no development CA/);
});
