/**
 * KEK rotation (`tumbler hsm rotate-kek`): create a new KEK and re-wrap every object's material under it
 * (the pass itself and the marker rules: src/kek-rotation.ts). With the server stopped this process re-wraps;
 * next to a running server it creates the KEK, sets the marker, and the server re-wraps while it keeps
 * serving (rotateKekOnline follows its progress).
 *
 * Crash safety, step by step (a SIGKILL may land anywhere):
 *   1. createKek(): the new KEK is a token object. A crash right after it leaves an unused KEK; the next
 *      run creates yet another one (no object refers to the orphan, the old KEK still unwraps everything).
 *   2. The target KEK id goes into the meta marker `kek.rotation`, durably, before any object changes:
 *      from then on an interrupted run is resumed with the same KEK.
 *   3. Objects are re-wrapped in pages (created_seq order). Each object's UPDATE replaces material and
 *      kek_id together in one SQLite write and only if the row still holds exactly the material (and KEK)
 *      that was re-wrapped, so every row is always wrapped under exactly the KEK its kek_id names: old or
 *      new, never neither, and an erasure made meanwhile is never undone.
 *      Old KEKs are never destroyed here, so rows still under the old one stay readable.
 *   4. When no row is left under another KEK, the marker is deleted (durably).
 *
 * TUMBLER_TEST_HALT_ROTATION (tests only) freezes the process at a named point so that a crash test can
 * SIGKILL it exactly there; see testHalt() in src/kek-rotation.ts.
 */
import { ROTATION_MARKER, finishRotation, rewrapPass, testHalt as haltPoint } from '../../kek-rotation';
import type { AdminSession } from '../admin-session';
import { CliError, EXIT } from '../errors';
import { progress } from '../output';

export { ROTATION_MARKER };

export interface RotationResult {
  kekId: string;
  /** Objects re-wrapped (online: by the server, as counted when the rotation was handed to it). */
  rewrapped: number;
  resumed: boolean;
  /** Re-wrapped by the running server. */
  online?: boolean;
}

/** The marker's target, or a new KEK recorded as the target (durably) before any object changes. */
async function startRotation(s: AdminSession): Promise<{ target: string; resumed: boolean }> {
  const existing = s.store.getMeta(ROTATION_MARKER) || undefined;
  if (existing) return { target: existing, resumed: true };
  const target = await s.crypto!.createKek();
  await haltPoint('kek-created');
  s.store.setMeta(ROTATION_MARKER, target);
  await s.store.durable();
  await haltPoint('marker');
  return { target, resumed: false };
}

/** Offline: this process re-wraps every object (the server is stopped). */
export async function rotateKek(s: AdminSession, quiet: boolean): Promise<RotationResult> {
  const { target, resumed } = await startRotation(s);
  const done = await rewrapPass(s.store, s.crypto!, target, {
    after: (n) => haltPoint(`rewrapped:${n}`),
    progress: quiet ? undefined : (n, total) => progress('re-wrapping', n, total),
  });
  await haltPoint('before-clear');
  // Nothing may be left under another KEK before the marker goes (an object the page walk could not see,
  // e.g. written back by a server run with --force, keeps the rotation open: run it again).
  const left = await finishRotation(s.store, target);
  if (left > 0) throw new CliError(`${left} object(s) still wrapped under another KEK after the pass; run hsm rotate-kek again`, EXIT.FAILED);
  return { kekId: target, rewrapped: done, resumed };
}

export interface OnlineOptions {
  quiet: boolean;
  /** Still running? (the server answering on its port) */
  serverUp(): Promise<boolean>;
  /** Give up when the count of objects left has not moved for this long (default 60 s). */
  stallMs?: number;
  pollMs?: number;
}

/**
 * The count of objects left scans the objects table, which takes longer as the store grows (a second or
 * more at millions of objects). Polls wait at least ten times as long as the last count took, so this
 * command never spends more than a tenth of its time (and of the disk's) counting next to the server.
 */
export function pollDelayMs(pollMs: number, lastCountMs: number): number {
  return Math.max(pollMs, Math.ceil(lastCountMs * 10));
}

/**
 * Online: the KEK is created here and named in the marker; the running server takes it up for new material
 * and re-wraps the rest while serving (src/kek-rotation.ts, watchKekRotation). This follows the count of
 * objects left until the server deletes the marker.
 */
export async function rotateKekOnline(s: AdminSession, o: OnlineOptions): Promise<RotationResult> {
  const { target, resumed } = await startRotation(s);
  const total = s.store.countWrapsNotUnder(target);
  const stallMs = o.stallMs ?? 60_000;
  let left = total;
  let shown = -1;
  let movedAt = Date.now();
  for (;;) {
    if (!s.store.getMeta(ROTATION_MARKER)) break;
    const countStarted = performance.now();
    const now = s.store.countWrapsNotUnder(target);
    const countMs = performance.now() - countStarted;
    if (now !== left) movedAt = Date.now();
    left = now;
    if (!o.quiet && left !== shown) progress('re-wrapping (server)', Math.max(0, total - left), Math.max(total, 1));
    shown = left;
    if (!(await o.serverUp())) {
      throw new CliError(
        `the server stopped with ${left} object(s) still under the old KEK; it finishes the rotation when it starts again (or run hsm rotate-kek with it stopped)`,
        EXIT.UNAVAILABLE,
      );
    }
    if (Date.now() - movedAt > stallMs) {
      throw new CliError(`the server has re-wrapped nothing for ${Math.round(stallMs / 1000)} s (${left} left): see its log; the rotation stays open`, EXIT.FAILED);
    }
    await new Promise((r) => setTimeout(r, pollDelayMs(o.pollMs ?? 250, countMs)));
  }
  return { kekId: target, rewrapped: total, resumed, online: true };
}
