/**
 * Failure injection on a real server process: the SQLite files become unwritable while the server
 * runs (chattr +i on the database and its WAL, which even root cannot write through an open
 * descriptor). Write requests must get a KMIP error (never a success that is not stored), and after the
 * files are writable again and the server is killed and restarted, everything acknowledged is intact.
 * Reads keep working with the stored key material. With the audit trail on (the default) their records
 * cannot be written either: they are held (in memory and in the server log, audit.spoolReads) and enter
 * the hash chain once the files are writable again, which the test checks after a restart.
 *
 * Needs chattr and CAP_LINUX_IMMUTABLE (root on ext4/xfs); skipped with the reason otherwise.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  auditedGets, call, chattr, connect, createAesKey, immutableFlagWorks, registerAesKey, registerServedKeys, restartAndVerify, startServerChild, uidOf, verifyAll, V14,
} from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-readonly-'));
const usable = immutableFlagWorks(dir);
if (!usable) {
  // eslint-disable-next-line no-console
  console.warn('skipping read-only database test: chattr +i is not available here (needs root and CAP_LINUX_IMMUTABLE on ext4/xfs)');
}

(usable ? describe : describe.skip)('failure injection: database files become read-only under a running server', () => {
  afterAll(() => {
    try {
      for (const audit of ['off', 'on']) {
        const db = path.join(dir, audit, 'db', 'tumbler.sqlite');
        if (fs.existsSync(db)) chattr('-i', [db, `${db}-wal`]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([['off'], ['on']])(
    'audit trail %s: writes fail with a KMIP error, reads keep working (and are audited once possible), nothing acknowledged is harmed',
    async (audit) => {
      const serverDir = path.join(dir, audit);
      const overrides = audit === 'off' ? { audit: { enabled: false } } : undefined;
      const material = new Map<string, Buffer>();
      const server = await startServerChild(serverDir, overrides);
      const db = server.storePath;
      const files = [db, `${db}-wal`];
      try {
        const conn = await connect(server);
        // Served once while the files are writable: a first Get writes (Fresh), the Gets below are pure reads.
        await registerServedKeys(conn, material, 10);

        const roStart = new Date().toISOString();
        chattr('+i', files);
        try {
          const attempt = randomBytes(32);
          const [w1] = await call(conn, [registerAesKey(V14, attempt)]);
          expect(w1.ok).toBe(false);
          expect(w1.reason).toBeDefined();
          const [w2] = await call(conn, [createAesKey(V14)]);
          expect(w2.ok).toBe(false);
          expect(w2.reason).toBeDefined();
          // Reads: every acknowledged key, byte for byte, on the same connection and on a new one.
          const fresh = await connect(server);
          for (const c of [conn, fresh]) expect(await verifyAll(c, material)).toEqual([]);
          await fresh.close();
        } finally {
          chattr('-i', files);
        }
        const roEnd = new Date().toISOString();

        // Writable again: reads and writes succeed again without a restart.
        expect(await verifyAll(conn, material)).toEqual([]);
        const later = randomBytes(32);
        const [w3] = await call(conn, [registerAesKey(V14, later)]);
        expect(w3.ok).toBe(true);
        material.set(uidOf(w3)!, later);
        await conn.close();
        if (audit === 'on') {
          // The held records of the reads enter the chain before anything is killed: two connections read
          // every key acknowledged before the files became read-only.
          expect(await auditedGets(db, roStart, roEnd, 2 * (material.size - 1))).toBe(2 * (material.size - 1));
        }
      } finally {
        await server.kill();
      }

      const after = await restartAndVerify(serverDir, db, material, { overrides, auditChain: audit === 'on' });
      expect(after).toEqual({ problems: [], integrity: 'ok', chainOk: audit === 'on' ? true : undefined });
    },
    600_000,
  );
});
