/**
 * The GCM pieces (NIST SP 800-38D) that multi-part GCM encryption needs on top of a block cipher:
 * GHASH over GF(2^128), the pre-counter block J0, and the 32-bit counter increment. The block cipher
 * itself (E_K of the hash subkey, of J0 and of the counter blocks) stays in the provider (the HSM's
 * CKM_AES_ECB for PKCS#11), so the key never leaves it; see pkcs11/mechanisms.ts.
 *
 * Pure functions on 16-byte Buffers; no key material is kept here.
 */
import { invalidField } from './errors';

/**
 * X * Y in GF(2^128) with GCM's bit order (SP 800-38D §6.3, Algorithm 1), on four 32-bit words
 * (big-endian, word 0 most significant): a few microseconds per block, so long streams stay cheap.
 */
export function gfMul(x: Buffer, y: Buffer): Buffer {
  let z0 = 0, z1 = 0, z2 = 0, z3 = 0;
  let v0 = y.readUInt32BE(0), v1 = y.readUInt32BE(4), v2 = y.readUInt32BE(8), v3 = y.readUInt32BE(12);
  for (let i = 0; i < 128; i++) {
    if ((x[i >> 3] >> (7 - (i & 7))) & 1) {
      z0 ^= v0;
      z1 ^= v1;
      z2 ^= v2;
      z3 ^= v3;
    }
    const lsb = v3 & 1;
    v3 = (v3 >>> 1) | ((v2 & 1) << 31);
    v2 = (v2 >>> 1) | ((v1 & 1) << 31);
    v1 = (v1 >>> 1) | ((v0 & 1) << 31);
    v0 = v0 >>> 1;
    if (lsb) v0 ^= 0xe1000000;
  }
  const out = Buffer.alloc(16);
  out.writeUInt32BE(z0 >>> 0, 0);
  out.writeUInt32BE(z1 >>> 0, 4);
  out.writeUInt32BE(z2 >>> 0, 8);
  out.writeUInt32BE(z3 >>> 0, 12);
  return out;
}

type W = [number, number, number, number];

function shr1(v: W): W {
  const lsb = v[3] & 1;
  const out: W = [v[0] >>> 1, ((v[1] >>> 1) | ((v[0] & 1) << 31)) >>> 0, ((v[2] >>> 1) | ((v[1] & 1) << 31)) >>> 0, ((v[3] >>> 1) | ((v[2] & 1) << 31)) >>> 0];
  if (lsb) out[0] = (out[0] ^ 0xe1000000) >>> 0;
  return out;
}

/** Reduction of the 4 bits shifted out (OpenSSL's rem_4bit), applied to the top 16 bits. */
const REM4 = [0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0, 0xe100, 0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0];

/** Shoup's 4-bit table: T[i] = i * H for the 16 nibble values (GCM bit order). */
function table(h: Buffer): W[] {
  const t: W[] = new Array(16);
  t[0] = [0, 0, 0, 0];
  t[8] = [h.readUInt32BE(0), h.readUInt32BE(4), h.readUInt32BE(8), h.readUInt32BE(12)];
  t[4] = shr1(t[8]);
  t[2] = shr1(t[4]);
  t[1] = shr1(t[2]);
  for (const i of [3, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15]) {
    const hi = i & 8 ? 8 : i & 4 ? 4 : 2;
    const a = t[hi];
    const b = t[i - hi];
    t[i] = [(a[0] ^ b[0]) >>> 0, (a[1] ^ b[1]) >>> 0, (a[2] ^ b[2]) >>> 0, (a[3] ^ b[3]) >>> 0];
  }
  return t;
}

/** Incremental GHASH_H: absorb data (zero-padded to whole blocks) into the running value y. */
export function ghash(h: Buffer, y: Buffer, data: Buffer): Buffer {
  if (data.length === 0) return Buffer.from(y);
  // The table flattened: T[4n..4n+3] = n * H (OpenSSL gcm_gmult_4bit, one nibble at a time).
  const t = new Uint32Array(64);
  table(h).forEach((w, i) => t.set(w, i * 4));
  let y0 = y.readUInt32BE(0), y1 = y.readUInt32BE(4), y2 = y.readUInt32BE(8), y3 = y.readUInt32BE(12);
  const x = Buffer.alloc(16);
  for (let off = 0; off < data.length; off += 16) {
    x.fill(0);
    data.copy(x, 0, off, Math.min(off + 16, data.length));
    x.writeUInt32BE((x.readUInt32BE(0) ^ y0) >>> 0, 0);
    x.writeUInt32BE((x.readUInt32BE(4) ^ y1) >>> 0, 4);
    x.writeUInt32BE((x.readUInt32BE(8) ^ y2) >>> 0, 8);
    x.writeUInt32BE((x.readUInt32BE(12) ^ y3) >>> 0, 12);
    let n = (x[15] & 0xf) * 4;
    let z0 = t[n], z1 = t[n + 1], z2 = t[n + 2], z3 = t[n + 3];
    // Nibbles from the last: low of byte 15 (above), then high of 15, low of 14, high of 14, ...
    for (let j = 1; j < 32; j++) {
      n = (j & 1 ? x[15 - ((j - 1) >> 1)] >> 4 : x[15 - (j >> 1)] & 0xf) * 4;
      const rem = z3 & 0xf;
      z3 = (z3 >>> 4) | (z2 << 28);
      z2 = (z2 >>> 4) | (z1 << 28);
      z1 = (z1 >>> 4) | (z0 << 28);
      z0 = (z0 >>> 4) ^ (REM4[rem] << 16);
      z0 ^= t[n];
      z1 ^= t[n + 1];
      z2 ^= t[n + 2];
      z3 ^= t[n + 3];
    }
    y0 = z0 >>> 0;
    y1 = z1 >>> 0;
    y2 = z2 >>> 0;
    y3 = z3 >>> 0;
  }
  x.fill(0);
  t.fill(0);
  const out = Buffer.alloc(16);
  out.writeUInt32BE(y0, 0);
  out.writeUInt32BE(y1, 4);
  out.writeUInt32BE(y2, 8);
  out.writeUInt32BE(y3, 12);
  return out;
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
