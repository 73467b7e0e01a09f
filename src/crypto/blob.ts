/**
 * Layout of WrappedKey.wrapped, shared by both adapters:
 *
 *   byte 0  0x54 ('T')   magic
 *   byte 1  0x01         layout version
 *   byte 2  key class    1 secret, 2 private (PKCS#8), 3 public (SPKI)
 *   byte 3  algorithm    1 AES, 2 DES3, 3 HMAC, 4 GENERIC, 5 RSA, 6 EC, 7 ED25519
 *   4..5    length of the plaintext material, big-endian
 *   6..     RFC 5649 AES key wrap with padding of the material under the KEK
 *
 * The length is there because SoftHSM2 2.6.1's C_UnwrapKey with CKM_AES_KEY_WRAP_PAD returns the
 * material with its padding (a multiple of 8 bytes) instead of stripping it; key lengths are not secret
 * (they are the Cryptographic Length attribute).
 * The header lets the provider unwrap with the right PKCS#11 template without the store having to
 * carry key types. It is not authenticated: a tampered header makes the unwrap fail (wrong length or
 * unparsable PKCS#8), it never reveals material.
 */
import type { KeyAlgorithm, KeyClass, KeySpec } from './port';
import { CryptoError } from './errors';
import { ResultReason } from '../kmip/enums';

const MAGIC = 0x54;
const VERSION = 1;
const CLASSES: KeyClass[] = ['secret', 'private', 'public'];
const ALGORITHMS: KeyAlgorithm[] = ['AES', 'DES3', 'HMAC', 'GENERIC', 'RSA', 'EC', 'ED25519'];
export const HEADER_LENGTH = 6;
const MAX_LENGTH = 0xffff;

export function encodeBlob(spec: KeySpec, length: number, wrapped: Buffer): Buffer {
  if (length < 1 || length > MAX_LENGTH) throw new CryptoError(ResultReason.InvalidField, `key material of ${length} bytes is too long`, 'BAD_LENGTH');
  const header = Buffer.from([MAGIC, VERSION, CLASSES.indexOf(spec.keyClass) + 1, ALGORITHMS.indexOf(spec.algorithm) + 1, length >> 8, length & 0xff]);
  return Buffer.concat([header, wrapped]);
}

export function decodeBlob(blob: Buffer): { spec: KeySpec; length: number; wrapped: Buffer } {
  const cls = CLASSES[blob[2] - 1];
  const alg = ALGORITHMS[blob[3] - 1];
  // RFC 5649 output is at least 16 bytes.
  if (blob.length < HEADER_LENGTH + 16 || blob[0] !== MAGIC || blob[1] !== VERSION || !cls || !alg) {
    throw new CryptoError(ResultReason.CryptographicFailure, 'stored key material is not in a known wrapped form', 'BAD_BLOB');
  }
  const length = blob.readUInt16BE(4);
  // RFC 5649: the wrapped form is the material padded to 8 bytes, plus 8.
  if (length === 0 || blob.length - HEADER_LENGTH !== Math.max(16, Math.ceil(length / 8) * 8 + 8)) {
    throw new CryptoError(ResultReason.CryptographicFailure, 'stored key material does not match its recorded length', 'BAD_BLOB');
  }
  return { spec: { keyClass: cls, algorithm: alg }, length, wrapped: blob.subarray(HEADER_LENGTH) };
}

/** Which algorithms may come with which class. */
export function checkSpec(spec: KeySpec): void {
  const asym = spec.algorithm === 'RSA' || spec.algorithm === 'EC' || spec.algorithm === 'ED25519';
  if (!CLASSES.includes(spec.keyClass) || !ALGORITHMS.includes(spec.algorithm) || asym === (spec.keyClass === 'secret')) {
    throw new CryptoError(ResultReason.InvalidField, `key class ${spec.keyClass} does not go with algorithm ${spec.algorithm}`, 'BAD_SPEC');
  }
}
