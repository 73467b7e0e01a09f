/**
 * Every administrative command through the real binary on a real server directory made by `tumbler init`
 * (SQLite file; SoftHSM2 token when installed): keys, access, audit, hsm, backup, restore, certs, health.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import forge from 'node-forge';
import Database from 'better-sqlite3';
import { BIN, ensureBuilt, freePort, json, tumbler } from './admin-binary';

jest.setTimeout(240_000);

let tmp: string;
let dir: string;

/** The binary with SOFTHSM2_CONF unset, so each directory's own SoftHSM2 configuration is used. */
const run = (...args: string[]) => tumbler(args, { SOFTHSM2_CONF: undefined as unknown as string });

/**
 * `tumbler init` on d, listening on a free local port: the commands that refuse to run next to a live
 * server must not meet one the developer happens to run on the default port 5696.
 */
async function initOnFreePort(d: string): Promise<void> {
  const init = run('init', '--dir', d);
  expect(init.status).toBe(0);
  const cfg = JSON.parse(fs.readFileSync(path.join(d, 'tumbler.json'), 'utf8'));
  cfg.server.host = '127.0.0.1';
  cfg.server.port = await freePort();
  fs.writeFileSync(path.join(d, 'tumbler.json'), JSON.stringify(cfg, null, 2));
}

