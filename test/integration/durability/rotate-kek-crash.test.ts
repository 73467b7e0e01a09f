/**
 * Crash test of `tumbler hsm rotate-kek` with real processes: a Tumbler server child populates a real
 * SQLite file and SoftHSM2 token (AES keys registered with known bytes, AES keys created by the server,
 * RSA-2048 key pairs), and records each object's key material from Get. The rotation then runs as a real
 * CLI process and is SIGKILLed at several points (TUMBLER_TEST_HALT_ROTATION freezes it exactly there:
 * right after the new KEK exists, after the marker is durable, in the middle of a group commit with a
 * re-wrap not yet committed, after 150 re-wraps of a resumed run, before the marker is cleared).
 *
 * After every kill: PRAGMA integrity_check is ok, every object's kek_id is the old or the target KEK, and a
 * restarted server Gets every object with identical key material (so every wrap unwraps under the KEK its
 * row names: no object is wrapped under neither). Between kills the server also takes new objects (and is
 * itself SIGKILLed once). Finally rotate-kek resumes, completes, and every object is under the new KEK.
 *
 * Here the rotation runs with the server stopped (this process re-wraps); rotate-kek-online.test.ts covers the
 * rotation a running server does itself, and a server killed in the middle of it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRsaKeyPair, textField } from '../../../src/bench/requests';
import { Tag } from '../../../src/kmip';
import { connect, createAesKey, V14, call } from './helpers';
import { SOFTHSM, dbState, integrity, recordFromGet, registerKnown, runCli, startServer, verifyAll } from './rotation-helpers';

jest.setTimeout(900_000);

/**
 * Restart the server, check every object, optionally add objects, stop it (or SIGKILL it). A server started
 * on a directory whose rotation was interrupted finishes it by itself (src/kek-rotation.ts): with `finish`,
 * wait for that (the marker gone) before checking again and stopping.
 */
