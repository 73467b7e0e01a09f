/**
 * Accounts over real mutual TLS with the real PyKMIP client, which sends a Username and Password credential
 * in every request header: accounts made with the real CLI binary (`tumbler accounts`), a real SQLite file,
 * SoftHSM2 when installed. The certificate still opens the connection; the account is who acts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, ensureBuilt, json, tumbler } from '../cli/admin-binary';
import { startTestServer, type TestServer } from '../../helpers/server';
import { byId, describePyKmip, failureReason, runPyKmip, valueOf, type PyLogin } from '../../helpers/pykmip';

const failure = failureReason;

describePyKmip('accounts: Username and Password credentials (verify mode, the default)', () => {
  let server: TestServer;
  let fred: PyLogin;
  let barney: PyLogin;
  let k: string;

  beforeAll(async () => {
    ensureBuilt();
    server = await startTestServer();
    const pwFile = path.join(server.dir, 'fred.pw');
    fs.writeFileSync(pwFile, 'correct horse battery\n', { mode: 0o600 });
    expect(tumbler(['accounts', 'add', 'fred', '--dir', server.dir, '--password-file', pwFile]).status).toBe(0);
    const b = json(tumbler(['accounts', 'add', 'barney', '--dir', server.dir, '--generate', '--json']));
    expect(b.principal).toBe('user:barney');
    fred = { username: 'fred', password: 'correct horse battery' };
    barney = { username: 'barney', password: b.password };
    const r = byId(
      await runPyKmip(server, '1.4', [
        { id: 'k', op: 'create', args: { algorithm: 'AES', length: 256, name: 'fred-key' } },
        { id: 'get', op: 'get', args: { uid: '$k' } },
      ], 'client', fred),
    );
    k = valueOf(r.k);
    expect(valueOf(r.get).value_hex).toHaveLength(64);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  test('the CLI refuses a second account of the same name and lists accounts without their passwords', () => {
    const again = tumbler(['accounts', 'add', 'fred', '--dir', server.dir], {}, 'other\n');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/exists/);
    const list = json(tumbler(['accounts', 'list', '--dir', server.dir, '--json']));
    expect(list.map((a: { principal: string }) => a.principal)).toEqual(['user:barney', 'user:fred']);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|correct horse/);
  });

  test('the key belongs to the account: the same certificate without the credential, and barney, do not see it', async () => {
    const plain = byId(await runPyKmip(server, '1.4', [{ id: 'get', op: 'get', args: { uid: k } }, { id: 'loc', op: 'locate', args: { name: 'fred-key' } }]));
    expect(failure(plain.get)).toBe('ITEM_NOT_FOUND');
    expect(valueOf(plain.loc)).toEqual([]);
    const b = byId(await runPyKmip(server, '1.4', [{ id: 'get', op: 'get', args: { uid: k } }], 'client', barney));
    expect(failure(b.get)).toBe('ITEM_NOT_FOUND');
    const f = byId(await runPyKmip(server, '1.4', [{ id: 'loc', op: 'locate', args: { name: 'fred-key' } }], 'client', fred));
    expect(valueOf(f.loc)).toEqual([k]);
  }, 60_000);

  test('a wrong password fails every item with Authentication Not Successful and changes nothing', async () => {
    const r = byId(
      await runPyKmip(server, '1.4', [
        { id: 'create', op: 'create', args: { algorithm: 'AES', length: 128, name: 'never' } },
        { id: 'get', op: 'get', args: { uid: k } },
      ], 'client', { username: 'fred', password: 'wrong' }),
    );
    expect(failure(r.create)).toBe('AUTHENTICATION_NOT_SUCCESSFUL');
    expect(failure(r.get)).toBe('AUTHENTICATION_NOT_SUCCESSFUL');
    const f = byId(await runPyKmip(server, '1.4', [{ id: 'loc', op: 'locate', args: { name: 'never' } }], 'client', fred));
    expect(valueOf(f.loc)).toEqual([]);
  }, 60_000);

  test('the audit trail names the account and the certificate it came through', () => {
    const recs = json(tumbler(['audit', 'query', '--dir', server.dir, '--principal', 'user:fred', '--operation', 'Create', '--json']));
    expect(recs.length).toBeGreaterThanOrEqual(1);
    expect(recs[0].objects).toContain(k);
    expect(recs[0].fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const refused = json(tumbler(['audit', 'query', '--dir', server.dir, '--principal', 'client', '--operation', 'Create', '--json']));
    expect(refused.some((x: { reason: string }) => x.reason === 'AuthenticationNotSuccessful')).toBe(true);
  });

  test('a new password applies to the next request; a removed account no longer acts', async () => {
    expect(tumbler(['accounts', 'passwd', 'fred', '--dir', server.dir], {}, 'new secret\n').status).toBe(0);
    const old = byId(await runPyKmip(server, '1.4', [{ id: 'get', op: 'get', args: { uid: k } }], 'client', fred));
    expect(failure(old.get)).toBe('AUTHENTICATION_NOT_SUCCESSFUL');
    const now = byId(await runPyKmip(server, '1.4', [{ id: 'get', op: 'get', args: { uid: k } }], 'client', { username: 'fred', password: 'new secret' }));
    expect(valueOf(now.get).value_hex).toHaveLength(64);
    expect(tumbler(['accounts', 'remove', 'fred', '--dir', server.dir]).status).toBe(0);
    // verify mode: a credential naming no account is ignored, so the certificate's own principal acts.
    const gone = byId(await runPyKmip(server, '1.4', [{ id: 'get', op: 'get', args: { uid: k } }], 'client', { username: 'fred', password: 'new secret' }));
    expect(failure(gone.get)).toBe('ITEM_NOT_FOUND');
  }, 60_000);
});

describePyKmip('accounts: require mode, and Permission Denied within a tenant (auth.hide = tenants)', () => {
  let server: TestServer;

  beforeAll(async () => {
    ensureBuilt();
    server = await startTestServer({ overrides: { auth: { credentials: 'require', hide: 'tenants' } } });
    for (const [name, pw] of [['fred', 'password1'], ['barney', 'secret2']]) {
      expect(tumbler(['accounts', 'add', name, '--dir', server.dir], {}, pw).status).toBe(0);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  test('a request without an account credential is refused; another owner is told Permission Denied', async () => {
    const none = byId(await runPyKmip(server, '1.2', [{ id: 'create', op: 'create', args: { algorithm: 'AES', length: 128 } }]));
    expect(failure(none.create)).toBe('AUTHENTICATION_NOT_SUCCESSFUL');
    // Query stays open to the certificate alone: the health check still works.
    // (Spawned asynchronously: this server runs in the test's own event loop.)
    const c = server.clientCert('client');
    const health = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const p = spawn(process.execPath, [BIN, 'health', '--dir', server.dir, '--host', '127.0.0.1', '--port', String(server.port), '--cert', c.cert, '--key', c.key, '--ca', server.caPath]);
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('close', (code) => resolve({ code, err }));
    });
    expect(health).toEqual({ code: 0, err: '' });
    const unknown = byId(await runPyKmip(server, '1.2', [{ id: 'create', op: 'create', args: { algorithm: 'AES', length: 128 } }], 'client', { username: 'wilma', password: 'x' }));
    expect(failure(unknown.create)).toBe('AUTHENTICATION_NOT_SUCCESSFUL');
    const f = byId(await runPyKmip(server, '1.2', [{ id: 'k', op: 'create', args: { algorithm: 'AES', length: 128 } }], 'client', { username: 'fred', password: 'password1' }));
    const k = valueOf(f.k);
    const b = byId(
      await runPyKmip(server, '1.2', [
        { id: 'get', op: 'get', args: { uid: k } },
        { id: 'missing', op: 'get', args: { uid: 'no-such-object' } },
      ], 'client', { username: 'barney', password: 'secret2' }),
    );
    expect(failure(b.get)).toBe('PERMISSION_DENIED');
    expect(failure(b.missing)).toBe('ITEM_NOT_FOUND');
  }, 60_000);
});
