/**
 * The GCM pieces (NIST SP 800-38D) that multi-part GCM encryption needs on top of a block cipher:
 * GHASH over GF(2^128), the pre-counter block J0, and the 32-bit counter increment. The block cipher
 * itself (E_K of the hash subkey, of J0 and of the counter blocks) stays in the provider (the HSM's
 * CKM_AES_ECB for PKCS#11), so the key never leaves it; see pkcs11/mechanisms.ts.
 *
 * Pure functions on 16-byte Buffers; no key material is kept here.
 */
import { invalidField } from './errors';

const R = 0xe1n << 120n;
const MASK128 = (1n << 128n) - 1n;

function toBig(b: Buffer): bigint {
  return BigInt('0x' + (b.length ? b.toString('hex') : '0'));
}

function toBuf(x: bigint): Buffer {
  return Buffer.from(x.toString(16).padStart(32, '0'), 'hex');
}

/** X * Y in GF(2^128) with GCM's bit order (SP 800-38D §6.3, Algorithm 1). */
export function gfMul(x: Buffer, y: Buffer): Buffer {
  const X = toBig(x);
  let V = toBig(y);
  let Z = 0n;
  for (let i = 127; i >= 0; i--) {
    if ((X >> BigInt(i)) & 1n) Z ^= V;
    V = V & 1n ? (V >> 1n) ^ R : V >> 1n;
  }
  return toBuf(Z & MASK128);
}

/** Incremental GHASH_H: absorb data (zero-padded to whole blocks) into the running value y. */
export function ghash(h: Buffer, y: Buffer, data: Buffer): Buffer {
  let acc: Buffer = Buffer.from(y);
  for (let off = 0; off < data.length; off += 16) {
    const block = Buffer.alloc(16);
    data.copy(block, 0, off, Math.min(off + 16, data.length));
    for (let i = 0; i < 16; i++) block[i] ^= acc[i];
    acc = gfMul(block, h);
  }
  return acc;
}

/** [len(A)]_64 || [len(C)]_64 in bits: the last GHASH block. */
export function lengthBlock(aadBytes: number, cipherBytes: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(BigInt(aadBytes) * 8n, 0);
  b.writeBigUInt64BE(BigInt(cipherBytes) * 8n, 8);
  return b;
}

/** The pre-counter block J0 from the IV: IV||0^31||1 for a 96-bit IV, else GHASH_H(IV padded || [len(IV)]_64). */
export function gcmJ0(h: Buffer, iv: Buffer): Buffer {
  if (iv.length === 0) throw invalidField('GCM needs a non-empty IV');
  if (iv.length === 12) return Buffer.concat([iv, Buffer.from([0, 0, 0, 1])]);
  const y = ghash(h, Buffer.alloc(16), iv);
  return ghash(h, y, lengthBlock(0, iv.length));
}

/** inc32 applied n times: the low 32 bits count modulo 2^32, the high 96 bits stay (SP 800-38D §6.2). */
export function inc32(block: Buffer, n: number): Buffer {
  const out = Buffer.from(block);
  out.writeUInt32BE((block.readUInt32BE(12) + n) >>> 0, 12);
  return out;
}

/** Counter blocks inc32^(first)(j0) .. inc32^(first+count-1)(j0), concatenated (input for E_K in ECB). */
export function counterBlocks(j0: Buffer, first: number, count: number): Buffer {
  const out = Buffer.alloc(count * 16);
  for (let i = 0; i < count; i++) inc32(j0, first + i).copy(out, i * 16);
  return out;
}
