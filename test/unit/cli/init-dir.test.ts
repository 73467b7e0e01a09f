import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../../src/config/load';
import { loadTlsMaterial } from '../../../src/config/tls-material';
import { AlreadyInitialisedError, initServerDir, isInitialised } from '../../../src/cli/init-dir';
import { issueClientFiles } from '../../../src/cli/commands/certs-issue-client';
import { CliError } from '../../../src/cli/errors';

jest.setTimeout(60_000);

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-init-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe('initServerDir', () => {
  test('creates a complete, valid server directory', async () => {
    const dir = path.join(tmp, 'srv');
    const hookCalls: string[] = [];
    const r = await initServerDir({ dir, host: '127.0.0.1', port: 15696, setupHsm: (_c, hsmDir) => void hookCalls.push(hsmDir) });
    expect(isInitialised(dir)).toBe(true);
    const config = loadConfig(dir, {});
    expect(config.server).toEqual({ host: '127.0.0.1', port: 15696, http: true, httpPath: '/kmip' });
    const tls = loadTlsMaterial(config);
    expect(tls.ca).toHaveLength(1);

    const ca = new X509Certificate(fs.readFileSync(r.caCert));
    const server = new X509Certificate(Array.isArray(tls.cert) ? tls.cert[0] : tls.cert);
    const admin = new X509Certificate(fs.readFileSync(r.adminCert));
    expect(ca.ca).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(admin.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkHost(os.hostname())).toBe(os.hostname());
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(admin.subject).toMatch(/CN=admin/);
    expect(admin.keyUsage).toContain('1.3.6.1.5.5.7.3.2'); // clientAuth
    expect(fs.readFileSync(r.clientCa, 'utf8')).toBe(fs.readFileSync(r.caCert, 'utf8'));
    expect(path.relative(dir, r.adminKey)).toBe(path.join('clients', 'admin-key.pem'));

    // The second server certificate: ECDSA P-256, same names, signing only.
    expect(Array.isArray(tls.cert) && tls.cert[1]).toBe(fs.readFileSync(r.serverEcdsaCert, 'utf8'));
    const ec = new X509Certificate(fs.readFileSync(r.serverEcdsaCert));
    expect(ec.publicKey.asymmetricKeyType).toBe('ec');
    expect(ec.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(ec.verify(ca.publicKey)).toBe(true);
    expect(ec.subjectAltName).toBe(server.subjectAltName);
    expect(ec.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth
    expect(mode(r.serverEcdsaKey)).toBe(0o600);

    expect(mode(r.caKey)).toBe(0o600);
    expect(mode(r.serverKey)).toBe(0o600);
    expect(mode(r.adminKey)).toBe(0o600);
    expect(fs.statSync(path.dirname(config.store.path)).isDirectory()).toBe(true);
    expect(hookCalls).toEqual([path.join(dir, 'hsm')]);
  });

  test('refuses to overwrite an initialised directory unless forced (which makes a new CA)', async () => {
    const r1 = await initServerDir({ dir: tmp });
    const ca1 = fs.readFileSync(r1.caCert, 'utf8');
    await expect(initServerDir({ dir: tmp })).rejects.toBeInstanceOf(AlreadyInitialisedError);
    expect(fs.readFileSync(r1.caCert, 'utf8')).toBe(ca1);
    const r2 = await initServerDir({ dir: tmp, force: true, port: 6000 });
    expect(fs.readFileSync(r2.caCert, 'utf8')).not.toBe(ca1);
    expect(loadConfig(tmp, {}).server.port).toBe(6000);
  });

  test('a bad port leaves nothing behind', async () => {
    const dir = path.join(tmp, 'bad');
    await expect(initServerDir({ dir, port: 99999 })).rejects.toThrow(/server\.port/);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('issueClientFiles', () => {
  test('issues NAME.pem, NAME-key.pem and ca.pem from the directory CA', async () => {
    const r = await initServerDir({ dir: tmp });
    const out = path.join(tmp, 'out');
    const issued = issueClientFiles({ name: 'backup-job', dir: tmp, out });
    const cert = new X509Certificate(fs.readFileSync(issued.cert));
    expect(cert.subject).toMatch(/CN=backup-job/);
    expect(cert.verify(new X509Certificate(fs.readFileSync(r.caCert)).publicKey)).toBe(true);
    expect(mode(issued.key)).toBe(0o600);
    expect(fs.readFileSync(issued.ca, 'utf8')).toBe(fs.readFileSync(r.caCert, 'utf8'));
    expect(issued.fingerprint).toBe(cert.fingerprint256.replace(/:/g, '').toLowerCase());
    expect(() => issueClientFiles({ name: 'backup-job', dir: tmp, out })).toThrow(/already exists/);
    expect(() => issueClientFiles({ name: 'backup-job', dir: tmp, out, force: true })).not.toThrow();
  });

  test('rejects unsafe names and directories without a CA', () => {
    expect(() => issueClientFiles({ name: '../evil', dir: tmp, out: tmp })).toThrow(CliError);
    expect(() => issueClientFiles({ name: 'ok', dir: tmp, out: tmp })).toThrow(/no development CA/);
  });
});
