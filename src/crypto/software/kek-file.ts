/**
 * The software provider's KEKs: 256-bit AES keys in one JSON file in the server directory, mode 0600.
 *   { "current": "sw-kek-2", "keys": { "sw-kek-1": "<hex>", "sw-kek-2": "<hex>" } }
 * Old KEKs stay so material wrapped under them can still be unwrapped and re-wrapped (rotation).
 * Writes go to a temporary file that is renamed over the old one, so a crash never leaves half a file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CryptoUnavailableError } from '../errors';

export const KEK_FILE_NAME = 'software-kek.json';

export interface KekSet {
  current: string;
  keys: Map<string, Buffer>;
}

export function loadOrCreateKeks(dir: string, create: boolean): KekSet {
  const file = path.join(dir, KEK_FILE_NAME);
  if (!fs.existsSync(file)) {
    if (!create) throw new CryptoUnavailableError(`software KEK file ${file} does not exist (initialise the server directory first)`, 'KEK_MISSING');
    const set: KekSet = { current: 'sw-kek-1', keys: new Map([['sw-kek-1', randomBytes(32)]]) };
    saveKeks(dir, set);
    return set;
  }
  const st = fs.statSync(file);
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
    throw new CryptoUnavailableError(`software KEK file ${file} is readable by others (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it`, 'KEK_MODE');
  }
  let parsed: { current?: unknown; keys?: Record<string, unknown> };
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new CryptoUnavailableError(`software KEK file ${file} is not valid JSON`, 'KEK_CORRUPT');
  }
  const keys = new Map<string, Buffer>();
  for (const [id, hex] of Object.entries(parsed.keys ?? {})) {
    if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/i.test(hex)) {
      throw new CryptoUnavailableError(`software KEK ${id} in ${file} is not 32 bytes of hex`, 'KEK_CORRUPT');
    }
    keys.set(id, Buffer.from(hex, 'hex'));
  }
  if (typeof parsed.current !== 'string' || !keys.has(parsed.current)) {
    throw new CryptoUnavailableError(`software KEK file ${file} names no valid current KEK`, 'KEK_CORRUPT');
  }
  return { current: parsed.current, keys };
}

export function saveKeks(dir: string, set: KekSet): void {
  const file = path.join(dir, KEK_FILE_NAME);
  const tmp = `${file}.${process.pid}.tmp`;
  const keys: Record<string, string> = {};
  for (const [id, k] of set.keys) keys[id] = k.toString('hex');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(tmp, JSON.stringify({ current: set.current, keys }, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

export function nextKekId(set: KekSet): string {
  let max = 0;
  for (const id of set.keys.keys()) {
    const m = /^sw-kek-(\d+)$/.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `sw-kek-${max + 1}`;
}
