/**
 * rotateKek (src/cli/commands/hsm-rotate.ts) on a real SQLite store file with a fake crypto provider whose
 * "wrapped" material names the KEK that wrapped it, so every row can be checked to be wrapped under the
 * KEK its kek_id column names. Paging, the marker, and the final check that refuses to clear the marker
 * while a row is still under another KEK (a writer with a stale copy, e.g. a server run with --force).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AdminSession } from '../../../src/cli/admin-session';
import { ROTATION_MARKER, pollDelayMs, rotateKek } from '../../../src/cli/commands/hsm-rotate';
import { CliError } from '../../../src/cli/errors';
import type { CryptoProvider, WrappedKey } from '../../../src/crypto/port';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';

/** Material "<kek>|<secret>": unwrappable only with a known KEK, re-wrapped by replacing the prefix. */
function fakeCrypto(onRewrap?: (n: number) => void): CryptoProvider & { keks: string[] } {
  const keks = ['kek-1'];
  let calls = 0;
  return {
    keks,
    get currentKekId() {
      return keks[keks.length - 1];
    },
    async createKek() {
      keks.push(`kek-${keks.length + 1}`);
      return keks[keks.length - 1];
    },
    async rewrap(key: WrappedKey, to?: string): Promise<WrappedKey> {
      const [kek, secret] = key.wrapped.toString().split('|');
      if (kek !== key.kekId || !keks.includes(kek)) throw new Error(`cannot unwrap: material under ${kek}, row says ${key.kekId}`);
      const target = to ?? keks[keks.length - 1];
      onRewrap?.(++calls);
      return { wrapped: Buffer.from(`${target}|${secret}`), kekId: target };
    },
  } as unknown as CryptoProvider & { keks: string[] };
}

function insertRows(store: SqliteStore, n: number, kek: string, from = 0): void {
  const ins = store.connection.prepare(
    "INSERT INTO objects (uid, object_type, state, owner, tenant, body, material, kek_id, created_seq) VALUES (?, 2, 2, 'admin', '', NULL, ?, ?, ?)",
  );
  store.groupWrite(() => {
    for (let i = from; i < from + n; i++) ins.run(`u${i}`, Buffer.from(`${kek}|secret-${i}`), kek, i + 1);
  });
}

function rows(store: SqliteStore): Array<{ uid: string; material: Buffer; kek_id: string }> {
  return store.connection.prepare('SELECT uid, material, kek_id FROM objects ORDER BY created_seq').all() as never;
}

describe('rotateKek', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-rotate-unit-'));
    store = openSqliteStore({ path: path.join(dir, 'db.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const session = (crypto: CryptoProvider) => ({ store, crypto }) as unknown as AdminSession;

  test('re-wraps every row over several pages; material and kek_id always agree; the marker is cleared', async () => {
    insertRows(store, 1203, 'kek-1');
    await store.durable();
    const crypto = fakeCrypto();
    const r = await rotateKek(session(crypto), true);
    expect(r).toEqual({ kekId: 'kek-2', rewrapped: 1203, resumed: false });
    const all = rows(store);
    expect(all).toHaveLength(1203);
    all.forEach((row, i) => {
      expect(row.kek_id).toBe('kek-2');
      expect(row.material.toString()).toBe(`kek-2|secret-${i}`);
    });
    expect(store.getMeta(ROTATION_MARKER)).toBeUndefined();
  });

  test('a row put back under the old KEK during the pass keeps the rotation open; the next run finishes it', async () => {
    insertRows(store, 30, 'kek-1');
    await store.durable();
    const revert = store.connection.prepare("UPDATE objects SET material = ?, kek_id = 'kek-1' WHERE uid = 'u3'");
    // After the 10th re-wrap, another writer (with a copy from before the rotation) writes u3 back.
    const crypto = fakeCrypto((n) => {
      if (n === 10) store.groupWrite(() => revert.run(Buffer.from('kek-1|secret-3')));
    });
    await expect(rotateKek(session(crypto), true)).rejects.toThrow(CliError);
    expect(store.getMeta(ROTATION_MARKER)).toBe('kek-2');
    // Still no row under neither KEK: each row's material is under the KEK it names.
    for (const row of rows(store)) expect(row.material.toString().startsWith(`${row.kek_id}|`)).toBe(true);
    expect(rows(store).filter((x) => x.kek_id === 'kek-1').map((x) => x.uid)).toEqual(['u3']);

    const again = await rotateKek(session(crypto), true);
    expect(again).toEqual({ kekId: 'kek-2', rewrapped: 1, resumed: true });
    expect(new Set(rows(store).map((x) => x.kek_id))).toEqual(new Set(['kek-2']));
    expect(store.getMeta(ROTATION_MARKER)).toBeUndefined();
    expect(crypto.keks).toEqual(['kek-1', 'kek-2']);
  });

  test('objects added during the pass (newer created_seq) are re-wrapped by the same pass', async () => {
    insertRows(store, 20, 'kek-1');
    await store.durable();
    const crypto = fakeCrypto((n) => {
      if (n === 5) insertRows(store, 7, 'kek-1', 20);
    });
    const r = await rotateKek(session(crypto), true);
    expect(r.rewrapped).toBe(27);
    expect(rows(store).every((x) => x.kek_id === 'kek-2' && x.material.toString().startsWith('kek-2|'))).toBe(true);
  });
});

describe('pollDelayMs (the online rotation follows the count of objects left)', () => {
  test('waits the configured interval while counting is quick', () => {
    expect(pollDelayMs(250, 2)).toBe(250);
    expect(pollDelayMs(250, 25)).toBe(250);
  });

  test('waits ten times as long as the last count took on a large store', () => {
    expect(pollDelayMs(250, 40)).toBe(400);
    expect(pollDelayMs(250, 1234.5)).toBe(12345);
  });
});
