/** Encodings the providers share: wrapped-blob header, ECDSA r||s <-> DER, PKCS#5, OAEP and PSS. */
import * as nodeCrypto from 'node:crypto';
import { decodeBlob, encodeBlob, checkSpec } from '../../../src/crypto/blob';
import { ecdsaDerToRaw, ecdsaRawToDer, setDesParity, secretLengthBytes, symmetricKeyPlan } from '../../../src/crypto/common';
import { CryptographicAlgorithm } from '../../../src/kmip/enums';
import { oaepDecode, pkcs5Pad, pkcs5Unpad, pssEncode, pssVerify } from '../../../src/crypto/padding';
import { CryptoError } from '../../../src/crypto/errors';

test('blob header round-trips and rejects malformed input', () => {
  const wrapped = Buffer.alloc(24, 7);
  const blob = encodeBlob({ keyClass: 'secret', algorithm: 'HMAC' }, 13, wrapped);
  expect(decodeBlob(blob)).toEqual({ spec: { keyClass: 'secret', algorithm: 'HMAC' }, length: 13, wrapped });
  for (const bad of [Buffer.alloc(3), Buffer.concat([Buffer.from([0x55]), blob.subarray(1)]), blob.subarray(0, blob.length - 8),
    Buffer.concat([blob.subarray(0, 2), Buffer.from([9]), blob.subarray(3)])]) {
    expect(() => decodeBlob(bad)).toThrow(CryptoError);
  }
  expect(() => checkSpec({ keyClass: 'secret', algorithm: 'RSA' })).toThrow(CryptoError);
  expect(() => checkSpec({ keyClass: 'private', algorithm: 'AES' })).toThrow(CryptoError);
});

test('ECDSA raw <-> DER agrees with node:crypto for P-256 and P-521', () => {
  for (const [curve, size] of [['P-256', 32], ['P-521', 66]] as const) {
    const { privateKey, publicKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: curve });
    for (let i = 0; i < 20; i++) {
      const raw = nodeCrypto.sign('sha256', Buffer.from([i]), { key: privateKey, dsaEncoding: 'ieee-p1363' });
      const der = ecdsaRawToDer(raw);
      expect(nodeCrypto.verify('sha256', Buffer.from([i]), publicKey, der)).toBe(true);
      expect(ecdsaDerToRaw(der, size)).toEqual(raw);
    }
  }
  expect(ecdsaDerToRaw(Buffer.from('3003020101', 'hex'), 32)).toBeUndefined();
  expect(ecdsaDerToRaw(Buffer.from('300602010102010100', 'hex'), 32)).toBeUndefined();
});

test('PKCS#5 padding refuses every malformed pad', () => {
  const p = pkcs5Pad(Buffer.from('abc'), 16);
  expect(p.length).toBe(16);
  expect(pkcs5Unpad(p, 16).toString()).toBe('abc');
  expect(pkcs5Pad(Buffer.alloc(16), 16).length).toBe(32);
  for (const last of [0, 17]) {
    const b = Buffer.from(p);
    b[15] = last;
    expect(() => pkcs5Unpad(b, 16)).toThrow(CryptoError);
  }
  const b = Buffer.from(p);
  b[14] = 1;
  expect(() => pkcs5Unpad(b, 16)).toThrow(CryptoError);
});

test('OAEP decoding of raw RSA output matches node:crypto encryption, SHA-256 and mixed MGF', () => {
  const { privateKey, publicKey } = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ct = nodeCrypto.publicEncrypt({ key: publicKey, oaepHash: 'sha256' }, Buffer.from('oaep'));
  const em = nodeCrypto.privateDecrypt({ key: privateKey, padding: nodeCrypto.constants.RSA_NO_PADDING }, ct);
  expect(oaepDecode(em, 'SHA-256', 'SHA-256').toString()).toBe('oaep');
  expect(() => oaepDecode(em, 'SHA-1', 'SHA-1')).toThrow(CryptoError);
  const bad = Buffer.from(em);
  bad[0] = 1;
  expect(() => oaepDecode(bad, 'SHA-256', 'SHA-256')).toThrow(CryptoError);
});

test('PSS encode/verify interoperate with node:crypto', () => {
  const { privateKey, publicKey } = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 3072 });
  const digest = nodeCrypto.createHash('sha384').update('pss').digest();
  const em = pssEncode(digest, 3072, 'SHA-384', 48);
  const sig = nodeCrypto.privateEncrypt({ key: privateKey, padding: nodeCrypto.constants.RSA_NO_PADDING }, em);
  const opts = { key: publicKey, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 };
  expect(nodeCrypto.verify('sha384', Buffer.from('pss'), opts, sig)).toBe(true);
  const nodeSig = nodeCrypto.sign('sha384', Buffer.from('pss'), { ...opts, key: privateKey });
  const raw = nodeCrypto.publicDecrypt({ key: publicKey, padding: nodeCrypto.constants.RSA_NO_PADDING }, nodeSig);
  expect(pssVerify(digest, raw, 3072, 'SHA-384', 48)).toBe(true);
  expect(pssVerify(digest, raw, 3072, 'SHA-384', 32)).toBe(false);
  const other = nodeCrypto.createHash('sha384').update('other').digest();
  expect(pssVerify(other, raw, 3072, 'SHA-384', 48)).toBe(false);
});

test('key length rules and DES parity', () => {
  expect(secretLengthBytes('AES', 192)).toBe(24);
  expect(() => secretLengthBytes('AES', 64)).toThrow(CryptoError);
  expect(secretLengthBytes('DES3', 168)).toBe(24);
  expect(() => secretLengthBytes('HMAC', 12)).toThrow(CryptoError);
  const k = Buffer.from([0x00, 0xff, 0x12]);
  setDesParity(k);
  for (const b of k) expect(b.toString(2).split('').filter((c) => c === '1').length % 2).toBe(1);
});

test('symmetricKeyPlan: generator and holding class per KMIP algorithm and length', () => {
  const A = CryptographicAlgorithm;
  expect(symmetricKeyPlan(A.DES3, 112)).toEqual({ algorithm: 'DES3', bytes: 16, gen: 'DES2' });
  expect(symmetricKeyPlan(A.DES3, 128)).toEqual({ algorithm: 'DES3', bytes: 16, gen: 'DES2' });
  expect(symmetricKeyPlan(A.DES3, 168)).toEqual({ algorithm: 'DES3', bytes: 24, gen: 'DES3' });
  expect(symmetricKeyPlan(A.DES, 56)).toEqual({ algorithm: 'GENERIC', bytes: 8, gen: 'DES' });
  expect(symmetricKeyPlan(A.SKIPJACK, 80)).toEqual({ algorithm: 'GENERIC', bytes: 10, gen: 'GENERIC' });
  expect(symmetricKeyPlan(A.HMAC_SHA256, 256)).toEqual({ algorithm: 'HMAC', bytes: 32, gen: 'GENERIC' });
  expect(symmetricKeyPlan(A.RC4, 40)).toEqual({ algorithm: 'GENERIC', bytes: 5, gen: 'GENERIC' });
  expect(() => symmetricKeyPlan(A.MARS, 136)).toThrow(/MARS key length must be 128 to 448 in steps of 32/);
  expect(() => symmetricKeyPlan(A.RSA, 2048)).toThrow(/not supported/);
  expect(() => symmetricKeyPlan(A.AES, 0)).toThrow(CryptoError);
});
