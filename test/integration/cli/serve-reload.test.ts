/**
 * Certificate rotation without a restart: `tumbler serve` (real binary, directory from `tumbler init`) takes
 * replaced certificate files on SIGHUP, and keeps serving with the old ones when the new files are unusable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KmipConnection } from '../../../src/client/connection';
import { issueEcdsaServerCert, issueServerCert } from '../../../src/certs';
import { BIN, ensureBuilt, freePort, tumbler } from './admin-binary';

jest.setTimeout(120_000);

let tmp: string;
let dir: string;
let port: number;
let serve: ChildProcess | undefined;
let stderr = '';

async function waitFor(what: () => boolean, label: string): Promise<void> {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!what()) throw new Error(`timed out waiting for ${label}; stderr: ${stderr}`);
}

/** The serial number of the certificate the server presents to a TLS 1.3 client (the ECDSA one). */
async function presented(): Promise<string> {
  const c = await KmipConnection.connect({
    host: '127.0.0.1', port, servername: 'localhost', ca: fs.readFileSync(path.join(dir, 'ca.pem')),
    cert: fs.readFileSync(path.join(dir, 'clients', 'admin.pem')), key: fs.readFileSync(path.join(dir, 'clients', 'admin-key.pem')),
  });
  try {
    return c.socket.getPeerCertificate().serialNumber;
  } finally {
    c.close();
  }
}

const serialOf = (file: string) => new X509Certificate(fs.readFileSync(path.join(dir, file))).serialNumber;

beforeAll(async () => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-reload-'));
  dir = path.join(tmp, 'srv');
  expect(tumbler(['init', '--dir', dir], { SOFTHSM2_CONF: undefined as unknown as string }).status).toBe(0);
  const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'tumbler.json'), 'utf8'));
  port = await freePort();
  cfg.server = { host: '127.0.0.1', port };
  fs.writeFileSync(path.join(dir, 'tumbler.json'), JSON.stringify(cfg, null, 2));
  const env = { ...process.env };
  delete env.SOFTHSM2_CONF;
  serve = spawn(process.execPath, [BIN, 'serve', '--dir', dir], { stdio: ['ignore', 'ignore', 'pipe'], env });
  serve.stderr!.on('data', (d) => (stderr += d));
  await waitFor(() => fs.existsSync(path.join(dir, 'db')), 'the store');
  for (let i = 0; i < 100; i++) {
    try {
      await presented();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`server did not come up: ${stderr}`);
});

afterAll(async () => {
  if (serve) {
    const exited = new Promise((r) => serve!.once('exit', r));
    serve.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('SIGHUP: replaced certificate files are presented to new connections', async () => {
  expect(await presented()).toBe(serialOf('server-ecdsa.pem'));
  const ca = { certPem: fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'), keyPem: fs.readFileSync(path.join(dir, 'ca-key.pem'), 'utf8') };
  const rsa = issueServerCert(ca);
  const ec = issueEcdsaServerCert(ca);
  fs.writeFileSync(path.join(dir, 'server.pem'), rsa.certPem);
  fs.writeFileSync(path.join(dir, 'server-key.pem'), rsa.keyPem);
  fs.writeFileSync(path.join(dir, 'server-ecdsa.pem'), ec.certPem);
  fs.writeFileSync(path.join(dir, 'server-ecdsa-key.pem'), ec.keyPem);
  serve!.kill('SIGHUP');
  await waitFor(() => /TLS certificates reloaded/.test(stderr), 'the reload');
  expect(await presented()).toBe(new X509Certificate(ec.certPem).serialNumber);
});

test('SIGHUP with a key that does not match: refused, the running certificates stay', async () => {
  const before = await presented();
  const good = fs.readFileSync(path.join(dir, 'server-ecdsa-key.pem'));
  fs.writeFileSync(path.join(dir, 'server-ecdsa-key.pem'), issueEcdsaServerCert({ certPem: fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'), keyPem: fs.readFileSync(path.join(dir, 'ca-key.pem'), 'utf8') }).keyPem);
  serve!.kill('SIGHUP');
  await waitFor(() => /TLS reload refused/.test(stderr), 'the refusal');
  expect(stderr).toMatch(/is not the key of tls\.ecdsaCert/);
  expect(await presented()).toBe(before);
  fs.writeFileSync(path.join(dir, 'server-ecdsa-key.pem'), good);
});
