/**
 * Checks plaintext material before a provider wraps it, so bad Register input becomes a KMIP error
 * instead of an unusable stored key. Returns the parsed KeyObject for asymmetric material.
 */
import * as nodeCrypto from 'node:crypto';
import type { Curve, KeySpec } from './port';
import { checkSpec } from './blob';
import { curveInfo, CURVES } from './common';
import { invalidField, notSupported } from './errors';

export function validateMaterial(spec: KeySpec, material: Buffer): nodeCrypto.KeyObject | undefined {
  checkSpec(spec);
  if (spec.keyClass === 'secret') {
    const n = material.length;
    if (spec.algorithm === 'AES' && n !== 16 && n !== 24 && n !== 32) throw invalidField(`AES key material must be 16, 24 or 32 bytes, not ${n}`);
    if (spec.algorithm === 'DES3' && n !== 16 && n !== 24) throw invalidField(`3DES key material must be 16 (two-key) or 24 bytes, not ${n}`);
    if (n < 1 || n > 8192) throw invalidField(`secret material of ${n} bytes is out of range (1..8192)`);
    return undefined;
  }
  let key: nodeCrypto.KeyObject;
  try {
    key =
      spec.keyClass === 'private'
        ? nodeCrypto.createPrivateKey({ key: material, format: 'der', type: 'pkcs8' })
        : nodeCrypto.createPublicKey({ key: material, format: 'der', type: 'spki' });
  } catch {
    throw invalidField(`${spec.keyClass} key material is not valid ${spec.keyClass === 'private' ? 'PKCS#8' : 'SubjectPublicKeyInfo'} DER`);
  }
  const type = key.asymmetricKeyType;
  if ((spec.algorithm === 'RSA' && type !== 'rsa') || (spec.algorithm === 'EC' && type !== 'ec')) {
    throw invalidField(`key material is a ${type} key, not ${spec.algorithm}`);
  }
  if (type === 'ec') curveOfKey(key);
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 1024 || bits > 16384) throw invalidField(`RSA modulus of ${bits} bits is out of range (1024..16384)`);
  }
  return key;
}

const NODE_TO_CURVE: Record<string, Curve> = Object.fromEntries(
  Object.entries(CURVES).map(([c, info]) => [info.node, c as Curve]),
) as Record<string, Curve>;

export function curveOfKey(key: nodeCrypto.KeyObject): Curve {
  const named = key.asymmetricKeyDetails?.namedCurve ?? '';
  const curve = NODE_TO_CURVE[named] ?? (CURVES[named as Curve] ? (named as Curve) : undefined);
  if (!curve) throw notSupported(`elliptic curve ${named || 'unknown'} is not supported`);
  curveInfo(curve);
  return curve;
}

/** RSA or EC, from SubjectPublicKeyInfo DER. */
export function spkiAlgorithm(spki: Buffer): 'RSA' | 'EC' {
  try {
    return nodeCrypto.createPublicKey({ key: spki, format: 'der', type: 'spki' }).asymmetricKeyType === 'ec' ? 'EC' : 'RSA';
  } catch {
    throw invalidField('public key is not valid SubjectPublicKeyInfo DER');
  }
}
