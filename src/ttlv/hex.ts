/** Strict hex helpers shared by the pretty-hex format and tests. */
import { TtlvError } from './errors';

const HEX_RE = /^[0-9a-fA-F]*$/;

/**
 * Hex string (no separators) to bytes. Throws TtlvError BAD_HEX on an odd length or a non-hex
 * character (Buffer.from(s, 'hex') silently stops at the first bad character instead).
 */
export function hexToBuffer(hex: string): Buffer {
  if (hex.length % 2 !== 0) throw new TtlvError('BAD_HEX', `odd number of hex digits (${hex.length})`, hex.length);
  if (!HEX_RE.test(hex)) {
    const at = hex.search(/[^0-9a-fA-F]/);
    throw new TtlvError('BAD_HEX', `not a hex digit: ${JSON.stringify(hex[at])}`, at);
  }
  return Buffer.from(hex, 'hex');
}

/** Lower-case hex of `buf[start, end)`. */
export function bufferToHex(buf: Buffer, start = 0, end = buf.length): string {
  return buf.toString('hex', start, end);
}

/**
 * Lower-case hex split into 4-byte groups separated by single spaces ("00000001 00000000"), as used
 * by the pretty-hex format for values.
 */
export function hexGroups(buf: Buffer, start = 0, end = buf.length): string {
  const hex = buf.toString('hex', start, end);
  let out = '';
  for (let i = 0; i < hex.length; i += 8) out += (i === 0 ? '' : ' ') + hex.slice(i, i + 8);
  return out;
}
