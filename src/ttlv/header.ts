/**
 * The 8-byte TTLV item header (KMIP 1.4 §9.1.1): 3-byte tag, 1-byte type, 4-byte length, big-endian.
 * The transport uses only this file to frame messages.
 */
import { TtlvError } from './errors';

export const TTLV_HEADER_SIZE = 8;

/** First tag byte of KMIP-defined tags (0x42xxxx) and of extension tags (0x54xxxx), §9.1.1.1. */
export const TAG_PREFIX_KMIP = 0x42;
export const TAG_PREFIX_EXTENSION = 0x54;

export interface TtlvHeader {
  tag: number;
  type: number;
  length: number;
}

/**
 * Read the header at `offset`. Bounds-checked (TRUNCATED when fewer than 8 bytes remain) but not
 * validated: tag prefix, type and length are returned as found, so callers can report them.
 */
export function readTtlvHeader(buf: Buffer, offset = 0): TtlvHeader {
  if (!Number.isSafeInteger(offset) || offset < 0 || buf.length - offset < TTLV_HEADER_SIZE) {
    throw new TtlvError('TRUNCATED', `an item header needs 8 bytes, ${Math.max(0, buf.length - offset)} available`, offset);
  }
  return {
    tag: (buf[offset] << 16) | (buf[offset + 1] << 8) | buf[offset + 2],
    type: buf[offset + 3],
    length: buf.readUInt32BE(offset + 4),
  };
}

/** True when the tag's first byte is 0x42 or 0x54 (the only values §9.1.1.1 allows). */
export function isValidTag(tag: number): boolean {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffff) return false;
  const hi = tag >>> 16;
  return hi === TAG_PREFIX_KMIP || hi === TAG_PREFIX_EXTENSION;
}

/** Bytes an item value occupies on the wire: its length rounded up to a multiple of 8. */
export function paddedLength(length: number): number {
  return length + ((8 - (length & 7)) & 7);
}
