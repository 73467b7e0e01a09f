/**
 * Derive Key with Derivation Method Asymmetric Key (KMIP 1.4+) and Cryptographic Algorithm ECDH: the shared
 * secret of an EC private key and a peer EC public key (OASIS TC-DERIVEKEY-6-14: Unique Identifiers private
 * key, then public key). Both objects need Derive Key in their Cryptographic Usage Mask and must be usable
 * now. The secret is computed inside the provider (PKCS#11: CKM_ECDH1_DERIVE) and comes back wrapped; no
 * KDF is applied (the client asks for at most the curve's size in bytes).
 */
import { CryptographicAlgorithm, ObjectType, ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { isPublicKeyRef, type KeySpec, type WrappedKey } from '../../crypto/port';
import type { StoredObject } from '../../store/port';
import type { OperationContext } from '../types';
import type { KmipCryptoParams } from './params';
import { keyRefOf } from './key';

const invalid = (m: string): KmipError => new KmipError(ResultReason.InvalidField, m);

/** objects: as loaded and checked by Derive Key (tenant, Derive Key usage, lifecycle). Returns the derived key, wrapped. */
export async function deriveByEcdh(
  ctx: OperationContext,
  objects: StoredObject[],
  p: KmipCryptoParams,
  spec: KeySpec,
  bytes: number,
): Promise<WrappedKey> {
  const alg = p.algorithm;
  if (alg !== undefined && alg !== CryptographicAlgorithm.ECDH && alg !== CryptographicAlgorithm.EC) {
    throw new KmipError(ResultReason.FeatureNotSupported, 'Derivation Method Asymmetric Key supports Cryptographic Algorithm ECDH only');
  }
  if (objects.length !== 2) throw invalid('ECDH derivation needs two Unique Identifiers: the private key, then the peer public key');
  const [privObj, pubObj] = objects;
  if (privObj.objectType !== ObjectType.PrivateKey || pubObj.objectType !== ObjectType.PublicKey) {
    throw new KmipError(ResultReason.InvalidObjectType, 'ECDH derivation needs a Private Key, then a Public Key');
  }
  const priv = keyRefOf(ctx, privObj);
  const pub = keyRefOf(ctx, pubObj);
  if (isPublicKeyRef(priv.key) || priv.spec.algorithm !== 'EC') throw invalid(`object "${privObj.uid}" is not an EC private key`);
  if (pub.spec.algorithm !== 'EC') throw invalid(`object "${pubObj.uid}" is not an EC public key`);
  // A registered public key may be held wrapped (SPKI); public material is not secret.
  const spki = isPublicKeyRef(pub.key) ? pub.key.publicKey : await ctx.crypto.exportKey(pub.key);
  return ctx.crypto.deriveEcdh(priv.key, spki, spec, bytes);
}
