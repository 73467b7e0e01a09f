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
    checkSecretLength(spec, material.length);
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
  const want = spec.algorithm === 'RSA' ? 'rsa' : spec.algorithm === 'EC' ? 'ec' : 'ed25519';
  if (type !== want) {
    throw invalidField(`key material is a ${type} key, not ${spec.algorithm}`);
  }
  if (type === 'ec') curveOfKey(key);
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 1024 || bits > 16384) throw invalidField(`RSA modulus of ${bits} bits is out of range (1024..16384)`);
  }
  return key;
}

/** Lengths a secret of spec may have (bytes). */
export function checkSecretLength(spec: KeySpec, n: number): void {
  if (spec.algorithm === 'AES' && n !== 16 && n !== 24 && n !== 32) throw invalidField(`AES key material must be 16, 24 or 32 bytes, not ${n}`);
  if (spec.algorithm === 'DES3' && n !== 16 && n !== 24) throw invalidField(`3DES key material must be 16 (two-key) or 24 bytes, not ${n}`);
  if (n < 1 || n > 8192) throw invalidField(`secret material of ${n} bytes is out of range (1..8192)`);
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

/** RSA, EC or Ed25519, from SubjectPublicKeyInfo DER. */
export function spkiAlgorithm(spki: Buffer): 'RSA' | 'EC' | 'ED25519' {
  let type: string | undefined;
  try {
    type = nodeCrypto.createPublicKey({ key: spki, format: 'der', type: 'spki' }).asymmetricKeyType;
  } catch {
    throw invalidField('public key is not valid SubjectPublicKeyInfo DER');
  }
  if (type === 'ec') return 'EC';
  if (type === 'ed25519') return 'ED25519';
  if (type === 'rsa') return 'RSA';
  throw notSupported(`${type} public keys are not supported`);
}

/** Ed25519 PKCS#8 (RFC 8410) is this 16-byte prefix and the 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** Ed25519 SubjectPublicKeyInfo (RFC 8410) is this 12-byte prefix and the 32-byte public key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519Pkcs8(seed: Buffer): Buffer {
  if (seed.length !== 32) throw invalidField(`an Ed25519 private key is 32 bytes, not ${seed.length}`);
  return Buffer.concat([ED25519_PKCS8_PREFIX, seed]);
}

/** The 32-byte seed of Ed25519 PKCS#8 DER (any valid encoding, e.g. with the public key attached): an owned copy. */
export function ed25519Seed(pkcs8: Buffer): Buffer {
  const key = validateMaterial({ keyClass: 'private', algorithm: 'ED25519' }, pkcs8)!;
  return Buffer.from(key.export({ format: 'jwk' }).d ?? '', 'base64url');
}

export function ed25519Spki(publicKey: Buffer): Buffer {
  if (publicKey.length !== 32) throw invalidField(`an Ed25519 public key is 32 bytes, not ${publicKey.length}`);
  return Buffer.concat([ED25519_SPKI_PREFIX, publicKey]);
}
