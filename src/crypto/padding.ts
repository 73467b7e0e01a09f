/**
 * Padding done outside the cipher: PKCS#5/7 for ECB where the HSM has no padded ECB mechanism, and
 * OAEP decoding (RFC 8017 §7.1.2) after a raw RSA decryption in the HSM for hashes SoftHSM2's OAEP
 * lacks. Neither touches a key.
 */
import * as nodeCrypto from 'node:crypto';
import type { HashAlg } from './port';
import { hashInfo } from './common';
import { cryptoFailure, invalidField as invalidFieldPad } from './errors';

export function pkcs5Pad(data: Buffer, block: number): Buffer {
  const n = block - (data.length % block);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

export function pkcs5Unpad(data: Buffer, block: number): Buffer {
  const n = data.length ? data[data.length - 1] : 0;
  let bad = n < 1 || n > block || data.length < n ? 1 : 0;
  for (let i = 0; i < block && !bad; i++) if (i < n && data[data.length - 1 - i] !== n) bad = 1;
  if (bad) throw cryptoFailure('decryption failed (bad padding or wrong key)');
  return data.subarray(0, data.length - n);
}

function mgf1(seed: Buffer, len: number, hash: HashAlg): Buffer {
  const h = hashInfo(hash);
  const out = Buffer.alloc(Math.ceil(len / h.bytes) * h.bytes);
  const counter = Buffer.alloc(4);
  for (let i = 0; i * h.bytes < len; i++) {
    counter.writeUInt32BE(i);
    nodeCrypto.createHash(h.node).update(seed).update(counter).digest().copy(out, i * h.bytes);
  }
  return out.subarray(0, len);
}

/** EME-OAEP encoding (RFC 8017 §7.1.1) of a message for a k-byte modulus; raw RSA does the rest. */
export function oaepEncode(message: Buffer, k: number, hash: HashAlg, mgfHash: HashAlg, label: Buffer = Buffer.alloc(0)): Buffer {
  const hLen = hashInfo(hash).bytes;
  if (message.length > k - 2 * hLen - 2) throw invalidFieldPad(`message too long for RSA-OAEP with this key (max ${k - 2 * hLen - 2} bytes)`);
  const lHash = nodeCrypto.createHash(hashInfo(hash).node).update(label).digest();
  const db = Buffer.concat([lHash, Buffer.alloc(k - message.length - 2 * hLen - 2), Buffer.from([1]), message]);
  const seed = nodeCrypto.randomBytes(hLen);
  const dbMask = mgf1(seed, db.length, mgfHash);
  for (let i = 0; i < db.length; i++) db[i] ^= dbMask[i];
  const seedMask = mgf1(db, hLen, mgfHash);
  for (let i = 0; i < hLen; i++) seed[i] ^= seedMask[i];
  return Buffer.concat([Buffer.from([0]), seed, db]);
}

/** em: the raw RSA output, k bytes. Returns the message or throws Cryptographic Failure. */
export function oaepDecode(em: Buffer, hash: HashAlg, mgfHash: HashAlg, label: Buffer = Buffer.alloc(0)): Buffer {
  const hLen = hashInfo(hash).bytes;
  const k = em.length;
  if (k < 2 * hLen + 2) throw cryptoFailure('RSA decryption failed');
  const maskedSeed = em.subarray(1, 1 + hLen);
  const maskedDb = em.subarray(1 + hLen);
  const seedMask = mgf1(maskedDb, hLen, mgfHash);
  const seed = Buffer.alloc(hLen);
  for (let i = 0; i < hLen; i++) seed[i] = maskedSeed[i] ^ seedMask[i];
  const dbMask = mgf1(seed, k - hLen - 1, mgfHash);
  const db = Buffer.alloc(k - hLen - 1);
  for (let i = 0; i < db.length; i++) db[i] = maskedDb[i] ^ dbMask[i];
  const lHash = nodeCrypto.createHash(hashInfo(hash).node).update(label).digest();
  // Collect every failure before deciding, so the reason does not show in the control flow.
  let bad = em[0] !== 0 ? 1 : 0;
  bad |= nodeCrypto.timingSafeEqual(db.subarray(0, hLen), lHash) ? 0 : 1;
  let sep = -1;
  for (let i = hLen; i < db.length; i++) {
    if (sep < 0 && db[i] === 1) sep = i;
    else if (sep < 0 && db[i] !== 0) bad = 1;
  }
  if (bad || sep < 0) {
    db.fill(0);
    throw cryptoFailure('RSA decryption failed');
  }
  const out = Buffer.from(db.subarray(sep + 1));
  db.fill(0);
  seed.fill(0);
  return out;
}

/** EMSA-PSS encoding (RFC 8017 §9.1.1) of a digest, for signing digested data with raw RSA. */
export function pssEncode(mHash: Buffer, modBits: number, hash: HashAlg, saltLength: number): Buffer {
  const h = hashInfo(hash);
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  if (emLen < h.bytes + saltLength + 2) throw cryptoFailure('PSS salt too long for the key');
  const salt = nodeCrypto.randomBytes(saltLength);
  const H = nodeCrypto.createHash(h.node).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  const db = Buffer.alloc(emLen - h.bytes - 1);
  db[emLen - saltLength - h.bytes - 2] = 1;
  salt.copy(db, db.length - saltLength);
  const mask = mgf1(H, db.length, hash);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  return Buffer.concat([db, H, Buffer.from([0xbc])]);
}

/** EMSA-PSS verification (RFC 8017 §9.1.2); em is the raw RSA output of the signature, k bytes. */
export function pssVerify(mHash: Buffer, raw: Buffer, modBits: number, hash: HashAlg, saltLength?: number): boolean {
  const h = hashInfo(hash);
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  if (raw.length < emLen || raw.subarray(0, raw.length - emLen).some((b) => b !== 0)) return false;
  const em = raw.subarray(raw.length - emLen);
  if (emLen < h.bytes + 2 || em[emLen - 1] !== 0xbc) return false;
  const maskedDb = em.subarray(0, emLen - h.bytes - 1);
  const H = em.subarray(emLen - h.bytes - 1, emLen - 1);
  const topBits = 8 * emLen - emBits;
  if (topBits && maskedDb[0] >> (8 - topBits) !== 0) return false;
  const mask = mgf1(H, maskedDb.length, hash);
  const db = Buffer.alloc(maskedDb.length);
  for (let i = 0; i < db.length; i++) db[i] = maskedDb[i] ^ mask[i];
  db[0] &= 0xff >> topBits;
  // Without a salt length, the first non-zero byte of DB is the 0x01 separator (OpenSSL "auto").
  const sLen = saltLength ?? db.length - 1 - db.findIndex((b) => b !== 0);
  if (sLen < 0 || sLen > db.length - 1) return false;
  const sepAt = emLen - h.bytes - sLen - 2;
  for (let i = 0; i < sepAt; i++) if (db[i] !== 0) return false;
  if (db[sepAt] !== 1) return false;
  const salt = db.subarray(db.length - sLen);
  const H2 = nodeCrypto.createHash(h.node).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  return nodeCrypto.timingSafeEqual(H, H2);
}
