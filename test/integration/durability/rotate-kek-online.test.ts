/**
 * `tumbler hsm rotate-kek` next to a RUNNING server, with real processes (a Tumbler server child, the real
 * CLI, a real SQLite file and SoftHSM2 token; fails under CI=true without SoftHSM2):
 *  1. while clients keep Getting, Encrypting and Creating keys, the CLI creates the new KEK and hands the
 *     rotation to the server, which wraps new keys under it and re-wraps every other object while it serves:
 *     no client request fails, every key (old, and created during the rotation) Gets back identical
 *     material, encrypts as before, and every row ends under the new KEK;
 *  2. a server SIGKILLed in the middle of its re-wrapping (frozen there by the test hook) leaves every row
 *     under the old or the new KEK, the CLI that was following says the server stopped (exit 4), and the
 *     restarted server finishes the rotation by itself.
 */
import { createCipheriv } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KmipConnection } from '../../../src/client/connection';
import { bytesField, encryptItem, textField } from '../../../src/bench/requests';
import { Tag } from '../../../src/kmip';
import { call, connect, createAesKey, getItem, V14 } from './helpers';
import { SOFTHSM, asMaterial, dbState, integrity, materialOf, recordFromGet, registerRaw, runCli, setConfiguredPort, startServer, verifyAll } from './rotation-helpers';
import { freePort } from '../cli/admin-binary';

jest.setTimeout(600_000);

const IV = Buffer.alloc(16, 7);
const PLAIN = Buffer.alloc(64, 0x5a);

function cbc(key: Buffer): Buffer {
  const c = createCipheriv(`aes-${key.length * 8}-cbc`, key, IV);
  return Buffer.concat([c.update(PLAIN), c.final()]);
}

