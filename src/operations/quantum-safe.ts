/**
 * Quantum Safe (KMIP 2.0+ §4.45): "a flag to be set to indicate an object is required to be Quantum Safe for the
 * given Protection Period and Protection Level". A server that cannot give that must refuse the object.
 *
 * This server's judgement, the same for every Protection Period and Level (the strictest reading):
 *  - symmetric keys of at least 256 bits for AES, ChaCha20 and the SHA-2/SHA-3 HMACs are quantum safe (Grover's
 *    search leaves them 128 bits of security; NIST IR 8105, CNSA 2.0 require AES-256);
 *  - shorter symmetric keys, other symmetric algorithms, and every key pair, public key, private key and
 *    certificate this server can hold (RSA, DSA, DH, EC: broken by Shor's algorithm) are not;
 *  - objects without a cryptographic algorithm of their own (Secret Data, Opaque Objects, Templates...) are not
 *    judged.
 * The KMIP 2.1 Quantum Safe profile vector (QS-M-2-21) answers a refusal with General Failure.
 */
import { CryptographicAlgorithm, ObjectType, ResultReason } from '../kmip';
import { ItemType } from '../kmip/item-type';
import { KmipError } from '../message/errors';
import { findAttr, intOf } from '../attributes/list';
import type { Attribute } from '../attributes/model';

const SAFE_SYMMETRIC: ReadonlySet<number> = new Set([
  CryptographicAlgorithm.AES,
  CryptographicAlgorithm.ChaCha20,
  CryptographicAlgorithm.ChaCha20Poly1305,
  CryptographicAlgorithm.HMAC_SHA256,
  CryptographicAlgorithm.HMAC_SHA384,
  CryptographicAlgorithm.HMAC_SHA512,
  CryptographicAlgorithm.HMAC_SHA3_256,
  CryptographicAlgorithm.HMAC_SHA3_384,
  CryptographicAlgorithm.HMAC_SHA3_512,
]);

const ASYMMETRIC_TYPES: ReadonlySet<number> = new Set([ObjectType.PublicKey, ObjectType.PrivateKey, ObjectType.Certificate]);

/** undefined = not judged; true/false = whether the object is quantum safe. */
export function isQuantumSafe(objectType: number, attrs: Attribute[]): boolean | undefined {
  if (ASYMMETRIC_TYPES.has(objectType)) return false;
  if (objectType !== ObjectType.SymmetricKey) return undefined;
  const alg = intOf(attrs, 'Cryptographic Algorithm');
  const len = intOf(attrs, 'Cryptographic Length');
  return alg !== undefined && SAFE_SYMMETRIC.has(alg) && len !== undefined && len >= 256;
}

/** Refuse a new object that is required to be Quantum Safe and is not. */
export function checkQuantumSafe(objectType: number, attrs: Attribute[]): void {
  const flag = findAttr(attrs, 'Quantum Safe');
  if (flag?.value.type !== ItemType.Boolean || !flag.value.value) return;
  if (isQuantumSafe(objectType, attrs) === false) {
    throw new KmipError(ResultReason.GeneralFailure, 'the object is required to be Quantum Safe and is not (needs a symmetric key of at least 256 bits)');
  }
}
