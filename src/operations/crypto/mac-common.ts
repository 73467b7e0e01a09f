/** Which MAC an operation computes: HMAC with the hash of the HMAC algorithm, or CMAC for AES/3DES keys. */
import { ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { intOf } from '../../attributes/list';
import type { KeySpec, MacParams } from '../../crypto/port';
import type { StoredObject } from '../../store/port';
import { HMAC_HASHES, type KmipCryptoParams } from './params';

export function macParams(spec: KeySpec, obj: StoredObject, p: KmipCryptoParams): MacParams {
  if (spec.keyClass !== 'secret') throw new KmipError(ResultReason.InvalidField, 'MAC needs a symmetric key');
  if (p.mode !== undefined) {
    // Only CMAC is offered for block-cipher MACs (CBC-MAC is unsafe for variable lengths).
    throw new KmipError(ResultReason.FeatureNotSupported, `MAC with Block Cipher Mode ${p.mode} is not supported; use CMAC`);
  }
  const block = spec.algorithm === 'AES' || spec.algorithm === 'DES3';
  // An HMAC algorithm in Cryptographic Parameters (request or attribute) wins, even over an AES key
  // (OASIS CS-AC-M-4-21: AES key material used with HMAC-SHA256); then the key's own algorithm.
  const alg = p.cmac ? undefined : (p.algorithm !== undefined && HMAC_HASHES[p.algorithm] ? p.algorithm : intOf(obj.attributes, 'Cryptographic Algorithm'));
  const hash = alg !== undefined ? HMAC_HASHES[alg] : undefined;
  if (hash) return { algorithm: 'HMAC', hash };
  if (block) return { algorithm: 'CMAC' };
  throw new KmipError(ResultReason.InvalidField, 'MAC needs an HMAC Cryptographic Algorithm (HMAC-SHA1 ... HMAC-SHA512) or an AES/3DES key for CMAC');
}