describe('KEK rotation while the server serves', () => {
  let tmp: string;
  beforeAll(() => {
    if (!fs.existsSync(SOFTHSM)) {
      if (process.env.CI === 'true') throw new Error(`SoftHSM2 (${SOFTHSM}) is required under CI`);
      process.stderr.write(`SoftHSM2 not installed (${SOFTHSM}): the online rotation test runs with the software provider\n`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-rotate-online-'));
  });
  afterAll(() => {
    delete process.env.TUMBLER_TEST_HALT_ROTATION;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('clients are served throughout, keys created meanwhile land under the new KEK, every key reads back', async () => {
    const dir = path.join(tmp, 'live');
    const storePath = path.join(dir, 'db', 'tumbler.sqlite');
    await (await startServer(dir)).stop(); // initialises the directory
    // The CLI finds a running server by the port in tumbler.json.
    const port = await freePort();
    setConfiguredPort(dir, port);
    const server = await startServer(dir, port);
    try {
      const conn = await connect(server);
      const raw = await registerRaw(conn, 600, new Date(Date.now() - 3600_000));
      const expected = asMaterial(raw);
      const oldKek = Object.keys(dbState(storePath).byKek)[0];
      expect(dbState(storePath)).toEqual({ byKek: { [oldKek]: 600 }, marker: undefined });

      // Load on three more connections until the rotation is over: Get (material checked), Encrypt (checked
      // against AES-CBC computed here), Create (kept, checked afterwards).
      const uids = [...raw.keys()];
      const created: string[] = [];
      const failures: string[] = [];
      let ops = 0;
      let stop = false;
      const load = async (c: KmipConnection, w: number): Promise<void> => {
        for (let i = 0; !stop; i++) {
          const uid = uids[(i * 7 + w * 101) % uids.length];
          const kind = i % 3;
          const item = kind === 0 ? getItem(uid) : kind === 1 ? encryptItem(uid, 'aes-cbc', PLAIN, IV) : createAesKey(V14);
          const [a] = await call(c, [item]);
          ops++;
          if (!a.ok) failures.push(`${kind}: ${a.reason} ${a.message ?? ''}`);
          else if (kind === 0 && !materialOf(a.payload)?.equals(expected.get(uid)!)) failures.push(`${uid}: Get material differs`);
          else if (kind === 1) {
            // PKCS#5 padding of a 64-byte block-aligned message adds a block; compare the whole ciphertext.
            const got = bytesField(a.payload, Tag.Data);
            if (!got?.equals(cbc(raw.get(uid)!))) failures.push(`${uid}: ciphertext differs`);
          } else if (kind === 2) created.push(textField(a.payload, Tag.UniqueIdentifier)!);
        }
      };
      const conns = await Promise.all([0, 1, 2].map(() => connect(server)));
      const loads = conns.map((c, w) => load(c, w));
      await new Promise((r) => setTimeout(r, 300));
      const opsBefore = ops;

      const r = await runCli(['hsm', 'rotate-kek', '--dir', dir, '--json']);
      const opsDuring = ops - opsBefore;
      stop = true;
      await Promise.all(loads);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      const res = JSON.parse(r.stdout);
      expect(res).toMatchObject({ online: true, resumed: false });
      expect(res.kekId).not.toBe(oldKek);
      expect(res.rewrapped).toBeGreaterThanOrEqual(600);
      expect(failures).toEqual([]);
      expect(opsDuring).toBeGreaterThan(0);

      // Every row is under the new KEK, the marker is gone, and the keys created during the rotation read back.
      const st = dbState(storePath);
      expect(st.marker).toBeUndefined();
      expect(Object.keys(st.byKek)).toEqual([res.kekId]);
      expect(st.byKek[res.kekId]).toBe(600 + created.length);
      await recordFromGet(conn, created, expected);
      expect(await verifyAll(conn, expected)).toEqual([]);
      // Keys made after the rotation are wrapped under the new KEK too.
      const [after] = await call(conn, [createAesKey(V14)]);
      expect(after.ok).toBe(true);
      expect(dbState(storePath).byKek).toEqual({ [res.kekId]: 601 + created.length });
      for (const c of [conn, ...conns]) c.socket.destroy();

      const status = JSON.parse((await runCli(['hsm', 'status', '--dir', dir, '--json'])).stdout);
      expect(status.currentKekId).toBe(res.kekId);
      expect(status.rotationInProgress).toBeUndefined();
    } finally {
      await server.stop();
    }
    expect(integrity(storePath)).toBe('ok');
  });

  test('a server killed in the middle of re-wrapping leaves no key under neither KEK and finishes after a restart', async () => {
    const dir = path.join(tmp, 'killed');
    const storePath = path.join(dir, 'db', 'tumbler.sqlite');
    let server = await startServer(dir);
    let expected: Map<string, Buffer>;
    let oldKek: string;
    try {
      const conn = await connect(server);
      expected = asMaterial(await registerRaw(conn, 300, new Date(Date.now() - 3600_000)));
      conn.socket.destroy();
    } finally {
      await server.stop();
    }
    oldKek = Object.keys(dbState(storePath).byKek)[0];
    const port = await freePort();
    setConfiguredPort(dir, port);

    // The restarted server freezes its rotation after 120 re-wraps (event loop running: those commit).
    process.env.TUMBLER_TEST_HALT_ROTATION = 'server-rewrapped:120';
    server = await startServer(dir, port);
    delete process.env.TUMBLER_TEST_HALT_ROTATION;
    let halted = false;
    const haltSeen = new Promise<void>((resolve) =>
      server.child.stderr?.on('data', (d: Buffer) => {
        if (!halted && d.toString().includes('rotate-kek: test halt at server-rewrapped:120')) {
          halted = true;
          resolve();
        }
      }),
    );
    const cli = runCli(['hsm', 'rotate-kek', '--dir', dir, '--quiet']);
    let giveUp: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        haltSeen,
        new Promise((_, reject) => (giveUp = setTimeout(() => reject(new Error('the server never reached its halt point')), 120_000))),
      ]);
      await new Promise((r) => setTimeout(r, 100)); // let the group holding re-wraps 101..120 commit
    } finally {
      clearTimeout(giveUp); // a pending timer would keep the test worker alive for two minutes
      await server.kill(); // a frozen rotation never lets a graceful stop finish
    }
    const r = await cli;
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/the server stopped with \d+ object\(s\) still under the old KEK; it finishes the rotation when it starts again/);

    expect(integrity(storePath)).toBe('ok');
    const mid = dbState(storePath);
    const target = mid.marker!;
    expect(target).toBeDefined();
    expect(target).not.toBe(oldKek);
    // Every row under the old or the new KEK; the first 100 re-wraps were durable before the 101st.
    expect(Object.keys(mid.byKek).sort()).toEqual([oldKek, target].sort());
    expect(mid.byKek[oldKek] + mid.byKek[target]).toBe(300);
    expect(mid.byKek[target]).toBeGreaterThanOrEqual(100);
    expect(mid.byKek[target]).toBeLessThanOrEqual(120);

    // Restarted, the server resumes by itself: clients read every key meanwhile and after.
    server = await startServer(dir, port);
    try {
      const conn = await connect(server);
      expect(await verifyAll(conn, expected)).toEqual([]);
      const deadline = Date.now() + 60_000;
      while (dbState(storePath).marker !== undefined && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
      expect(dbState(storePath)).toEqual({ byKek: { [target]: 300 }, marker: undefined });
      expect(await verifyAll(conn, expected)).toEqual([]);
      conn.socket.destroy();
    } finally {
      await server.stop();
    }
    expect(integrity(storePath)).toBe('ok');
  });
});
