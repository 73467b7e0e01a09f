/**
 * AES Key Wrap (RFC 3394, NIST SP 800-38F KW) and AES Key Wrap with Padding (RFC 5649, KWP) built on a
 * single-block AES function, so that the key-encryption key can stay inside the crypto provider: the
 * caller passes `aes(block)` = AES-ECB encryption (wrap) or decryption (unwrap) of one 16-byte block by the
 * provider. Every intermediate buffer holding key bytes is zeroed before returning.
 *
 * Used by Get with a Key Wrapping Specification (key-wrap-get.ts) and by Register of wrapped material that
 * must be parsed here (TTLV Encoding, see case 2 in key-unwrap.ts); raw key material wrapped with No Encoding
 * is unwrapped inside the provider instead (CryptoProvider.unwrapImport, case 1), without these functions.
 *
 * Cost: 6·n block operations for n 64-bit blocks (a 256-bit key in TTLV encoding: about 36).
 */
import { ResultReason } from '../kmip';
import { KmipError } from '../message/errors';

export type BlockFn = (block: Buffer) => Promise<Buffer>;

const KW_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const KWP_PREFIX = Buffer.from('a65959a6', 'hex');
/** Largest input: a wrapped RSA-16384 private key in TTLV is well below this. */
export const MAX_KEY_WRAP_INPUT = 65536;

function fail(message: string): KmipError {
  return new KmipError(ResultReason.CryptographicFailure, message);
}

function xorCounter(a: Buffer, t: number): void {
  // t < 2^32 for any input we accept: only the low four bytes change.
  const low = a.readUInt32BE(4) ^ t;
  a.writeUInt32BE(low >>> 0, 4);
}

async function block(aes: BlockFn, a: Buffer, r: Buffer): Promise<Buffer> {
  const input = Buffer.concat([a, r]);
  try {
    const out = await aes(input);
    if (out.length !== 16) throw fail('the block cipher returned a block of the wrong size');
    return out;
  } finally {
    input.fill(0);
  }
}

/** W (RFC 3394 §2.2.1) with a given initial value; plain is a multiple of 8 bytes, at least 16. */
async function wrapCore(aes: BlockFn, iv: Buffer, plain: Buffer): Promise<Buffer> {
  const n = plain.length / 8;
  const a = Buffer.from(iv);
  const r = Buffer.from(plain);
  try {
    for (let j = 0; j <= 5; j++) {
      for (let i = 1; i <= n; i++) {
        const b = await block(aes, a, r.subarray((i - 1) * 8, i * 8));
        b.copy(a, 0, 0, 8);
        xorCounter(a, n * j + i);
        b.copy(r, (i - 1) * 8, 8, 16);
        b.fill(0);
      }
    }
    return Buffer.concat([a, r]);
  } finally {
    r.fill(0);
  }
}

/** W⁻¹: returns the recovered initial value and the plaintext (owned; the caller zeroes it). */
async function unwrapCore(aes: BlockFn, wrapped: Buffer): Promise<{ a: Buffer; plain: Buffer }> {
  const n = wrapped.length / 8 - 1;
  const a = Buffer.from(wrapped.subarray(0, 8));
  const r = Buffer.from(wrapped.subarray(8));
  for (let j = 5; j >= 0; j--) {
    for (let i = n; i >= 1; i--) {
      xorCounter(a, n * j + i);
      const b = await block(aes, a, r.subarray((i - 1) * 8, i * 8));
      b.copy(a, 0, 0, 8);
      b.copy(r, (i - 1) * 8, 8, 16);
      b.fill(0);
    }
  }
  return { a, plain: r };
}

/** RFC 3394 wrap: input a multiple of 8 bytes, at least 16. */
export async function aesKeyWrap(aes: BlockFn, plain: Buffer): Promise<Buffer> {
  if (plain.length < 16 || plain.length % 8 !== 0 || plain.length > MAX_KEY_WRAP_INPUT) {
    throw fail('AES Key Wrap needs 16 or more bytes in multiples of 8 (use AES Key Wrap with Padding)');
  }
  return wrapCore(aes, KW_IV, plain);
}

/** RFC 3394 unwrap; an integrity check failure is Cryptographic Failure. */
export async function aesKeyUnwrap(aes: BlockFn, wrapped: Buffer): Promise<Buffer> {
  if (wrapped.length < 24 || wrapped.length % 8 !== 0 || wrapped.length > MAX_KEY_WRAP_INPUT + 8) {
    throw fail('AES Key Wrap data must be 24 or more bytes in multiples of 8');
  }
  const { a, plain } = await unwrapCore(aes, wrapped);
  if (!a.equals(KW_IV)) {
    plain.fill(0);
    throw fail('AES Key Wrap integrity check failed (wrong key or damaged data)');
  }
  return plain;
}

/** RFC 5649 wrap: any length from 1 byte. */
export async function aesKeyWrapPad(aes: BlockFn, plain: Buffer): Promise<Buffer> {
  if (plain.length < 1 || plain.length > MAX_KEY_WRAP_INPUT) throw fail('AES Key Wrap with Padding needs 1 to 65536 bytes');
  const aiv = Buffer.concat([KWP_PREFIX, Buffer.alloc(4)]);
  aiv.writeUInt32BE(plain.length, 4);
  const padded = Buffer.alloc(Math.ceil(plain.length / 8) * 8);
  plain.copy(padded);
  try {
    if (padded.length === 8) return await block(aes, aiv, padded);
    return await wrapCore(aes, aiv, padded);
  } finally {
    padded.fill(0);
  }
}

/** RFC 5649 unwrap, checking the prefix, the length indicator and the zero padding. */
export async function aesKeyUnwrapPad(aes: BlockFn, wrapped: Buffer): Promise<Buffer> {
  if (wrapped.length < 16 || wrapped.length % 8 !== 0 || wrapped.length > MAX_KEY_WRAP_INPUT + 16) {
    throw fail('AES Key Wrap with Padding data must be 16 or more bytes in multiples of 8');
  }
  let a: Buffer;
  let plain: Buffer;
  if (wrapped.length === 16) {
    const b = await aes(Buffer.from(wrapped));
    a = Buffer.from(b.subarray(0, 8));
    plain = Buffer.from(b.subarray(8));
    b.fill(0);
  } else {
    ({ a, plain } = await unwrapCore(aes, wrapped));
  }
  const mli = a.readUInt32BE(4);
  const ok = a.subarray(0, 4).equals(KWP_PREFIX) && mli > plain.length - 8 && mli <= plain.length && plain.subarray(mli).every((x) => x === 0);
  if (!ok) {
    plain.fill(0);
    throw fail('AES Key Wrap with Padding integrity check failed (wrong key or damaged data)');
  }
  const out = Buffer.from(plain.subarray(0, mli));
  plain.fill(0);
  return out;
}
