/**
 * The audit trail end to end: real server, real PyKMIP client over mutual TLS, real SQLite file, the real
 * CLI binary. Every batch item is recorded (who, certificate, address, version, operation, objects, result);
 * `tumbler audit verify` detects altered, removed and reordered records (exit 5); an audit table that cannot
 * be written makes the server refuse operations (fail closed).
 */
import Database from 'better-sqlite3';
import { certFingerprint } from '../../../src/certs';
import { ensureBuilt, tumbler } from '../cli/admin-binary';
import { startTestServer, type TestServer } from '../../helpers/server';
import { byId, describePyKmip, runPyKmip, valueOf } from '../../helpers/pykmip';


describePyKmip('audit trail', () => {
  let server: TestServer;
  let db: Database.Database;
  let uid: string;
  let keyHex: string;

  beforeAll(async () => {
    ensureBuilt();
    server = await startTestServer();
    const r = byId(
      await runPyKmip(server, '1.4', [
        { id: 'create', op: 'create', args: { algorithm: 'AES', length: 256, name: 'audited' } },
        { id: 'activate', op: 'activate', args: { uid: '$create' } },
        { id: 'get', op: 'get', args: { uid: '$create' } },
        { id: 'locate', op: 'locate', args: { name: 'audited' } },
        { id: 'missing', op: 'get', args: { uid: 'no-such-object' } },
      ], 'alice'),
    );
    uid = valueOf(r.create);
    keyHex = valueOf(r.get).value_hex;
    expect(r.missing.ok).toBe(false);
    db = new Database(server.dbPath);
    db.pragma('busy_timeout = 5000');
  }, 120_000);

  afterAll(async () => {
    db?.close();
    await server?.stop();
  });

  test('each batch item is one record: principal, certificate, address, version, operation, objects, result', () => {
    const q = tumbler(['audit', 'query', '--dir', server.dir, '--principal', 'alice', '--json']);
    expect(q.status).toBe(0);
    const recs = JSON.parse(q.stdout) as Array<Record<string, any>>;
    const kmip = recs.filter((r) => r.source === 'kmip');
    expect(kmip.map((r) => [r.operation, r.status, r.reason])).toEqual([
      ['Create', 'Success', ''],
      ['Activate', 'Success', ''],
      ['Get', 'Success', ''],
      ['Locate', 'Success', ''],
      ['Get', 'OperationFailed', 'ItemNotFound'],
    ]);
    const fp = certFingerprint(server.clientCert('alice').certPem);
    for (const r of kmip) expect(r).toMatchObject({ principal: 'alice', fingerprint: fp, address: expect.stringMatching(/127\.0\.0\.1/), version: '1.4' });
    expect(kmip[0].objects).toEqual([uid]);
    expect(kmip[2].objects).toEqual([uid]);
    expect(kmip[4].objects).toEqual(['no-such-object']);
    expect(kmip.every((r) => Number.isInteger(r.durationUs) && r.durationUs >= 0)).toBe(true);
    // Key material never reaches the trail.
    const dump = JSON.stringify(db.prepare('SELECT * FROM audit').all());
    expect(keyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(dump).not.toContain(keyHex);
    expect(dump).not.toContain(Buffer.from(keyHex, 'hex').toString('base64'));
  });

  test('audit verify detects an altered, a removed and a reordered record, and exits 5', () => {
    const ok = tumbler(['audit', 'verify', '--dir', server.dir]);
    expect(ok.stdout).toMatch(/audit trail OK/);
    expect(ok.status).toBe(0);

    const original = db.prepare('SELECT principal FROM audit WHERE seq = 2').get() as { principal: string };
    db.prepare("UPDATE audit SET principal = 'mallory' WHERE seq = 2").run();
    const altered = tumbler(['audit', 'verify', '--dir', server.dir]);
    expect(altered.status).toBe(5);
    expect(altered.stdout).toMatch(/first problem: record 2 was altered/);
    db.prepare('UPDATE audit SET principal = ? WHERE seq = 2').run(original.principal);
    expect(tumbler(['audit', 'verify', '--dir', server.dir]).status).toBe(0);

    const row = db.prepare('SELECT * FROM audit WHERE seq = 3').get() as Record<string, unknown>;
    db.prepare('DELETE FROM audit WHERE seq = 3').run();
    const removed = tumbler(['audit', 'verify', '--dir', server.dir, '--json']);
    expect(removed.status).toBe(5);
    expect(JSON.parse(removed.stdout).problems[0]).toMatchObject({ seq: 4, kind: 'removed' });
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO audit (${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`).run(row);
    expect(tumbler(['audit', 'verify', '--dir', server.dir]).status).toBe(0);

    db.exec('UPDATE audit SET seq = -1 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = -1;');
    const reordered = tumbler(['audit', 'verify', '--dir', server.dir]);
    expect(reordered.status).toBe(5);
    expect(reordered.stdout).toMatch(/first problem: record 2 belongs after record 3.*reordered/);
    db.exec('UPDATE audit SET seq = -1 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = -1;');
    expect(tumbler(['audit', 'verify', '--dir', server.dir]).status).toBe(0);
  }, 60_000);

  test('fail closed: when the audit table refuses inserts, operations are refused and leave no trace', async () => {
    const before = (db.prepare('SELECT COUNT(*) AS n FROM objects').get() as { n: number }).n;
    db.exec("CREATE TRIGGER audit_readonly BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit table is read-only'); END;");
    let blocked;
    try {
      blocked = byId(
        await runPyKmip(server, '1.4', [
          { id: 'create', op: 'create', args: { algorithm: 'AES', length: 128, name: 'unaudited' } },
          { id: 'get', op: 'get', args: { uid } },
        ], 'alice'),
      );
    } finally {
      db.exec('DROP TRIGGER audit_readonly');
    }
    expect(blocked.create.ok ? 'ok' : blocked.create.error.reason).toBe('GENERAL_FAILURE');
    expect(blocked.get.ok ? 'ok' : blocked.get.error.reason).toBe('GENERAL_FAILURE');
    expect((db.prepare('SELECT COUNT(*) AS n FROM objects').get() as { n: number }).n).toBe(before);
    const after = byId(
      await runPyKmip(server, '1.4', [
        { id: 'locate', op: 'locate', args: { name: 'unaudited' } },
        { id: 'get', op: 'get', args: { uid } },
      ], 'alice'),
    );
    expect(valueOf(after.locate)).toEqual([]);
    expect(valueOf(after.get).value_hex).toBe(keyHex);
    expect(tumbler(['audit', 'verify', '--dir', server.dir]).status).toBe(0);
  }, 60_000);
});
