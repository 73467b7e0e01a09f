/**
 * Typed errors of the TTLV codec. Every malformed input (binary, pretty hex, frame stream) surfaces as a
 * TtlvError, never as a RangeError from Buffer or a crash, so that the message layer can map it to a
 * KMIP Invalid Message response and the transport can decide to close the stream.
 */

export type TtlvErrorCode =
  /** Fewer bytes than the header or declared length needs. */
  | 'TRUNCATED'
  /** A length that the item type does not allow, or an item that overruns its enclosing structure. */
  | 'BAD_LENGTH'
  /** Unknown item type byte, or (framing) a message that is not a Structure. */
  | 'BAD_TYPE'
  /** Tag whose first byte is neither 0x42 (KMIP) nor 0x54 (extension). */
  | 'BAD_TAG'
  /** Non-zero padding bytes. */
  | 'BAD_PADDING'
  /** A value the type does not allow (Boolean other than 0/1, out-of-range number on encode, ...). */
  | 'BAD_VALUE'
  /** Text String bytes that are not valid UTF-8 (or, on encode, a string with lone surrogates). */
  | 'BAD_UTF8'
  /** Nesting deeper than maxDepth. */
  | 'TOO_DEEP'
  /** Message (or declared frame length) over maxMessageSize, or a length not representable in 32 bits. */
  | 'TOO_LARGE'
  /** More items than maxItems. */
  | 'TOO_MANY_ITEMS'
  /** Bytes left after the top-level item. */
  | 'TRAILING_BYTES'
  /** Pretty-hex text that is not hex. */
  | 'BAD_HEX';

export class TtlvError extends Error {
  readonly code: TtlvErrorCode;
  /**
   * Where the problem is: a byte offset into the decoded buffer (start of the offending item or byte),
   * the stream offset for FrameDecoder, the output offset for encoding, or a character offset into the
   * text for the pretty-hex parser.
   */
  readonly offset: number;
  /** Tag of the offending item when known. */
  readonly tag: number | undefined;

  constructor(code: TtlvErrorCode, what: string, offset: number, tag?: number) {
    const where = tag === undefined ? `at offset ${offset}` : `at offset ${offset} (tag ${formatTag(tag)})`;
    super(`TTLV ${code}: ${what} ${where}`);
    this.name = 'TtlvError';
    this.code = code;
    this.offset = offset;
    this.tag = tag;
  }
}

export function isTtlvError(e: unknown): e is TtlvError {
  return e instanceof TtlvError;
}

/** `0x420078` style, six hex digits. */
export function formatTag(tag: number): string {
  return '0x' + (tag >>> 0).toString(16).padStart(6, '0');
}
