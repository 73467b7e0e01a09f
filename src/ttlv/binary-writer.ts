/**
 * Binary TTLV encoder. One pass over the tree into a growable buffer: a structure's header is written
 * with a placeholder length that is patched when the structure ends (architecture example 3, as
 * kmip-go's encoder begin/end and pg-protocol's buffer-writer).
 *
 * Output is canonical: zero padding, Big Integers in the minimal sign-extended multiple of 8 bytes
 * (at least 8), Booleans 0/1. Values are checked against their type (an Integer must be a signed 32-bit
 * integer, etc.); a bad tree raises TtlvError, never a RangeError from Buffer.
 */
import { ItemType } from '../kmip/item-type';
import { TtlvError } from './errors';
import { isValidTag, TTLV_HEADER_SIZE } from './header';
import type { TtlvItem } from './item';
import { DEFAULT_TTLV_LIMITS } from './limits';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT32_MAX = 0xffffffff;

/** Strings up to this many UTF-16 units take the hand-copied ASCII path. */
const SHORT_STRING = 64;

/** Scratch buffers larger than this are dropped after use rather than kept for the next call. */
const KEEP_SCRATCH_BYTES = 256 * 1024;

export interface TtlvEncodeOptions {
  /** Most nested Structures accepted (guards against cyclic trees); default DEFAULT_TTLV_LIMITS.maxDepth. */
  maxDepth?: number;
}

export class TtlvWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialSize = 4096) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos;
  }

  /** Start a structure: writes its header with a placeholder length; pass the mark to endStructure. */
  beginStructure(tag: number): number {
    if (!isValidTag(tag)) throw new TtlvError('BAD_TAG', `tag ${String(tag)} is not 0x42xxxx or 0x54xxxx`, this.pos);
    const mark = this.pos;
    this.header(tag, ItemType.Structure, 0);
    return mark;
  }

  endStructure(mark: number): void {
    const length = this.pos - mark - TTLV_HEADER_SIZE;
    if (length > UINT32_MAX) throw new TtlvError('TOO_LARGE', `structure of ${length} bytes does not fit a 32-bit length`, mark);
    this.buf.writeUInt32BE(length, mark + 4);
  }

  /** Write one item (recursively for structures). */
  writeItem(item: TtlvItem, maxDepth: number = DEFAULT_TTLV_LIMITS.maxDepth): void {
    this.item(item, 1, maxDepth);
  }

  /** An exact-size copy of what was written, then the scratch is zeroed (it may have held secrets). */
  finish(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    this.reset();
    return out;
  }

  /** Zero what was written and start over. */
  reset(): void {
    this.buf.fill(0, 0, this.pos);
    this.pos = 0;
  }

  /** Allocated capacity (used to decide whether to keep a shared writer). */
  get capacity(): number {
    return this.buf.length;
  }

  private item(item: TtlvItem, depth: number, maxDepth: number): void {
    const tag = item.tag;
    if (typeof tag !== 'number' || !isValidTag(tag)) {
      throw new TtlvError('BAD_TAG', `tag ${String(tag)} is not 0x42xxxx or 0x54xxxx`, this.pos, typeof tag === 'number' ? tag : undefined);
    }
    const value: unknown = item.value;
    switch (item.type) {
      case ItemType.Structure: {
        if (!Array.isArray(value)) throw this.badValue(tag, 'Structure value must be an array');
        if (depth > maxDepth) throw new TtlvError('TOO_DEEP', `structures nested deeper than ${maxDepth}`, this.pos, tag);
        const mark = this.beginStructure(tag);
        for (const c of value as TtlvItem[]) this.item(c, depth + 1, maxDepth);
        this.endStructure(mark);
        return;
      }
      case ItemType.Integer:
        if (typeof value !== 'number' || !Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
          throw this.badValue(tag, `Integer must be a signed 32-bit integer, got ${String(value)}`);
        }
        this.header(tag, ItemType.Integer, 4);
        this.buf.writeInt32BE(value, this.pos);
        this.buf.writeUInt32BE(0, this.pos + 4);
        this.pos += 8;
        return;
      case ItemType.Enumeration:
      case ItemType.Interval:
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > UINT32_MAX) {
          throw this.badValue(tag, `value must be an unsigned 32-bit integer, got ${String(value)}`);
        }
        this.header(tag, item.type, 4);
        this.buf.writeUInt32BE(value, this.pos);
        this.buf.writeUInt32BE(0, this.pos + 4);
        this.pos += 8;
        return;
      case ItemType.LongInteger:
      case ItemType.DateTime:
      case ItemType.DateTimeExtended:
        if (typeof value !== 'bigint' || value < INT64_MIN || value > INT64_MAX) {
          throw this.badValue(tag, `value must be a signed 64-bit bigint, got ${typeof value}`);
        }
        this.header(tag, item.type, 8);
        this.buf.writeBigInt64BE(value, this.pos);
        this.pos += 8;
        return;
      case ItemType.Boolean:
        if (typeof value !== 'boolean') throw this.badValue(tag, `Boolean must be a boolean, got ${typeof value}`);
        this.header(tag, ItemType.Boolean, 8);
        this.buf.writeUInt32BE(0, this.pos);
        this.buf.writeUInt32BE(value ? 1 : 0, this.pos + 4);
        this.pos += 8;
        return;
      case ItemType.BigInteger:
        if (typeof value !== 'bigint') throw this.badValue(tag, `Big Integer must be a bigint, got ${typeof value}`);
        this.bigInteger(tag, value);
        return;
      case ItemType.TextString:
        if (typeof value !== 'string') throw this.badValue(tag, `Text String must be a string, got ${typeof value}`);
        this.text(tag, value);
        return;
      case ItemType.ByteString:
        if (!(value instanceof Uint8Array)) throw this.badValue(tag, 'Byte String must be a Buffer');
        this.bytes(tag, value);
        return;
      default:
        throw new TtlvError('BAD_TYPE', `unknown item type ${String((item as { type: unknown }).type)}`, this.pos, tag);
    }
  }

  private header(tag: number, type: number, length: number): void {
    this.ensure(TTLV_HEADER_SIZE + 8);
    const b = this.buf;
    const p = this.pos;
    b[p] = tag >>> 16;
    b[p + 1] = (tag >>> 8) & 0xff;
    b[p + 2] = tag & 0xff;
    b[p + 3] = type;
    b.writeUInt32BE(length, p + 4);
    this.pos = p + TTLV_HEADER_SIZE;
  }

  private text(tag: number, value: string): void {
    const len = value.length;
    // Worst case 3 bytes per UTF-16 unit; write first, patch the length after.
    this.ensure(TTLV_HEADER_SIZE + len * 3 + 8);
    const mark = this.pos;
    this.header(tag, ItemType.TextString, 0);
    const b = this.buf;
    let p = this.pos;
    let n = -1;
    if (len <= SHORT_STRING) {
      // Short ASCII (most tags' values: UIDs, names) is copied by hand: faster than Buffer#write.
      let i = 0;
      for (; i < len; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        b[p + i] = c;
      }
      if (i === len) n = len;
    }
    if (n < 0) {
      if (!isWellFormed(value)) {
        throw new TtlvError('BAD_UTF8', 'Text String has lone surrogates and cannot be encoded as UTF-8', mark, tag);
      }
      n = b.write(value, p, 'utf8');
    }
    b.writeUInt32BE(n, mark + 4);
    p += n;
    const pad = (8 - (n & 7)) & 7;
    for (let i = 0; i < pad; i++) b[p++] = 0;
    this.pos = p;
  }

  private bytes(tag: number, value: Uint8Array): void {
    const n = value.length;
    if (n > UINT32_MAX) throw new TtlvError('TOO_LARGE', `Byte String of ${n} bytes`, this.pos, tag);
    this.ensure(TTLV_HEADER_SIZE + n + 8);
    this.header(tag, ItemType.ByteString, n);
    this.buf.set(value, this.pos);
    this.pos += n;
    this.pad(n);
  }

  /** Minimal two's complement, sign-extended on the left to a multiple of 8 bytes (§9.1.1.4). */
  private bigInteger(tag: number, value: bigint): void {
    const magnitude = value < 0n ? -value - 1n : value; // bits that must sit below the sign bit
    const hex = magnitude === 0n ? '' : magnitude.toString(16);
    const bits = hex.length === 0 ? 0 : (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
    const n = Math.max(8, Math.ceil((bits + 1) / 64) * 8);
    const twos = value < 0n ? (1n << BigInt(n * 8)) + value : value;
    this.ensure(TTLV_HEADER_SIZE + n);
    this.header(tag, ItemType.BigInteger, n);
    this.buf.write(twos.toString(16).padStart(n * 2, '0'), this.pos, 'hex');
    this.pos += n;
  }

  private pad(n: number): void {
    const p = (8 - (n & 7)) & 7;
    for (let i = 0; i < p; i++) this.buf[this.pos++] = 0;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf.fill(0, 0, this.pos); // the old buffer may hold secrets
    this.buf = next;
  }

  private badValue(tag: number, what: string): TtlvError {
    return new TtlvError('BAD_VALUE', what, this.pos, tag);
  }
}

