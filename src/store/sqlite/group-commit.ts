/**
 * Group commit on one synchronous better-sqlite3 connection.
 *
 * Every write runs at once inside one open transaction shared by all concurrent requests (BEGIN IMMEDIATE
 * on the first write). A COMMIT is scheduled (setImmediate, or after commitIntervalMs, or at once after
 * maxBatchWrites writes); with journal_mode=WAL and synchronous=FULL that COMMIT fsyncs the WAL, so one
 * fsync covers every request that wrote since the previous commit. durable() hands out the promise of the
 * commit that covers the writes made so far; when nothing is pending it is an already-resolved promise.
 * A failed COMMIT rolls the whole group back and rejects every waiter: nothing acknowledged is lost.
 *
 * With `walSyncFd` (the store's file databases) the fsync leaves the event loop: the connection runs with
 * synchronous=NORMAL, so COMMIT only appends the group's frames to the WAL (write(2), no fsync), and the
 * waiters are resolved after an fdatasync of the WAL file on the libuv thread pool. fdatasync flushes every
 * frame written to that file before it started, whichever descriptor wrote it, so a waiter still hears
 * "durable" only once its commit frame is on disk; meanwhile the next group is already being processed.
 * A commit made while a flush runs is never covered by it: it waits for one that starts later, at once (beside the
 * running one, at most MAX_SYNCS) when it holds a data write or has a waiter, else after the running one (so
 * records of reads share flushes). SQLite still syncs the WAL
 * before each checkpoint and the database after it in NORMAL mode, so checkpointed data is durable too.
 * A failed fdatasync leaves the page cache in an unknown state (the COMMIT cannot be taken back): the
 * committer is then broken for good: every waiter and every later write fails until the store is reopened.
 *
 * Record writes (WriteOptions.record: the audit record of a request that changed nothing) are told apart from
 * data writes so that a read need not wait for a disk flush that only its own record needs: settled()
 * resolves once every DATA write made so far is on disk (a read may have seen any of them, so an answer must
 * not reveal a change that a power cut could still take back) and the records written so far are committed
 * (in the WAL: a process crash cannot lose them; the fdatasync follows at once, or within recordSyncDelayMs when
 * the commits since the last flush hold only records). durable() keeps
 * waiting for the disk flush of everything, records included.
 */
import * as fs from 'node:fs';
import type Database from 'better-sqlite3';
import { StoreError } from '../errors';

export interface FaultInjector {
  /** Called just before COMMIT; throwing makes the commit fail (tests of the failure path). */
  beforeCommit?(): void;
  /** Called just before BEGIN IMMEDIATE; throwing acts as if BEGIN had failed (tests of the retry). */
  beforeBegin?(): void;
}

/** How long a write keeps retrying a BEGIN that SQLite refused as busy without waiting (see begin()). */
const BEGIN_RETRY_MS = 2000;
const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** After a failed BEGIN in join(), reads run outside groups this long (ms). */
const JOIN_BACKOFF_MS = 1000;
/** WAL flushes in flight at once (see syncSoon). */
const MAX_SYNCS = 2;

export interface GroupCommitOptions {
  /** 0 (default): commit on the next turn of the event loop (setImmediate). Otherwise wait this long. */
  commitIntervalMs?: number;
  /** Commit at once when a group reaches this many writes (bounds WAL growth and memory). Default 5000. */
  maxBatchWrites?: number;
  faultInjector?: FaultInjector;
  /** Called after a group was rolled back because its commit failed (the adapter resets its caches). */
  onRollback?(): void;
  /**
   * Descriptor of the open WAL file: COMMIT runs without fsync (synchronous=NORMAL is the caller's job) and
   * durability comes from an asynchronous fdatasync of this descriptor. Absent: COMMIT itself fsyncs.
   */
  walSyncFd?: number;
  /**
   * walSyncFd mode: how long the disk flush of a group holding only records (WriteOptions.record) may wait, so
   * that the flushes of a read-only load are shared (default 0: at once). Records are committed before the
   * answers they belong to either way, so a process crash cannot lose them; this bounds what a power cut can.
   * A flush that covers a data write, or that somebody waits for (durable()), starts at once.
   */
  recordSyncDelayMs?: number;
}

export interface WriteOptions {
  /** A record of a read (audit): not a change anybody is told about, see settled(). Default false. */
  record?: boolean;
  /** Run fn inside a savepoint (default true). A single INSERT is atomic by itself and may skip it. */
  atomic?: boolean;
}

