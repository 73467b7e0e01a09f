/** Signature parameters for Sign and Signature Verify, from Cryptographic Parameters and the key. */
import { ResultReason, CryptographicAlgorithm } from '../../kmip';
import { KmipError } from '../../message/errors';
import type { KeySpec, SignParams } from '../../crypto/port';
import type { KmipCryptoParams } from './params';

/**
 * Digital Signature Algorithm wins; else Hashing Algorithm + Padding Method; defaults SHA-256 and, for RSA,
 * PKCS#1 v1.5.
 */
export function signParams(spec: KeySpec, p: KmipCryptoParams, prehashed: boolean): SignParams {
  if (spec.algorithm === 'ED25519') {
    // PureEdDSA (RFC 8032): the data itself is signed, SHA-512 is part of the algorithm; nothing to choose.
    if (prehashed) throw new KmipError(ResultReason.InvalidField, 'Ed25519 signs Data (PureEdDSA), not Digested Data');
    if (p.signature || (p.padding && p.padding !== 'None')) {
      throw new KmipError(ResultReason.InvalidField, 'an RSA or ECDSA signature algorithm or padding was given for an Ed25519 key');
    }
    return { hash: 'SHA-512', prehashed: false };
  }
  if (spec.algorithm !== 'RSA' && spec.algorithm !== 'EC') {
    throw new KmipError(ResultReason.InvalidField, `a ${spec.algorithm} key cannot be used for signatures`);
  }
  const named = p.signature?.hash ?? p.hash;
  const hash = named ?? 'SHA-256';
  // Digested Data without a Hashing Algorithm: the bytes are signed as given (OASIS TC-RSA-SIGN-DIGESTEDDATA-1).
  const raw = prehashed && named === undefined;
  if (spec.algorithm === 'EC') {
    if (p.signature?.padding || (p.padding && p.padding !== 'None')) {
      throw new KmipError(ResultReason.InvalidField, 'an RSA signature algorithm or padding was given for an EC key');
    }
    return { hash, prehashed, raw };
  }
  if (p.signature && !p.signature.padding) throw new KmipError(ResultReason.InvalidField, 'an ECDSA signature algorithm was given for an RSA key');
  const padding = p.signature?.padding ?? (p.padding === 'PSS' ? 'PSS' : p.padding === undefined || p.padding === 'PKCS1v15' ? 'PKCS1v15' : undefined);
  if (!padding) throw new KmipError(ResultReason.FeatureNotSupported, `padding method ${p.padding} is not supported for RSA signatures`);
  if (raw && padding === 'PSS') throw new KmipError(ResultReason.InvalidField, 'PSS over Digested Data needs the Hashing Algorithm of the digest');
  return { hash, padding, saltLength: p.saltLength, prehashed, raw };
}

/**
 * Whether the Cryptographic Parameters describe a signature this key could have made: RSA padding or
 * algorithm for an EC key, or ECDSA for an RSA key, cannot. Signature Verify answers Invalid for those
 * (OASIS TC-ECDSA-SIGN-DIGESTEDDATA-1-14 checks an ECDSA signature with RSA-PSS parameters and expects
 * Invalid); Sign refuses them (signParams).
 */
export function paramsFitKey(spec: KeySpec, p: KmipCryptoParams): boolean {
  const rsa = p.signature?.padding !== undefined || (p.padding !== undefined && p.padding !== 'None') || p.algorithm === CryptographicAlgorithm.RSA;
  const ec = (p.signature !== undefined && p.signature.padding === undefined) ||
    p.algorithm === CryptographicAlgorithm.ECDSA || p.algorithm === CryptographicAlgorithm.EC;
  if (spec.algorithm === 'RSA') return !ec;
  if (spec.algorithm === 'EC') return !rsa;
  if (spec.algorithm === 'ED25519') return !rsa && !ec;
  return true;
}
