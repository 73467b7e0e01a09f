/** Which MAC an operation computes: HMAC with the hash of the HMAC algorithm, or CMAC for AES/3DES keys. */
import { ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { intOf } from '../../attributes/list';
import type { KeySpec, MacParams } from '../../crypto/port';
import type { StoredObject } from '../../store/port';
import { HMAC_HASHES, type KmipCryptoParams } from './params';

export function macParams(spec: KeySpec, obj: StoredObject, p: KmipCryptoParams): MacParams {
  if (spec.keyClass !== 'secret') throw new KmipError(ResultReason.InvalidField, 'MAC needs a symmetric key');
  if (spec.algorithm === 'AES' || spec.algorithm === 'DES3') {
    if (p.mode !== undefined) {
      // Only CMAC is offered for block-cipher keys (CBC-MAC is unsafe for variable lengths).
      throw new KmipError(ResultReason.FeatureNotSupported, `MAC with Block Cipher Mode ${p.mode} is not supported; use CMAC`);
    }
    return { algorithm: 'CMAC' };
  }
  const alg = p.algorithm ?? intOf(obj.attributes, 'Cryptographic Algorithm');
  const hash = alg !== undefined ? HMAC_HASHES[alg] : undefined;
  if (!hash) throw new KmipError(ResultReason.InvalidField, 'MAC needs an HMAC Cryptographic Algorithm (HMAC-SHA1 ... HMAC-SHA512)');
  return { algorithm: 'HMAC', hash };
}