interface Waiters {
  promise: Promise<void>;
  resolve(): void;
  reject(e: Error): void;
}

export class GroupCommitter {
  /** Monotonic count of writes: the write mark. */
  private writes = 0;
  private writesInGroup = 0;
  /** Highest write mark that belonged to a group whose commit failed. */
  private failedUpTo = 0;
  private waiters: Waiters | undefined;
  /** Write mark of the latest data write (not a record). */
  private dataMark = 0;
  /** Write mark covered by the latest successful COMMIT, and by the latest completed disk flush. */
  private committedMark = 0;
  private syncedMark = 0;
  /** The latest COMMIT failed (e.g. the files became read-only, the disk is full); cleared by the next success. */
  private lastCommitFailed = false;
  /** Waiters for the COMMIT of the open group only (settled()). */
  private commitWaiters: Waiters | undefined;
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private lastError: Error | undefined;
  /** Waiters of commits not yet covered by a started fdatasync (walSyncFd mode). */
  private unsynced: Waiters | undefined;
  /** The fdatasyncs in flight, oldest first, each with the write mark it covers (at most MAX_SYNCS). */
  private inflight: Array<{ covers: number; w: Waiters }> = [];
  /** A commit not yet covered by a started fdatasync holds a data write, or somebody waits for it. */
  private urgent = false;
  /** The delayed fdatasync of record-only commits (recordSyncDelayMs). */
  private syncTimer: NodeJS.Timeout | undefined;
  /** Set when an fdatasync failed: nothing can be acknowledged any more. */
  private broken: Error | undefined;
  /** join() does not try BEGIN before this time (Date.now()) after a BEGIN of its own failed. */
  private joinRefusedUntil = 0;
  /** Counts BEGINs: tells one group (one write-locked transaction) from the next (see serial). */
  private groupSerial = 0;
  /** One reusable transaction wrapper (creating one per write is measurably slower). */
  private readonly atomic: (fn: () => unknown) => unknown;

  constructor(
    private readonly db: Database.Database,
    private readonly opts: GroupCommitOptions = {},
  ) {
    this.atomic = db.transaction((fn: () => unknown) => fn());
  }

  get mark(): number {
    return this.writes;
  }

  /** False while the latest commit failed or the WAL can no longer be synced: writes are being refused. */
  get writable(): boolean {
    return !this.lastCommitFailed && !this.broken;
  }

  get pending(): boolean {
    return this.db.inTransaction;
  }

  /**
   * The open group's number (> 0), or 0 when no group is open. While one group stays open this connection
   * holds the write lock, so no other connection can commit: what it read from the database stays current.
   */
  get serial(): number {
    return this.db.inTransaction ? this.groupSerial : 0;
  }

  /**
   * Open the shared group for reads that come before the turn's writes (every request of a server with an
   * audit trail writes its record in the same turn), so those reads run inside the group's transaction and
   * not each in an implicit one of its own. The group is committed like any other (schedule). One attempt, no
   * retries, and nothing while writes are refused or after a failed BEGIN (e.g. the database became read-only):
   * the reads then run on their own, as before. Reads never wait for a group they opened: settled() counts writes.
   */
  join(): void {
    if (this.db.inTransaction || this.broken || this.lastCommitFailed || this.joinRefusedUntil > Date.now()) return;
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch {
      // E.g. another connection held the write lock beyond the busy timeout: reads do not wait for it again
      // for a while (the turn's own write still will, and reports the failure).
      this.joinRefusedUntil = Date.now() + JOIN_BACKOFF_MS;
      return;
    }
    this.groupSerial++;
    this.schedule();
  }

  /** Run one write in the shared transaction; the write itself is atomic (a savepoint unless opts.atomic is false). */
  write<T>(fn: () => T, opts: WriteOptions = {}): T {
    if (this.broken) throw new StoreError('commit-failed', `the database can no longer be synced: ${this.broken.message}`, { cause: this.broken });
    if (!this.db.inTransaction) this.begin();
    let result: T;
    try {
      // Inside an open transaction better-sqlite3 runs this as a SAVEPOINT: a failing write leaves no trace.
      result = (opts.atomic === false ? fn() : this.atomic(fn)) as T;
    } catch (e) {
      // SQLite may roll the whole transaction back by itself after SQLITE_FULL, SQLITE_IOERR or SQLITE_NOMEM:
      // then the group's earlier writes are gone too, and their waiters must hear so (not "committed").
      if (!this.db.inTransaction) this.groupLost(e);
      throw e;
    } finally {
      this.schedule();
    }
    this.writes++;
    if (!opts.record) this.dataMark = this.writes;
    this.writesInGroup++;
    if (this.writesInGroup >= (this.opts.maxBatchWrites ?? 5000)) this.commitNow();
    return result;
  }

