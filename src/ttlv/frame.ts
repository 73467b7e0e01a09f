/**
 * Accumulates a byte stream (TLS socket chunks) into complete top-level TTLV messages.
 *
 * - Any split works: a header may arrive one byte at a time, a chunk may carry many messages.
 * - The header is checked byte by byte as it arrives: first byte 0x42/0x54 (BAD_TAG), type Structure
 *   (BAD_TYPE, a KMIP message is always a structure), length a multiple of 8 (BAD_LENGTH) and
 *   8 + length <= maxMessageSize (TOO_LARGE). So a stray HTTP request or TLS record is rejected on its
 *   first bytes, and nothing is buffered for a message that is over the limit.
 * - Memory grows only with bytes actually received: an incomplete message is held as views of the
 *   pushed chunks (never more than maxMessageSize) and joined by one exact allocation when its last
 *   byte arrives, so a peer announcing 1 MiB and sending 8 bytes costs 8 bytes, not 1 MiB.
 * - After an error the stream cannot be resynchronised: the decoder stays failed and every further
 *   push() throws the same error. Close the connection (after sending an error response if wanted).
 *   Messages completed earlier in the chunk that failed are not returned.
 *
 * Returned buffers are either views into the pushed chunk (when a message lies whole in one chunk)
 * or a freshly allocated buffer; never views into memory the decoder reuses. The decoder keeps views
 * of pushed chunks until their message completes: do not modify or reuse a chunk after pushing it
 * (Node's socket chunks are never reused). decodeTtlv copies Byte Strings out, so a frame can be
 * zeroed once decoded.
 */
import { TtlvError } from './errors';
import { TAG_PREFIX_EXTENSION, TAG_PREFIX_KMIP, TTLV_HEADER_SIZE } from './header';
import { ItemType } from '../kmip/item-type';
import { resolveTtlvLimits, type TtlvLimits } from './limits';

export class FrameDecoder {
  private readonly maxMessageSize: number;
  /** Scratch for a header that straddles chunks. */
  private readonly header = Buffer.alloc(TTLV_HEADER_SIZE);
  /** Pieces of the incomplete message (views of pushed chunks, or a copy of the header). */
  private parts: Buffer[] = [];
  /** Bytes received of the incomplete message (header bytes included). */
  private held = 0;
  /** Size of the incomplete message once its header is known and checked, else 0. */
  private total = 0;
  /** Bytes consumed from the stream so far (for error offsets). */
  private consumed = 0;
  private failure: TtlvError | null = null;

  constructor(limits?: Partial<Pick<TtlvLimits, 'maxMessageSize'>>) {
    this.maxMessageSize = resolveTtlvLimits(limits).maxMessageSize;
  }

  /** Bytes held for a message that is not complete yet. */
  get buffered(): number {
    return this.held;
  }

  /** The error that stopped this decoder, if any. */
  get error(): TtlvError | null {
    return this.failure;
  }

  push(chunk: Buffer): Buffer[] {
    if (this.failure) throw this.failure;
    try {
      return this.consume(chunk);
    } catch (e) {
      // Only TtlvErrors are expected; anything else is a bug and propagates as is (still failing the stream).
      this.failure = e instanceof TtlvError ? e : new TtlvError('BAD_VALUE', `framing failed: ${String(e)}`, this.consumed);
      this.parts = [];
      throw e;
    }
  }

  private consume(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let pos = 0;
    const n = chunk.length;
    while (pos < n) {
      if (this.total !== 0) {
        // Continue a message whose header is known: keep a view, join once complete.
        const take = Math.min(this.total - this.held, n - pos);
        this.parts.push(chunk.subarray(pos, pos + take));
        this.held += take;
        pos += take;
        this.consumed += take;
        if (this.held === this.total) out.push(this.complete());
      } else if (this.held === 0 && n - pos >= TTLV_HEADER_SIZE) {
        // Fast path: the whole header is in this chunk.
        checkHeaderByte(chunk[pos], 0, this.consumed, chunk, pos);
        checkHeaderByte(chunk[pos + 3], 3, this.consumed + 3, chunk, pos);
        const total = checkedTotal(chunk.readUInt32BE(pos + 4), this.maxMessageSize, this.consumed, tagOf(chunk, pos));
        const take = Math.min(total, n - pos);
        if (take === total) {
          out.push(chunk.subarray(pos, pos + total)); // whole message in this chunk: no copy
        } else {
          this.parts.push(chunk.subarray(pos, n));
          this.held = take;
          this.total = total;
        }
        pos += take;
        this.consumed += take;
      } else {
        // Slow path: the header straddles chunks; collect and check it byte by byte.
        checkHeaderByte(chunk[pos], this.held, this.consumed, this.header, 0);
        this.header[this.held++] = chunk[pos++];
        this.consumed++;
        if (this.held === TTLV_HEADER_SIZE) {
          const start = this.consumed - TTLV_HEADER_SIZE;
          this.total = checkedTotal(this.header.readUInt32BE(4), this.maxMessageSize, start, tagOf(this.header, 0));
          this.parts.push(Buffer.from(this.header));
          if (this.total === TTLV_HEADER_SIZE) out.push(this.complete());
        }
      }
    }
    return out;
  }

  /** Join the pieces of the message just completed (one exact allocation) and reset. */
  private complete(): Buffer {
    const msg = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.total);
    this.parts = [];
    this.held = 0;
    this.total = 0;
    return msg;
  }
}

/**
 * Check byte i (of the 8 header bytes) as soon as it arrives. `at` is its stream offset; `hdr`/`base`
 * locate the header (bytes 0..2, for the tag in the error, are there whenever i >= 3).
 */
function checkHeaderByte(b: number, i: number, at: number, hdr: Buffer, base: number): void {
  if (i === 0 && b !== TAG_PREFIX_KMIP && b !== TAG_PREFIX_EXTENSION) {
    throw new TtlvError('BAD_TAG', `message tag must start with 0x42 or 0x54, got 0x${hex2(b)}`, at);
  }
  if (i === 3 && b !== ItemType.Structure) {
    throw new TtlvError('BAD_TYPE', `a message must be a Structure (type 0x01), got type 0x${hex2(b)}`, at, tagOf(hdr, base));
  }
}

/** Validate the declared length and return the whole message size, before anything is allocated. */
function checkedTotal(length: number, max: number, at: number, tag: number): number {
  const total = length + TTLV_HEADER_SIZE;
  if (total > max) {
    throw new TtlvError('TOO_LARGE', `declared message length ${length} is over the limit of ${max} bytes`, at, tag);
  }
  if (length & 7) throw new TtlvError('BAD_LENGTH', `Structure length ${length} is not a multiple of 8`, at, tag);
  return total;
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

function tagOf(buf: Buffer, base: number): number {
  return (buf[base] << 16) | (buf[base + 1] << 8) | buf[base + 2];
}
