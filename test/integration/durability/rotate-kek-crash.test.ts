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
 * The rotation runs with the server stopped (rotate-kek refuses next to a live server), so the server is
 * not killed *during* a rotation: there is no rotation inside the server to interrupt.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { KmipConnection } from '../../../src/client/connection';
import { startLocalServer, type LocalServer } from '../../../src/bench/local-server';
import { createRsaKeyPair, textField } from '../../../src/bench/requests';
import { Tag } from '../../../src/kmip';
import { openSqliteStore } from '../../../src/store/sqlite';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { call, connect, cryptoMode, createAesKey, getItem, registerAesKey, V14 } from './helpers';

const CLI = path.join(__dirname, 'cli-entry.js');
const HOOK = path.join(__dirname, 'ts-hook-cached.js');
const SOFTHSM = '/usr/lib/softhsm/libsofthsm2.so';

jest.setTimeout(900_000);

/** Key Material (any object type) of a Get answer, as its TTLV encoding: byte strings and structures alike. */
function materialOf(payload: TtlvItem | undefined): Buffer | undefined {
  for (const tag of [Tag.SymmetricKey, Tag.PrivateKey, Tag.PublicKey]) {
    const km = child(child(child(child(payload, tag), Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);
    if (km) return encodeTtlv(km);
  }
  return undefined;
}

function startServer(dir: string): Promise<LocalServer> {
  return startLocalServer({
    dir,
    crypto: cryptoMode(),
    logLevel: 'error',
    entry: { script: path.join(__dirname, '..', '..', '..', 'src', 'bench', 'server-child.ts'), execArgv: ['-r', HOOK] },
    startTimeoutMs: 180_000,
  });
}

interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the CLI. With `haltAt`, wait for the hook's "test halt at <point>" line and SIGKILL the process then.
 */
function runCli(args: string[], haltAt?: string): Promise<CliExit & { halted: boolean }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TUMBLER_HSM_MODE: cryptoMode() };
  delete env.SOFTHSM2_CONF; // the directory's own token configuration
  if (haltAt) env.TUMBLER_TEST_HALT_ROTATION = haltAt;
  else delete env.TUMBLER_TEST_HALT_ROTATION;
  const p = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let halted = false;
  const point = haltAt?.replace(/^sync:/, '');
  p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  p.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (point && !halted && stderr.includes(`rotate-kek: test halt at ${point}\n`)) {
      halted = true;
      p.kill('SIGKILL');
    }
  });
  const guard = setTimeout(() => p.kill('SIGKILL'), 240_000);
  return new Promise((resolve) =>
    p.once('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, halted });
    }),
  );
}

/** The rows' KEK ids and the rotation marker, read straight from the file. */
function dbState(storePath: string): { byKek: Record<string, number>; marker?: string } {
  const db = new Database(storePath, { readonly: true, fileMustExist: true });
  try {
    const byKek: Record<string, number> = {};
    for (const r of db.prepare('SELECT kek_id, COUNT(*) AS n FROM objects WHERE material IS NOT NULL GROUP BY kek_id').all() as Array<{ kek_id: string | null; n: number }>) {
      byKek[r.kek_id ?? '(none)'] = r.n;
    }
    const m = db.prepare("SELECT value FROM meta WHERE key = 'kek.rotation'").get() as { value: string } | undefined;
    return { byKek, marker: m?.value };
  } finally {
    db.close();
  }
}

function integrity(storePath: string): unknown {
  const store = openSqliteStore({ path: storePath });
  try {
    return store.pragma('integrity_check');
  } finally {
    void store.close();
  }
}

async function verifyAll(conn: KmipConnection, expected: Map<string, Buffer>): Promise<string[]> {
  const problems: string[] = [];
  const uids = [...expected.keys()];
  for (let i = 0; i < uids.length; i += 50) {
    const part = uids.slice(i, i + 50);
    const answer = await call(conn, part.map(getItem));
    answer.forEach((a, k) => {
      if (!a.ok) problems.push(`${part[k]}: Get failed (reason ${a.reason}: ${a.message ?? ''})`);
      else if (!materialOf(a.payload)?.equals(expected.get(part[k])!)) problems.push(`${part[k]}: key material differs`);
    });
  }
  return problems;
}

/** Register `n` AES keys with known bytes; returns uid -> encoded Key Material. */
async function registerKnown(conn: KmipConnection, n: number, into: Map<string, Buffer>): Promise<void> {
  for (let i = 0; i < n; i += 50) {
    const keys = Array.from({ length: Math.min(50, n - i) }, () => randomBytes(32));
    const answer = await call(conn, keys.map((k) => registerAesKey(V14, k)));
    answer.forEach((a, k) => {
      const uid = textField(a.payload, Tag.UniqueIdentifier);
      if (!a.ok || !uid) throw new Error(`Register failed: ${a.reason} ${a.message ?? ''}`);
      // Compare as TTLV: what Get returns is Key Material = these bytes.
      into.set(uid, encodeTtlv(T.bytes(Tag.KeyMaterial, keys[k])));
    });
  }
}