beforeAll(async () => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-admin-'));
  dir = path.join(tmp, 'srv');
  await initOnFreePort(dir);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('keys', () => {
  test('create, list, show, rotate, revoke, destroy through the operations layer', () => {
    const k = json(run('keys', 'create', '--dir', dir, '--name', 'payments', '--length', '128', '--json'));
    expect(k).toMatchObject({ objectType: 'SymmetricKey', state: 'PreActive', algorithm: 'AES', length: '128', name: 'payments', owner: 'admin' });
    const list = json(run('keys', 'list', '--dir', dir, '--json')) as Array<{ uid: string }>;
    expect(list.map((x) => x.uid)).toContain(k.uid);
    expect(json(run('keys', 'list', '--dir', dir, '--name', 'payments', '--json')).map((x: { uid: string }) => x.uid)).toEqual([k.uid]);
    const table = run('keys', 'list', '--dir', dir);
    expect(table.stdout).toMatch(/^UID\s+TYPE\s+STATE/);
    expect(table.stdout).toContain(k.uid);
    // Pages: newest first, --limit and --offset, and a note on standard error when objects are left out.
    const more = [1, 2].map(() => json(run('keys', 'create', '--dir', dir, '--json')).uid as string);
    const all = json(run('keys', 'list', '--dir', dir, '--limit', '0', '--json')).map((x: { uid: string }) => x.uid) as string[];
    expect(all.slice(0, 3)).toEqual([more[1], more[0], k.uid]);
    const first = run('keys', 'list', '--dir', dir, '--limit', '2', '--json');
    expect(json(first).map((x: { uid: string }) => x.uid)).toEqual(all.slice(0, 2));
    expect(first.stderr).toContain(`objects 1-2 of ${all.length}`);
    const rest = run('keys', 'list', '--dir', dir, '--offset', '2', '--json');
    expect(json(rest).map((x: { uid: string }) => x.uid)).toEqual(all.slice(2));
    expect(rest.stderr).toContain(`objects 3-${all.length} of ${all.length}`);
    expect(run('keys', 'list', '--dir', dir, '--json').stderr).not.toContain('objects');
    expect(run('keys', 'list', '--dir', dir, '--limit', '-1').status).toBe(2);
    const show = json(run('keys', 'show', k.uid, '--dir', dir, '--json'));
    expect(show.attributes['Cryptographic Length']).toBe('128');
    expect(show.attributes.Name).toMatch(/payments/);
    expect(JSON.stringify(show)).not.toMatch(/KeyMaterial/);

    const active = json(run('keys', 'create', '--dir', dir, '--activate', '--json'));
    expect(active.state).toBe('Active');
    const rot = json(run('keys', 'rotate', active.uid, '--dir', dir, '--json'));
    expect(rot.old).toBe(active.uid);
    expect(rot.new).not.toBe(active.uid);
    const revoked = json(run('keys', 'revoke', active.uid, '--dir', dir, '--reason', 'superseded', '--json'));
    expect(revoked.state).toBe('Deactivated');
    const destroyed = json(run('keys', 'destroy', active.uid, '--dir', dir, '--json'));
    expect(destroyed.state).toBe('Destroyed');
  });

  test('create --rotate-every: a key the server rotates automatically; show lists its Rotate attributes', () => {
    const k = json(run('keys', 'create', '--dir', dir, '--name', 'rotating', '--rotate-every', '90d', '--rotate-offset', '1h', '--activate', '--json'));
    const show = json(run('keys', 'show', k.uid, '--dir', dir, '--json'));
    expect(show.attributes).toMatchObject({ 'Rotate Automatic': 'true', 'Rotate Interval': String(90 * 86_400), 'Rotate Offset': '3600', 'Rotate Generation': '0', 'Rotate Latest': 'true' });
    expect(JSON.stringify(show)).not.toMatch(/_rotate_due/);
    for (const bad of [['--rotate-every', '0'], ['--rotate-every', 'soon'], ['--rotate-offset', '1h']]) {
      const r = run('keys', 'create', '--dir', dir, ...bad);
      expect([bad.join(' '), r.status]).toEqual([bad.join(' '), 2]);
    }
  });

  test('errors: unknown object exits 1 with the KMIP reason, bad options exit 2', () => {
    const missing = run('keys', 'show', 'no-such-key', '--dir', dir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/ItemNotFound|not found/);
    expect(run('keys', 'create', '--dir', dir, '--algorithm', 'ROT13').status).toBe(2);
    expect(run('keys', 'revoke', 'x', '--dir', dir, '--reason', 'boredom').status).toBe(2);
    expect(run('keys', 'list', '--dir', path.join(tmp, 'nowhere')).status).toBe(2);
  });
});

describe('access', () => {
  test('grant, list and revoke, each audited', () => {
    const k = json(run('keys', 'create', '--dir', dir, '--json'));
    const g = json(run('access', 'grant', '--dir', dir, '--object', k.uid, '--to', 'group:db-servers', '--ops', 'Get,Encrypt', '--json'));
    expect(g).toMatchObject({ uid: k.uid, grantee: 'group:db-servers', operations: [0x0a, 0x1f], grantedBy: 'admin' });
    expect(json(run('access', 'list', '--dir', dir, '--object', k.uid, '--json'))).toHaveLength(1);
    expect(run('access', 'list', '--dir', dir).stdout).toMatch(/group:db-servers\s+Get,Encrypt/);
    expect(json(run('access', 'revoke', '--dir', dir, '--object', k.uid, '--from', 'group:db-servers', '--ops', 'Encrypt', '--json')).removed).toBe(1);
    expect(json(run('access', 'list', '--dir', dir, '--object', k.uid, '--json'))[0].operations).toEqual([0x0a]);
    expect(run('access', 'grant', '--dir', dir, '--object', k.uid, '--to', 'bob', '--ops', 'Get,Everything').status).toBe(2);
    const notOwner = run('access', 'grant', '--dir', dir, '--object', k.uid, '--to', 'bob', '--ops', 'Get', '--as', 'bob');
    expect(notOwner.status).toBe(1);
    const recs = json(run('audit', 'query', '--dir', dir, '--object', k.uid, '--json'));
    expect(recs.map((r: { operation: string; status: string }) => `${r.operation}:${r.status}`)).toEqual(
      expect.arrayContaining(['cli:access-grant:Success', 'cli:access-revoke:Success', 'cli:access-grant:OperationFailed']),
    );
  });
});

describe('audit', () => {
  test('query with filters, export per object, verify', () => {
    const all = json(run('audit', 'query', '--dir', dir, '--json'));
    expect(all.length).toBeGreaterThan(5);
    const creates = json(run('audit', 'query', '--dir', dir, '--operation', 'Create', '--principal', 'admin', '--json'));
    expect(creates.length).toBeGreaterThan(0);
    expect(creates.every((r: { operation: string; source: string }) => r.operation === 'Create' && r.source === 'cli')).toBe(true);
    expect(json(run('audit', 'query', '--dir', dir, '--since', '2999-01-01', '--json'))).toEqual([]);
    expect(run('audit', 'query', '--dir', dir, '--since', 'yesterday-ish').status).toBe(2);
    const rep = json(run('audit', 'export', '--dir', dir, '--json'));
    const any = rep.objects[0];
    expect(any.uses[0]).toMatchObject({ principal: 'admin', succeeded: expect.any(Number), failed: expect.any(Number) });
    expect(run('audit', 'export', '--dir', dir).stdout).toMatch(/^OBJECT\s+PRINCIPAL\s+OPERATION\s+OK\s+FAILED/);
    const v = run('audit', 'verify', '--dir', dir, '--json');
    expect(v.status).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, problems: [] });
  });

  test('archive moves old records to a file; verify continues from the anchor; verify-archive checks the file', () => {
    json(run('keys', 'create', '--dir', dir, '--json'));
    const before = json(run('audit', 'query', '--dir', dir, '--json')) as Array<{ seq: number }>;
    const out = path.join(tmp, 'audit-1.jsonl');
    const a = json(run('audit', 'archive', '--dir', dir, '--before', '2999-01-01', '--out', out, '--json'));
    // Everything but the newest record, which the next one chains to: the query's own record, made after it listed.
    expect(a).toMatchObject({ from: before[0].seq, to: before[before.length - 1].seq });
    expect(fs.readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(a.records + a.checkpoints + 2);
    const left = json(run('audit', 'query', '--dir', dir, '--json')) as Array<{ seq: number; operation: string }>;
    expect(left[0].seq).toBe(a.to + 1);
    expect(left.map((r) => r.operation)).toContain('cli:audit-archive');
    const v = run('audit', 'verify', '--dir', dir);
    expect(v.status).toBe(0);
    expect(v.stdout).toContain(`records 1..${a.to} are archived`);
    expect(run('audit', 'verify-archive', out, '--dir', dir).stdout).toMatch(/^OK /);
    expect(run('audit', 'archive', '--dir', dir, '--before', '2999-01-01', '--out', out).status).toBe(1); // never overwritten
    const tampered = path.join(tmp, 'audit-1-tampered.jsonl');
    fs.writeFileSync(tampered, fs.readFileSync(out, 'utf8').replace('"principal":"admin"', '"principal":"mallory"'));
    const bad = run('audit', 'verify-archive', tampered, '--dir', dir);
    expect(bad.status).toBe(5);
    expect(bad.stdout).toMatch(/^BROKEN .*was altered/);
  });
});

