/**
 * Typed store errors. Operations map them to KMIP Result Reasons (e.g. not-found -> Item Not Found);
 * the store itself knows nothing of the protocol.
 */
export type StoreErrorCode =
  | 'duplicate' // insert of an existing Unique Identifier
  | 'not-found' // update/remove of a missing object
  | 'bad-query' // a Locate query the store cannot evaluate (unsupported comparison, too many filters)
  | 'commit-failed' // the group commit failed; every write since the last commit is rolled back
  | 'closed' // the store was closed
  | 'corrupt' // a stored row could not be decoded
  | 'erased'; // an update would give key material back to an object whose material was erased (Destroy)

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/**
 * Erasure is final: no update puts key material back into an object whose material was erased. Operations
 * update the object as stored after any await (storedNow), so this is the last line, not the mechanism.
 */
export function erasedError(uid: string): StoreError {
  return new StoreError('erased', `object ${uid} was destroyed while this request ran; its key material stays erased`);
}

/** Hard cap on the number of attribute filters in one Locate (keeps SQL expression depth bounded). */
export const MAX_LOCATE_FILTERS = 256;
