/**
 * Binary TTLV decoder (KMIP 1.4 §9.1, KMIP 2.1 §10.1). Binary TTLV is self-describing, so no spec
 * table is consulted: the tree is built from tags, types and lengths alone.
 *
 * Strictness (decided per the specification, with PyKMIP's reader as the reference client behaviour):
 * - tags must start with 0x42 (KMIP) or 0x54 (extension)               -> BAD_TAG
 * - fixed lengths: Integer, Enumeration, Interval 4; Long Integer, Boolean, Date-Time,
 *   Date-Time Extended 8; Big Integer and Structure a multiple of 8     -> BAD_LENGTH
 * - padding bytes must be zero (PyKMIP rejects non-zero padding too)    -> BAD_PADDING
 * - Boolean must be 0 or 1                                              -> BAD_VALUE
 * - Text Strings must be valid UTF-8                                    -> BAD_UTF8
 * - the children of a structure must fill its length exactly            -> BAD_LENGTH
 * - Date-Time Extended (0x0B) is accepted in any message: the codec is version-agnostic and the
 *   message layer decides which version may carry it.
 * Lenient on purpose: Text Strings may contain NUL (the spec says there SHALL NOT be a terminating NUL,
 * but rejecting one would only hurt interop); Big Integers need not be minimally sign-extended.
 *
 * Ownership: Byte String values are COPIES, so the receive buffer can be reused or zeroed as soon as
 * decodeTtlv returns, and key material lives in a buffer the caller owns (and should zero).
 */
import { isUtf8 } from 'buffer';
import { ItemType } from '../kmip/item-type';
import { TtlvError } from './errors';
import { TAG_PREFIX_EXTENSION, TAG_PREFIX_KMIP, TTLV_HEADER_SIZE } from './header';
import type { TtlvItem } from './item';
import { DEFAULT_TTLV_LIMITS, resolveTtlvLimits, type TtlvLimits } from './limits';

/** Text values up to this many bytes take the hand-checked ASCII path. */
const SHORT_TEXT = 64;

/**
 * Decode exactly one TTLV item spanning the whole buffer (normally a Request or Response Message, but
 * any item type is accepted at the top level). Throws TtlvError on any malformed input.
 */
export function decodeTtlv(buf: Buffer, limits?: Partial<TtlvLimits>): TtlvItem {
  const l = limits ? resolveTtlvLimits(limits) : DEFAULT_TTLV_LIMITS;
  if (buf.length > l.maxMessageSize) {
    throw new TtlvError('TOO_LARGE', `message of ${buf.length} bytes is over the limit of ${l.maxMessageSize}`, 0);
  }
  const reader = new TtlvReader(buf, l);
  const item = reader.item(buf.length, 1, true);
  if (reader.pos !== buf.length) {
    throw new TtlvError('TRAILING_BYTES', `${buf.length - reader.pos} bytes follow the top-level item`, reader.pos);
  }
  return item;
}