describe('hsm, backup, restore', () => {
  test('status, KEK rotation, backup and restore; a backup from another KEK is refused', async () => {
    const st = json(run('hsm', 'status', '--dir', dir, '--json'));
    expect(['pkcs11', 'software']).toContain(st.provider);
    expect(st.objects).toBeGreaterThan(0);
    expect(Object.keys(st.byKek)).toEqual([st.currentKekId]);
    const wrapped = st.byKek[st.currentKekId];

    const rot = json(run('hsm', 'rotate-kek', '--dir', dir, '--json'));
    expect(rot.kekId).not.toBe(st.currentKekId);
    expect(rot.rewrapped).toBe(wrapped);
    const st2 = json(run('hsm', 'status', '--dir', dir, '--json'));
    expect(st2.currentKekId).toBe(rot.kekId);
    expect(st2.byKek).toEqual({ [rot.kekId]: wrapped });

    // An interrupted rotation leaves its target KEK in the meta marker: the next run resumes with that KEK
    // (no new KEK), re-wraps what is left, and clears the marker.
    const db = new Database(path.join(dir, 'db', 'tumbler.sqlite'));
    db.prepare("INSERT INTO meta (key, value) VALUES ('kek.rotation', ?)").run(rot.kekId);
    db.close();
    expect(json(run('hsm', 'status', '--dir', dir, '--json')).rotationInProgress).toBe(rot.kekId);
    expect(json(run('hsm', 'rotate-kek', '--dir', dir, '--json'))).toEqual({ kekId: rot.kekId, rewrapped: 0, resumed: true });
    const st3 = json(run('hsm', 'status', '--dir', dir, '--json'));
    expect(st3.currentKekId).toBe(rot.kekId);
    expect(st3.rotationInProgress).toBeUndefined();

    const file = path.join(tmp, 'backup.sqlite');
    const b = json(run('backup', file, '--dir', dir, '--json'));
    expect(b.objects).toBe(st.objects);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(run('backup', file, '--dir', dir).status).toBe(2); // exists
    // Restoring test-unwraps one object per KEK: this proves the rotated material unwraps under the new KEK.
    const r = json(run('restore', file, '--dir', dir, '--json'));
    expect(r).toMatchObject({ objects: st.objects, keks: [rot.kekId] });
    expect(json(run('audit', 'query', '--dir', dir, '--operation', 'cli:restore', '--json'))).toHaveLength(1);

    const other = path.join(tmp, 'other');
    await initOnFreePort(other);
    const refused = run('restore', file, '--dir', other);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/refusing to restore .*wrapped by KEK .*does not hold/);
    const junk = path.join(tmp, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database');
    expect(run('restore', junk, '--dir', dir).status).toBe(3);
  });
});