  /**
   * BEGIN IMMEDIATE, retried while SQLite answers SQLITE_BUSY. The connection's busy timeout covers the usual
   * case (another connection holds the write lock), but while the checkpoint worker runs a RESTART checkpoint
   * a BEGIN was seen to fail at once with SQLITE_BUSY (about once per 10,000 Creates under load), which failed
   * a client's request with General Failure. A short synchronous wait, as SQLite's own busy handler does.
   */
  private begin(): void {
    const deadline = Date.now() + BEGIN_RETRY_MS;
    for (let delay = 1; ; delay = Math.min(delay * 2, 16)) {
      try {
        this.opts.faultInjector?.beforeBegin?.();
        this.db.exec('BEGIN IMMEDIATE');
        this.groupSerial++;
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw e;
        Atomics.wait(sleepCell, 0, 0, delay);
      }
    }
  }

  durable(sinceMark?: number): Promise<void> {
    if (this.broken) {
      return Promise.reject(new StoreError('commit-failed', `the database can no longer be synced: ${this.broken.message}`, { cause: this.broken }));
    }
    if (sinceMark !== undefined && this.failedUpTo > sinceMark) {
      return Promise.reject(
        new StoreError('commit-failed', 'a commit covering writes made since the mark failed', { cause: this.lastError }),
      );
    }
    if (!this.db.inTransaction) {
      // Committed but maybe not yet on disk: wait for the fdatasync that will cover it (now, if it was delayed).
      if (this.unsynced) this.syncSoon(true);
      const pendingSync = this.unsynced ?? this.inflight[this.inflight.length - 1]?.w;
      return pendingSync ? pendingSync.promise : Promise.resolve();
    }
    if (!this.waiters) this.waiters = newWaiters();
    this.schedule();
    return this.waiters.promise;
  }

  /**
   * What an answer that changed nothing waits for: every data write made so far on disk, and the records
   * (audit) written so far committed. Falls back to durable() while a data write is not yet on disk.
   */
  settled(sinceMark?: number): Promise<void> {
    if (this.broken || (sinceMark !== undefined && this.failedUpTo > sinceMark)) return this.durable(sinceMark);
    if (this.dataMark > this.syncedMark) return this.durable(sinceMark);
    if (!this.db.inTransaction) return Promise.resolve();
    if (!this.commitWaiters) this.commitWaiters = newWaiters();
    this.schedule();
    return this.commitWaiters.promise;
  }

  /** Commit the current group now (used by the scheduler, by maxBatchWrites and by close). */
  commitNow(): void {
    if (this.timer) {
      if (this.opts.commitIntervalMs) clearTimeout(this.timer as NodeJS.Timeout);
      else clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = undefined;
    }
    const waiters = this.waiters;
    const commitWaiters = this.commitWaiters;
    this.waiters = undefined;
    this.commitWaiters = undefined;
    this.writesInGroup = 0;
    if (!this.db.inTransaction) {
      waiters?.resolve();
      commitWaiters?.resolve();
      return;
    }
    if (this.broken) {
      // An fdatasync failed after this group's writes were made (e.g. in the same turn): a later flush would
      // prove nothing for frames behind the ones that may be lost, so the group is never committed.
      this.rollBackGroup(this.broken, 'the WAL can no longer be synced', waiters, commitWaiters);
      return;
    }
    try {
      this.opts.faultInjector?.beforeCommit?.();
      this.db.exec('COMMIT');
    } catch (e) {
      this.rollBackGroup(e, 'group commit failed', waiters, commitWaiters);
      return;
    }
    const hadData = this.dataMark > this.committedMark;
    this.committedMark = this.writes;
    this.lastCommitFailed = false;
    commitWaiters?.resolve();
    if (this.opts.walSyncFd === undefined) {
      this.syncedMark = this.committedMark;
      waiters?.resolve();
      return;
    }
    // The group is in the WAL but not yet on disk: its waiters wait for the next fdatasync.
    if (!this.unsynced) this.unsynced = waiters ?? newWaiters();
    else if (waiters) this.unsynced.promise.then(waiters.resolve, waiters.reject);
    this.syncSoon(hadData || waiters !== undefined);
  }

