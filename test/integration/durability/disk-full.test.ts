/**
 * A really full disk under a running server: the server directory (database, WAL, token) lives on a small
 * tmpfs, a filler file takes the rest of it, and clients keep registering keys. Every answer must be a
 * success that is stored or a KMIP error; reads of every acknowledged key keep working while the disk is
 * full (their audit records are held, src/audit/spool.ts); once space is freed, writes work again without
 * a restart; after a SIGKILL and a restart everything acknowledged is intact, the database passes
 * integrity_check and the audit chain verifies, including the records of the reads served while full.
 *
 * Needs mount(8) of a tmpfs (root with CAP_SYS_ADMIN); otherwise skipped with the reason, and the same
 * paths are covered by the injected commit failures of commit-failure.test.ts (the fallback).
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auditedGets, call, connect, registerAesKey, registerServedKeys, restartAndVerify, startServerChild, uidOf, verifyAll, V14 } from './helpers';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-diskfull-'));
const mnt = path.join(base, 'mnt');
fs.mkdirSync(mnt);

function tmpfsWorks(): boolean {
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mnt]);
  return r.status === 0;
}
const usable = tmpfsWorks();
if (!usable) {
  // eslint-disable-next-line no-console
  console.warn('skipping the full-disk test: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN); commit-failure.test.ts covers the same paths by injection');
}

/** Fill the file system: write until ENOSPC. */
function fill(file: string): void {
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 0xa5);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    fs.closeSync(fd);
  }
  // The last bytes too, so that not even one more page fits.
  const small = fs.openSync(file, 'a');
  try {
    for (;;) fs.writeSync(small, Buffer.alloc(512, 0x5a));
  } catch {
    // full
  } finally {
    fs.closeSync(small);
  }
}

(usable ? describe : describe.skip)('failure injection: the disk fills up under a running server', () => {
  afterAll(() => {
    spawnSync('umount', ['-l', mnt]);
    fs.rmSync(base, { recursive: true, force: true });
  });

  test('writes fail with a KMIP error, reads keep working and are audited, nothing acknowledged is lost', async () => {
    const serverDir = path.join(mnt, 'server');
    const filler = path.join(mnt, 'filler');
    const material = new Map<string, Buffer>();
    const server = await startServerChild(serverDir);
    const db = server.storePath;
    let fullStart = '';
    let fullEnd = '';
    let readsWhileFull = 0;
    try {
      const conn = await connect(server);
      // Served once while there is space: a first Get writes (Fresh), the Gets below are pure reads.
      await registerServedKeys(conn, material, 10);

      fullStart = new Date().toISOString();
      fill(filler);
      // Keep writing until the disk refuses (the WAL may still have room of its own for a while).
      let refusals = 0;
      for (let i = 0; i < 3000 && refusals < 5; i++) {
        const k = randomBytes(32);
        const [r] = await call(conn, [registerAesKey(V14, k)]);
        if (r.ok) material.set(uidOf(r)!, k);
        else {
          expect(r.reason).toBeDefined();
          refusals++;
        }
      }
      expect(refusals).toBe(5);
      // Reads: every acknowledged key, byte for byte, on this connection and on a new one.
      const fresh = await connect(server);
      for (const c of [conn, fresh]) {
        expect(await verifyAll(c, material)).toEqual([]);
        readsWhileFull += material.size;
      }
      await fresh.close();
      fullEnd = new Date().toISOString();

      // Space again: writes work without a restart.
      fs.rmSync(filler);
      const later = randomBytes(32);
      const [w] = await call(conn, [registerAesKey(V14, later)]);
      expect(w.ok).toBe(true);
      material.set(uidOf(w)!, later);
      await conn.close();

      // The held records of the reads enter the chain before the kill.
      expect(await auditedGets(db, fullStart, fullEnd, readsWhileFull)).toBe(readsWhileFull);
    } finally {
      await server.kill();
    }

    expect(await restartAndVerify(serverDir, db, material, { auditChain: true })).toEqual({ problems: [], integrity: 'ok', chainOk: true });
  }, 600_000);
});
