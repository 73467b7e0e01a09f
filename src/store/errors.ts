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
  | 'corrupt'; // a stored row could not be decoded

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** Hard cap on the number of attribute filters in one Locate (keeps SQL expression depth bounded). */
export const MAX_LOCATE_FILTERS = 256;
