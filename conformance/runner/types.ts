/** Shared shapes of the conformance runner. */

/** Where and how to reach a KMIP server over mutual TLS (PEM contents, not paths). */
export interface ServerEndpoint {
  host: string;
  port: number;
  cert: string | Buffer;
  key: string | Buffer;
  ca?: string | Buffer;
  /** Name checked against the server certificate (default: host). */
  servername?: string;
}

/** The first difference found between an expected and an actual response. */
export interface Difference {
  /** e.g. `ResponseMessage/BatchItem[0]/ResponsePayload/UniqueIdentifier` */
  path: string;
  expected: string;
  actual: string;
  /** Short reason, e.g. "value differs", "missing", "unexpected item". */
  reason: string;
}

export type FailureKind =
  /** The vector file itself could not be read or parsed (codec or runner problem). */
  | 'parse'
  /** A request could not be built (unbound placeholder...). */
  | 'request'
  /** Connection, TLS, timeout, or the server closed the connection. */
  | 'transport'
  /** The response could not be decoded. */
  | 'decode'
  /** The response differs from the expected one beyond the permitted variations. */
  | 'mismatch';

export interface FileFailure {
  kind: FailureKind;
  /** Index of the message in the file (0-based over all Request/Response messages), when known. */
  messageIndex?: number;
  /** Index of the request/response pair (0-based), when known. */
  pairIndex?: number;
  /** Operation(s) of the request of the failing pair, e.g. "Create" or "Create,GetAttributes". */
  operation?: string;
  message: string;
  difference?: Difference;
  /** With showMessages: the failing pair's request as sent and response as received (KMIP XML). */
  sentXml?: string;
  receivedXml?: string;
}

export interface FileResult {
  file: string;
  /** Path relative to the common root of the inputs, for display. */
  display: string;
  version: string;
  profile: string;
  status: 'pass' | 'fail' | 'skip';
  pairs: number;
  pairsPassed: number;
  failure?: FileFailure;
  skipReason?: string;
  ms: number;
  /**
   * Set for a file of a test sequence (sequences.ts): the files replayed before it on the same server,
   * in order (display names; a prerequisite that was not selected is marked "(prerequisite)").
   */
  after?: string[];
}
