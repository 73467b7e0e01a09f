/**
 * AES Key Wrap on a block function (src/operations/aes-key-wrap.ts): RFC 3394 §4 test vectors, and
 * agreement with OpenSSL's id-aesNNN-wrap / id-aesNNN-wrap-pad (through node:crypto) for many lengths.
 */
import * as nodeCrypto from 'node:crypto';
import { ResultReason } from '../../../src/kmip';
import { KmipError } from '../../../src/message/errors';
import { aesKeyUnwrap, aesKeyUnwrapPad, aesKeyWrap, aesKeyWrapPad, type BlockFn } from '../../../src/operations/aes-key-wrap';

function ecb(key: Buffer, decrypt: boolean): BlockFn {
  return async (b) => {
    const alg = `aes-${key.length * 8}-ecb`;
    const c = decrypt ? nodeCrypto.createDecipheriv(alg, key, null) : nodeCrypto.createCipheriv(alg, key, null);
    c.setAutoPadding(false);
    return Buffer.concat([c.update(b), c.final()]);
  };
}

function openssl(key: Buffer, data: Buffer, pad: boolean): Buffer {
  const bits = key.length * 8;
  const c = pad
    ? nodeCrypto.createCipheriv(`id-aes${bits}-wrap-pad`, key, Buffer.from('a65959a6', 'hex'))
    : nodeCrypto.createCipheriv(`id-aes${bits}-wrap`, key, Buffer.from('a6a6a6a6a6a6a6a6', 'hex'));
  return Buffer.concat([c.update(data), c.final()]);
}

const h = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');

test('RFC 3394 §4.1 (128-bit KEK, 128-bit data) and §4.6 (256-bit KEK, 256-bit data)', async () => {
  const k1 = h('000102030405060708090A0B0C0D0E0F');
  const p1 = h('00112233445566778899AABBCCDDEEFF');
  const c1 = h('1FA68B0A8112B447 AEF34BD8FB5A7B82 9D3E862371D2CFE5');
  expect(await aesKeyWrap(ecb(k1, false), p1)).toEqual(c1);
  expect(await aesKeyUnwrap(ecb(k1, true), c1)).toEqual(p1);
  const k6 = h('000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F');
  const p6 = h('00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F');
  const c6 = h('28C9F404C4B810F4 CBCCB35CFB87F826 3F5786E2D80ED326 CBC7F0E71A99F43B FB988B9B7A02DD21');
  expect(await aesKeyWrap(ecb(k6, false), p6)).toEqual(c6);
  expect(await aesKeyUnwrap(ecb(k6, true), c6)).toEqual(p6);
});

test('RFC 5649 §6 vectors (192-bit KEK, 20 and 7 bytes)', async () => {
  const k = h('5840df6e29b02af1 ab493b705bf16ea1 ae8338f4dcc176a8');
  const p20 = h('c37b7e6492584340 bed1220780894115 5068f738');
  const c20 = h('138bdeaa9b8fa7fc 61f97742e72248ee 5ae6ae5360d1ae6a 5f54f373fa543b6a');
  expect(await aesKeyWrapPad(ecb(k, false), p20)).toEqual(c20);
  expect(await aesKeyUnwrapPad(ecb(k, true), c20)).toEqual(p20);
  const p7 = h('466f7250617369');
  const c7 = h('afbeb0f07dfbf541 9200f2ccb50bb24f');
  expect(await aesKeyWrapPad(ecb(k, false), p7)).toEqual(c7);
  expect(await aesKeyUnwrapPad(ecb(k, true), c7)).toEqual(p7);
});

test('agrees with OpenSSL for every length 1..80 (padding) and 16..80 step 8 (no padding)', async () => {
  for (const bits of [128, 192, 256]) {
    const kek = nodeCrypto.randomBytes(bits / 8);
    for (let n = 1; n <= 80; n++) {
      const data = nodeCrypto.randomBytes(n);
      const w = await aesKeyWrapPad(ecb(kek, false), data);
      expect(w).toEqual(openssl(kek, data, true));
      expect(await aesKeyUnwrapPad(ecb(kek, true), w)).toEqual(data);
      if (n >= 16 && n % 8 === 0) {
        const w2 = await aesKeyWrap(ecb(kek, false), data);
        expect(w2).toEqual(openssl(kek, data, false));
        expect(await aesKeyUnwrap(ecb(kek, true), w2)).toEqual(data);
      }
    }
  }
});

test('wrong key, damaged data and bad lengths are Cryptographic Failure', async () => {
  const kek = nodeCrypto.randomBytes(16);
  const other = nodeCrypto.randomBytes(16);
  const data = nodeCrypto.randomBytes(32);
  const w = await aesKeyWrap(ecb(kek, false), data);
  const reason = async (p: Promise<unknown>) => p.then(() => undefined, (e) => (e instanceof KmipError ? e.reason : e));
  expect(await reason(aesKeyUnwrap(ecb(other, true), w))).toBe(ResultReason.CryptographicFailure);
  const bad = Buffer.from(w);
  bad[10] ^= 1;
  expect(await reason(aesKeyUnwrap(ecb(kek, true), bad))).toBe(ResultReason.CryptographicFailure);
  expect(await reason(aesKeyUnwrapPad(ecb(kek, true), w))).toBe(ResultReason.CryptographicFailure);
  expect(await reason(aesKeyWrap(ecb(kek, false), Buffer.alloc(12)))).toBe(ResultReason.CryptographicFailure);
  expect(await reason(aesKeyUnwrap(ecb(kek, true), Buffer.alloc(20)))).toBe(ResultReason.CryptographicFailure);
});
