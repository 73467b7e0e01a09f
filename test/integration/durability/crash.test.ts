/**
 * Crash test with real processes: Tumbler runs as a child process on a temporary directory (SQLite
 * file, SoftHSM2 token); several mutual-TLS connections drive concurrent Create and Register (single
 * items and batches, pipelined); the server is SIGKILLed mid-load at several points and restarted on
 * the same directory. Every acknowledged object must come back from Get with identical key material:
 * for Register the bytes we sent, for Create the bytes a Get returned before the kill (a sample; the
 * other acknowledged Creates must at least Get successfully). After each kill the database passes
 * PRAGMA integrity_check.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KmipConnection } from '../../../src/client/connection';
import type { LocalServer } from '../../../src/bench/local-server';
import { openSqliteStore } from '../../../src/store/sqlite';
import { call, connect, createAesKey, getItem, keyMaterial, registerAesKey, startServerChild, uidOf, verifyAll, V14 } from './helpers';

interface KillPoint {
  /** Kill once this many operations were acknowledged in this round... */
  acks?: number;
  /** ...or after this long under load. */
  afterMs?: number;
  /** Operations per request message. */
  batch: number;
}

const KILL_POINTS: KillPoint[] = [
  { acks: 10, batch: 1 },
  { acks: 120, batch: 6 },
  { afterMs: 1500, batch: 2 },
];

/** State shared across rounds: what the server acknowledged. */
interface Ledger {
  /** uid -> key material that Get must return. */
  material: Map<string, Buffer>;
  /** Acknowledged Creates not sampled by a Get before the kill: they must exist. */
  created: Set<string>;
}

async function drive(server: LocalServer, kp: KillPoint, ledger: Ledger): Promise<number> {
  const conns: KmipConnection[] = [];
  for (let i = 0; i < 4; i++) conns.push(await connect(server));
  let acked = 0;
  let stop = false;
  const worker = async (conn: KmipConnection, w: number): Promise<void> => {
    let n = 0;
    while (!stop) {
      const kinds: Array<'create' | 'register'> = [];
      const keys: Array<Buffer | undefined> = [];
      for (let b = 0; b < kp.batch; b++) {
        const kind = (n + w + b) % 2 === 0 ? 'register' : 'create';
        kinds.push(kind);
        keys.push(kind === 'register' ? randomBytes(32) : undefined);
      }
      n++;
      let answer;
      try {
        answer = await call(conn, kinds.map((k, i) => (k === 'register' ? registerAesKey(V14, keys[i]!) : createAesKey(V14))));
      } catch {
        return; // the server died: this request was not acknowledged
      }
      const sample: string[] = [];
      answer.forEach((a, i) => {
        const uid = uidOf(a);
        if (!a.ok || !uid) throw new Error(`write failed under load: reason ${a.reason} ${a.message ?? ''}`);
        acked++;
        if (kinds[i] === 'register') ledger.material.set(uid, keys[i]!);
        else {
          ledger.created.add(uid);
          if (acked % 3 === 0) sample.push(uid);
        }
      });
      if (sample.length > 0) {
        try {
          const got = await call(conn, sample.map(getItem));
          got.forEach((g, i) => {
            const km = keyMaterial(g.payload);
            if (g.ok && km) {
              ledger.material.set(sample[i], km);
              ledger.created.delete(sample[i]);
            }
          });
        } catch {
          return;
        }
      }
    }
  };
  // Two loops per connection: requests are pipelined.
  const loops = conns.flatMap((c, i) => [worker(c, 2 * i), worker(c, 2 * i + 1)]);
  const started = Date.now();
  await new Promise<void>((resolve) => {
    const t = setInterval(() => {
      if ((kp.acks !== undefined && acked >= kp.acks) || (kp.afterMs !== undefined && Date.now() - started >= kp.afterMs)) {
        clearInterval(t);
        resolve();
      }
    }, 5);
  });
  await server.kill();
  stop = true;
  await Promise.all(loops);
  for (const c of conns) c.socket.destroy();
  return acked;
}

function integrity(storePath: string): unknown {
  const store = openSqliteStore({ path: storePath });
  try {
    return store.pragma('integrity_check');
  } finally {
    void store.close();
  }
}

describe('durability: SIGKILL under concurrent Create/Register', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-durability-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test(
    'every acknowledged object survives each kill with identical key material; the database stays intact',
    async () => {
      const ledger: Ledger = { material: new Map(), created: new Set() };
      for (const kp of KILL_POINTS) {
        const server = await startServerChild(dir);
        const before = ledger.material.size + ledger.created.size;
        // Everything acknowledged in earlier rounds is there after the restart.
        const check = await connect(server);
        expect(await verifyAll(check, ledger.material)).toEqual([]);
        const missing: string[] = [];
        for (const uid of ledger.created) {
          const [g] = await call(check, [getItem(uid)]);
          if (!g.ok || !keyMaterial(g.payload)) missing.push(uid);
        }
        expect(missing).toEqual([]);
        await check.close();

        const acked = await drive(server, kp, ledger);
        const { signal } = await server.exited;
        expect(signal).toBe('SIGKILL');
        if (kp.acks !== undefined) expect(acked).toBeGreaterThanOrEqual(kp.acks);
        expect(ledger.material.size + ledger.created.size).toBeGreaterThan(before);
        expect(integrity(server.storePath)).toBe('ok');
      }

      // Final restart: everything from every round, then a clean stop.
      const server = await startServerChild(dir);
      try {
        const c = await connect(server);
        expect(ledger.material.size).toBeGreaterThan(20);
        expect(await verifyAll(c, ledger.material)).toEqual([]);
        const missing: string[] = [];
        for (const uid of ledger.created) {
          const [g] = await call(c, [getItem(uid)]);
          if (!g.ok) missing.push(uid);
        }
        expect(missing).toEqual([]);
        await c.close();
      } finally {
        await server.stop();
      }
      expect(integrity(path.join(dir, 'db', 'tumbler.sqlite'))).toBe('ok');
    },
    900_000,
  );
});
