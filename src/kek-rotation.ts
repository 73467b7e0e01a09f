/**
 * KEK rotation: re-wrap every object's material under a new key-encryption key, offline (`tumbler hsm
 * rotate-kek` with the server stopped) or online (the running server does it, see watchKekRotation).
 *
 * The state of a rotation is the meta marker `kek.rotation` = the target KEK, written durably before any
 * object changes and deleted only once a count finds no object under another KEK. While it is set:
 *   - a pass walks the objects in creation order (pages of PAGE, so memory stays bounded at 10^6 objects and
 *     objects added meanwhile are met too) and replaces each one's material by its re-wrap under the target,
 *     only if the row still holds exactly the material that was re-wrapped (replaceWrap): a write made
 *     meanwhile, such as a Destroy's erasure, wins, and its material is never brought back;
 *   - every row is always wrapped under exactly the KEK its kek_id names, old or new, never neither; old KEKs
 *     are never destroyed here, so rows still under one stay readable;
 *   - durability is awaited every DURABLE_EVERY re-wraps, which bounds what a crash can take back.
 * Online, the server takes up the target KEK for new material (adoptKek) before its first pass, and the
 * passes yield to clients every few objects.
 */
import * as fs from 'node:fs';
import type { CryptoProvider } from './crypto/port';
import type { SqliteStore } from './store/sqlite';

export const ROTATION_MARKER = 'kek.rotation';
/** Rows read per page. */
const PAGE = 500;
/** Wait for durability every this many re-wrapped objects. */
const DURABLE_EVERY = 100;

/**
 * Test hook: when TUMBLER_TEST_HALT_ROTATION names this point, say so on stderr and stop here for good
 * (the test SIGKILLs the process). "sync:<point>" blocks the thread at once, so a write of the open
 * group commit is still uncommitted when the kill lands; "<point>" lets the event loop run on (the
 * group commits) but never continues the rotation. Points: kek-created, marker, rewrapped:<n>, before-clear
 * (the CLI), server-rewrapped:<n> (a server's online rotation).
 */
export async function testHalt(point: string): Promise<void> {
  const want = process.env.TUMBLER_TEST_HALT_ROTATION;
  if (!want) return;
  const sync = want.startsWith('sync:');
  if ((sync ? want.slice(5) : want) !== point) return;
  fs.writeSync(2, `rotate-kek: test halt at ${point}\n`);
  if (sync) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  await new Promise(() => setInterval(() => undefined, 60_000));
}

export interface PassHooks {
  /** Called after each re-wrapped object (tests use it to stop at a chosen point). */
  after?(done: number): Promise<void> | void;
  progress?(done: number, total: number): void;
  /** Let other work run every `pauseEvery` objects (online: the server's clients). */
  pause?(): Promise<void>;
  pauseEvery?: number;
  /** Checked between objects: true ends the pass early (a server shutting down). */
  stop?(): boolean;
}

/** One pass over every object not under `target`; resolves to the number re-wrapped (all durable). */
export async function rewrapPass(store: SqliteStore, crypto: CryptoProvider, target: string, hooks: PassHooks = {}): Promise<number> {
  // A count is a scan of the objects table: only made when someone shows progress.
  const total = hooks.progress ? store.countWrapsNotUnder(target) : 0;
  let done = 0;
  let seen = 0;
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = store.wrapsNotUnder(target, after, PAGE);
    if (rows.length === 0 || hooks.stop?.()) break;
    for (const row of rows) {
      if (hooks.stop?.()) break;
      after = row.seq;
      seen++;
      const from = { wrapped: row.material, kekId: row.kekId ?? '' };
      const next = await crypto.rewrap(from, target);
      if (store.replaceWrap(row.uid, { material: row.material, kekId: row.kekId }, { material: next.wrapped, kekId: next.kekId })) {
        // Unwrapped copies of the old form kept for speed go too (what Destroy forgets is the current form).
        crypto.forget?.(from);
        done++;
      }
      row.material.fill(0);
      await hooks.after?.(done);
      if (seen % DURABLE_EVERY === 0) await store.durable();
      hooks.progress?.(done, Math.max(total, done));
      if (hooks.pause && seen % (hooks.pauseEvery ?? 25) === 0) await hooks.pause();
    }
  }
  await store.durable();
  return done;
}

/**
 * Ends the rotation when nothing is left under another KEK (the marker deleted, durably). Resolves to the
 * number of objects still under another KEK: 0 when the rotation ended, else the marker is kept.
 */
export async function finishRotation(store: SqliteStore, target: string): Promise<number> {
  const left = store.countWrapsNotUnder(target);
  if (left > 0) return left;
  store.deleteMeta(ROTATION_MARKER);
  await store.durable();
  return 0;
}

export interface KekRotationWatcher {
  /** Check the marker now (tests; the watcher also checks every intervalMs). */
  poke(): Promise<void>;
  close(): Promise<void>;
}

export interface WatcherLog {
  info(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/**
 * Online rotation in the server: every `intervalMs` the marker is read; when it names a KEK, the provider
 * takes it up and passes run (yielding to clients between small slices) until nothing is left under another
 * KEK, then the marker is deleted. A failure is logged and retried at the next check; a server stopped
 * midway resumes at its next start (the marker is still there).
 */
export function watchKekRotation(store: SqliteStore, crypto: CryptoProvider, log: WatcherLog, intervalMs = 1000): KekRotationWatcher {
  let running: Promise<void> | undefined;
  let closed = false;
  let failedTarget: string | undefined;
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

  const run = async (): Promise<void> => {
    let target: string | undefined;
    try {
      target = store.getMeta(ROTATION_MARKER);
    } catch (err) {
      log.error('KEK rotation: the store could not be read', { error: err });
      return;
    }
    if (!target || closed) return;
    if (!crypto.adoptKek) {
      if (failedTarget !== target) log.error('a KEK rotation is pending, but this crypto provider cannot take up a new KEK while serving', { kek: target });
      failedTarget = target;
      return;
    }
    try {
      if (crypto.currentKekId !== target) {
        await crypto.adoptKek(target);
        log.info('KEK rotation: new material is now wrapped under the new KEK; re-wrapping the rest', { kek: target, left: store.countWrapsNotUnder(target) });
      }
      let rewrapped = 0;
      // A client may write an object back under the old KEK with a copy read before its re-wrap: a few passes.
      for (let pass = 0; pass < 5 && !closed; pass++) {
        const base = rewrapped;
        rewrapped += await rewrapPass(store, crypto, target, { pause, pauseEvery: 25, stop: () => closed, after: (n) => testHalt(`server-rewrapped:${base + n}`) });
        if (closed) return;
        if ((await finishRotation(store, target)) === 0) {
          log.info('KEK rotation finished', { kek: target, rewrapped });
          failedTarget = undefined;
          return;
        }
      }
    } catch (err) {
      if (failedTarget !== target) log.error('KEK rotation failed; retrying', { kek: target, error: err });
      failedTarget = target;
    }
  };

  const check = (): Promise<void> => {
    if (!running) running = run().finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  void check();
  return {
    poke: check,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