async function recordFromGet(conn: KmipConnection, uids: string[], into: Map<string, Buffer>): Promise<void> {
  for (let i = 0; i < uids.length; i += 50) {
    const part = uids.slice(i, i + 50);
    const got = await call(conn, part.map(getItem));
    got.forEach((g, k) => {
      const m = materialOf(g.payload);
      if (!g.ok || !m) throw new Error(`Get of ${part[k]} failed: ${g.reason} ${g.message ?? ''}`);
      into.set(part[k], m);
    });
  }
}

/** Restart the server, check every object, optionally add objects, stop it (or SIGKILL it). */
async function checkWithServer(dir: string, expected: Map<string, Buffer>, add: { register?: number; kill?: boolean } = {}): Promise<void> {
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

  test('no object is ever wrapped under neither KEK; the resumed rotation completes', async () => {
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

    // 1. Killed right after the new KEK was made, before the marker: nothing changed in the store.
    let r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet'], 'kek-created');
    expect(r).toMatchObject({ halted: true, signal: 'SIGKILL' });
    expect(integrity(storePath)).toBe('ok');
    expect(dbState(storePath)).toEqual({ byKek: { [oldKek]: 302 }, marker: undefined });
    await checkWithServer(dir, expected);

    // 2. Killed (frozen synchronously) once the marker is durable: the marker names the target, no row moved.
    r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet'], 'sync:marker');
    expect(r).toMatchObject({ halted: true, signal: 'SIGKILL' });
    expect(integrity(storePath)).toBe('ok');
    let st = dbState(storePath);
    const target = st.marker!;
    expect(target).toMatch(/\S/);
    expect(target).not.toBe(oldKek);
    expect(st.byKek).toEqual({ [oldKek]: 302 });
    // The server now wraps new objects under the newest KEK (the target); it is SIGKILLed after 20 new keys.
    await checkWithServer(dir, expected, { register: 20, kill: true });
    expect(integrity(storePath)).toBe('ok');
    st = dbState(storePath);
    expect(st.byKek).toEqual({ [oldKek]: 302, [target]: 20 });

    // 3. Frozen in the middle of a group commit: the 37th re-wrap is written but not committed.
    r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet'], 'sync:rewrapped:37');
    expect(r).toMatchObject({ halted: true, signal: 'SIGKILL' });
    expect(integrity(storePath)).toBe('ok');
    st = dbState(storePath);
    expect(st.marker).toBe(target);
    expect(Object.keys(st.byKek).sort()).toEqual([oldKek, target].sort());
    expect(st.byKek[oldKek] + st.byKek[target]).toBe(322);
    // At most 36 of the 37 re-wraps can have been committed (the 37th was still in the open group).
    expect(st.byKek[target] - 20).toBeLessThanOrEqual(36);
    await checkWithServer(dir, expected);

    // 4. Resumed run, killed after 150 re-wraps (event loop left running: its group commits happen).
    r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet'], 'rewrapped:150');
    expect(r).toMatchObject({ halted: true, signal: 'SIGKILL' });
    expect(integrity(storePath)).toBe('ok');
    const before4 = st.byKek[target];
    st = dbState(storePath);
    expect(st.marker).toBe(target);
    expect(st.byKek[oldKek] + st.byKek[target]).toBe(322);
    // The first 100 were durable before the 101st started; the 150th may still have been uncommitted.
    expect(st.byKek[target] - before4).toBeGreaterThanOrEqual(100);
    expect(st.byKek[target] - before4).toBeLessThanOrEqual(150);
    expect(st.byKek[oldKek]).toBeGreaterThan(0);
    await checkWithServer(dir, expected, { register: 10 });

    // 5. Everything re-wrapped, killed just before the marker is cleared.
    r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet'], 'sync:before-clear');
    expect(r).toMatchObject({ halted: true, signal: 'SIGKILL' });
    expect(integrity(storePath)).toBe('ok');
    expect(dbState(storePath)).toEqual({ byKek: { [target]: 332 }, marker: target });
    await checkWithServer(dir, expected);

    // 6. The last run resumes with the same KEK, has nothing left to re-wrap, and clears the marker.
    r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kekId: target, rewrapped: 0, resumed: true });
    expect(dbState(storePath)).toEqual({ byKek: { [target]: 332 }, marker: undefined });
    const after = JSON.parse((await runCli(['hsm', 'status', '--dir', dir, '--json'])).stdout);
    expect(after.currentKekId).toBe(target);
    expect(after.byKek).toEqual({ [target]: 332 });
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
