/**
 * Small pieces both adapters share: KMIP algorithm mapping for key generation, length rules, hash
 * metadata, EC curve metadata and the ECDSA signature encodings (PKCS#11 returns r||s, clients expect DER).
 */
import { CryptographicAlgorithm } from '../kmip/enums';
import type { Curve, HashAlg, KeySpec } from './port';
import { invalidField, notSupported } from './errors';

export type SecretAlgorithm = 'AES' | 'DES3' | 'HMAC' | 'GENERIC';

/**
 * How a symmetric key of a KMIP Cryptographic Algorithm is generated and held:
 *  algorithm  the blob/provider class it is held as (ciphers the providers implement keep their own; any
 *             other algorithm is a GENERIC secret: random bytes the server stores and returns, e.g.
 *             SKIPJACK, Blowfish, ChaCha20);
 *  bytes      material length;
 *  gen        the generator: PKCS#11 maps it to CKM_AES_KEY_GEN, CKM_DES_KEY_GEN, CKM_DES2_KEY_GEN,
 *             CKM_DES3_KEY_GEN or CKM_GENERIC_SECRET_KEY_GEN (see pkcs11/mechanisms.ts); the DES
 *             generators set odd parity, the software provider does the same.
 */
export interface SecretKeyPlan {
  algorithm: SecretAlgorithm;
  bytes: number;
  gen: 'AES' | 'DES' | 'DES2' | 'DES3' | 'GENERIC';
}

/** Allowed lengths (bits) of a GENERIC-held algorithm: a list, or a range in steps. */
type LengthRule = readonly number[] | { min: number; max: number; step: number };

const A = CryptographicAlgorithm;
const HMACS: ReadonlySet<number> = new Set([
  A.HMAC_SHA1, A.HMAC_SHA224, A.HMAC_SHA256, A.HMAC_SHA384, A.HMAC_SHA512, A.HMAC_MD5,
  A.HMAC_SHA3_224, A.HMAC_SHA3_256, A.HMAC_SHA3_384, A.HMAC_SHA3_512,
]);
/** Key sizes from each algorithm's definition (SKIPJACK 80; CAST5 40..128; RC2/RC4/RC5 byte-sized ranges ...). */
const GENERIC_LENGTHS: ReadonlyMap<number, LengthRule> = new Map<number, LengthRule>([
  [A.SKIPJACK, [80]],
  [A.Blowfish, { min: 32, max: 448, step: 8 }],
  [A.Camellia, [128, 192, 256]],
  [A.CAST5, { min: 40, max: 128, step: 8 }],
  [A.IDEA, [128]],
  [A.MARS, { min: 128, max: 448, step: 32 }],
  [A.RC2, { min: 8, max: 1024, step: 8 }],
  [A.RC4, { min: 40, max: 2048, step: 8 }],
  [A.RC5, { min: 8, max: 2040, step: 8 }],
  [A.Twofish, [128, 192, 256]],
  [A.ChaCha20, [256]],
  [A.ChaCha20Poly1305, [256]],
  [A.Poly1305, [256]],
  [A.ARIA, [128, 192, 256]],
  [A.SEED, [128]],
  [A.SM4, [128]],
]);

function lengthAllowed(rule: LengthRule, bits: number): boolean {
  if (Array.isArray(rule)) return rule.includes(bits);
  const r = rule as { min: number; max: number; step: number };
  return bits >= r.min && bits <= r.max && bits % r.step === 0;
}

function describeRule(rule: LengthRule): string {
  if (Array.isArray(rule)) return rule.join(', ');
  const r = rule as { min: number; max: number; step: number };
  return `${r.min} to ${r.max} in steps of ${r.step}`;
}

