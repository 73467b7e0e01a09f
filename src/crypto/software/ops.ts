/**
 * Cryptographic operations on plaintext keys with node:crypto. Used by the software provider for
 * everything, and by the PKCS#11 provider only for public-key operations and the few mechanisms SoftHSM2
 * lacks (see pkcs11/mechanisms.ts). Callers own and zero the key buffers they pass in.
 */
import * as nodeCrypto from 'node:crypto';
import type { CipherParams, DecipherParams, EncryptResult, HashAlg, MacParams, SignParams } from '../port';
import { cryptoFailure, invalidField, notSupported } from '../errors';
import { des3Key24, hashInfo } from '../common';
import { ecdsaSignDigest, ecdsaVerifyDigest } from '../ecdsa';
import { curveOfKey } from '../material';
import { oaepDecode, oaepEncode, pssEncode, pssVerify } from '../padding';

const AIV_5649 = Buffer.from('A65959A6', 'hex');

/** RFC 5649 AES key wrap with padding under a 256-bit KEK. */
export function kwpWrap(kek: Buffer, plain: Buffer): Buffer {
  const c = nodeCrypto.createCipheriv('id-aes256-wrap-pad', kek, AIV_5649);
  return Buffer.concat([c.update(plain), c.final()]);
}

export function kwpUnwrap(kek: Buffer, wrapped: Buffer): Buffer {
  try {
    const d = nodeCrypto.createDecipheriv('id-aes256-wrap-pad', kek, AIV_5649);
    return Buffer.concat([d.update(wrapped), d.final()]);
  } catch {
    throw cryptoFailure('unwrapping the key material failed (wrong KEK or corrupted material)');
  }
}

function symmetricCipherName(algorithm: 'AES' | 'DES3', keyLen: number, mode: string): { name: string; ivLen: number } {
  if (algorithm === 'DES3') {
    if (mode === 'ECB') return { name: 'des-ede3', ivLen: 0 };
    if (mode === 'CBC') return { name: 'des-ede3-cbc', ivLen: 8 };
    throw notSupported(`3DES in ${mode} mode is not supported`);
  }
  const bits = keyLen * 8;
  if (bits !== 128 && bits !== 192 && bits !== 256) throw invalidField(`AES key of ${keyLen} bytes`);
  const ivLen = mode === 'ECB' ? 0 : mode === 'GCM' ? -1 : 16;
  if (!['ECB', 'CBC', 'CTR', 'GCM'].includes(mode)) throw notSupported(`block cipher mode ${mode} is not supported`);
  return { name: `aes-${bits}-${mode.toLowerCase()}`, ivLen };
}

/** Validates mode/padding/IV for a block cipher; shared with the PKCS#11 provider. */
export function checkSymmetricParams(algorithm: 'AES' | 'DES3', p: CipherParams): { mode: string; pad: boolean; tagLength: number } {
  const mode = p.mode;
  if (!mode) throw invalidField('a Block Cipher Mode is required for a symmetric key');
  const padding = p.padding ?? 'None';
  if (padding !== 'None' && padding !== 'PKCS5') throw notSupported(`padding method ${padding} is not supported for ${algorithm}`);
  const pad = padding === 'PKCS5';
  if (pad && mode !== 'ECB' && mode !== 'CBC') throw invalidField(`PKCS5 padding does not apply to ${mode} mode`);
  const block = algorithm === 'AES' ? 16 : 8;
  if (mode === 'ECB') {
    if (p.iv && p.iv.length) throw invalidField('ECB mode takes no IV');
  } else if (mode === 'GCM') {
    if (algorithm !== 'AES') throw notSupported('GCM needs AES');
    if (!p.iv || p.iv.length < 1 || p.iv.length > 128) throw invalidField('GCM needs an IV/Counter/Nonce of 1 to 128 bytes');
  } else if (!p.iv || p.iv.length !== block) {
    throw invalidField(`${mode} mode needs an IV/Counter/Nonce of ${block} bytes`);
  }
  const tagLength = p.tagLength ?? 16;
  if (mode === 'GCM' && (!Number.isInteger(tagLength) || tagLength < 4 || tagLength > 16)) {
    throw invalidField(`GCM tag length must be 4 to 16 bytes, not ${tagLength}`);
  }
  if (mode !== 'GCM' && p.aad?.length) throw invalidField(`additional authenticated data needs GCM mode, not ${mode}`);
  return { mode, pad, tagLength };
}