// String.prototype.isWellFormed exists on Node 20 (V8 11.3) but not in the ES2022 lib typings.
type MaybeWellFormed = { isWellFormed?: () => boolean };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function isWellFormed(s: string): boolean {
  const f = (s as unknown as MaybeWellFormed).isWellFormed;
  return f ? f.call(s) : !LONE_SURROGATE.test(s);
}

let shared: TtlvWriter | undefined;

/** Encode one item (normally a whole message) to an exactly sized, caller-owned Buffer. */
export function encodeTtlv(item: TtlvItem, options?: TtlvEncodeOptions): Buffer {
  // encodeTtlv never re-enters itself, so one scratch writer serves every call.
  const w = shared ?? new TtlvWriter();
  shared = undefined; // not reused if anything below throws half-way (it is reset first anyway)
  try {
    w.writeItem(item, options?.maxDepth ?? DEFAULT_TTLV_LIMITS.maxDepth);
    const out = w.finish();
    if (w.capacity <= KEEP_SCRATCH_BYTES) shared = w;
    return out;
  } catch (e) {
    w.reset();
    if (w.capacity <= KEEP_SCRATCH_BYTES) shared = w;
    throw e;
  }
}

/** Size in bytes of the encoding of `item` (header included). Walks the tree; no allocation for most types. */
export function encodedTtlvSize(item: TtlvItem): number {
  switch (item.type) {
    case ItemType.Structure: {
      let n = TTLV_HEADER_SIZE;
      for (const c of item.value) n += encodedTtlvSize(c);
      return n;
    }
    case ItemType.TextString:
      return TTLV_HEADER_SIZE + roundUp8(Buffer.byteLength(item.value, 'utf8'));
    case ItemType.ByteString:
      return TTLV_HEADER_SIZE + roundUp8(item.value.length);
    case ItemType.BigInteger: {
      const v = item.value;
      const m = v < 0n ? -v - 1n : v;
      const bits = m === 0n ? 0 : m.toString(2).length;
      return TTLV_HEADER_SIZE + Math.max(8, Math.ceil((bits + 1) / 64) * 8);
    }
    default:
      return TTLV_HEADER_SIZE + 8;
  }
}

function roundUp8(n: number): number {
  return n + ((8 - (n & 7)) & 7);
}