/** KMIP Cryptographic Algorithm + Cryptographic Length (bits) -> how to generate the key; typed errors otherwise. */
export function symmetricKeyPlan(kmipAlgorithm: number, lengthBits: number): SecretKeyPlan {
  if (!Number.isInteger(lengthBits) || lengthBits <= 0) throw invalidField(`key length ${lengthBits} is not a positive integer`);
  // The algorithm's name is for error messages only: looked up when one is thrown (not on every Create).
  const name = () => Object.entries(CryptographicAlgorithm).find(([, v]) => v === kmipAlgorithm)?.[0] ?? `0x${kmipAlgorithm.toString(16)}`;
  switch (kmipAlgorithm) {
    case A.AES:
      return { algorithm: 'AES', bytes: secretLengthBytes('AES', lengthBits), gen: 'AES' };
    case A.DES3:
      // Two-key 3DES: 112 effective bits, 128 with parity; three-key: 168, or 192 with parity.
      if (lengthBits === 112 || lengthBits === 128) return { algorithm: 'DES3', bytes: 16, gen: 'DES2' };
      return { algorithm: 'DES3', bytes: secretLengthBytes('DES3', lengthBits), gen: 'DES3' };
    case A.DES:
      // Single DES is held as a generic secret: no operation here uses it as a cipher.
      if (lengthBits !== 56 && lengthBits !== 64) throw invalidField(`DES key length must be 56 or 64 bits, not ${lengthBits}`);
      return { algorithm: 'GENERIC', bytes: 8, gen: 'DES' };
    default:
      break;
  }
  if (HMACS.has(kmipAlgorithm)) return { algorithm: 'HMAC', bytes: secretLengthBytes('HMAC', lengthBits), gen: 'GENERIC' };
  const rule = GENERIC_LENGTHS.get(kmipAlgorithm);
  if (!rule) throw notSupported(`generating a symmetric key of Cryptographic Algorithm ${name()} is not supported`);
  if (!lengthAllowed(rule, lengthBits)) throw invalidField(`${name()} key length must be ${describeRule(rule)} bits, not ${lengthBits}`);
  return { algorithm: 'GENERIC', bytes: lengthBits / 8, gen: 'GENERIC' };
}

/** Checks a requested secret length and returns it in bytes. */
export function secretLengthBytes(alg: SecretAlgorithm, lengthBits: number): number {
  if (!Number.isInteger(lengthBits) || lengthBits <= 0) throw invalidField(`key length ${lengthBits} is not a positive integer`);
  switch (alg) {
    case 'AES':
      if (lengthBits !== 128 && lengthBits !== 192 && lengthBits !== 256) {
        throw invalidField(`AES key length must be 128, 192 or 256 bits, not ${lengthBits}`);
      }
      return lengthBits / 8;
    case 'DES3':
      // Three-key 3DES: 168 effective bits, 192 with parity bits. (Two-key keys: symmetricKeyPlan.)
      if (lengthBits !== 168 && lengthBits !== 192) throw invalidField(`3DES key length must be 112, 128, 168 or 192 bits, not ${lengthBits}`);
      return 24;
    default:
      if (lengthBits % 8 !== 0 || lengthBits < 64 || lengthBits > 4096) {
        throw invalidField(`${alg} key length must be a multiple of 8 between 64 and 4096 bits, not ${lengthBits}`);
      }
      return lengthBits / 8;
  }
}

/** A two-key (16-byte) 3DES key as the three-key form K1||K2||K1 that des-ede3 takes; 24-byte keys as they are. Caller zeroes a copy. */
export function des3Key24(key: Buffer): Buffer {
  if (key.length === 24) return key;
  if (key.length !== 16) throw invalidField(`3DES key material must be 16 or 24 bytes, not ${key.length}`);
  return Buffer.concat([key, key.subarray(0, 8)]);
}

export const HASHES: Record<HashAlg, { node: string; bytes: number; digestInfoPrefix: Buffer }> = {
  'SHA-1': { node: 'sha1', bytes: 20, digestInfoPrefix: Buffer.from('3021300906052b0e03021a05000414', 'hex') },
  'SHA-224': { node: 'sha224', bytes: 28, digestInfoPrefix: Buffer.from('302d300d06096086480165030402040500041c', 'hex') },
  'SHA-256': { node: 'sha256', bytes: 32, digestInfoPrefix: Buffer.from('3031300d060960864801650304020105000420', 'hex') },
  'SHA-384': { node: 'sha384', bytes: 48, digestInfoPrefix: Buffer.from('3041300d060960864801650304020205000430', 'hex') },
  'SHA-512': { node: 'sha512', bytes: 64, digestInfoPrefix: Buffer.from('3051300d060960864801650304020305000440', 'hex') },
  // FIPS 202; DigestInfo with the NIST OIDs 2.16.840.1.101.3.4.2.7-10 (RFC 8702 / PKCS#1 v2.2 usage).
  'SHA3-224': { node: 'sha3-224', bytes: 28, digestInfoPrefix: Buffer.from('302d300d06096086480165030402070500041c', 'hex') },
  'SHA3-256': { node: 'sha3-256', bytes: 32, digestInfoPrefix: Buffer.from('3031300d060960864801650304020805000420', 'hex') },
  'SHA3-384': { node: 'sha3-384', bytes: 48, digestInfoPrefix: Buffer.from('3041300d060960864801650304020905000430', 'hex') },
  'SHA3-512': { node: 'sha3-512', bytes: 64, digestInfoPrefix: Buffer.from('3051300d060960864801650304020a05000440', 'hex') },
};