async function checkWithServer(
  dir: string,
  expected: Map<string, Buffer>,
  add: { register?: number; kill?: boolean; finish?: boolean } = {},
): Promise<void> {
  const server = await startServer(dir);
  try {
    const conn = await connect(server);
    expect(await verifyAll(conn, expected)).toEqual([]);
    if (add.register) {
      const fresh = new Map<string, Buffer>();
      await registerKnown(conn, add.register, fresh);
      await recordFromGet(conn, [...fresh.keys()], new Map()); // readable at once
      for (const [k, v] of fresh) expected.set(k, v);
    }
    if (add.finish) {
      const deadline = Date.now() + 60_000;
      while (dbState(server.storePath).marker !== undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(dbState(server.storePath).marker).toBeUndefined();
      expect(await verifyAll(conn, expected)).toEqual([]);
    }
    conn.socket.destroy();
  } finally {
    if (add.kill) await server.kill();
    else await server.stop();
  }
}

describe('durability: SIGKILL during hsm rotate-kek', () => {
  let tmp: string;
  beforeAll(() => {
    if (!fs.existsSync(SOFTHSM)) {
      if (process.env.CI === 'true') throw new Error(`SoftHSM2 (${SOFTHSM}) is required under CI`);
      process.stderr.write(`SoftHSM2 not installed (${SOFTHSM}): the rotation crash test runs with the software provider\n`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-rotate-crash-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('no object is ever wrapped under neither KEK; an interrupted rotation is completed', async () => {
    const dir = path.join(tmp, 'srv');
    const storePath = path.join(dir, 'db', 'tumbler.sqlite');
    const expected = new Map<string, Buffer>();

    // Populate: 150 registered, 150 created, 2 RSA-2048 key pairs; material recorded from Get.
    const server = await startServer(dir);
    try {
      const conn = await connect(server);
      await registerKnown(conn, 150, expected);
      const created: string[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = await call(conn, Array.from({ length: 50 }, () => createAesKey(V14)));
        for (const a of answer) created.push(textField(a.payload, Tag.UniqueIdentifier)!);
      }
      for (let i = 0; i < 2; i++) {
        const [kp] = await call(conn, [createRsaKeyPair(V14, 2048)]);
        created.push(textField(kp.payload, Tag.PrivateKeyUniqueIdentifier)!, textField(kp.payload, Tag.PublicKeyUniqueIdentifier)!);
      }
      await recordFromGet(conn, created, expected);
      conn.socket.destroy();
    } finally {
      await server.stop();
    }
    expect(expected.size).toBe(304);
    // Public keys are not secret and are stored unwrapped (material NULL): 300 AES keys + 2 private keys are wrapped.

    const status = JSON.parse((await runCli(['hsm', 'status', '--dir', dir, '--json'])).stdout);
    if (fs.existsSync(SOFTHSM)) expect(status.provider).toBe('pkcs11');
    const oldKek: string = status.currentKekId;
    expect(dbState(storePath)).toEqual({ byKek: { [oldKek]: 302 }, marker: undefined });

    // 1. Killed right after the new KEK was made, before the marker: nothing changed in the store, and a
    //    server started next has no rotation to finish.
    let r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet'], 'kek-created');
    expect(r).toMatchObject({ halted: true, signal: 'SIGKILL' });
    expect(integrity(storePath)).toBe('ok');
    expect(dbState(storePath)).toEqual({ byKek: { [oldKek]: 302 }, marker: undefined });
    await checkWithServer(dir, expected);
    expect(dbState(storePath)).toEqual({ byKek: { [oldKek]: 302 }, marker: undefined });

    // 2. Killed (frozen synchronously) once the marker is durable: the marker names the target, no row moved.
    r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet'], 'sync:marker');
    expect(r).toMatchObject({ halted: true, signal: 'SIGKILL' });
    expect(integrity(storePath)).toBe('ok');
    let st = dbState(storePath);
    const t1 = st.marker!;
    expect(t1).toMatch(/\S/);
    expect(t1).not.toBe(oldKek);
    expect(st.byKek).toEqual({ [oldKek]: 302 });
    // A server started now takes the rotation over: 20 new keys, then SIGKILLed at once, wherever its
    // re-wrapping is; every row is under the old KEK or the target, none lost.
    await checkWithServer(dir, expected, { register: 20, kill: true });
    expect(integrity(storePath)).toBe('ok');
    st = dbState(storePath);
    // (The server may have finished before the kill: then the marker is gone and every row is under t1.)
    if (st.marker !== undefined) expect(st.marker).toBe(t1);
    else expect(st.byKek).toEqual({ [t1]: 322 });
    expect(Object.keys(st.byKek).every((k) => k === oldKek || k === t1)).toBe(true);
    expect((st.byKek[oldKek] ?? 0) + st.byKek[t1]).toBe(322);
    expect(st.byKek[t1]).toBeGreaterThanOrEqual(20); // the new keys were wrapped under the target
    // The next server finishes it.
    await checkWithServer(dir, expected, { finish: true });
    expect(dbState(storePath)).toEqual({ byKek: { [t1]: 322 }, marker: undefined });

    // 3. A new rotation frozen in the middle of a group commit: the 37th re-wrap is written but not committed.
    r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet'], 'sync:rewrapped:37');
    expect(r).toMatchObject({ halted: true, signal: 'SIGKILL' });
    expect(integrity(storePath)).toBe('ok');
    st = dbState(storePath);
    const t2 = st.marker!;
    expect(t2).not.toBe(t1);
    expect(Object.keys(st.byKek).every((k) => k === t1 || k === t2)).toBe(true);
    expect((st.byKek[t1] ?? 0) + (st.byKek[t2] ?? 0)).toBe(322);
    // At most 36 of the 37 re-wraps can have been committed (the 37th was still in the open group).
    expect(st.byKek[t2] ?? 0).toBeLessThanOrEqual(36);
    await checkWithServer(dir, expected, { finish: true });
    expect(dbState(storePath)).toEqual({ byKek: { [t2]: 322 }, marker: undefined });

    // 4. Another rotation, killed after 150 re-wraps (event loop left running: its group commits happen).
    r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet'], 'rewrapped:150');
    expect(r).toMatchObject({ halted: true, signal: 'SIGKILL' });
    expect(integrity(storePath)).toBe('ok');
    st = dbState(storePath);
    const t3 = st.marker!;
    expect(st.byKek[t2] + st.byKek[t3]).toBe(322);
    // The first 100 were durable before the 101st started; the 150th may still have been uncommitted.
    expect(st.byKek[t3]).toBeGreaterThanOrEqual(100);
    expect(st.byKek[t3]).toBeLessThanOrEqual(150);
    expect(st.byKek[t2]).toBeGreaterThan(0);
    // This time the CLI itself resumes it (no server in between): same KEK, exactly the rest.
    const left = st.byKek[t2];
    r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kekId: t3, rewrapped: left, resumed: true });
    expect(dbState(storePath)).toEqual({ byKek: { [t3]: 322 }, marker: undefined });
    await checkWithServer(dir, expected, { register: 10 });

    // 5. Everything re-wrapped, killed just before the marker is cleared.
    r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet'], 'sync:before-clear');
    expect(r).toMatchObject({ halted: true, signal: 'SIGKILL' });
    expect(integrity(storePath)).toBe('ok');
    st = dbState(storePath);
    const t4 = st.marker!;
    expect(st).toEqual({ byKek: { [t4]: 332 }, marker: t4 });

    // 6. The last run resumes with the same KEK, has nothing left to re-wrap, and clears the marker.
    r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kekId: t4, rewrapped: 0, resumed: true });
    expect(dbState(storePath)).toEqual({ byKek: { [t4]: 332 }, marker: undefined });
    const after = JSON.parse((await runCli(['hsm', 'status', '--dir', dir, '--json'])).stdout);
    expect(after.currentKekId).toBe(t4);
    expect(after.byKek).toEqual({ [t4]: 332 });
    expect(after.rotationInProgress).toBeUndefined();
    expect(integrity(storePath)).toBe('ok');
    await checkWithServer(dir, expected);
    expect(expected.size).toBe(334);
  });

  test('an uninterrupted rotation after a crashed one re-wraps everything under a fresh KEK', async () => {
    // A second directory: kill in the middle of the first pass, then a clean resumed run to the end.
    const dir = path.join(tmp, 'srv2');
    const storePath = path.join(dir, 'db', 'tumbler.sqlite');
    const expected = new Map<string, Buffer>();
    const server = await startServer(dir);
    try {
      const conn = await connect(server);
      await registerKnown(conn, 120, expected);
      conn.socket.destroy();
    } finally {
      await server.stop();
    }
    const oldKek = Object.keys(dbState(storePath).byKek)[0];
    const r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet'], 'rewrapped:60');
    expect(r).toMatchObject({ halted: true, signal: 'SIGKILL' });
    const mid = dbState(storePath);
    expect(mid.byKek[oldKek]).toBeGreaterThan(0);
    const done = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--json']);
    expect(done.code).toBe(0);
    const res = JSON.parse(done.stdout);
    expect(res).toMatchObject({ kekId: mid.marker, resumed: true });
    expect(res.rewrapped).toBe(mid.byKek[oldKek]);
    expect(dbState(storePath)).toEqual({ byKek: { [mid.marker!]: 120 }, marker: undefined });
    expect(integrity(storePath)).toBe('ok');
    await checkWithServer(dir, expected);
  });
});