export function blockCheck(algorithm: 'AES' | 'DES3', mode: string, pad: boolean, length: number, decrypt: boolean): void {
  const block = algorithm === 'AES' ? 16 : 8;
  if ((mode === 'ECB' || mode === 'CBC') && (!pad || decrypt) && length % block !== 0) {
    throw invalidField(`data length ${length} is not a multiple of the ${block}-byte block`);
  }
}

/** Runs fn with a key des-ede3 takes (two-key 3DES expanded to K1||K2||K1); the expanded copy is zeroed. */
function withCipherKey<R>(algorithm: 'AES' | 'DES3', key: Buffer, fn: (k: Buffer) => R): R {
  const k = algorithm === 'DES3' ? des3Key24(key) : key;
  try {
    return fn(k);
  } finally {
    if (k !== key) k.fill(0);
  }
}

export function symmetricEncrypt(algorithm: 'AES' | 'DES3', key: Buffer, data: Buffer, p: CipherParams): EncryptResult {
  return withCipherKey(algorithm, key, (k) => encryptWith(algorithm, k, data, p));
}

function encryptWith(algorithm: 'AES' | 'DES3', key: Buffer, data: Buffer, p: CipherParams): EncryptResult {
  const { mode, pad, tagLength } = checkSymmetricParams(algorithm, p);
  blockCheck(algorithm, mode, pad, data.length, false);
  const { name } = symmetricCipherName(algorithm, key.length, mode);
  const iv = mode === 'ECB' ? null : (p.iv as Buffer);
  if (mode === 'GCM') {
    const c = nodeCrypto.createCipheriv(name as nodeCrypto.CipherGCMTypes, key, iv as Buffer, { authTagLength: tagLength });
    if (p.aad?.length) c.setAAD(p.aad);
    const out = Buffer.concat([c.update(data), c.final()]);
    return { data: out, tag: c.getAuthTag() };
  }
  const c = nodeCrypto.createCipheriv(name, key, iv);
  c.setAutoPadding(pad);
  return { data: Buffer.concat([c.update(data), c.final()]) };
}

export function symmetricDecrypt(algorithm: 'AES' | 'DES3', key: Buffer, data: Buffer, p: DecipherParams): Buffer {
  return withCipherKey(algorithm, key, (k) => decryptWith(algorithm, k, data, p));
}

function decryptWith(algorithm: 'AES' | 'DES3', key: Buffer, data: Buffer, p: DecipherParams): Buffer {
  const { mode, pad, tagLength } = checkSymmetricParams(algorithm, p);
  blockCheck(algorithm, mode, pad, data.length, true);
  const { name } = symmetricCipherName(algorithm, key.length, mode);
  const iv = mode === 'ECB' ? null : (p.iv as Buffer);
  try {
    if (mode === 'GCM') {
      if (!p.tag || p.tag.length !== tagLength) throw invalidField(`GCM decryption needs an authentication tag of ${tagLength} bytes`);
      const d = nodeCrypto.createDecipheriv(name as nodeCrypto.CipherGCMTypes, key, iv as Buffer, { authTagLength: tagLength });
      if (p.aad?.length) d.setAAD(p.aad);
      d.setAuthTag(p.tag);
      return Buffer.concat([d.update(data), d.final()]);
    }
    const d = nodeCrypto.createDecipheriv(name, key, iv);
    d.setAutoPadding(pad);
    return Buffer.concat([d.update(data), d.final()]);
  } catch (e) {
    if (e instanceof Error && e.name === 'CryptoError') throw e;
    throw cryptoFailure(mode === 'GCM' ? 'authentication tag check failed' : 'decryption failed (bad padding or wrong key)');
  }
}

function oaep(p: CipherParams): { hash: HashAlg; mgfHash: HashAlg; label: Buffer } {
  const hash = p.hash ?? 'SHA-1';
  hashInfo(hash);
  const mgfHash = p.mgfHash ?? hash;
  hashInfo(mgfHash);
  return { hash, mgfHash, label: p.label ?? Buffer.alloc(0) };
}

function modulusBytes(key: nodeCrypto.KeyObject): number {
  return Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
}