export function hashInfo(alg: HashAlg): (typeof HASHES)[HashAlg] {
  const h = HASHES[alg];
  if (!h) throw notSupported(`hashing algorithm ${String(alg)} is not supported`);
  return h;
}

export const CURVES: Record<Curve, { node: string; oidDer: Buffer; bytes: number }> = {
  'P-256': { node: 'prime256v1', oidDer: Buffer.from('06082a8648ce3d030107', 'hex'), bytes: 32 },
  'P-384': { node: 'secp384r1', oidDer: Buffer.from('06052b81040022', 'hex'), bytes: 48 },
  'P-521': { node: 'secp521r1', oidDer: Buffer.from('06052b81040023', 'hex'), bytes: 66 },
  // SoftHSM2 (OpenSSL backend) generates and signs on any named curve OpenSSL knows; JWK names it "secp256k1".
  secp256k1: { node: 'secp256k1', oidDer: Buffer.from('06052b8104000a', 'hex'), bytes: 32 },
};

export function curveInfo(c: Curve): (typeof CURVES)[Curve] {
  const info = CURVES[c];
  if (!info) throw notSupported(`elliptic curve ${String(c)} is not supported`);
  return info;
}

export function curveByOid(oidDer: Buffer): Curve | undefined {
  for (const [name, info] of Object.entries(CURVES)) if (info.oidDer.equals(oidDer)) return name as Curve;
  return undefined;
}

function derInt(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  let v = b.subarray(i);
  if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return Buffer.concat([Buffer.from([0x02]), derLen(v.length), v]);
}

function derLen(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

/** r||s (PKCS#11 CKM_ECDSA output) -> DER SEQUENCE { r INTEGER, s INTEGER }. */
export function ecdsaRawToDer(raw: Buffer): Buffer {
  const half = raw.length / 2;
  const body = Buffer.concat([derInt(raw.subarray(0, half)), derInt(raw.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30]), derLen(body.length), body]);
}

/** DER ECDSA signature -> r||s with each half `size` bytes; undefined when it does not parse. */
export function ecdsaDerToRaw(der: Buffer, size: number): Buffer | undefined {
  let p = 0;
  const readLen = (): number | undefined => {
    if (p >= der.length) return undefined;
    const first = der[p++];
    if (first < 0x80) return first;
    const n = first & 0x7f;
    if (n < 1 || n > 2 || p + n > der.length) return undefined;
    let len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | der[p++];
    return len;
  };
  if (der[p++] !== 0x30) return undefined;
  const seqLen = readLen();
  if (seqLen === undefined || p + seqLen !== der.length) return undefined;
  const out = Buffer.alloc(size * 2);
  for (let k = 0; k < 2; k++) {
    if (der[p++] !== 0x02) return undefined;
    const len = readLen();
    if (len === undefined || len < 1 || p + len > der.length) return undefined;
    let v = der.subarray(p, p + len);
    p += len;
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    if (v.length > size) return undefined;
    v.copy(out, k * size + (size - v.length));
  }
  return p === der.length ? out : undefined;
}

/** Sets odd parity on each byte of a DES key (SoftHSM does the same on generation). */
export function setDesParity(key: Buffer): void {
  for (let i = 0; i < key.length; i++) {
    let b = key[i] & 0xfe;
    let ones = 0;
    for (let x = b; x; x >>= 1) ones += x & 1;
    if (ones % 2 === 0) b |= 1;
    key[i] = b;
  }
}

/** Copy into an owned buffer (callers zero it). */
export function owned(b: Buffer): Buffer {
  const c = Buffer.alloc(b.length);
  b.copy(c);
  return c;
}

/** The block cipher a secret key can be used with. */
export function cipherAlg(spec: KeySpec): 'AES' | 'DES3' {
  if (spec.algorithm === 'AES' || spec.algorithm === 'DES3') return spec.algorithm;
  throw invalidField(`a ${spec.algorithm} key cannot be used with a block cipher`);
}
