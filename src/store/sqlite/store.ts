/**
 * SQLite object store (better-sqlite3, one connection per process).
 *
 * Durability design — chosen: group commit on the main thread, not a worker thread. Why:
 *  - the ObjectStore port is synchronous for reads and writes (operations read their own writes at once, the
 *    batch runner undoes with a journal); a worker thread would make every call asynchronous and still need
 *    the same shared-transaction bookkeeping on the other side of a message channel;
 *  - better-sqlite3 statements cost microseconds, so running them inline is cheaper than a postMessage hop;
 *  - the only slow step is the fsync, and group commit pays it once for all requests that wrote since the
 *    previous one (see group-commit.ts), not once per request. For a file database it is an fdatasync of the
 *    WAL on the libuv thread pool (synchronous=NORMAL + our own sync), so the event loop keeps serving
 *    requests during the few milliseconds a disk flush takes; ":memory:" has nothing to sync.
 * Safety: responses go out only after durable() resolves; a failed COMMIT rolls back the whole group and
 * rejects every waiter, so nothing that was acknowledged can be lost. Reads on this connection see
 * uncommitted writes, which is harmless because nobody learns of them before their commit.
 */
import * as fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { Journal, LocateQuery, ObjectStore, StoredObject, WalkOptions } from '../port';
import { erasedError, StoreError } from '../errors';
import { cloneObject } from '../match';
import { GroupCommitter, type WriteOptions } from './group-commit';
import type { BackgroundCheckpointer } from './checkpointer';
import { openConnection } from './connection';
import type { SqliteStoreOptions } from './options';
import { LocateRunner } from './locate-runner';
import { prepareStatements, type Statements, type WrapRow } from './statements';
import { type AttributeRow, type ObjectRow, attributeRow, toStoredObject } from './rows';
import { diffAttributeRows, sameObjectRow, type StoredAttributeRow } from './row-diff';

/** Prior image of one object, for journal rollback (null = the object did not exist). */
interface Image {
  object: ObjectRow;
  /** With their rowids, in rowid order (the object's attribute order). */
  attributes: Array<AttributeRow & StoredAttributeRow>;
}

class SqliteJournal implements Journal {
  readonly images = new Map<string, Image | null>();
  constructor(readonly store: SqliteStore) {}
  rollback(): void {
    this.store.restoreImages(this.images);
    this.images.clear();
  }
}

export class SqliteStore implements ObjectStore {
  readonly name = 'sqlite';
  private readonly db: Database.Database;
  private readonly gc: GroupCommitter;
  private nextSeq: number;
  private closed = false;
  private readonly stmts: Statements;
  /** Read-only descriptor of the WAL file, fdatasynced by the group committer (undefined for ":memory:"). */
  private readonly walFd: number | undefined;
  private readonly locator: LocateRunner;
  /**
   * Decoded objects by uid (Map order = LRU order). get() hands out copies. The store is the only writer of
   * its objects: every write drops the uid before touching the database, and a failed group commit drops
   * everything, so an entry always equals what the database holds.
   */
  private readonly objects = new Map<string, StoredObject>();
  private readonly objectCacheSize: number;
  /**
   * PRAGMA data_version as last seen: it changes when ANOTHER connection (e.g. `tumbler keys destroy` run
   * while the server serves) commits. Then the object cache and the creation sequence are stale and are
   * reloaded before they are used.
   */
  private dataVersion: number;
  private readonly checkpointer: BackgroundCheckpointer | undefined;
  /** The group (GroupCommitter.serial) in which dataVersion was last checked; 0: outside any group. */
  private checkedInGroup = 0;

