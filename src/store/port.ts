/**
 * The object store port: the system of record for managed objects, their state and attributes.
 * Adapters: store/sqlite (better-sqlite3). A PostgreSQL adapter will reuse the contract tests in
 * test/unit/store/contract.ts (runStoreContract).
 *
 * Durability contract: a write is visible to reads at once, but is acknowledged to a client only after
 * `durable()` resolves for it. Writes of many concurrent requests share one transaction and one fsync
 * (group commit).
 */
import type { Attribute } from '../attributes/model';

export interface StoredObject {
  uid: string;
  /** Object Type enumeration value. */
  objectType: number;
  /** State enumeration value. */
  state: number;
  /** All attributes except the ones derived from columns above (Unique Identifier, Object Type, State are columns). */
  attributes: Attribute[];
  /**
   * The managed object's body without key material: the encoded TTLV of the object structure
   * (e.g. SymmetricKey with its Key Block) with Key Material removed. Opaque to the store.
   */
  body: Buffer | null;
  /** Key material as wrapped by the crypto provider (never plaintext for HSM providers). Null after Destroy. */
  material: Buffer | null;
  /** Identifier of the key-encryption key that wrapped `material`. */
  kekId: string | null;
  /** Principal that created or registered the object. */
  owner: string;
  /** Tenant namespace ("" for the default tenant). */
  tenant: string;
}

/**
 * eq: equal value. For Structure values the filter matches when every field given in the filter is present
 *     with an equal value in the candidate (KMIP 1.4 §4.9: structure fields may be omitted in Locate).
 * ge / le: numeric (Integer, Long Integer, Enumeration, Interval, Date-Time, Date-Time Extended, Big Integer
 *     within 64 bits) or Text String comparison. ge and le filters on the same attribute name are applied to the
 *     same attribute instance, i.e. they form a range (two Date values in a Locate request = a range).
 * mask: bit mask containment for Integer values: (candidate & value) == value (Cryptographic Usage Mask rule).
 * Several filters with the same name and op 'eq' must ALL be matched (each by some instance): KMIP 1.4 §4.9
 * "Returned objects SHALL match all of the attributes in the request".
 */
export type FilterOp = 'eq' | 'ge' | 'le' | 'mask';

/** One Locate condition on an attribute. See FilterOp for the comparison rules. */
export interface AttributeFilter {
  name: string;
  op: FilterOp;
  /** The Attribute Value item; structures match by equality of the encoded TTLV (with sub-field rules applied by the caller). */
  value: Attribute['value'];
}

export interface LocateQuery {
  filters: AttributeFilter[];
  objectTypes?: number[];
  states?: number[];
  owner?: string;
  /** With `owner`: these objects match too, whoever owns them (the caller's granted objects). */
  alsoUids?: readonly string[];
  tenant?: string;
  /** Only these objects (a Locate that names Unique Identifiers): looked up by identifier, not walked. */
  uids?: readonly string[];
  /**
   * The object's Short Unique Identifier equals this: the value an Import stored for it if any, otherwise the
   * SHA-256 of its uid (src/attributes/short-uid.ts). It is no attribute row, so it is no filter.
   */
  shortUid?: Buffer;
  offset?: number;
  maxItems?: number;
  /** Order (and page) newest first instead of oldest first (Locate answers newest first). */
  newestFirst?: boolean;
}

export interface WalkOptions {
  /**
   * The caller has no write of its own waiting in the store's open group transaction (a request whose batch
   * wrote nothing yet): the walk may give the event loop away even while others' writes are pending.
   * Otherwise it does so only when no write transaction is open.
   */
  noWritesOfMine?: boolean;
  /** created_seq values per slice (tests). */
  slice?: number;
}

/** A journal of changes made by one batch, so that Batch Error Continuation Option Undo can roll it back. */
export interface Journal {
  rollback(): void;
}

export interface ObjectStore {
  readonly name: string;
  get(uid: string): StoredObject | undefined;
  /** Identifiers matching the query, ordered by creation (oldest first, or newest first with `newestFirst`), then paged. */
  locate(query: LocateQuery): string[];
  insert(obj: StoredObject, journal?: Journal): void;
  update(obj: StoredObject, journal?: Journal): void;
  remove(uid: string, journal?: Journal): void;
  /** Number of objects matching the query, ignoring offset and maxItems (Locate's Located Items). */
  count(query: LocateQuery): number;
  /**
   * locate / count, for a query that may walk the whole store: the same answer, with the event loop given
   * back now and then (the SQLite store walks in slices). Absent: call locate / count.
   */
  locateAsync?(query: LocateQuery, opts?: WalkOptions): Promise<string[]>;
  countAsync?(query: LocateQuery, opts?: WalkOptions): Promise<number>;
  /** Small server metadata (e.g. the current KEK identifier). Written in the same group transaction as objects. */
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  /** Start recording changes for a batch that may need to be undone. */
  journal(): Journal;
  /**
   * A position in the store's write sequence. Take it when a request starts and pass it to durable(), so that
   * a group commit that failed while the request was awaiting something else still fails the request.
   */
  writeMark(): number;
  /**
   * Resolves when every write made so far is durable (committed and fsynced); immediately when nothing is
   * pending. Rejects (StoreError 'commit-failed') when the commit covering those writes failed, or, given
   * `sinceMark`, when any commit of writes made after that mark failed: await this before acknowledging.
   */
  durable(sinceMark?: number): Promise<void>;
  /**
   * What the answer of a request that changed nothing awaits: every change made so far is durable (the answer
   * may reveal any of them), and records of reads (audit) are committed but perhaps not yet fsynced. Rejects
   * like durable(). A store with nothing to sync may resolve it like durable().
   */
  settled(sinceMark?: number): Promise<void>;
  close(): Promise<void>;
}