describe('certs', () => {
  test('list, sign-csr, revoke', () => {
    const list = json(run('certs', 'list', '--dir', dir, '--json'));
    expect(list).toEqual([expect.objectContaining({ name: 'admin', status: 'valid' })]);

    const keys = forge.pki.rsa.generateKeyPair(2048);
    const csr = forge.pki.createCertificationRequest();
    csr.publicKey = keys.publicKey;
    csr.setSubject([{ shortName: 'CN', value: 'db-server-1' }, { shortName: 'OU', value: 'databases' }]);
    csr.sign(keys.privateKey, forge.md.sha256.create());
    const csrFile = path.join(tmp, 'db1.csr');
    fs.writeFileSync(csrFile, forge.pki.certificationRequestToPem(csr));
    const out = path.join(tmp, 'db1.pem');
    const signed = json(run('certs', 'sign-csr', csrFile, '--dir', dir, '--out', out, '--days', '30', '--json'));
    const cert = new X509Certificate(fs.readFileSync(out));
    expect(cert.subject).toMatch(/CN=db-server-1/);
    expect(cert.subject).toMatch(/OU=databases/);
    expect(cert.checkIssued(new X509Certificate(fs.readFileSync(path.join(dir, 'ca.pem'))))).toBe(true);
    expect(signed.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(run('certs', 'sign-csr', csrFile, '--dir', dir, '--out', out).status).toBe(2); // exists
    fs.writeFileSync(path.join(tmp, 'bad.csr'), '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n');
    expect(run('certs', 'sign-csr', path.join(tmp, 'bad.csr'), '--dir', dir, '--out', path.join(tmp, 'x.pem')).status).toBe(3);

    expect(json(run('certs', 'list', '--dir', dir, '--json')).map((c: { name: string }) => c.name)).toEqual(['admin', 'db-server-1']);
    const rev = json(run('certs', 'revoke', 'db-server-1', '--dir', dir, '--json'));
    expect(rev[0].fingerprint).toBe(signed.fingerprint);
    const after = json(run('certs', 'list', '--dir', dir, '--json'));
    expect(after.find((c: { name: string }) => c.name === 'db-server-1').status).toBe('revoked');
    expect(run('certs', 'list', '--dir', dir).stdout).toMatch(/db-server-1\s+revoked/);
    expect(run('certs', 'revoke', 'nobody', '--dir', dir).status).toBe(2);
  });
});

describe('health (and commands that refuse to run next to a live server)', () => {
  let serve: ChildProcess | undefined;
  afterAll(() => {
    serve?.kill('SIGKILL');
  });

  test('exit 0 while the server answers Query, 4 once it is gone', async () => {
    const env = { ...process.env };
    delete env.SOFTHSM2_CONF;
    serve = spawn(process.execPath, [BIN, 'serve', '--dir', dir], { stdio: 'ignore', env });
    let h = run('health', '--dir', dir, '--json', '--timeout', '2000');
    for (let i = 0; i < 60 && h.status !== 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      h = run('health', '--dir', dir, '--json', '--timeout', '2000');
    }
    expect(h.stderr).toBe('');
    expect(h.status).toBe(0);
    expect(JSON.parse(h.stdout)).toMatchObject({ ok: true, status: 'Success' });
    expect(JSON.parse(h.stdout).operations).toBeGreaterThan(10);
    expect(run('restore', path.join(tmp, 'backup.sqlite'), '--dir', dir).stderr).toMatch(/stop it before restoring/);
    // Next to the running server, rotate-kek hands the re-wrapping to it and follows it to the end.
    const online = json(run('hsm', 'rotate-kek', '--dir', dir, '--json'));
    expect(online).toMatchObject({ online: true, resumed: false });
    const hs = json(run('hsm', 'status', '--dir', dir, '--json'));
    expect(hs.currentKekId).toBe(online.kekId);
    expect(Object.keys(hs.byKek)).toEqual([online.kekId]);
    expect(hs.rotationInProgress).toBeUndefined();
    // The server's own record of the Query, by the admin certificate.
    const q = json(run('audit', 'query', '--dir', dir, '--operation', 'Query', '--json'));
    expect(q[q.length - 1]).toMatchObject({ source: 'kmip', principal: 'admin', status: 'Success', version: '1.4' });

    const exited = new Promise((r) => serve!.once('exit', r));
    serve.kill('SIGTERM');
    await exited;
    serve = undefined;
    const down = run('health', '--dir', dir, '--timeout', '1000');
    expect(down.status).toBe(4);
    expect(down.stderr).toMatch(/unavailable/);
    // A clean shutdown checkpoints the head of the trail.
    expect(json(run('audit', 'verify', '--dir', dir, '--json')).checkpoints).toBeGreaterThan(0);
  });
});
