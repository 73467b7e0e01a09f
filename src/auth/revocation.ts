/**
 * Revoked client certificates: <dir>/revoked-clients.json, written by `tumbler certs revoke`, read by the
 * TLS listener (trust.ts hook) for every new connection. The check compares the SHA-256 fingerprint of the
 * client's leaf certificate, so it works for CA-issued and pinned self-signed certificates alike. The file
 * is re-read when its modification time or size changes, so a revocation applies to the next handshake
 * without restarting the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REVOKED_FILE = 'revoked-clients.json';

export interface RevokedEntry {
  fingerprint: string;
  serial: string;
  subject: string;
  reason: string;
  revokedAt: string;
  revokedBy: string;
}

export function revokedFilePath(dir: string): string {
  return path.join(path.resolve(dir), REVOKED_FILE);
}

export function readRevocations(file: string): RevokedEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const parsed = JSON.parse(text) as { revoked?: unknown };
  if (!parsed || !Array.isArray(parsed.revoked)) throw new Error(`${file}: expected {"revoked": [...]}`);
  return (parsed.revoked as RevokedEntry[]).filter((e) => e && typeof e.fingerprint === 'string');
}

/** Add entries (atomic replace: write a temporary file, then rename). */
export function addRevocations(file: string, entries: RevokedEntry[]): void {
  const all = readRevocations(file);
  for (const e of entries) if (!all.some((x) => x.fingerprint === e.fingerprint)) all.push(e);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ revoked: all }, null, 2) + '\n', { mode: 0o644 });
  fs.renameSync(tmp, file);
}

/**
 * A checker for the listener: true when the fingerprint is revoked. An unreadable or malformed file
 * fails closed (every certificate is refused) rather than silently accepting revoked ones.
 */
export function revocationChecker(file: string, onError?: (err: Error) => void): (fingerprint: string) => boolean {
  let stamp = '';
  let set = new Set<string>();
  let broken = false;
  return (fingerprint) => {
    let st: fs.Stats | undefined;
    try {
      // Checked on every connection, so that a revocation applies to the next handshake. No exception for
      // the usual case of no revocation file (building one per connection cost ~2 % of a handshake).
      st = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      st = undefined;
    }
    const now = st ? `${st.mtimeMs}:${st.size}:${st.ino}` : 'absent';
    if (now !== stamp) {
      stamp = now;
      try {
        set = new Set(readRevocations(file).map((e) => e.fingerprint.toLowerCase()));
        broken = false;
      } catch (err) {
        broken = true;
        onError?.(err as Error);
      }
    }
    return broken || set.has(fingerprint.toLowerCase());
  };
}
