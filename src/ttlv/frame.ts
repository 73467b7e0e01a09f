/**
 * Accumulates a byte stream (TLS socket chunks) into complete top-level TTLV messages.
 *
 * - Any split works: a header may arrive one byte at a time, a chunk may carry many messages.
 * - The header is checked byte by byte as it arrives: first byte 0x42/0x54 (BAD_TAG), type Structure
 *   (BAD_TYPE, a KMIP message is always a structure), length a multiple of 8 (BAD_LENGTH) and
 *   8 + length <= maxMessageSize (TOO_LARGE). So a stray HTTP request or TLS record is rejected on its
 *   first bytes, and nothing is buffered for a message that is over the limit.
 * - Memory is bounded by one message of at most maxMessageSize plus an 8-byte header scratch.
 * - After an error the stream cannot be resynchronised: the decoder stays failed and every further
 *   push() throws the same error. Close the connection (after sending an error response if wanted).
 *   Messages completed earlier in the chunk that failed are not returned.
 *
 * Returned buffers are either views into the pushed chunk (when a message lies whole in one chunk)
 * or a freshly allocated buffer; never views into memory the decoder reuses. Do not modify a chunk
 * after pushing it if you keep the returned messages.
 */
import { TtlvError } from './errors';
import { TAG_PREFIX_EXTENSION, TAG_PREFIX_KMIP, TTLV_HEADER_SIZE } from './header';
import { ItemType } from '../kmip/item-type';
import { resolveTtlvLimits, type TtlvLimits } from './limits';

export class FrameDecoder {
  private readonly maxMessageSize: number;
  private readonly header = Buffer.alloc(TTLV_HEADER_SIZE);
  private headerFill = 0;
  /** The message being assembled across chunks (header included), or null between messages. */
  private body: Buffer | null = null;
  private bodyFill = 0;
  /** Bytes consumed from the stream so far (for error offsets). */
  private consumed = 0;
  private failure: TtlvError | null = null;

  constructor(limits?: Partial<Pick<TtlvLimits, 'maxMessageSize'>>) {
    this.maxMessageSize = resolveTtlvLimits(limits).maxMessageSize;
  }

  /** Bytes held for a message that is not complete yet. */
  get buffered(): number {
    return this.body ? this.bodyFill : this.headerFill;
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
      this.body = null;
      throw e;
    }
  }

  private consume(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let pos = 0;
    const n = chunk.length;
    while (pos < n) {
      if (this.body) {
        // Continue a message that started in an earlier chunk.
        const take = Math.min(this.body.length - this.bodyFill, n - pos);
        chunk.copy(this.body, this.bodyFill, pos, pos + take);
        this.bodyFill += take;
        pos += take;
        this.consumed += take;
        if (this.bodyFill === this.body.length) {
          out.push(this.body);
          this.body = null;
          this.headerFill = 0;
        }
      } else if (this.headerFill === 0 && n - pos >= TTLV_HEADER_SIZE) {
        // Fast path: the whole header is in this chunk.
        checkHeaderByte(chunk[pos], 0, this.consumed, chunk, pos);
        checkHeaderByte(chunk[pos + 3], 3, this.consumed + 3, chunk, pos);
        const total = checkedTotal(chunk.readUInt32BE(pos + 4), this.maxMessageSize, this.consumed, tagOf(chunk, pos));
        if (n - pos >= total) {
          out.push(chunk.subarray(pos, pos + total)); // whole message in this chunk: no copy
          pos += total;
          this.consumed += total;
        } else {
          this.body = Buffer.allocUnsafe(total);
          this.bodyFill = n - pos;
          chunk.copy(this.body, 0, pos, n);
          this.consumed += n - pos;
          pos = n;
        }
      } else {
        // Slow path: the header straddles chunks; collect it byte by byte.
        this.header[this.headerFill] = chunk[pos];
        checkHeaderByte(chunk[pos], this.headerFill, this.consumed, this.header, 0);
        this.headerFill++;
        pos++;
        this.consumed++;
        if (this.headerFill === TTLV_HEADER_SIZE) {
          const start = this.consumed - TTLV_HEADER_SIZE;
          const total = checkedTotal(this.header.readUInt32BE(4), this.maxMessageSize, start, tagOf(this.header, 0));
          this.body = Buffer.allocUnsafe(total);
          this.header.copy(this.body, 0);
          this.bodyFill = TTLV_HEADER_SIZE;
          if (total === TTLV_HEADER_SIZE) {
            out.push(this.body);
            this.body = null;
            this.headerFill = 0;
          }
        }
      }
    }
    return out;
  }
}

/**
 * Check byte i (of the 8 header bytes) as soon as it arrives. `at` is its stream offset; `hdr`/`base`
 * locate the header (for the tag in the error, bytes 0..2 are present whenever i >= 3).
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