export function rsaPublicEncrypt(publicKey: nodeCrypto.KeyObject, data: Buffer, p: CipherParams): Buffer {
  const padding = p.padding ?? 'OAEP';
  try {
    if (padding === 'OAEP') {
      const o = oaep(p);
      if (o.mgfHash === o.hash) {
        const opts = { key: publicKey, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hashInfo(o.hash).node };
        return nodeCrypto.publicEncrypt(o.label.length ? { ...opts, oaepLabel: o.label } : opts, data);
      }
      // node:crypto ties MGF1 to the OAEP hash: encode here, raw RSA there.
      const em = oaepEncode(data, modulusBytes(publicKey), o.hash, o.mgfHash, o.label);
      return nodeCrypto.publicEncrypt({ key: publicKey, padding: nodeCrypto.constants.RSA_NO_PADDING }, em);
    }
    if (padding === 'PKCS1v15') return nodeCrypto.publicEncrypt({ key: publicKey, padding: nodeCrypto.constants.RSA_PKCS1_PADDING }, data);
  } catch (e) {
    if (e instanceof Error && e.name === 'CryptoError') throw e;
    throw invalidField('RSA encryption failed: data too long for the key and padding');
  }
  throw notSupported(`padding method ${padding} is not supported for RSA encryption`);
}

export function rsaPrivateDecrypt(privateKey: nodeCrypto.KeyObject, data: Buffer, p: CipherParams): Buffer {
  const padding = p.padding ?? 'OAEP';
  try {
    if (padding === 'OAEP') {
      const o = oaep(p);
      if (o.mgfHash === o.hash) {
        const opts = { key: privateKey, padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hashInfo(o.hash).node };
        return nodeCrypto.privateDecrypt(o.label.length ? { ...opts, oaepLabel: o.label } : opts, data);
      }
      const em = nodeCrypto.privateDecrypt({ key: privateKey, padding: nodeCrypto.constants.RSA_NO_PADDING }, data);
      try {
        return oaepDecode(em, o.hash, o.mgfHash, o.label);
      } finally {
        em.fill(0);
      }
    }
    if (padding === 'PKCS1v15') {
      // Node 20 refuses PKCS#1 v1.5 private decryption (CVE-2023-46809). Raw RSA, then strip the padding.
      // The strip below is not constant-time (Marvin); clients should prefer OAEP.
      const em = nodeCrypto.privateDecrypt({ key: privateKey, padding: nodeCrypto.constants.RSA_NO_PADDING }, data);
      const sep = em.indexOf(0, 2);
      if (em[0] !== 0 || em[1] !== 2 || sep < 10) throw new Error('bad padding');
      const out = Buffer.from(em.subarray(sep + 1));
      em.fill(0);
      return out;
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'CryptoError') throw e;
    throw cryptoFailure('RSA decryption failed');
  }
  throw notSupported(`padding method ${padding} is not supported for RSA decryption`);
}

function signOptions(key: nodeCrypto.KeyObject, p: SignParams, verify = false): nodeCrypto.SignKeyObjectInput {
  if (key.asymmetricKeyType === 'ec') return { key, dsaEncoding: 'der' };
  if (key.asymmetricKeyType !== 'rsa') throw notSupported(`signing with a ${key.asymmetricKeyType} key is not supported`);
  if ((p.padding ?? 'PKCS1v15') === 'PSS') {
    // Verifying without a salt length accepts any (signers such as OpenSSL default to the maximum).
    const auto = verify ? nodeCrypto.constants.RSA_PSS_SALTLEN_AUTO : hashInfo(p.hash).bytes;
    return { key, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: p.saltLength ?? auto };
  }
  return { key, padding: nodeCrypto.constants.RSA_PKCS1_PADDING };
}

/** Ed25519 is PureEdDSA over the message (RFC 8032); a pre-hashed variant (Ed25519ph) is not offered. */
function checkEd25519(p: SignParams): void {
  if (p.prehashed) throw notSupported('Ed25519 signs the data itself (PureEdDSA); Digested Data (Ed25519ph) is not supported');
}

export function softSign(key: nodeCrypto.KeyObject, data: Buffer, p: SignParams): Buffer {
  if (key.asymmetricKeyType === 'ed25519') {
    checkEd25519(p);
    return nodeCrypto.sign(null, data, key);
  }
  const h = hashInfo(p.hash);
  const opts = signOptions(key, p);
  if (p.prehashed) {
    if (!p.raw && data.length !== h.bytes) throw invalidField(`digested data must be ${h.bytes} bytes for ${p.hash}`);
    if (data.length === 0) throw invalidField('digested data is empty');
    // node's sign(null, data, ecKey) would hash the digest again.
    if (key.asymmetricKeyType === 'ec') return ecdsaSignDigest(key, curveOfKey(key), data);
    if ((p.padding ?? 'PKCS1v15') === 'PKCS1v15') {
      const tbs = p.raw ? data : Buffer.concat([h.digestInfoPrefix, data]);
      try {
        return nodeCrypto.privateEncrypt({ key, padding: nodeCrypto.constants.RSA_PKCS1_PADDING }, tbs);
      } catch {
        throw invalidField('digested data is too long for this RSA key');
      }
    }
    // PSS over a digest: EMSA-PSS encoding here, raw RSA by node:crypto.
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    const em = pssEncode(data, bits, p.hash, p.saltLength ?? h.bytes);
    const k = Math.ceil(bits / 8);
    return nodeCrypto.privateEncrypt({ key, padding: nodeCrypto.constants.RSA_NO_PADDING }, Buffer.concat([Buffer.alloc(k - em.length), em]));
  }
  return nodeCrypto.sign(h.node, data, opts);
}

