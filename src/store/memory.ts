/**
 * In-memory ObjectStore for unit tests of operations. Same semantics as the SQLite adapter (shared rules
 * in match.ts, same contract tests): copies in and out, creation order, journal rollback, typed errors.
 * durable() resolves at once (nothing to fsync) unless a test injected a failure with failNextDurable().
 */
import type { Journal, LocateQuery, ObjectStore, StoredObject } from './port';
import { erasedError, StoreError } from './errors';
import { cloneObject, objectMatches, pageOf, planFilters } from './match';

interface Row {
  obj: StoredObject;
  /** Creation sequence: Locate returns objects in this order; kept when an undo restores a removed object. */
  seq: number;
}

class MemoryJournal implements Journal {
  /** Prior image per uid, recorded on first touch (null = did not exist). */
  readonly images = new Map<string, Row | null>();
  constructor(private readonly store: MemoryStore) {}
  record(uid: string, prior: Row | undefined): void {
    if (!this.images.has(uid)) this.images.set(uid, prior ? { obj: cloneObject(prior.obj), seq: prior.seq } : null);
  }
  rollback(): void {
    this.store.restore(this.images);
    this.images.clear();
  }
}

export class MemoryStore implements ObjectStore {
  readonly name = 'memory';
  private readonly rows = new Map<string, Row>();
  private readonly meta = new Map<string, string>();
  private seq = 0;
  private closed = false;
  private pendingFailure: Error | undefined;
  /** Count of writes (the write mark) and the highest mark covered by an injected failed commit. */
  private writes = 0;
  private failedUpTo = 0;

  get(uid: string): StoredObject | undefined {
    this.open();
    const r = this.rows.get(uid);
    return r ? cloneObject(r.obj) : undefined;
  }

  locate(query: LocateQuery): string[] {
    const all = this.matching(query);
    if (query.newestFirst) all.reverse();
    const { offset, limit } = pageOf(query);
    return (limit < 0 ? all.slice(offset) : all.slice(offset, offset + limit)).map((r) => r.obj.uid);
  }

  count(query: LocateQuery): number {
    return this.matching(query).length;
  }

  insert(obj: StoredObject, journal?: Journal): void {
    this.open();
    if (this.rows.has(obj.uid)) throw new StoreError('duplicate', `object ${obj.uid} already exists`);
    this.journalOf(journal)?.record(obj.uid, undefined);
    this.rows.set(obj.uid, { obj: cloneObject(obj), seq: ++this.seq });
    this.writes++;
  }

  update(obj: StoredObject, journal?: Journal): void {
    this.open();
    const r = this.rows.get(obj.uid);
    if (!r) throw new StoreError('not-found', `object ${obj.uid} not found`);
    if (r.obj.material === null && obj.material !== null) throw erasedError(obj.uid);
    this.journalOf(journal)?.record(obj.uid, r);
    const old = r.obj.material;
    r.obj = cloneObject(obj);
    this.writes++;
    if (old && old !== r.obj.material) old.fill(0);
  }

  remove(uid: string, journal?: Journal): void {
    this.open();
    const r = this.rows.get(uid);
    if (!r) throw new StoreError('not-found', `object ${uid} not found`);
    this.journalOf(journal)?.record(uid, r);
    r.obj.material?.fill(0);
    this.rows.delete(uid);
    this.writes++;
  }

  getMeta(key: string): string | undefined {
    this.open();
    return this.meta.get(key);
  }

  setMeta(key: string, value: string): void {
    this.open();
    this.meta.set(key, value);
    this.writes++;
  }

  journal(): Journal {
    this.open();
    return new MemoryJournal(this);
  }

  writeMark(): number {
    return this.writes;
  }

  durable(sinceMark?: number): Promise<void> {
    if (this.pendingFailure) {
      const e = this.pendingFailure;
      this.pendingFailure = undefined;
      this.failedUpTo = this.writes;
      return Promise.reject(e);
    }
    if (sinceMark !== undefined && this.failedUpTo > sinceMark) {
      return Promise.reject(new StoreError('commit-failed', 'a commit of writes made since the mark failed'));
    }
    return this.closed ? Promise.reject(new StoreError('closed', 'store is closed')) : Promise.resolve();
  }

  settled(sinceMark?: number): Promise<void> {
    return this.durable(sinceMark);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Test hook: the next durable() rejects with a commit failure (writes are kept: there is no disk). */
  failNextDurable(message = 'injected commit failure'): void {
    this.pendingFailure = new StoreError('commit-failed', message);
  }

  /** Called by MemoryJournal.rollback: put back every prior image. */
  restore(images: Map<string, Row | null>): void {
    for (const [uid, prior] of images) {
      const cur = this.rows.get(uid);
      if (prior) this.rows.set(uid, { obj: cloneObject(prior.obj), seq: prior.seq });
      else this.rows.delete(uid);
      if (cur && cur.obj.material !== prior?.obj.material) cur.obj.material?.fill(0);
      this.writes++;
    }
  }

  private matching(query: LocateQuery): Row[] {
    this.open();
    const planned = planFilters(query);
    const out: Row[] = [];
    for (const r of this.rows.values()) if (objectMatches(r.obj, query, planned)) out.push(r);
    return out.sort((a, b) => a.seq - b.seq);
  }

  private journalOf(j: Journal | undefined): MemoryJournal | undefined {
    if (j === undefined) return undefined;
    if (!(j instanceof MemoryJournal) || (j as unknown as { store: MemoryStore }).store !== this) {
      throw new StoreError('bad-query', 'journal belongs to another store');
    }
    return j;
  }

  private open(): void {
    if (this.closed) throw new StoreError('closed', 'store is closed');
  }
}

export function createMemoryStore(): MemoryStore {
  return new MemoryStore();
}