/** The single bounds-checked cursor. `pos` only moves forward, by at least 8 bytes per item. */
class TtlvReader {
  pos = 0;
  private items = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly limits: Readonly<TtlvLimits>,
  ) {}

  /**
   * Read one item that must end at or before `end` (the end of its enclosing structure or buffer).
   * `topLevel` only selects the error code for an overrun (TRUNCATED vs BAD_LENGTH).
   */
  item(end: number, depth: number, topLevel: boolean): TtlvItem {
    const buf = this.buf;
    const start = this.pos;
    if (end - start < TTLV_HEADER_SIZE) {
      if (topLevel) throw new TtlvError('TRUNCATED', `an item header needs 8 bytes, ${end - start} available`, start);
      throw new TtlvError('BAD_LENGTH', `${end - start} bytes left in the structure, too few for an item header`, start);
    }
    const tag = (buf[start] << 16) | (buf[start + 1] << 8) | buf[start + 2];
    const prefix = buf[start];
    if (prefix !== TAG_PREFIX_KMIP && prefix !== TAG_PREFIX_EXTENSION) {
      throw new TtlvError('BAD_TAG', `tag must start with 0x42 or 0x54`, start, tag);
    }
    if (++this.items > this.limits.maxItems) {
      throw new TtlvError('TOO_MANY_ITEMS', `more than ${this.limits.maxItems} items`, start, tag);
    }
    const type = buf[start + 3];
    const length = buf.readUInt32BE(start + 4);
    const v = start + TTLV_HEADER_SIZE;
    // Every type occupies its length rounded up to 8; check it fits before touching the value.
    const padded = length + ((8 - (length & 7)) & 7);
    if (padded > end - v) {
      if (topLevel) throw new TtlvError('TRUNCATED', `declared length ${length} needs ${padded} bytes, ${end - v} available`, start, tag);
      throw new TtlvError('BAD_LENGTH', `declared length ${length} overruns the enclosing structure (${end - v} bytes left)`, start, tag);
    }
    this.pos = v + padded;
    switch (type) {
      case ItemType.Structure:
        return this.structure(tag, length, v, depth);
      case ItemType.Integer:
        this.fixed4(tag, length, v, start);
        return { tag, type, value: buf.readInt32BE(v) };
      case ItemType.Enumeration:
      case ItemType.Interval:
        this.fixed4(tag, length, v, start);
        return { tag, type, value: buf.readUInt32BE(v) };
      case ItemType.LongInteger:
      case ItemType.DateTime:
      case ItemType.DateTimeExtended:
        this.fixed8(tag, length, start);
        return { tag, type, value: buf.readBigInt64BE(v) };
      case ItemType.Boolean:
        return { tag, type, value: this.boolean(tag, length, v, start) };
      case ItemType.BigInteger:
        return { tag, type, value: this.bigInteger(tag, length, v, start) };
      case ItemType.TextString:
        this.zeroPadding(tag, v + length, v + padded);
        return { tag, type, value: this.text(tag, length, v, start) };
      case ItemType.ByteString: {
        this.zeroPadding(tag, v + length, v + padded);
        // A copy, never a view: see "Ownership" above.
        const value = Buffer.allocUnsafe(length);
        buf.copy(value, 0, v, v + length);
        return { tag, type, value };
      }
      default:
        throw new TtlvError('BAD_TYPE', `unknown item type 0x${type.toString(16).padStart(2, '0')}`, start, tag);
    }
  }

  private structure(tag: number, length: number, v: number, depth: number): TtlvItem {
    if (length & 7) throw new TtlvError('BAD_LENGTH', `Structure length ${length} is not a multiple of 8`, v - 8, tag);
    if (depth > this.limits.maxDepth) {
      throw new TtlvError('TOO_DEEP', `nesting deeper than ${this.limits.maxDepth}`, v - 8, tag);
    }
    const end = v + length;
    const value: TtlvItem[] = [];
    this.pos = v;
    // Terminates: each child advances pos by >= 8 or throws.
    while (this.pos < end) value.push(this.item(end, depth + 1, false));
    return { tag, type: ItemType.Structure, value };
  }

  /** Integer, Enumeration, Interval: length 4, then 4 zero padding bytes. */
  private fixed4(tag: number, length: number, v: number, start: number): void {
    if (length !== 4) throw new TtlvError('BAD_LENGTH', `length must be 4, got ${length}`, start, tag);
    if (this.buf.readUInt32BE(v + 4) !== 0) throw new TtlvError('BAD_PADDING', 'non-zero padding', v + 4, tag);
  }

  private fixed8(tag: number, length: number, start: number): void {
    if (length !== 8) throw new TtlvError('BAD_LENGTH', `length must be 8, got ${length}`, start, tag);
  }

  private boolean(tag: number, length: number, v: number, start: number): boolean {
    this.fixed8(tag, length, start);
    const hi = this.buf.readUInt32BE(v);
    const lo = this.buf.readUInt32BE(v + 4);
    if (hi !== 0 || lo > 1) throw new TtlvError('BAD_VALUE', 'Boolean must be 0 or 1', start, tag);
    return lo === 1;
  }

  /** Two's complement, big-endian, length a multiple of 8 (§9.1.1.4). */
  private bigInteger(tag: number, length: number, v: number, start: number): bigint {
    if (length & 7) throw new TtlvError('BAD_LENGTH', `Big Integer length ${length} is not a multiple of 8`, start, tag);
    if (length === 0) return 0n;
    let value = BigInt('0x' + this.buf.toString('hex', v, v + length));
    if (this.buf[v] & 0x80) value -= 1n << BigInt(length * 8);
    return value;
  }

  /** UTF-8 text; short ASCII (the common case) is checked by hand and sliced as latin1, which is faster. */
  private text(tag: number, length: number, v: number, start: number): string {
    const buf = this.buf;
    const end = v + length;
    if (length <= SHORT_TEXT) {
      let i = v;
      while (i < end && buf[i] < 0x80) i++;
      if (i === end) return buf.toString('latin1', v, end);
    }
    if (!isUtf8(buf.subarray(v, end))) throw new TtlvError('BAD_UTF8', 'Text String is not valid UTF-8', start, tag);
    return buf.toString('utf8', v, end);
  }

  private zeroPadding(tag: number, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      if (this.buf[i] !== 0) throw new TtlvError('BAD_PADDING', 'non-zero padding', i, tag);
    }
  }
}
