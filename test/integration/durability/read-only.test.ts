/**
 * Failure injection on a real server process: the SQLite files become unwritable while the server
 * runs (chattr +i on the database and its WAL, which even root cannot write through an open
 * descriptor). Write requests must get a KMIP error (never a success that is not stored), and after the
 * files are writable again and the server is killed and restarted, everything acknowledged is intact.
 * Reads: with the audit trail off they keep working with the stored key material; with it on (the
 * default) every request must first persist its audit record in the same database, so reads are
 * refused with a KMIP error too (fail closed, as the audit trail requires) and work again, without a
 * restart, once the files are writable.
 *
 * Needs chattr and CAP_LINUX_IMMUTABLE (root on ext4/xfs); skipped with the reason otherwise.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqliteStore } from '../../../src/store/sqlite';
import {
  call, chattr, connect, createAesKey, immutableFlagWorks, registerAesKey, startServerChild, uidOf, verifyAll, V14,
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
    'audit trail %s: writes fail with a KMIP error, reads keep working unless the audit trail must record them, nothing acknowledged is harmed',
    async (audit) => {
      const serverDir = path.join(dir, audit);
      const overrides = audit === 'off' ? { audit: { enabled: false } } : undefined;
      const material = new Map<string, Buffer>();
      const server = await startServerChild(serverDir, overrides);
      const db = server.storePath;
      const files = [db, `${db}-wal`];
      try {
        const conn = await connect(server);
        const keys = Array.from({ length: 10 }, () => randomBytes(32));
        const reg = await call(conn, keys.map((k) => registerAesKey(V14, k)));
        reg.forEach((r, i) => {
          expect(r.ok).toBe(true);
          material.set(uidOf(r)!, keys[i]);
        });
        // A first Get writes (Fresh becomes false, KMIP 1.1 §3.34); serve each key once while the files are
        // writable, so the Gets below are pure reads. (A first Get on read-only files fails: see the report.)
        expect(await verifyAll(conn, material)).toEqual([]);

        chattr('+i', files);
        try {
          const attempt = randomBytes(32);
          const [w1] = await call(conn, [registerAesKey(V14, attempt)]);
          expect(w1.ok).toBe(false);
          expect(w1.reason).toBeDefined();
          const [w2] = await call(conn, [createAesKey(V14)]);
          expect(w2.ok).toBe(false);
          expect(w2.reason).toBeDefined();
          // Reads: every acknowledged key, byte for byte, on the same connection and on a new one; with
          // the audit trail on, each read is refused with a KMIP error instead (fail closed).
          const fresh = await connect(server);
          for (const c of [conn, fresh]) {
            const failures = await verifyAll(c, material);
            if (audit === 'off') expect(failures).toEqual([]);
            else {
              expect(failures).toHaveLength(material.size);
              for (const f of failures) expect(f).toMatch(/Get failed \(reason \d+: /);
            }
          }
          await fresh.close();
        } finally {
          chattr('-i', files);
        }

        // Writable again: reads and writes succeed again without a restart.
        expect(await verifyAll(conn, material)).toEqual([]);
        const later = randomBytes(32);
        const [w3] = await call(conn, [registerAesKey(V14, later)]);
        expect(w3.ok).toBe(true);
        material.set(uidOf(w3)!, later);
        await conn.close();
      } finally {
        await server.kill();
      }

      const again = await startServerChild(serverDir, overrides);
      try {
        const conn = await connect(again);
        expect(await verifyAll(conn, material)).toEqual([]);
        await conn.close();
      } finally {
        await again.stop();
      }
      const store = openSqliteStore({ path: db });
      try {
        expect(store.pragma('integrity_check')).toBe('ok');
      } finally {
        await store.close();
      }
    },
    600_000,
  );
});