  constructor(opts: SqliteStoreOptions) {
    const c = openConnection(opts, () => this.closed);
    this.db = c.db;
    this.walFd = c.walFd;
    this.checkpointer = c.checkpointer;
    const db = this.db;
    this.stmts = prepareStatements(db);
    this.locator = new LocateRunner(db, this.stmts.attrsByName);
    this.objectCacheSize = Math.max(0, Math.trunc(opts.objectCacheSize ?? 4096));
    this.nextSeq = this.loadMaxSeq() + 1;
    this.dataVersion = this.stmts.dataVersion.get() as number;
    this.gc = new GroupCommitter(db, {
      commitIntervalMs: opts.commitIntervalMs,
      recordSyncDelayMs: opts.recordSyncDelayMs,
      maxBatchWrites: opts.maxBatchWrites,
      faultInjector: opts.faultInjector,
      walSyncFd: this.walFd,
      onRollback: () => {
        this.nextSeq = this.loadMaxSeq() + 1;
        this.objects.clear();
      },
    });
  }

  /** Drop what another connection's commit may have made stale (see dataVersion). */
  private syncWithOtherWriters(): void {
    const v = this.stmts.dataVersion.get() as number;
    if (v === this.dataVersion) return;
    this.dataVersion = v;
    this.objects.clear();
    this.nextSeq = Math.max(this.nextSeq, this.loadMaxSeq() + 1);
  }

  /**
   * Before a read of the cache (and before insert): check for other writers' commits, once per write group
   * (inside a group this connection holds the write lock, nobody else can commit) or every time outside one.
   */
  private current(): void {
    const group = this.gc.serial;
    if (group !== 0 && group === this.checkedInGroup) return;
    this.syncWithOtherWriters();
    this.checkedInGroup = group;
  }

  /**
   * Open the shared write group now, for a unit of work that will write in this turn anyway (the server calls it
   * for each request when its audit trail is on: every request writes a record): its reads then run inside the
   * group's transaction instead of each in an implicit one, and the check for other writers runs once per group.
   * The group commits on the next turn like any other. Does nothing while writes are being refused, or for a
   * second after a BEGIN that failed (GroupCommitter.join): the reads then run on their own.
   */
  joinWriteGroup(): void {
    this.open();
    this.gc.join();
  }

  get(uid: string): StoredObject | undefined {
    this.open();
    this.current();
    const hit = this.objects.get(uid);
    if (hit) {
      this.objects.delete(uid);
      this.objects.set(uid, hit);
      return cloneObject(hit);
    }
    const row = this.stmts.getObject.get(uid) as ObjectRow | undefined;
    if (!row) return undefined;
    const obj = toStoredObject(row, this.stmts.getAttrs.all(uid) as AttributeRow[]);
    if (this.objectCacheSize > 0) {
      this.objects.set(uid, cloneObject(obj));
      if (this.objects.size > this.objectCacheSize) this.objects.delete(this.objects.keys().next().value as string);
    }
    return obj;
  }

  locate(query: LocateQuery): string[] {
    this.open();
    return this.locator.locate(query);
  }

  locateAsync(query: LocateQuery, opts: WalkOptions = {}): Promise<string[]> {
    this.open();
    return this.locator.locateAsync(query, opts);
  }

  countAsync(query: LocateQuery, opts: WalkOptions = {}): Promise<number> {
    this.open();
    return this.locator.countAsync(query, opts);
  }

  count(query: LocateQuery): number {
    this.open();
    return this.locator.count(query);
  }

  /** The query plan of a Locate (EXPLAIN QUERY PLAN details), for tests and diagnostics. */
  explainLocate(query: LocateQuery): string[] {
    return this.locator.explain(query);
  }

  insert(obj: StoredObject, journal?: Journal): void {
    this.open();
    const j = this.journalOf(journal);
    this.current();
    this.objects.delete(obj.uid);
    this.gc.write(() => {
      if (this.stmts.hasObject.get(obj.uid)) throw new StoreError('duplicate', `object ${obj.uid} already exists`);
      // Its prior image: it did not exist (just checked), so a rollback removes it.
      if (j && !j.images.has(obj.uid)) j.images.set(obj.uid, null);
      this.insertObject(obj, this.nextSeq);
    });
    this.nextSeq++;
  }

