/**
 * Shared by the KEK rotation tests (rotate-kek-crash, rotate-kek-online): a Tumbler server child run from the
 * sources, the real CLI as a process (optionally SIGKILLed at a test halt point), the store's KEK state read
 * straight from the file, and key material recorded and checked through Get.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { KmipConnection } from '../../../src/client/connection';
import { startLocalServer, type LocalServer } from '../../../src/bench/local-server';
import { textField } from '../../../src/bench/requests';
import { Tag } from '../../../src/kmip';
import { openSqliteStore } from '../../../src/store/sqlite';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { call, cryptoMode, getItem, registerAesKey, V14, verifyAll as verifyAllWith } from './helpers';

export const CLI = path.join(__dirname, 'cli-entry.js');
export const HOOK = path.join(__dirname, 'ts-hook-cached.js');
export const SOFTHSM = '/usr/lib/softhsm/libsofthsm2.so';

/** Key Material (any object type) of a Get answer, as its TTLV encoding: byte strings and structures alike. */
export function materialOf(payload: TtlvItem | undefined): Buffer | undefined {
  for (const tag of [Tag.SymmetricKey, Tag.PrivateKey, Tag.PublicKey]) {
    const km = child(child(child(child(payload, tag), Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);
    if (km) return encodeTtlv(km);
  }
  return undefined;
}

/** A server child on `dir` (initialised on first start); `port`: listen there (default: any free port). */
export function startServer(dir: string, port?: number): Promise<LocalServer> {
  return startLocalServer({
    dir,
    port,
    crypto: cryptoMode(),
    logLevel: 'error',
    entry: { script: path.join(__dirname, '..', '..', '..', 'src', 'bench', 'server-child.ts'), execArgv: ['-r', HOOK] },
    startTimeoutMs: 180_000,
  });
}

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the CLI. With `haltAt`, wait for the hook's "test halt at <point>" line and SIGKILL the process then.
 */
export function runCli(args: string[], haltAt?: string): Promise<CliExit & { halted: boolean }> {
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
export function dbState(storePath: string): { byKek: Record<string, number>; marker?: string } {
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

export function integrity(storePath: string): unknown {
  const store = openSqliteStore({ path: storePath });
  try {
    return store.pragma('integrity_check');
  } finally {
    void store.close();
  }
}

/** Every object Gets back exactly the expected material (Key Material of any object type, as TTLV). */
export function verifyAll(conn: KmipConnection, expected: Map<string, Buffer>): Promise<string[]> {
  return verifyAllWith(conn, expected, materialOf);
}

/** Register `n` AES-256 keys with random known bytes (optionally with an Activation Date); uid -> raw key. */
export async function registerRaw(conn: KmipConnection, n: number, activationDate?: Date): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (let i = 0; i < n; i += 50) {
    const keys = Array.from({ length: Math.min(50, n - i) }, () => randomBytes(32));
    const answer = await call(conn, keys.map((k) => registerAesKey(V14, k, undefined, activationDate)));
    answer.forEach((a, k) => {
      const uid = textField(a.payload, Tag.UniqueIdentifier);
      if (!a.ok || !uid) throw new Error(`Register failed: ${a.reason} ${a.message ?? ''}`);
      out.set(uid, keys[k]);
    });
  }
  return out;
}

/** Raw keys as Get returns them for comparison: the TTLV encoding of their Key Material. */
export function asMaterial(raw: Map<string, Buffer>): Map<string, Buffer> {
  return new Map([...raw].map(([uid, k]) => [uid, encodeTtlv(T.bytes(Tag.KeyMaterial, k))]));
}

/** Register `n` AES keys with known bytes into `into` (uid -> encoded Key Material). */
export async function registerKnown(conn: KmipConnection, n: number, into: Map<string, Buffer>): Promise<void> {
  for (const [uid, m] of asMaterial(await registerRaw(conn, n))) into.set(uid, m);
}

export async function recordFromGet(conn: KmipConnection, uids: string[], into: Map<string, Buffer>): Promise<void> {
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


/** Record `port` as the server's port in `dir`'s tumbler.json, so the CLI finds the running server there. */
export function setConfiguredPort(dir: string, port: number): void {
  const file = path.join(dir, 'tumbler.json');
  const cfg = JSON.parse(fs.readFileSync(file, 'utf8'));
  cfg.server = { ...cfg.server, host: '127.0.0.1', port };
  fs.writeFileSync(file, JSON.stringify(cfg, null, 2));
}
