/**
 * KEK rotation (`tumbler hsm rotate-kek`): create a new KEK and re-wrap every object's material under it.
 *
 * Crash safety, step by step (a SIGKILL may land anywhere):
 *   1. createKek(): the new KEK is a token object. A crash right after it leaves an unused KEK; the next
 *      run creates yet another one (no object refers to the orphan, the old KEK still unwraps everything).
 *   2. The target KEK id goes into the meta marker `kek.rotation`, durably, before any object changes:
 *      from then on an interrupted run is resumed with the same KEK.
 *   3. Objects are re-wrapped in pages (created_seq order). Each object's UPDATE replaces material and
 *      kek_id together in one SQLite write and only if kek_id is still the one the material was read with,
 *      so every row is always wrapped under exactly the KEK its kek_id names: old or new, never neither.
 *      Old KEKs are never destroyed here, so rows still under the old one stay readable.
 *   4. When no row is left under another KEK, the marker is deleted (durably).
 *
 * TUMBLER_TEST_HALT_ROTATION (tests only) freezes the process at a named point so that a crash test can
 * SIGKILL it exactly there; see haltPoint().
 */
import * as fs from 'node:fs';
import type { AdminSession } from '../admin-session';
import { CliError, EXIT } from '../errors';
import { progress } from '../output';

export const ROTATION_MARKER = 'kek.rotation';
/** Rows read per page (bounded memory at 10^6 objects). */
const PAGE = 500;
/** Wait for durability every this many re-wrapped objects (bounds what a crash can roll back). */
const DURABLE_EVERY = 100;

export interface RotationResult {
  kekId: string;
  rewrapped: number;
  resumed: boolean;
}

/**
 * Test hook: when TUMBLER_TEST_HALT_ROTATION names this point, say so on stderr and stop here for good
 * (the test SIGKILLs the process). "sync:<point>" blocks the thread at once, so a write of the open
 * group commit is still uncommitted when the kill lands; "<point>" lets the event loop run on (the
 * group commits) but never continues the rotation. Points: kek-created, marker, rewrapped:<n>, before-clear.
 */
async function haltPoint(point: string): Promise<void> {
  const want = process.env.TUMBLER_TEST_HALT_ROTATION;
  if (!want) return;
  const sync = want.startsWith('sync:');
  if ((sync ? want.slice(5) : want) !== point) return;
  fs.writeSync(2, `rotate-kek: test halt at ${point}\n`);
  if (sync) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  await new Promise(() => setInterval(() => undefined, 60_000));
}

export async function rotateKek(s: AdminSession, quiet: boolean): Promise<RotationResult> {
  const crypto = s.crypto!;
  const db = s.store.connection;
  let target = s.store.getMeta(ROTATION_MARKER) || undefined;
  const resumed = target !== undefined;
  if (!target) {
    target = await crypto.createKek();
    await haltPoint('kek-created');
    s.store.setMeta(ROTATION_MARKER, target);
    await s.store.durable();
    await haltPoint('marker');
  }
  const remaining = db.prepare('SELECT COUNT(*) AS n FROM objects WHERE material IS NOT NULL AND (kek_id IS NULL OR kek_id != ?)');
  const page = db.prepare(
    'SELECT uid, material, kek_id, created_seq FROM objects WHERE created_seq > ? AND material IS NOT NULL AND (kek_id IS NULL OR kek_id != ?) ORDER BY created_seq LIMIT ?',
  );
  const update = db.prepare('UPDATE objects SET material = ?, kek_id = ? WHERE uid = ? AND kek_id IS ?');
  const total = (remaining.get(target) as { n: number }).n;
  let done = 0;
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = page.all(after, target, PAGE) as Array<{ uid: string; material: Buffer; kek_id: string; created_seq: number }>;
    if (rows.length === 0) break;
    for (const row of rows) {
      after = row.created_seq;
      const next = await crypto.rewrap({ wrapped: row.material, kekId: row.kek_id }, target);
      s.store.groupWrite(() => update.run(next.wrapped, next.kekId, row.uid, row.kek_id));
      row.material.fill(0);
      done++;
      await haltPoint(`rewrapped:${done}`);
      if (done % DURABLE_EVERY === 0) await s.store.durable();
      if (!quiet) progress('re-wrapping', done, Math.max(total, done));
    }
  }
  await s.store.durable();
  // Nothing may be left under another KEK before the marker goes (an object the page walk could not see,
  // e.g. written by a server run with --force, keeps the rotation open: run it again).
  const left = (remaining.get(target) as { n: number }).n;
  if (left > 0) throw new CliError(`${left} object(s) still wrapped under another KEK after the pass; run hsm rotate-kek again`, EXIT.FAILED);
  await haltPoint('before-clear');
  s.store.groupWrite(() => db.prepare('DELETE FROM meta WHERE key = ?').run(ROTATION_MARKER));
  await s.store.durable();
  return { kekId: target, rewrapped: done, resumed };
}
