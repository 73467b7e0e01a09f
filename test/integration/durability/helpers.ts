/**
 * Helpers of the durability tests: a real Tumbler server as a child process (server-child.ts loaded
 * from the TypeScript sources through ts-hook.js), a mutual-TLS client on its admin certificate, and
 * the few KMIP exchanges the tests need (Register, Create, Get in batches), built with the benchmark's
 * request builders.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KmipConnection } from '../../../src/client/connection';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../../src/bench/local-server';
import {
  createAesKey, decodeResponse, encodeRequest, getItem, registerAesKey, textField,
  type KmipVersion, type RequestItem, type ResponseItem,
} from '../../../src/bench/requests';
import { Tag } from '../../../src/kmip';
import { child, type TtlvItem } from '../../../src/ttlv/item';
import { ItemType } from '../../../src/kmip/item-type';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const TS_HOOK = path.join(__dirname, 'ts-hook.js');
export const V14: KmipVersion = { major: 1, minor: 4 };

/**
 * The crypto provider the tests demand: SoftHSM2 whenever it is installed, and always under CI (the
 * team rule); 'auto' would fall back to the software provider silently and hide a token problem.
 */
export function cryptoMode(): 'pkcs11' | 'auto' {
  return process.env.CI === 'true' || fs.existsSync('/usr/lib/softhsm/libsofthsm2.so') ? 'pkcs11' : 'auto';
}

export function startServerChild(dir: string, overrides?: LocalServerOptions['overrides']): Promise<LocalServer> {
  return startLocalServer({
    dir,
    overrides,
    crypto: cryptoMode(),
    logLevel: 'error',
    entry: { script: path.join(ROOT, 'src', 'bench', 'server-child.ts'), execArgv: ['-r', TS_HOOK] },
    startTimeoutMs: 180_000,
  });
}

export function connect(server: LocalServer): Promise<KmipConnection> {
  return KmipConnection.connect({
    host: '127.0.0.1',
    port: server.port,
    cert: fs.readFileSync(path.join(server.dir, 'clients', 'admin.pem')),
    key: fs.readFileSync(path.join(server.dir, 'clients', 'admin-key.pem')),
    ca: fs.readFileSync(path.join(server.dir, 'ca.pem')),
    requestTimeoutMs: 60_000,
  });
}

export async function call(conn: KmipConnection, items: RequestItem[]): Promise<ResponseItem[]> {
  const answer = decodeResponse(await conn.request(encodeRequest(V14, items)));
  if (answer.length !== items.length) {
    const why = answer[0] ? ` (reason ${answer[0].reason}: ${answer[0].message ?? ''})` : '';
    throw new Error(`${answer.length} batch items answered for ${items.length}${why}`);
  }
  return answer;
}

