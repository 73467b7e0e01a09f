/**
 * Opening the store's SQLite connection: WAL journal, the pragmas the group committer relies on, the schema
 * migrations, the WAL descriptor it fdatasyncs, and the background checkpoint worker.
 */
import * as fs from 'node:fs';
import Database from 'better-sqlite3';
import { BackgroundCheckpointer } from './checkpointer';
import { migrate } from './migrations';
import { shortUniqueIdentifier } from '../../attributes/short-uid';
import type { SqliteStoreOptions } from './options';
import { openWalForSync } from './wal-sync';

export interface OpenedConnection {
  db: Database.Database;
  /** Read-only descriptor of the WAL file, fdatasynced by the group committer (undefined for ":memory:"). */
  walFd: number | undefined;
  checkpointer: BackgroundCheckpointer | undefined;
}

/**
 * SQL functions the store's queries use: short_uid(uid), the derived Short Unique Identifier
 * (src/attributes/short-uid.ts), for Locate by it (locate.ts).
 */
function registerSqlFunctions(db: Database.Database): void {
  db.function('short_uid', { deterministic: true }, (uid: unknown) => (typeof uid === 'string' ? shortUniqueIdentifier(uid) : null));
}

/** isClosed: whether the store was closed meanwhile (a failed checkpoint worker then changes nothing). */
export function openConnection(opts: SqliteStoreOptions, isClosed: () => boolean): OpenedConnection {
  const db = new Database(opts.path);
  let walFd: number | undefined;
  let checkpointer: BackgroundCheckpointer | undefined;
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000))}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal' && opts.path !== ':memory:') {
      throw new Error(`cannot enable WAL journal mode (got ${String(mode)})`);
    }
    // NORMAL: COMMIT appends to the WAL without fsync; the group committer fdatasyncs the WAL itself,
    // off the event loop, before anyone is told a write is durable (group-commit.ts).
    db.pragma(`synchronous = ${opts.path === ':memory:' ? 'FULL' : 'NORMAL'}`);
    // A larger page cache keeps index pages of a big store in memory (negative = KiB).
    db.pragma(`cache_size = -${Math.max(2048, Math.trunc(opts.cacheSizeKiB ?? 65536))}`);
    // Savepoint (sub-)journals and temporary tables in memory: with the default, every write's savepoint
    // opened and wrote a temporary file (measured: ~400 us of system time per Create).
    db.pragma('temp_store = MEMORY');
    registerSqlFunctions(db);
    migrate(db, undefined, opts.migrationProgress);
    if (opts.path !== ':memory:') walFd = openWalForSync(opts.path);
    if (opts.backgroundCheckpoint && opts.path !== ':memory:') {
      const tuning = typeof opts.backgroundCheckpoint === 'object' ? opts.backgroundCheckpoint : {};
      db.pragma('wal_autocheckpoint = 0');
      checkpointer = new BackgroundCheckpointer({
        path: opts.path,
        busyTimeoutMs: opts.busyTimeoutMs,
        ...tuning,
        onError: (err, fatal) => {
          opts.onCheckpointError?.(err);
          // A worker that is gone cannot checkpoint any more: fall back to SQLite's own checkpoints.
          if (fatal && !isClosed()) db.pragma('wal_autocheckpoint = 1000');
        },
      });
    }
  } catch (e) {
    if (walFd !== undefined) fs.closeSync(walFd);
    db.close();
    throw e;
  }
  return { db, walFd, checkpointer };
}
