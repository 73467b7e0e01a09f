import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Opens the WAL for fdatasync and makes its directory entry durable once. The WAL exists from the first
 * transaction in WAL mode (migrate ran one) and keeps its inode while this connection is open: SQLite deletes
 * it only when the last connection closes, and it is reused, not recreated, after checkpoints.
 */
export function openWalForSync(dbPath: string): number {
  const wal = `${dbPath}-wal`;
  if (!fs.existsSync(wal)) throw new Error(`WAL file ${wal} is missing after opening the database`);
  const fd = fs.openSync(wal, 'r');
  try {
    const dir = fs.openSync(path.dirname(path.resolve(dbPath)), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  return fd;
}