  /**
   * Start the fdatasync of what is committed: at once when `urgent` (a data write, or a waiter) or when no delay
   * is configured; otherwise within recordSyncDelayMs. A flush for a data write or a waiter starts even while
   * another one runs (up to MAX_SYNCS), so it does not first wait for a flush that cannot cover it; flushes of
   * records alone wait for the running one, so that they are shared.
   */
  private syncSoon(urgent: boolean): void {
    if (urgent) this.urgent = true;
    if (!this.unsynced) return;
    if (this.inflight.length > 0 && !(this.urgent && this.inflight.length < MAX_SYNCS)) return;
    const delay = this.opts.recordSyncDelayMs ?? 0;
    if (this.urgent || delay <= 0) {
      if (this.syncTimer) clearTimeout(this.syncTimer);
      this.syncTimer = undefined;
      this.startSync();
    } else if (!this.syncTimer) {
      this.syncTimer = setTimeout(() => {
        this.syncTimer = undefined;
        if (this.inflight.length === 0) this.startSync();
      }, delay);
    }
  }

  /** A write failed and SQLite rolled the open group back with it: fail the group as a failed commit would. */
  private groupLost(e: unknown): void {
    if (this.timer) {
      if (this.opts.commitIntervalMs) clearTimeout(this.timer as NodeJS.Timeout);
      else clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = undefined;
    }
    const waiters = this.waiters;
    const commitWaiters = this.commitWaiters;
    this.waiters = undefined;
    this.commitWaiters = undefined;
    this.writesInGroup = 0;
    this.rollBackGroup(e, 'a write failed and SQLite rolled the group back', waiters, commitWaiters);
  }

  private rollBackGroup(e: unknown, what: string, waiters: Waiters | undefined, commitWaiters: Waiters | undefined): void {
    this.failedUpTo = this.writes;
    this.lastCommitFailed = true;
    // The group's writes are gone: a read no longer waits for them to reach the disk.
    this.dataMark = Math.min(this.dataMark, this.committedMark);
    this.lastError = e instanceof Error ? e : new Error(String(e));
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } catch {
      // The connection is unusable if even ROLLBACK fails; the next BEGIN will report it.
    }
    this.opts.onRollback?.();
    const failure = new StoreError('commit-failed', `${what}: ${this.lastError.message}`, { cause: e });
    waiters?.reject(failure);
    commitWaiters?.reject(failure);
  }

  private startSync(): void {
    const w = this.unsynced;
    if (!w || this.opts.walSyncFd === undefined) return;
    this.unsynced = undefined;
    this.urgent = false;
    // Everything committed before the flush starts is covered by it.
    const entry = { covers: this.committedMark, w };
    this.inflight.push(entry);
    fs.fdatasync(this.opts.walSyncFd, (err) => {
      const at = this.inflight.indexOf(entry);
      if (err) {
        this.broken = err;
        this.failedUpTo = this.writes;
        this.lastError = err;
        const e = new StoreError('commit-failed', `fdatasync of the WAL failed: ${err.message}`, { cause: err });
        // This flush's waiters are among them, unless a later flush already released them.
        for (const f of this.inflight.splice(0)) f.w.reject(e);
        this.unsynced?.reject(e);
        this.unsynced = undefined;
        return;
      }
      // Flushes started before this one cover less: their frames were written before it started, so they are
      // on disk now too. Flushes started after it keep running for what they cover.
      const done = at < 0 ? [] : this.inflight.splice(0, at + 1);
      this.syncedMark = Math.max(this.syncedMark, entry.covers);
      for (const f of done) f.w.resolve();
      this.syncSoon(false);
    });
  }

  private schedule(): void {
    if (this.timer || !this.db.inTransaction) return;
    const run = () => {
      this.timer = undefined;
      this.commitNow();
    };
    this.timer = this.opts.commitIntervalMs ? setTimeout(run, this.opts.commitIntervalMs) : setImmediate(run);
  }
}

function newWaiters(): Waiters {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  // A group nobody waits for must not surface as an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
