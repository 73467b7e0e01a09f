/**
 * The shape every operation shares: decode its payload, check policy, execute, encode. One file per
 * operation exports an OperationHandler; operations/index.ts is the one dispatch table.
 */
import type { TtlvItem } from '../ttlv/item';
import type { ObjectStore, Journal } from '../store/port';
import type { CryptoProvider } from '../crypto/port';
import type { OperationAuthorizer } from '../auth/port';

export interface ProtocolVersion {
  major: number;
  minor: number;
}

/** Per-request state. Travels with the request; never global. */
export interface OperationContext {
  version: ProtocolVersion;
  /** Client identity from the certificate (CN, then first SAN). */
  principal: string;
  tenant: string;
  /** SHA-256 of the client certificate the request came with (Login binds its ticket to it). */
  fingerprint?: string;
  /** ID Placeholder carried between batch items. */
  idPlaceholder: string | undefined;
  /** Journal of the current batch when Batch Error Continuation Option is Undo. */
  journal: Journal | undefined;
  store: ObjectStore;
  crypto: CryptoProvider;
  now(): Date;
  /** Server options that change operation behaviour. */
  options: OperationOptions;
  /** Access control for this request's principal (src/auth); absent = every object of the tenant. */
  authorize?: OperationAuthorizer;
  /** Operation enumeration value of the batch item being executed (what `authorize` is asked about). */
  operation?: number;
  /**
   * An earlier item of this batch wrote to the store, or something did while it ran (the batch runner
   * keeps it, conservatively). While it is true an operation must not give the event loop away in the middle
   * of its work: the group commit could then commit half of the batch.
   */
  batchWrote?: boolean;
}

export interface OperationOptions {
  /** Activate objects on Create and Register (for clients such as vCenter that never call Activate). */
  activateOnCreate: boolean;
  /** Locate for a fresh member of the reserved Object Group "default" generates one when none is left. */
  defaultGroupKeys?: boolean;
  /**
   * Most identifiers one Locate answers (`limits.maxLocateItems`): KMIP lets a server impose an internal
   * maximum "due to resource limitations". Absent: no limit (the CLI).
   */
  maxLocateItems?: number;
  /** RNG Seed policy (`operations.rngSeed`, `operations.rngSeedMaxBytes`); absent = accept every byte. */
  rngSeed?: { policy: 'accept' | 'ignore' | 'deny'; maxBytes?: number };
  /** KMIP over HTTPS, with the XML and JSON encodings, is served (`server.http`): Query names those profiles. */
  overHttps?: boolean;
  vendorIdentification: string;
  serverInformation: string;
  /** Set by the batch runner: some operations may be answered Operation Pending (message/async-requests.ts). */
  asynchronous?: boolean;
}

export interface OperationResult {
  /** Children of the Response Payload structure. */
  payload: TtlvItem[];
  /** New value for the ID Placeholder (Create, Register, Locate and friends set it). */
  idPlaceholder?: string;
  /**
   * Called by the batch runner once the response holding this payload has been encoded (or dropped):
   * zeroes the plaintext key material copies in the payload (Get). Added by H8.
   */
  release?: () => void;
}

export interface OperationHandler {
  /** Operation enumeration value. */
  readonly operation: number;
  /** Lowest protocol version that defines the operation, e.g. { major: 1, minor: 0 }. */
  readonly since: ProtocolVersion;
  /** payload is the Request Payload structure (may be an empty structure). Throws KmipError on failure. */
  handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult>;
}
