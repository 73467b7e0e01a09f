/**
 * Errors that carry their KMIP Result Reason. One mapper (message/batch runner) turns them into failed
 * batch items; the reason is adjusted for the negotiated version there (e.g. Wrong Key Lifecycle State
 * exists only from 2.0), never in operations.
 */
export class KmipError extends Error {
  /** Result Reason enumeration value (KMIP 2.1 numbering; version mapping happens at the edge). */
  readonly reason: number;
  constructor(reason: number, message: string) {
    super(message);
    this.name = 'KmipError';
    this.reason = reason;
  }
}
