/**
 * The HMAC key that signs audit checkpoints: 32 random bytes, hex, in <dir>/audit-hmac.key (mode 0600),
 * created on first use by the server. Someone able to rewrite the database but not to read this file
 * cannot forge a checkpoint, so a rewritten chain is detected up to the last checkpoint.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export const AUDIT_KEY_FILE = 'audit-hmac.key';

export function auditKeyPath(dir: string, configured?: string): string {
  return configured ?? path.join(path.resolve(dir), AUDIT_KEY_FILE);
}

export function loadAuditKey(file: string, create: boolean): Buffer {
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(text)) throw new Error(`${file} does not hold a 32-byte hex audit HMAC key`);
    return Buffer.from(text, 'hex');
  }
  if (!create) throw new Error(`audit HMAC key ${file} not found`);
  const key = randomBytes(32);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // 'wx': never overwrite a key another process created meanwhile.
  try {
    fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadAuditKey(file, false);
    throw err;
  }
  fs.chmodSync(file, 0o600);
  return key;
}
