/** Options of the SQLite object store (store.ts). */
import type { FaultInjector } from './group-commit';
import type { MigrationProgress } from './migrations';

export interface SqliteStoreOptions {
  path: string;
  /** How long to wait for a lock held by another connection (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Group commit delay: 0 (default) commits on the next event-loop turn. */
  commitIntervalMs?: number;
  /**
   * How long the disk flush of a group that holds only audit records of reads may wait, to be shared with the
   * next ones (GroupCommitOptions.recordSyncDelayMs; default 0). Data writes are flushed at once, always.
   */
  recordSyncDelayMs?: number;
  /** Commit at once after this many writes in one group (default 5000). */
  maxBatchWrites?: number;
  /** SQLite page cache in KiB (default 65536 = 64 MiB). */
  cacheSizeKiB?: number;
  /** Decoded objects kept in memory for get() (default 4096, about 3.6 KiB each; 0 disables the cache). */
  objectCacheSize?: number;
  /** Tests only: provoke commit failures. */
  faultInjector?: FaultInjector;
  /**
   * Run WAL checkpoints in a worker thread instead of inside COMMIT on this connection (checkpointer.ts): the
   * server sets it so that no checkpoint fsync ever runs on the event loop. Short-lived CLI processes keep
   * SQLite's automatic checkpoints. Ignored for ":memory:".
   */
  backgroundCheckpoint?: boolean | { intervalMs?: number; restartPages?: number };
  /** Told before and after schema migrations run at open (the server logs them: one may take a while). */
  migrationProgress?: MigrationProgress;
  /** A background checkpoint failed (logged by the server; the next one retries). */
  onCheckpointError?(err: Error): void;
}