  update(obj: StoredObject, journal?: Journal): void {
    this.open();
    const j = this.journalOf(journal);
    this.objects.delete(obj.uid);
    this.gc.write(() => {
      // The rows as stored serve both as the journal's undo image and as the base of the diff.
      const before = this.image(obj.uid, j);
      if (!before) throw new StoreError('not-found', `object ${obj.uid} not found`);
      if (before.object.material === null && obj.material !== null) throw erasedError(obj.uid);
      // Only what changed is written (row-diff.ts): the first Get of a key only turns Fresh false.
      if (!sameObjectRow(before.object, obj)) {
        this.stmts.updateObject.run(obj.objectType, obj.state, obj.owner, obj.tenant, obj.body, obj.material, obj.kekId, obj.uid);
      }
      const diff = diffAttributeRows(before.attributes, obj.attributes.map((a) => attributeRow(obj.uid, a)));
      for (const u of diff.update) this.stmts.updateAttr.run(u.row.type, u.row.tag, u.row.value_int, u.row.value_text, u.row.value_blob, u.rid);
      for (const rid of diff.remove) this.stmts.deleteAttrRow.run(rid);
      for (const r of diff.insert) this.insertAttributeRow(r);
    });
  }

  remove(uid: string, journal?: Journal): void {
    this.open();
    const j = this.journalOf(journal);
    this.objects.delete(uid);
    this.gc.write(() => {
      if (!this.stmts.hasObject.get(uid)) throw new StoreError('not-found', `object ${uid} not found`);
      this.record(j, uid);
      this.stmts.deleteAttrs.run(uid);
      this.stmts.deleteObject.run(uid);
    });
  }

  /**
   * KEK rotation (src/kek-rotation.ts): up to `limit` objects whose wrapped material is not under `kekId`,
   * in creation order after `afterSeq` (so a pass also meets objects added while it runs).
   */
  wrapsNotUnder(kekId: string, afterSeq: number, limit: number): WrapRow[] {
    this.open();
    return this.stmts.wrapsNotUnder.all(afterSeq, kekId, limit) as WrapRow[];
  }

  countWrapsNotUnder(kekId: string): number {
    this.open();
    return this.stmts.countWrapsNotUnder.get(kekId) as number;
  }

  /**
   * Replace one object's wrapped material, only if the row still holds exactly `from` (material and KEK):
   * a write made meanwhile (an update, a Destroy's erasure) wins and nothing is replaced. true when replaced.
   */
  replaceWrap(uid: string, from: { material: Buffer; kekId: string | null }, to: { material: Buffer; kekId: string }): boolean {
    this.open();
    const changed = this.gc.write(() => this.stmts.replaceWrap.run(to.material, to.kekId, uid, from.kekId, from.material).changes) as number;
    if (changed > 0) this.objects.delete(uid);
    return changed > 0;
  }

  deleteMeta(key: string): void {
    this.open();
    this.gc.write(() => this.stmts.deleteMeta.run(key));
  }