export function softVerify(key: nodeCrypto.KeyObject, data: Buffer, signature: Buffer, p: SignParams): boolean {
  if (key.asymmetricKeyType === 'ed25519') {
    checkEd25519(p);
    return signature.length === 64 && nodeCrypto.verify(null, data, key, signature);
  }
  const h = hashInfo(p.hash);
  const opts = signOptions(key, p, true) as nodeCrypto.VerifyKeyObjectInput;
  try {
    if (p.prehashed) {
      if (!p.raw && data.length !== h.bytes) throw invalidField(`digested data must be ${h.bytes} bytes for ${p.hash}`);
      if (key.asymmetricKeyType === 'ec') return ecdsaVerifyDigest(key, curveOfKey(key), data, signature);
      if ((p.padding ?? 'PKCS1v15') === 'PKCS1v15') {
        const em = nodeCrypto.publicDecrypt({ key, padding: nodeCrypto.constants.RSA_PKCS1_PADDING }, signature);
        const expected = p.raw ? data : Buffer.concat([h.digestInfoPrefix, data]);
        return em.length === expected.length && nodeCrypto.timingSafeEqual(expected, em);
      }
      const raw = nodeCrypto.publicDecrypt({ key, padding: nodeCrypto.constants.RSA_NO_PADDING }, signature);
      return pssVerify(data, raw, key.asymmetricKeyDetails?.modulusLength ?? 0, p.hash, p.saltLength);
    }
    return nodeCrypto.verify(h.node, data, opts, signature);
  } catch (e) {
    if (e instanceof Error && e.name === 'CryptoError') throw e;
    return false; // malformed signature = not valid
  }
}

/**
 * ECDH shared secret Z (SP 800-56A §5.7.1.2: the x-coordinate) of an EC private key and a peer public key,
 * which must be on the same curve. The caller zeroes the result.
 */
export function softEcdh(privateKey: nodeCrypto.KeyObject, publicKey: nodeCrypto.KeyObject): Buffer {
  if (privateKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyType !== 'ec') throw invalidField('ECDH needs an EC private key and an EC public key');
  if (curveOfKey(privateKey) !== curveOfKey(publicKey)) throw invalidField('ECDH needs both keys on the same curve');
  return nodeCrypto.diffieHellman({ privateKey, publicKey });
}

export function softHash(data: Buffer, alg: HashAlg): Buffer {
  return nodeCrypto.createHash(hashInfo(alg).node).update(data).digest();
}

/** HMAC (any hash) or CMAC (RFC 4493 for AES, SP 800-38B for 3DES), computed in software. */
export function softMac(algorithm: 'AES' | 'DES3' | 'HMAC' | 'GENERIC', key: Buffer, data: Buffer, p: MacParams): Buffer {
  if (p.algorithm === 'HMAC') {
    return nodeCrypto.createHmac(hashInfo(p.hash).node, key).update(data).digest();
  }
  if (algorithm !== 'AES' && algorithm !== 'DES3') throw invalidField(`CMAC needs an AES or 3DES key, not ${algorithm}`);
  return withCipherKey(algorithm, key, (k) => cmac(algorithm, k, data));
}