/** Key Material of a Get answer (Symmetric Key / Key Block / Key Value / Key Material). */
export function keyMaterial(payload: TtlvItem | undefined): Buffer | undefined {
  const km = child(child(child(child(payload, Tag.SymmetricKey), Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);
  return km?.type === ItemType.ByteString ? km.value : undefined;
}

export const uidOf = (r: ResponseItem): string | undefined => textField(r.payload, Tag.UniqueIdentifier);

export { createAesKey, getItem, registerAesKey };

/**
 * Get every uid (batches of 50) and return what did not come back with exactly the expected material, as
 * `read` takes it from the Get answer (default: the Key Material byte string).
 */
export async function verifyAll(
  conn: KmipConnection,
  expected: Map<string, Buffer>,
  read: (payload: TtlvItem | undefined) => Buffer | undefined = keyMaterial,
): Promise<string[]> {
  const problems: string[] = [];
  const uids = [...expected.keys()];
  for (let i = 0; i < uids.length; i += 50) {
    const part = uids.slice(i, i + 50);
    const answer = await call(conn, part.map(getItem));
    answer.forEach((a, k) => {
      const uid = part[k];
      if (!a.ok) problems.push(`${uid}: Get failed (reason ${a.reason}: ${a.message ?? ''})`);
      else if (!read(a.payload)?.equals(expected.get(uid)!)) problems.push(`${uid}: key material differs`);
    });
  }
  return problems;
}

/** chattr +i works here (root on ext4/xfs with CAP_LINUX_IMMUTABLE)? */
export function immutableFlagWorks(dir: string): boolean {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const probe = path.join(dir, 'chattr-probe');
  fs.writeFileSync(probe, 'x');
  const on = spawnSync('chattr', ['+i', probe]);
  if (on.status !== 0) {
    fs.rmSync(probe, { force: true });
    return false;
  }
  let blocked = false;
  try {
    fs.appendFileSync(probe, 'y');
  } catch {
    blocked = true;
  }
  spawnSync('chattr', ['-i', probe]);
  fs.rmSync(probe, { force: true });
  return blocked;
}

export function chattr(flag: '+i' | '-i', files: string[]): void {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  for (const f of files) {
    if (!fs.existsSync(f)) continue;
    const r = spawnSync('chattr', [flag, f], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`chattr ${flag} ${f}: ${r.stderr}`);
  }
}

/** Register n fresh AES keys in one batch (all must succeed) and serve each once, so later Gets are pure reads. */
export async function registerServedKeys(conn: KmipConnection, material: Map<string, Buffer>, n: number): Promise<void> {
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const keys = Array.from({ length: n }, () => randomBytes(32));
  const reg = await call(conn, keys.map((k) => registerAesKey(V14, k)));
  reg.forEach((r, i) => {
    if (!r.ok || !uidOf(r)) throw new Error(`Register failed: reason ${r.reason}: ${r.message ?? ''}`);
    material.set(uidOf(r)!, keys[i]);
  });
  // A first Get writes (Fresh becomes false, KMIP 1.1 §3.34): serve each key once now.
  const problems = await verifyAll(conn, material);
  if (problems.length) throw new Error(`first Gets failed: ${problems.join('; ')}`);
}

/**
 * Successful Get records in the audit table between two times, counted through a separate read-only
 * connection; waits (up to 20 s) for `expected` of them, since records of reads served while the
 * database refused writes are chained by a retry every 2 s.
 */
export async function auditedGets(dbFile: string, from: string, to: string, expected: number): Promise<number> {
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const count = (): number => {
    const d = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare("SELECT count(*) AS n FROM audit WHERE operation = 'Get' AND status = 'Success' AND time >= ? AND time <= ?").get(from, to) as { n: number }).n;
    } finally {
      d.close();
    }
  };
  const deadline = Date.now() + 20_000;
  while (count() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  return count();
}

/**
 * After a kill: restart on the same directory, every acknowledged key must Get with identical material,
 * then (server stopped) the database must pass integrity_check and, with `auditChain`, `audit verify`.
 */
export async function restartAndVerify(
  serverDir: string,
  dbFile: string,
  material: Map<string, Buffer>,
  o: { overrides?: LocalServerOptions['overrides']; auditChain: boolean },
): Promise<{ problems: string[]; integrity: unknown; chainOk: boolean | undefined }> {
  const { openSqliteStore } = require('../../../src/store/sqlite') as typeof import('../../../src/store/sqlite');
  const { loadAuditKey, verifyChain } = require('../../../src/audit') as typeof import('../../../src/audit');
  const again = await startServerChild(serverDir, o.overrides);
  let problems: string[];
  try {
    const conn = await connect(again);
    problems = await verifyAll(conn, material);
    await conn.close();
  } finally {
    await again.stop();
  }
  const store = openSqliteStore({ path: dbFile });
  try {
    const integrity = store.pragma('integrity_check');
    const chainOk = o.auditChain ? verifyChain(store.connection, loadAuditKey(path.join(serverDir, 'audit-hmac.key'), false)).ok : undefined;
    return { problems, integrity, chainOk };
  } finally {
    await store.close();
  }
}