  getMeta(key: string): string | undefined {
    this.open();
    return (this.stmts.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.open();
    this.gc.write(() => this.stmts.setMeta.run(key, value));
  }

  journal(): Journal {
    this.open();
    return new SqliteJournal(this);
  }

  writeMark(): number {
    return this.gc.mark;
  }

  durable(sinceMark?: number): Promise<void> {
    if (this.closed) return Promise.reject(new StoreError('closed', 'store is closed'));
    return this.gc.durable(sinceMark);
  }

  settled(sinceMark?: number): Promise<void> {
    if (this.closed) return Promise.reject(new StoreError('closed', 'store is closed'));
    return this.gc.settled(sinceMark);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const pending = this.gc.durable();
    this.gc.commitNow();
    this.closed = true;
    try {
      await pending;
    } finally {
      // The worker's connection closes first, so this one is the last and checkpoints the WAL away.
      await this.checkpointer?.stop().catch(() => undefined);
      this.db.close();
      if (this.walFd !== undefined) fs.closeSync(this.walFd);
    }
  }

  /**
   * The connection, for modules that keep their own tables in this database (src/auth grants, src/audit
   * trail). Read with it; write only through groupWrite.
   */
  get connection(): Database.Database {
    this.open();
    return this.db;
  }

  /** Run fn as one write of the current group commit (atomic savepoint; committed and fsynced with the group). */
  groupWrite<T>(fn: () => T, opts?: WriteOptions): T {
    this.open();
    // Only for other modules' own tables: the objects and attributes tables are written by this class alone
    // (its object cache relies on that).
    return this.gc.write(fn, opts);
  }

  /** False while writes are being refused (the latest group commit failed, or the WAL cannot be synced). */
  get writable(): boolean {
    return this.gc.writable;
  }

  /** The background checkpointer, when enabled (tests). */
  get backgroundCheckpointer(): BackgroundCheckpointer | undefined {
    return this.checkpointer;
  }

  /** Run a read-only PRAGMA or query (tests: integrity_check, journal_mode). */
  pragma(text: string): unknown {
    return this.db.pragma(text, { simple: true });
  }

  /** Called by SqliteJournal.rollback: put every prior image back (one atomic write in the group). */
  restoreImages(images: Map<string, Image | null>): void {
    this.open();
    for (const uid of images.keys()) this.objects.delete(uid);
    this.gc.write(() => {
      for (const [uid, img] of images) {
        this.stmts.deleteAttrs.run(uid);
        this.stmts.deleteObject.run(uid);
        if (!img) continue;
        this.insertObjectRow(img.object);
        for (const a of img.attributes) this.insertAttributeRow(a);
        img.object.material?.fill(0);
      }
    });
  }

  private insertObject(obj: StoredObject, seq: number): void {
    this.stmts.insertObject.run(obj.uid, obj.objectType, obj.state, obj.owner, obj.tenant, obj.body, obj.material, obj.kekId, seq);
    for (const a of obj.attributes) this.insertAttributeRow(attributeRow(obj.uid, a));
  }

  private insertObjectRow(r: ObjectRow): void {
    this.stmts.insertObject.run(r.uid, r.object_type, r.state, r.owner, r.tenant, r.body, r.material, r.kek_id, r.created_seq);
  }

  private insertAttributeRow(r: AttributeRow): void {
    this.stmts.insertAttr.run(r.uid, r.name, r.idx, r.type, r.tag, r.value_int, r.value_text, r.value_blob);
  }

  /** Keeps the object's rows as `j`'s undo image, the first time the journal meets it. */
  private record(j: SqliteJournal | undefined, uid: string): void {
    if (j && !j.images.has(uid)) this.image(uid, j);
  }

  /** The object's rows as stored (null when it does not exist), also kept as `j`'s undo image if it has none. */
  private image(uid: string, j: SqliteJournal | undefined): Image | null {
    const object = this.stmts.getObject.get(uid) as ObjectRow | undefined;
    const img = object ? { object, attributes: this.stmts.attrRows.all(uid) as Image['attributes'] } : null;
    if (j && !j.images.has(uid)) j.images.set(uid, img);
    return img;
  }

  private journalOf(j: Journal | undefined): SqliteJournal | undefined {
    if (j === undefined) return undefined;
    if (!(j instanceof SqliteJournal) || j.store !== this) throw new StoreError('bad-query', 'journal belongs to another store');
    return j;
  }

  private loadMaxSeq(): number {
    return (this.stmts.maxSeq.get() as { s: number }).s;
  }

  private open(): void {
    if (this.closed) throw new StoreError('closed', 'store is closed');
  }
}

export type { WrapRow, SqliteStoreOptions };

export function openSqliteStore(opts: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(opts);
}
