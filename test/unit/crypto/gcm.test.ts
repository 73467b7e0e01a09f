/**
 * GCM pieces used by multi-part GCM encryption (src/crypto/gcm.ts): the table-driven GHASH agrees with
 * the bit-by-bit multiplication of SP 800-38D Algorithm 1, J0 and the 32-bit counter wrap, and the GCM
 * specification's test case 2 tag recomputed from E_K values that node:crypto supplies.
 */
import * as nodeCrypto from 'node:crypto';
import { counterBlocks, gcmJ0, gfMul, ghash, inc32, lengthBlock } from '../../../src/crypto/gcm';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const ecb = (k: Buffer, b: Buffer): Buffer => nodeCrypto.createCipheriv('aes-128-ecb', k, null).setAutoPadding(false).update(b);

test('table GHASH equals folding the bit-by-bit multiplication, for whole and partial blocks', () => {
  for (let i = 0; i < 200; i++) {
    const h = nodeCrypto.randomBytes(16);
    const data = nodeCrypto.randomBytes(1 + (i % 70));
    const y0 = nodeCrypto.randomBytes(16);
    let y: Buffer = Buffer.from(y0);
    for (let off = 0; off < data.length; off += 16) {
      const block = Buffer.alloc(16);
      data.copy(block, 0, off, Math.min(off + 16, data.length));
      for (let j = 0; j < 16; j++) block[j] ^= y[j];
      y = gfMul(block, h);
    }
    expect(ghash(h, y0, data)).toEqual(y);
  }
});

test('multiplying by the identity (the bit string 1 followed by zeros) is the identity', () => {
  const one = Buffer.alloc(16);
  one[0] = 0x80;
  const x = nodeCrypto.randomBytes(16);
  expect(gfMul(x, one)).toEqual(x);
  expect(gfMul(one, x)).toEqual(x);
});

test('J0 of a 96-bit IV, inc32 wraps in the low 32 bits only', () => {
  const iv = hex('cafebabefacedbaddecaf888');
  expect(gcmJ0(Buffer.alloc(16), iv).toString('hex')).toBe('cafebabefacedbaddecaf88800000001');
  const b = hex('000000000000000000000001ffffffff');
  expect(inc32(b, 1).toString('hex')).toBe('00000000000000000000000100000000');
  expect(counterBlocks(b, 0, 2).toString('hex')).toBe('000000000000000000000001ffffffff00000000000000000000000100000000');
  expect(() => gcmJ0(Buffer.alloc(16), Buffer.alloc(0))).toThrow();
});

test('GCM spec test case 2 (zero key, one zero block): ciphertext and tag from E_K, GHASH and inc32', () => {
  const k = Buffer.alloc(16);
  const h = ecb(k, Buffer.alloc(16));
  const j0 = gcmJ0(h, Buffer.alloc(12));
  const c = ecb(k, counterBlocks(j0, 1, 1)); // plaintext is zero: C = E_K(inc32(J0))
  expect(c.toString('hex')).toBe('0388dace60b6a392f328c2b971b2fe78');
  const s = ghash(h, ghash(h, Buffer.alloc(16), c), lengthBlock(0, 16));
  const ekj0 = ecb(k, j0);
  const tag = Buffer.from(s.map((v, i) => v ^ ekj0[i]));
  expect(tag.toString('hex')).toBe('ab6e47d42cec13bdf53a67b21257bddf');
});
