/**
 * src/kek-rotation.ts on a real SQLite store file with a fake provider whose "wrapped" material names the
 * KEK that wrapped it: the conditional replacement (a concurrent Destroy's erasure is never undone), the
 * old form forgotten, and the server's watcher (takes the KEK up, re-wraps while new objects arrive, clears
 * the marker; a provider that cannot take up a KEK leaves the rotation open and says so).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CryptoProvider, WrappedKey } from '../../../src/crypto/port';
import { ROTATION_MARKER, rewrapPass, watchKekRotation } from '../../../src/kek-rotation';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';

interface Fake extends CryptoProvider {
  keks: string[];
  adopted: string[];
  forgotten: string[];
}

function fakeCrypto(opts: { onRewrap?: (n: number) => void; adopt?: boolean } = {}): Fake {
  const keks = ['kek-1'];
  let current = 'kek-1';
  let calls = 0;
  const fake = {
    keks,
    adopted: [] as string[],
    forgotten: [] as string[],
    get currentKekId() {
      return current;
    },
    async createKek() {
      keks.push(`kek-${keks.length + 1}`);
      current = keks[keks.length - 1];
      return current;
    },
    async rewrap(key: WrappedKey, to?: string): Promise<WrappedKey> {
      const [kek, secret] = key.wrapped.toString().split('|');
      if (kek !== key.kekId || !keks.includes(kek)) throw new Error(`cannot unwrap: material under ${kek}, row says ${key.kekId}`);
      const target = to ?? current;
      if (!keks.includes(target)) throw new Error(`unknown KEK ${target}`);
      opts.onRewrap?.(++calls);
      return { wrapped: Buffer.from(`${target}|${secret}`), kekId: target };
    },
    forget(key: WrappedKey) {
      fake.forgotten.push(key.wrapped.toString());
    },
  } as unknown as Fake;
  if (opts.adopt !== false) {
    (fake as { adoptKek?: (id: string) => Promise<void> }).adoptKek = async (id: string) => {
      // Another process made it: this provider finds it on the "token" now.
      if (!keks.includes(id)) keks.push(id);
      current = id;
      fake.adopted.push(id);
    };
  }
  return fake;
}

let dir: string;
let store: SqliteStore;
let seq = 0;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-kek-rotation-'));
  store = openSqliteStore({ path: path.join(dir, 'db.sqlite') });
  seq = 0;
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function insertRows(n: number, kek: string): void {
  const ins = store.connection.prepare(
    "INSERT INTO objects (uid, object_type, state, owner, tenant, body, material, kek_id, created_seq) VALUES (?, 2, 2, 'admin', '', NULL, ?, ?, ?)",
  );
  store.groupWrite(() => {
    for (let i = 0; i < n; i++, seq++) ins.run(`u${seq}`, Buffer.from(`${kek}|secret-${seq}`), kek, seq + 1);
  });
}

const rows = (): Array<{ uid: string; material: Buffer | null; kek_id: string }> =>
  store.connection.prepare('SELECT uid, material, kek_id FROM objects ORDER BY created_seq').all() as never;

const waitFor = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

test('a Destroy that erases the material during the pass wins: the re-wrap is not written back', async () => {
  insertRows(10, 'kek-1');
  await store.durable();
  const erase = store.connection.prepare("UPDATE objects SET material = NULL WHERE uid = 'u4'");
  // While u4's material is being re-wrapped (5th call), the object is destroyed.
  const crypto = fakeCrypto({ onRewrap: (n) => n === 5 && store.groupWrite(() => erase.run()) });
  await crypto.createKek();
  const done = await rewrapPass(store, crypto, 'kek-2');
  expect(done).toBe(9);
  const u4 = rows().find((r) => r.uid === 'u4')!;
  expect(u4.material).toBeNull();
  expect(rows().filter((r) => r.material).every((r) => r.kek_id === 'kek-2' && r.material!.toString().startsWith('kek-2|'))).toBe(true);
  // The old form of each re-wrapped key was handed to forget() (cached unwrapped copies go with it).
  expect(crypto.forgotten).toHaveLength(9);
  expect(crypto.forgotten).not.toContain('kek-1|secret-4');
  expect(crypto.forgotten).toContain('kek-1|secret-0');
});

test("the server's watcher takes the KEK up, re-wraps while objects keep arriving, and clears the marker", async () => {
  insertRows(700, 'kek-1');
  await store.durable();
  const crypto = fakeCrypto({
    // New objects arrive while the watcher works (as a serving server's clients add them).
    onRewrap: (n) => n % 200 === 0 && insertRows(3, crypto.currentKekId === 'kek-2' ? 'kek-2' : 'kek-1'),
  });
  const infos: string[] = [];
  const errors: string[] = [];
  const log = { info: (m: string) => infos.push(m), error: (m: string) => errors.push(m) };
  const watcher = watchKekRotation(store, crypto, log, 20);
  try {
    await watcher.poke();
    expect(crypto.adopted).toEqual([]); // no marker: nothing to do
    // `tumbler hsm rotate-kek` (another process) made kek-2 and named it in the marker.
    store.setMeta(ROTATION_MARKER, 'kek-2');
    await store.durable();
    // The marker is gone (read on the same connection) before the flush that makes its deletion durable, and
    // the watcher logs the end only after that flush: wait for the log line too.
    await waitFor(() => store.getMeta(ROTATION_MARKER) === undefined && infos.includes('KEK rotation finished'));
    expect(crypto.adopted).toEqual(['kek-2']);
    expect(crypto.currentKekId).toBe('kek-2');
    expect(store.countWrapsNotUnder('kek-2')).toBe(0);
    expect(rows().length).toBeGreaterThan(700);
    expect(rows().every((r) => r.kek_id === 'kek-2' && r.material!.toString().startsWith('kek-2|'))).toBe(true);
    expect(infos).toContain('KEK rotation finished');
    expect(errors).toEqual([]);
  } finally {
    await watcher.close();
  }
});

test('a provider that cannot take up a new KEK leaves the rotation open and logs it once', async () => {
  insertRows(5, 'kek-1');
  store.setMeta(ROTATION_MARKER, 'kek-2');
  await store.durable();
  const crypto = fakeCrypto({ adopt: false });
  const errors: string[] = [];
  const watcher = watchKekRotation(store, crypto, { info: () => undefined, error: (m) => errors.push(m) }, 10);
  try {
    await watcher.poke();
    await new Promise((r) => setTimeout(r, 50));
    await watcher.poke();
    expect(store.getMeta(ROTATION_MARKER)).toBe('kek-2');
    expect(store.countWrapsNotUnder('kek-2')).toBe(5);
    expect(errors).toHaveLength(1);
  } finally {
    await watcher.close();
  }
});

test('a KEK the provider cannot find is a logged failure, retried, and nothing is changed', async () => {
  insertRows(5, 'kek-1');
  store.setMeta(ROTATION_MARKER, 'kek-9');
  await store.durable();
  const crypto = fakeCrypto();
  crypto.adoptKek = async () => {
    throw new Error('KEK "kek-9" is not on the token');
  };
  const errors: string[] = [];
  const watcher = watchKekRotation(store, crypto, { info: () => undefined, error: (m) => errors.push(m) }, 10);
  try {
    await watcher.poke();
    expect(errors).toEqual(['KEK rotation failed; retrying']);
    expect(rows().every((r) => r.kek_id === 'kek-1')).toBe(true);
    expect(store.getMeta(ROTATION_MARKER)).toBe('kek-9');
  } finally {
    await watcher.close();
  }
});

test('a store that cannot be read is logged, never an unhandled rejection (which would stop the server)', async () => {
  const other = openSqliteStore({ path: path.join(dir, 'other.sqlite') });
  await other.close();
  const errors: string[] = [];
  const watcher = watchKekRotation(other, fakeCrypto(), { info: () => undefined, error: (m) => errors.push(m) }, 10_000);
  await expect(watcher.poke()).resolves.toBeUndefined();
  expect(errors).toContain('KEK rotation: the store could not be read');
  await watcher.close();
});
