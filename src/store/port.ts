/**
 * The object store port: the system of record for managed objects, their state and attributes.
 * Adapters: store/sqlite (better-sqlite3). A PostgreSQL adapter will reuse the contract tests in
 * test/unit/store-contract.ts.
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

export type FilterOp = 'eq' | 'ge' | 'le';

/** One Locate condition on an attribute. Values are compared on their encoded form; see the adapter. */
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
  tenant?: string;
  offset?: number;
  maxItems?: number;
}

/** A journal of changes made by one batch, so that Batch Error Continuation Option Undo can roll it back. */
export interface Journal {
  rollback(): void;
}

export interface ObjectStore {
  readonly name: string;
  get(uid: string): StoredObject | undefined;
  /** Identifiers matching the query, ordered by creation (oldest first) unless the adapter documents otherwise. */
  locate(query: LocateQuery): string[];
  insert(obj: StoredObject, journal?: Journal): void;
  update(obj: StoredObject, journal?: Journal): void;
  remove(uid: string, journal?: Journal): void;
  /** Start recording changes for a batch that may need to be undone. */
  journal(): Journal;
  /** Resolves when every write made so far is durable (committed and fsynced). */
  durable(): Promise<void>;
  close(): Promise<void>;
}