function cmac(algorithm: 'AES' | 'DES3', key: Buffer, data: Buffer): Buffer {
  const bs = algorithm === 'AES' ? 16 : 8;
  const rb = algorithm === 'AES' ? 0x87 : 0x1b;
  const name = algorithm === 'AES' ? `aes-${key.length * 8}-ecb` : 'des-ede3';
  const enc = (block: Buffer): Buffer => {
    const c = nodeCrypto.createCipheriv(name, key, null);
    c.setAutoPadding(false);
    return Buffer.concat([c.update(block), c.final()]);
  };
  const dbl = (b: Buffer): Buffer => {
    const out = Buffer.alloc(bs);
    for (let i = 0; i < bs; i++) out[i] = ((b[i] << 1) | (i + 1 < bs ? b[i + 1] >> 7 : 0)) & 0xff;
    if (b[0] & 0x80) out[bs - 1] ^= rb;
    return out;
  };
  const l = enc(Buffer.alloc(bs));
  const k1 = dbl(l);
  const k2 = dbl(k1);
  const n = Math.max(1, Math.ceil(data.length / bs));
  const complete = data.length > 0 && data.length % bs === 0;
  const last = Buffer.alloc(bs);
  data.copy(last, 0, (n - 1) * bs);
  if (!complete) last[data.length - (n - 1) * bs] = 0x80;
  const sub = complete ? k1 : k2;
  for (let i = 0; i < bs; i++) last[i] ^= sub[i];
  // CBC-MAC over all blocks: encrypt the first n-1 blocks in CBC with zero IV, then the tweaked last block.
  let x: Buffer = Buffer.alloc(bs);
  if (n > 1) {
    const cbc = nodeCrypto.createCipheriv(algorithm === 'AES' ? `aes-${key.length * 8}-cbc` : 'des-ede3-cbc', key, Buffer.alloc(bs));
    cbc.setAutoPadding(false);
    const out = Buffer.concat([cbc.update(data.subarray(0, (n - 1) * bs)), cbc.final()]);
    x = out.subarray(out.length - bs);
  }
  for (let i = 0; i < bs; i++) last[i] ^= x[i];
  const t = enc(last);
  l.fill(0);
  k1.fill(0);
  k2.fill(0);
  return t;
}

function chachaIv(iv: Buffer | undefined): Buffer {
  if (iv?.length === 16) return iv;
  if (iv?.length === 12) return Buffer.concat([Buffer.alloc(4), iv]);
  if (iv?.length === 8) return Buffer.concat([Buffer.alloc(8), iv]); // 64-bit counter 0, 64-bit nonce
  throw invalidField('ChaCha20 needs an IV/Counter/Nonce of 8, 12 or 16 bytes');
}

/** ChaCha20 and ChaCha20-Poly1305 (RFC 8439) with node:crypto; SoftHSM2 has neither. */
export function chachaEncrypt(key: Buffer, data: Buffer, p: CipherParams): EncryptResult {
  if (key.length !== 32) throw invalidField(`a ChaCha20 key is 32 bytes, not ${key.length}`);
  if (p.cipher === 'CHACHA20') {
    const c = nodeCrypto.createCipheriv('chacha20', key, chachaIv(p.iv));
    return { data: Buffer.concat([c.update(data), c.final()]) };
  }
  if (!p.iv || p.iv.length !== 12) throw invalidField('ChaCha20-Poly1305 needs a 12-byte nonce');
  const tagLength = p.tagLength ?? 16;
  if (tagLength < 4 || tagLength > 16) throw invalidField('ChaCha20-Poly1305 tags are 4 to 16 bytes');
  const c = nodeCrypto.createCipheriv('chacha20-poly1305', key, p.iv, { authTagLength: tagLength });
  if (p.aad?.length) c.setAAD(p.aad, { plaintextLength: data.length });
  const out = Buffer.concat([c.update(data), c.final()]);
  return { data: out, tag: c.getAuthTag() };
}

export function chachaDecrypt(key: Buffer, data: Buffer, p: DecipherParams): Buffer {
  if (key.length !== 32) throw invalidField(`a ChaCha20 key is 32 bytes, not ${key.length}`);
  if (p.cipher === 'CHACHA20') {
    const d = nodeCrypto.createDecipheriv('chacha20', key, chachaIv(p.iv));
    return Buffer.concat([d.update(data), d.final()]);
  }
  if (!p.iv || p.iv.length !== 12) throw invalidField('ChaCha20-Poly1305 needs a 12-byte nonce');
  if (!p.tag || p.tag.length < 4 || p.tag.length > 16) throw invalidField('ChaCha20-Poly1305 decryption needs a tag of 4 to 16 bytes');
  try {
    // A shorter tag is the truncated Poly1305 tag (compared on its length).
    const d = nodeCrypto.createDecipheriv('chacha20-poly1305', key, p.iv, { authTagLength: p.tag.length });
    if (p.aad?.length) d.setAAD(p.aad, { plaintextLength: data.length });
    d.setAuthTag(p.tag);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    throw cryptoFailure('authentication tag check failed');
  }
}
